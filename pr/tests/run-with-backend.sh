#!/bin/sh
# run-with-backend.sh BACKEND PROGRAM -- run a test program with
# PRSHM_BACKEND=BACKEND; skip it (a TAP plan of no tests, with the
# reason) when this build or system lacks the backend.
set -eu
backend=$1
program=$2
helper=${PRSHM_TEST_HELPER:-./pr/tests/helper}
got=$(PRSHM_BACKEND=$backend "$helper" backend)
if [ "$got" != "$backend" ]; then
    echo "1..0 # SKIP backend $backend is not available here ($got)"
    exit 0
fi
# PRSHM_TEST_WRAPPER (e.g. .ci/valgrind-run) runs the program under a tool.
PRSHM_BACKEND=$backend exec ${PRSHM_TEST_WRAPPER:-} "$program"
