#!/bin/sh
# check-doc-links.sh [DOCDIR] -- every relative link in the documentation
# names a file or directory that is there.  Without an argument: README.md
# and docs/*.md of the source tree (make check).  With DOCDIR: the
# documentation as installed (make installcheck, which distcheck runs, and
# CI over the -dev package's /usr/share/doc/libprshm-dev), where README.md,
# NEWS, docs/ and examples/ sit side by side as in the source tree.
# Links to other sites and to anchors in the same page are not followed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../..}
if [ $# -gt 0 ]; then
    root=$1
    [ -d "$root" ] || { echo "FAIL: no documentation directory $root"; exit 1; }
    # what the installed index promises must be there at all
    for f in README.md NEWS docs/index.md examples/protocol1.c; do
        [ -e "$root/$f" ] || { echo "FAIL: $root/$f is not installed"; exit 1; }
    done
else
    root=$srcdir
fi
status=0
if [ $# -eq 0 ]; then
    # every page of docs/ is installed (docs/Makefile.inc lists them)
    for f in "$srcdir"/docs/*.md "$srcdir"/docs/*.png; do
        f=docs/${f##*/}
        grep -q "^[[:space:]]*$f" "$srcdir/docs/Makefile.inc" ||
            { echo "FAIL: $f is not installed (add it to docs/Makefile.inc)"; status=1; }
    done
fi
checked=0
for page in "$root"/README.md "$root"/docs/*.md; do
    [ -f "$page" ] || continue
    dir=$(dirname "$page")
    # one target per line: what is between "](" and ")"
    for target in $(grep -o '](\([^) ]*\))' "$page" | sed 's/^](//; s/)$//'); do
        case $target in
        http://*|https://*|mailto:*|\#*) continue ;;
        esac
        path=${target%%#*}
        checked=$((checked + 1))
        if [ ! -e "$dir/$path" ]; then
            echo "FAIL: ${page#"$root"/} links to $target, which is not there"
            status=1
        fi
    done
done
echo "doc links: $checked relative links checked under $root"
[ "$checked" -gt 0 ] || { echo "FAIL: no links found"; status=1; }
exit $status
