#!/bin/sh
# Stands in for the unit tests when configure found no CUnit.
echo "FAIL: CUnit was not found at configure time; install libcunit1-dev and re-run configure"
exit 1
