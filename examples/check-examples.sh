#!/bin/sh
# check-examples.sh -- run every example program built by make check; each
# must exit 0.  Their output goes to the log, so it shows what they do.
set -u
builddir=${builddir:-.}
status=0
ran=0
# Each runs by name through PATH, from another directory, as an installed
# program would: the ones that start themselves again must find their
# own file, not rely on argv[0] being a path.
exdir=$(cd "$builddir/examples" && pwd)
for ex in protocol1 protocol2 readonly seal-revoke handles overlay; do
    prog=$exdir/$ex
    [ -x "$prog" ] || continue # overlay: only with NSPR installed
    echo "== $ex"
    if (cd / && PATH="$exdir:$PATH" "$ex"); then
        ran=$((ran + 1))
    else
        echo "FAIL: examples/$ex exited $?"
        status=1
    fi
done
[ $ran -gt 0 ] || { echo "no example was built"; exit 99; }

# The demo started by name through PATH, as an installed program would
# be: it must find itself to start its child and client, not rely on
# argv[0] being a path.
# Its client survives the revocation through PR_MEMMAP_SURVIVE, which
# needs the fault's address: where the system reports a wrong one (qemu-
# user for s390x), the demo is not run.
fault=right
if [ -x "${PRSHM_TEST_HELPER:-}" ]; then
    fault=$("$PRSHM_TEST_HELPER" fault-address 2> /dev/null || echo unknown)
fi
if [ "$fault" != right ]; then
    echo "== prshm-demo through PATH: skipped: this system reports SIGBUS with a wrong fault address ($fault), which its surviving client needs"
elif [ -x "$builddir/demo/prshm-demo" ]; then
    echo "== prshm-demo through PATH"
    if ! (cd / && PATH="$(cd "$builddir/demo" && pwd):$PATH" prshm-demo); then
        echo "FAIL: prshm-demo started through PATH"
        status=1
    fi
fi

# The handles example against another user who connects first to its
# public name (root only: the intruder runs as uid 65534).  The intruder
# must get nothing, and the server must still serve its own client.
handles=$builddir/examples/handles
if [ "$(id -u)" -ne 0 ] || [ ! -x "$handles" ] || [ ! -x "${PRSHM_TEST_HELPER:-}" ]; then
    echo "== handles against an intruder: skipped (needs root and the test helper)"
    exit $status
fi
echo "== handles against an intruder of another uid"
tmp=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
name=examples-check-$$
"$handles" serve "$name" > "$tmp/server" 2>&1 &
server=$!
tries=0
until grep -q listening "$tmp/server" 2> /dev/null; do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || break
    sleep 0.05
done
timeout 20 "$PRSHM_TEST_HELPER" ch-connect "$name" 1 > "$tmp/intruder" 2>&1
timeout 20 "$handles" client "$name" > "$tmp/client" 2>&1
wait "$server"
rc=$?
server=
cat "$tmp/server" "$tmp/intruder" "$tmp/client"
if [ $rc -ne 0 ] || grep -q received "$tmp/intruder" ||
        ! grep -q 'turned away .* of uid 65534' "$tmp/server" ||
        ! grep -q 'client received: for your eyes only' "$tmp/client"; then
    echo "FAIL: examples/handles served an intruder or not its client"
    status=1
fi
exit $status
