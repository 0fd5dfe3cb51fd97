#!/bin/sh
# run-with-backend.sh BACKEND PROGRAM -- run a test program with
# PRSHM_BACKEND=BACKEND; skip it (a TAP plan of no tests, with the
# reason) when this build or system lacks the backend, or when
# PRSHM_TEST_BACKENDS (a list) leaves it out: the valgrind cell runs the
# backend suites on memfd only, as the other cells run every backend.
set -eu
backend=$1
program=$2
helper=${PRSHM_TEST_HELPER:-./pr/tests/helper}
case " ${PRSHM_TEST_BACKENDS:-$backend} " in
*" $backend "*) ;;
*) echo "1..0 # SKIP backend $backend is left out here (PRSHM_TEST_BACKENDS=$PRSHM_TEST_BACKENDS)"
   exit 0 ;;
esac
got=$(PRSHM_BACKEND=$backend "$helper" backend)
if [ "$got" != "$backend" ]; then
    echo "1..0 # SKIP backend $backend is not available here ($got)"
    exit 0
fi
# PRSHM_TEST_WRAPPER (e.g. .ci/valgrind-run) runs the program under a tool.
PRSHM_BACKEND=$backend exec ${PRSHM_TEST_WRAPPER:-} "$program"
