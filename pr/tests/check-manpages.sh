#!/bin/sh
# check-manpages.sh -- every public function has a man page: its name is
# in the NAME section (.Nm) of a page under docs/man, and every page
# parses under groff without warnings (when groff is installed).  Every
# complete program in a page (a literal block that starts with #include)
# builds against this build's libprshm with warnings as errors and runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PRSHM_COMPAT_NAMES="$tmp/names" sh "$here/compat/check-compat.sh" > /dev/null || true
awk '{print $2}' "$tmp/names" | LC_ALL=C sort -u > "$tmp/declared"
sed -n 's/^\.Nm \([A-Za-z_][A-Za-z_0-9]*\).*/\1/p' "$srcdir"/docs/man/*.3 | \
    LC_ALL=C sort -u > "$tmp/documented"
missing=$(LC_ALL=C comm -23 "$tmp/declared" "$tmp/documented")
status=0
if [ -n "$missing" ]; then
    echo "FAIL: public functions without a man page:"; echo "$missing"
    status=1
fi
for page in "$srcdir"/docs/man/*.3; do
    if command -v groff > /dev/null 2>&1; then
        warn=$(groff -mandoc -Tutf8 -ww -z "$page" 2>&1 || true)
        if [ -n "$warn" ]; then
            echo "FAIL: $page: $warn"
            status=1
        fi
    fi
done
builddir=${builddir:-.}
programs=0
for page in "$srcdir"/docs/man/*.3; do
    # each block to its own file, roff's escapes undone
    awk -v out="$tmp/$(basename "$page" .3)" '
        /^\.Bd -literal/ {inb = 1; first = 1; next}
        /^\.Ed/ {inb = 0; next}
        inb && first {first = 0; keep = ($0 ~ /^#include/); if (keep) n++}
        inb && keep {gsub(/\\e/, "\\"); gsub(/\\&/, ""); print > (out "-" n ".c")}
    ' "$page"
done
for prog in "$tmp"/*-*.c; do
    [ -f "$prog" ] || continue
    if [ ! -e "$builddir/.libs/libprshm.so" ]; then
        echo "SKIP: no shared libprshm here to build the pages' programs with"
        break
    fi
    programs=$((programs + 1))
    name=$(basename "$prog" .c)
    # shellcheck disable=SC2086 # the flags are words
    if ! ${CC:-cc} ${PRSHM_PROGRAM_FLAGS:-} -Wall -Wextra -Werror -o "$tmp/$name" "$prog" \
        -I"$srcdir/pr/include" -I"$builddir" -L"$builddir/.libs" -lprshm \
        -Wl,-rpath,"$(cd "$builddir/.libs" && pwd)" > "$tmp/cc.out" 2>&1; then
        echo "FAIL: the program in ${name%-*}(3) does not build:"; cat "$tmp/cc.out"
        status=1
        continue
    fi
    rc=0
    "$tmp/$name" > "$tmp/run.out" 2>&1 || rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: the program in ${name%-*}(3) exits with $rc:"; cat "$tmp/run.out"
        status=1
    else
        echo "ok: the program in ${name%-*}(3) runs: $(head -n 1 "$tmp/run.out")"
    fi
done
echo "man pages: $(wc -l < "$tmp/documented") functions documented, $(wc -l < "$tmp/declared") declared, $programs complete programs built and run"
[ -s "$tmp/declared" ] || { echo "FAIL: no declarations found"; status=1; }
exit $status
