#!/bin/sh
# check-mixed-runtime.sh -- the standalone libprshm and NSPR's libnspr4 in
# one process (a program that also uses NSS) must never crash: libprshm
# stops it before main, by abort(), with a message that names the overlay.
set -eu
builddir=${builddir:-.}
prog=$builddir/pr/tests/mixed-runtime
if [ ! -x "$prog" ]; then
    echo "SKIP: no NSS development files here (libnss3-dev): nothing to mix"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
"$prog" > "$tmp/out" 2> "$tmp/err" || status=$?
out=$(cat "$tmp/out")
err=$(cat "$tmp/err")
echo "mixed-runtime: exit status $status"
if [ -n "$out" ]; then
    echo "FAIL: main ran with both runtimes loaded: $out"
    exit 1
fi
case $status in
134) ;; # SIGABRT: stopped on purpose
*) echo "FAIL: want a stop by abort (134), got $status: $err"; exit 1 ;;
esac
case $err in
*prshm-nspr*) echo "ok: stopped before main, naming prshm-nspr" ;;
*) echo "FAIL: the message does not name prshm-nspr: $err"; exit 1 ;;
esac
case $err in
*/share/doc/*/docs/migrating-from-nspr.md*) echo "ok: it points to the installed migration guide" ;;
*) echo "FAIL: the message does not point to the installed documentation: $err"; exit 1 ;;
esac
