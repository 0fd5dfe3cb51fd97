#!/bin/sh
# check-exports.sh -- the shared library exports exactly the functions
# the public headers declare: nothing internal leaks out, and nothing
# declared is missing.  Declarations come from the compatibility scan.
set -eu
: "${CC:=cc}"
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
builddir=${builddir:-.}
lib=$(ls "$builddir"/.libs/libprshm.so.* 2>/dev/null | head -n 1 || true)
if [ -z "$lib" ]; then
    echo "FAIL: no shared libprshm in $builddir/.libs (configure --enable-shared)"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PRSHM_COMPAT_NAMES="$tmp/names" sh "$here/compat/check-compat.sh" > /dev/null || true
awk '{print $2}' "$tmp/names" | LC_ALL=C sort -u > "$tmp/declared"
# _init and _fini come from the C library's crti.o on some toolchains (musl).
${NM:-nm} -D --defined-only "$lib" | \
    awk '$2 ~ /^[TW]$/ && $3 != "_init" && $3 != "_fini" {print $3}' | \
    LC_ALL=C sort -u > "$tmp/exported"
status=0
extra=$(LC_ALL=C comm -13 "$tmp/declared" "$tmp/exported")
missing=$(LC_ALL=C comm -23 "$tmp/declared" "$tmp/exported")
if [ -n "$extra" ]; then
    echo "FAIL: exported but not declared in a public header:"; echo "$extra"
    status=1
fi
if [ -n "$missing" ]; then
    echo "FAIL: declared but not exported:"; echo "$missing"
    status=1
fi
echo "exports: $(wc -l < "$tmp/exported") functions exported, $(wc -l < "$tmp/declared") declared"
[ -s "$tmp/declared" ] || { echo "FAIL: no declarations found"; status=1; }
exit $status
