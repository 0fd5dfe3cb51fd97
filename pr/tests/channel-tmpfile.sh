#!/bin/sh
# The channel suite on the tmpfile backend.
exec sh "${srcdir:-.}/pr/tests/run-with-backend.sh" tmpfile "${builddir:-.}/pr/tests/test_channel"
