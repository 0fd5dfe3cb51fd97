#!/bin/sh
# The channel suite on the memfd backend.
exec sh "${srcdir:-.}/pr/tests/run-with-backend.sh" memfd "${builddir:-.}/pr/tests/test_channel"
