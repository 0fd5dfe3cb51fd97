#!/bin/sh
# time-limit.sh COMMAND... -- run one test with a time limit: the harness's
# LOG_COMPILER for every test.  PRSHM_TEST_TIME_LIMIT seconds (default
# 900) after it starts, the test and every process it started (its process
# group, which timeout(1) makes its own) are killed, and the test fails:
# "Bail out!" in its log (a TAP test then counts as an ERROR), exit status
# 99 (a hard error for any test), and on the console -- file descriptor 9,
# which the harness points at make's standard error -- the test's name and
# the last lines of its output.  A test that ends by itself is untouched:
# its output, standard error and exit status (77, a skip, included) pass
# through as they were.
limit=${PRSHM_TEST_TIME_LIMIT:-900}
if [ $# -eq 0 ]; then
    echo "time-limit.sh: no command" >&2
    exit 99
fi
for last in "$@"; do :; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
timeout -k 10 "$limit" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
cat "$tmp/out"
cat "$tmp/err" >&2
case $rc in
124 | 137) ;;
*) exit $rc ;;
esac
echo "Bail out! $last ran past its time limit of $limit s and was stopped"
if { true >&9; } 2> /dev/null; then
    console=9
else
    console=2
fi
{
    echo "TIMEOUT: $last ran past its time limit of $limit s (PRSHM_TEST_TIME_LIMIT); it and every process it started were killed."
    echo "TIMEOUT: the last lines of its output:"
    tail -n 15 "$tmp/out" | sed 's/^/TIMEOUT:   /'
    tail -n 5 "$tmp/err" | sed 's/^/TIMEOUT:   (stderr) /'
} >&$console
exit 99
