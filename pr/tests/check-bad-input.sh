#!/bin/sh
# check-bad-input.sh -- docs/bad-input.md and the ROWS table of
# test_badinput.c list the same rows with the same NSPR errors, so the
# document and the tests cannot drift apart.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n 's/^| *\([0-9][0-9]*\) *|.*| *`\(PR_[A-Z_]*_ERROR\)` *|$/\1 \2/p' \
    "$srcdir/docs/bad-input.md" > "$tmp/doc"
sed -n 's/^ *X(\([0-9][0-9]*\), \(PR_[A-Z_]*_ERROR\),.*/\1 \2/p' \
    "$srcdir/pr/tests/test_badinput.c" > "$tmp/test"
if ! diff -u "$tmp/doc" "$tmp/test"; then
    echo "FAIL: docs/bad-input.md (-) and test_badinput.c (+) differ"
    exit 1
fi
n=$(wc -l < "$tmp/doc")
echo "bad-input table: $n rows, the same in the document and the tests"
[ "$n" -ge 40 ] || { echo "FAIL: fewer than 40 rows"; exit 1; }
