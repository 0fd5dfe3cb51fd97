#!/bin/sh
# check-nspr-sendfile.sh -- NSS's sendfile path (PR_EmulateSendFile, which
# maps the file with PR_CreateFileMap and PR_MemMap) on libnspr4, and
# again with the overlay preloaded: every byte of a header, the file (0
# bytes, 1 byte, 3 MiB; PR_SendFile at an unaligned offset and
# PR_TransmitFile) and a trailer arrives both times.
set -eu
builddir=${builddir:-.}
prog=$builddir/pr/tests/nspr-sendfile
overlay=$builddir/.libs/libprshm-nspr.so
if [ ! -x "$prog" ]; then
    echo "SKIP: needs NSPR's development files (libnspr4-dev)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# libnspr4's allocations outlive its programs: no leak check here
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
export ASAN_OPTIONS
status=0
rc=0
"$prog" "$tmp" > "$tmp/nspr" 2>&1 || rc=$?
sed 's/^/nspr:    /' "$tmp/nspr"
[ $rc -eq 0 ] || { echo "FAIL: under libnspr4 alone, exit $rc"; status=1; }
if [ -e "$overlay" ]; then
    rc=0
    LD_PRELOAD=$overlay "$prog" "$tmp" > "$tmp/overlay" 2>&1 || rc=$?
    sed 's/^/overlay: /' "$tmp/overlay"
    [ $rc -eq 0 ] || { echo "FAIL: with the overlay preloaded, exit $rc"; status=1; }
    cmp -s "$tmp/nspr" "$tmp/overlay" ||
        { echo "FAIL: the overlay's output differs from NSPR's"; status=1; }
else
    echo "(no shared overlay here to preload)"
fi
exit $status
