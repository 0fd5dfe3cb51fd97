#!/bin/sh
# overlay-suites.sh -- the anonymous-map, process, seal, channel and survive suites again,
# built against NSPR's own headers and linked with libprshm-nspr and the
# real libnspr4 (pr/tests/overlay/), on every backend: what libprshm
# promises, the overlay keeps under NSPR's runtime.  The helper child is
# the overlay build too.  PRSHM_OVERLAY_BACKENDS narrows the backends
# (the valgrind cell runs the overlay on memfd only: the backends are the
# same code as libprshm's, which that cell checks on every backend).
set -eu
builddir=${builddir:-.}
srcdir=${srcdir:-.}
dir=$builddir/pr/tests/overlay
PRSHM_TEST_HELPER=$dir/helper
export PRSHM_TEST_HELPER
status=0
ran=0
for backend in ${PRSHM_OVERLAY_BACKENDS:-memfd shm_anon tmpfile}; do
    for suite in test_anonmap test_process test_seal test_channel test_survive; do
        rc=0
        sh "$srcdir/pr/tests/run-with-backend.sh" "$backend" "$dir/$suite" \
            > "$dir/$suite.$backend.out" 2>&1 || rc=$?
        out=$dir/$suite.$backend.out
        if grep -q '^1\.\.0 # SKIP' "$out"; then
            echo "skip: $suite on $backend: $(sed -n 's/^1\.\.0 # SKIP //p' "$out")"
        elif [ $rc -eq 0 ] && ! grep -q '^not ok' "$out"; then
            ran=$((ran + 1))
            echo "ok: $suite on $backend (overlay), $(grep -c '^ok .* # SKIP' "$out") skipped"
        else
            status=1
            echo "FAIL: $suite on $backend (overlay), exit $rc:"
            grep -E -A3 '^not ok' "$out" | head -20
        fi
    done
done
[ $ran -gt 0 ] || { echo "SKIP: no suite ran"; exit 77; }
exit $status
