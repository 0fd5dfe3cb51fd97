#!/bin/sh
# check-overlay-order.sh -- a program linked "-lnspr4 -lprshm-nspr" (the
# overlay after libnspr4) would take NSPR's PR_OpenAnonFileMap and the
# overlay's PR_GetFileMapInfo, and crash on NSPR's PRFileMap.  The overlay
# must stop it before main, by abort(), with a message that says how to
# link; linked the right way round, the same program runs.  The
# programs are built with the library's compiler flags (its sanitizers).
set -eu
: "${CC:=cc}"
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
builddir=${builddir:-.}
libs=$builddir/.libs
inc=${NSPR_INCLUDEDIR:-/usr/include/nspr}
if [ ! -e "$libs/libprshm-nspr.so" ] || [ ! -f "$inc/nspr.h" ]; then
    echo "SKIP: no shared libprshm-nspr or no NSPR headers here"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/order.c" <<'PROG'
#include <stdio.h>
#include <prshmsec.h>

int main(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    PRFileMapInfo info;

    if (!fm || PR_GetFileMapInfo(fm, &info) != PR_SUCCESS)
        return 1;
    printf("backend %s\n", info.backend);
    return PR_CloseFileMap(fm) == PR_SUCCESS ? 0 : 1;
}
PROG
# no --as-needed: both libraries stay, in the order given
for order in wrong right; do
    # NSPR as configure found it (its -L and run path where it is not
    # the system's own)
    if [ $order = wrong ]; then
        set -- ${NSPR_LIBS:--lnspr4} -L"$libs" -lprshm-nspr
    else
        set -- -L"$libs" -lprshm-nspr ${NSPR_LIBS:--lnspr4}
    fi
    # shellcheck disable=SC2086 # the flags are words
    $CC ${PRSHM_PROGRAM_FLAGS:-} -o "$tmp/$order" "$tmp/order.c" -I"$inc" -I"$srcdir/pr/include" \
        -Wl,--no-as-needed "$@" 2> "$tmp/cc.$order" || {
        echo "FAIL: cannot build the $order-order program:"; cat "$tmp/cc.$order"; exit 1; }
done
status=0
rc=0
LD_LIBRARY_PATH=$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$tmp/wrong" \
    > "$tmp/out" 2> "$tmp/err" || rc=$?
if [ $rc -ne 134 ] || [ -s "$tmp/out" ] || ! grep -q "link libprshm-nspr before libnspr4" "$tmp/err"; then
    echo "FAIL: -lnspr4 -lprshm-nspr: want a stop by abort (134) before main with the message; got $rc:"
    cat "$tmp/out" "$tmp/err"
    status=1
else
    echo "ok: -lnspr4 -lprshm-nspr stops before main, saying how to link"
fi
rc=0
LD_LIBRARY_PATH=$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$tmp/right" \
    > "$tmp/out" 2> "$tmp/err" || rc=$?
if [ $rc -ne 0 ] || ! grep -q '^backend ' "$tmp/out"; then
    echo "FAIL: -lprshm-nspr -lnspr4: exit $rc:"; cat "$tmp/out" "$tmp/err"
    status=1
else
    echo "ok: -lprshm-nspr -lnspr4 runs: $(cat "$tmp/out")"
fi
exit $status
