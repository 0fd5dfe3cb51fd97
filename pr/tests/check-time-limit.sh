#!/bin/sh
# check-time-limit.sh -- the harness's time limit works: a test that hangs
# (here one that starts a child and waits for ever) is stopped within its
# limit, fails with its name on the console, and leaves no process behind.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/hang.sh" <<'HANG'
sleep 300 &
echo "$!" > "$HANG_DIR/child"
echo "$$" > "$HANG_DIR/self"
echo "hanging test: waiting for ever"
wait
HANG
start=$(date +%s)
rc=0
# its console (descriptor 9, as the harness gives it) goes to a file here
HANG_DIR=$tmp PRSHM_TEST_TIME_LIMIT=2 sh "$here/time-limit.sh" sh "$tmp/hang.sh" \
    > "$tmp/out" 2> "$tmp/console" 9>&2 || rc=$?
took=$(( $(date +%s) - start ))
status=0
fail() { echo "FAIL: $*"; status=1; }
[ $rc -eq 99 ] || fail "a hanging test exited $rc, want 99"
[ $took -le 20 ] || fail "stopping it took $took s for a 2 s limit"
grep -q '^Bail out! .*hang.sh ran past its time limit' "$tmp/out" ||
    fail "no Bail out! line naming the test in its log"
grep -q 'TIMEOUT: .*hang.sh ran past' "$tmp/console" || fail "nothing on the console"
grep -q 'hanging test: waiting for ever' "$tmp/console" ||
    fail "the test's last lines are not on the console"
# alive: there, and not a zombie waiting to be reaped (give it 2 s)
alive() {
    n=0
    while [ $n -lt 20 ]; do
        state=$(sed -n 's/^.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2> /dev/null)
        case $state in "" | Z | X) return 1 ;; esac
        sleep 0.1
        n=$((n + 1))
    done
    return 0
}
for f in child self; do
    pid=$(cat "$tmp/$f" 2> /dev/null || echo)
    if [ -n "$pid" ] && alive "$pid"; then
        fail "process $pid ($f) is still running"
        kill -KILL "$pid" 2> /dev/null
    fi
done
# a test that ends by itself passes through untouched, skips included
rc=0
sh "$here/time-limit.sh" sh -c 'echo fine; exit 77' > "$tmp/out2" 2>&1 || rc=$?
[ $rc -eq 77 ] && grep -qx fine "$tmp/out2" || fail "a skipping test came out as $rc"
[ $status -eq 0 ] && echo "ok: a hang was stopped after $took s, named, and left nothing running"
exit $status
