#!/bin/sh
# check-compat-selftest.sh -- the compatibility checks must fail on
# headers that differ from NSPR.  Each case copies our headers, breaks
# one thing, and expects check-compat.sh (declarations) or
# check-compat-macros.sh (macros per #include) to reject the copy.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../../..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
cases=0
expect_rejected() { # description file sed-expression name-in-the-report [check]
    check=${5:-check-compat.sh}
    rm -rf "$tmp/h"
    cp -R "$srcdir/pr/include" "$tmp/h"
    # the source tree may be read-only (make distcheck): so is the copy
    chmod -R u+w "$tmp/h"
    before=$(cksum < "$tmp/h/$2")
    sed -i "$3" "$tmp/h/$2"
    cases=$((cases + 1))
    if [ "$(cksum < "$tmp/h/$2")" = "$before" ]; then
        echo "FAIL: case '$1' did not change $2 (stale sed expression)"
        failures=$((failures + 1))
    elif sh "$here/$check" "$tmp/h" > "$tmp/out" 2>&1; then
        echo "FAIL: $check accepted: $1"
        failures=$((failures + 1))
    elif ! grep -q -- "$4" "$tmp/out"; then
        echo "FAIL: '$1' was rejected, but the report does not name $4:"
        cat "$tmp/out"
        failures=$((failures + 1))
    else
        echo "ok: rejected $1"
    fi
}

# The unmodified headers must pass, or the cases below prove nothing.
for check in check-compat.sh check-compat-macros.sh; do
    rc=0
    sh "$here/$check" "$srcdir/pr/include" > "$tmp/out" 2>&1 || rc=$?
    if [ "$rc" -eq 77 ]; then
        cat "$tmp/out"
        exit 77
    fi
    if [ "$rc" -ne 0 ]; then
        cat "$tmp/out"
        echo "FAIL: unmodified headers rejected by $check"
        exit 1
    fi
done
expect_rejected "a parameter type" prmem.h \
    's/PR_Malloc(PRUint32 size)/PR_Malloc(PRUint64 size)/' \
    "PR_Malloc"
expect_rejected "a return type" prio.h \
    's/NSPR_API(PRInt32) PR_Read/NSPR_API(PRInt64) PR_Read/' \
    "PR_Read"
expect_rejected "a function NSPR lacks" prenv.h \
    's/^PR_END_EXTERN_C/NSPR_API(void) PR_NotInNspr(void);\nPR_END_EXTERN_C/' \
    "PR_NotInNspr"
expect_rejected "an error number" prerr.h \
    's/(-5987L)/(-5986L)/' \
    "PR_INVALID_ARGUMENT_ERROR"
expect_rejected "an error's integer type" prerr.h \
    's/(-5965L)/(-5965)/' \
    "PR_OPERATION_NOT_SUPPORTED_ERROR"
expect_rejected "a missing error number" prerr.h \
    '/PR_CALL_ONCE_ERROR/d' \
    "PR_CALL_ONCE_ERROR"
expect_rejected "an enumerator value" prio.h \
    's/PR_SEEK_END = 2/PR_SEEK_END = 3/' \
    "PR_SEEK_END"
expect_rejected "an extra struct member" plgetopt.h \
    's/^    char option; /    char pad; char option; /' \
    "pad"
expect_rejected "a struct member type" prio.h \
    's/    PROffset64 size; /    PRInt32 size; /' \
    "PRFileInfo64"
expect_rejected "a typedef" prinrval.h \
    's/typedef PRUint32 PRIntervalTime;/typedef PRInt32 PRIntervalTime;/' \
    "PRIntervalTime"
expect_rejected "a numeric macro" prio.h \
    's/#define PR_EXCL 0x80/#define PR_EXCL 0x100/' \
    "PR_EXCL"
expect_rejected "a 64-bit type" prtypes.h \
    's/^typedef long PRInt64;/typedef unsigned long PRInt64;/; s/^typedef long long PRInt64;/typedef unsigned long long PRInt64;/' \
    "PRInt64"
expect_rejected "a machine macro's value" prcpucfg.h \
    's/#define PR_BITS_PER_INT64_LOG2 6/#define PR_BITS_PER_INT64_LOG2 7/' \
    "PR_BITS_PER_INT64_LOG2" check-compat-macros.sh
expect_rejected "a macro NSPR makes visible" prtypes.h \
    's/^#define PR_PUBLIC_API PR_IMPLEMENT$//' \
    "PR_PUBLIC_API" check-compat-macros.sh
expect_rejected "a macro visible through nspr.h only" prtime.h \
    's/^#include "prlong.h"$//' \
    "LL_" check-compat-macros.sh
expect_rejected "a function-like macro's parameters" prthread.h \
    's/#define PR_CurrentThread() /#define PR_CurrentThread(x) /' \
    "PR_CurrentThread" check-compat-macros.sh
echo "selftest: $cases cases, $failures not rejected"
[ "$failures" -eq 0 ]
