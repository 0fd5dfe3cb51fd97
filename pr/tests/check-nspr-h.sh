#!/bin/sh
# check-nspr-h.sh -- nspr.h includes every NSPR header prshm ships, in the
# order NSPR 4.35's nspr.h includes them, and nothing NSPR's does not.
# The reference is NSPR's own nspr.h (NSPR_INCLUDEDIR, libnspr4-dev);
# without it, the order written down below (NSPR 4.35's).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
inc="$srcdir/pr/include"
ref=${NSPR_INCLUDEDIR:-/usr/include/nspr}/nspr.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

includes() { sed -n 's/^#include "\([^"]*\)".*/\1/p' "$1"; }

if [ -f "$ref" ]; then
    includes "$ref" > "$tmp/nspr"
else
    echo "check-nspr-h: no $ref; using NSPR 4.35's list"
    printf '%s\n' pratom.h prbit.h prclist.h prcmon.h prcvar.h prdtoa.h \
        prenv.h prerror.h prinet.h prinit.h prinrval.h prio.h pripcsem.h \
        prlink.h prlock.h prlog.h prlong.h prmem.h prmon.h prmwait.h \
        prnetdb.h prprf.h prproces.h prrng.h prrwlock.h prshm.h prshma.h \
        prsystem.h prthread.h prtime.h prtpool.h prtrace.h prtypes.h > "$tmp/nspr"
fi
(cd "$inc" && ls ./*.h | sed 's|^\./||') > "$tmp/shipped"
# what NSPR's nspr.h includes, in its order, kept to what prshm ships
grep -Fx -f "$tmp/shipped" "$tmp/nspr" > "$tmp/want" || true
includes "$inc/nspr.h" > "$tmp/have"
status=0
if ! cmp -s "$tmp/want" "$tmp/have"; then
    echo "FAIL: nspr.h must include, in this order:"
    sed 's/^/    /' "$tmp/want"
    echo "  it includes:"
    sed 's/^/    /' "$tmp/have"
    status=1
fi
echo "nspr.h: $(wc -l < "$tmp/have") headers, as NSPR's nspr.h orders them"
exit $status
