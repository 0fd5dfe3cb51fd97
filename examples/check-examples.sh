#!/bin/sh
# check-examples.sh -- run every example program built by make check; each
# must exit 0.  Their output goes to the log, so it shows what they do.
set -u
builddir=${builddir:-.}
status=0
ran=0
for ex in protocol1 protocol2 readonly seal-revoke handles overlay; do
    prog=$builddir/examples/$ex
    [ -x "$prog" ] || continue # overlay: only with NSPR installed
    echo "== $ex"
    if "$prog"; then
        ran=$((ran + 1))
    else
        echo "FAIL: examples/$ex exited $?"
        status=1
    fi
done
[ $ran -gt 0 ] || { echo "no example was built"; exit 99; }
exit $status
