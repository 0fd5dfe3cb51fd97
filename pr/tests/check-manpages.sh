#!/bin/sh
# check-manpages.sh -- every public function has a man page: its name is
# in the NAME section (.Nm) of a page under docs/man, and every page
# parses under groff without warnings (when groff is installed).
# parse without warnings.
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
echo "man pages: $(wc -l < "$tmp/documented") functions documented, $(wc -l < "$tmp/declared") declared"
[ -s "$tmp/declared" ] || { echo "FAIL: no declarations found"; status=1; }
exit $status
