#!/bin/sh
# The anonymous-map suite on the tmpfile-named backend.
exec sh "${srcdir:-.}/pr/tests/run-with-backend.sh" tmpfile-named "${builddir:-.}/pr/tests/test_anonmap"
