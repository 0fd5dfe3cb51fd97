#!/bin/sh
# The channel suite on the shm_anon backend.
exec sh "${srcdir:-.}/pr/tests/run-with-backend.sh" shm_anon "${builddir:-.}/pr/tests/test_channel"
