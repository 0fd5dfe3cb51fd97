#!/bin/sh
# nspr-programs.sh SRCDIR [PROGRAM...] -- build NSPR's own test programs
# (the .c files of NSPR's pr/tests, which this project does not ship:
# take them from an NSPR 4.35 source tree) unmodified, twice: against
# prshm's installed headers with `pkg-config prshm` only, and against
# NSPR 4.35 with `pkg-config nspr`.  Run each pair in its own directory
# and compare exit status and output.  With OVERLAY=path/to/libprshm-
# nspr.so.0, the NSPR builds also run again with the overlay preloaded,
# which must not change the result.
#
# Prints one line per program: "<name> prshm=<status> nspr=<status>
# [overlay=<status>] output same|differs".  Exit 0 when every prshm build
# passes wherever NSPR's passes.  Not part of make check (CI has no NSPR
# sources); docs/testing.md lists the runs made by hand.
set -u
src=$(cd "${1:?usage: nspr-programs.sh NSPR_TESTS_DIR [PROGRAM...]}" && pwd)
shift
: "${CC:=cc}"
progs=${*:-"anonfm nameshm1 semaerr semaerr1 semaping semapong pipeping pipepong
    atomic env errcodes freeif logfile prfz reinit vercheck lltest op_filnf
    op_filok op_nofil prftest prftest1 prftest2 sprintf prfdbl"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# NSPR's own tests include its internal private/primpl.h, which Debian's
# libnspr4-dev does not ship; the NSPR build gets an empty stand-in
mkdir -p "$work/stub/private" "$work/prshm" "$work/nspr"
echo '#include "nspr.h"' > "$work/stub/private/primpl.h"

build() { # build DIR PROGRAM FLAGS...
    dir=$1 p=$2
    shift 2
    # -w: the test programs are NSPR's, warnings and all
    $CC -w -I"$src" -o "$work/$dir/$p" "$src/$p.c" "$@" > "$work/$dir/$p.build" 2>&1
}

run() { # run DIR PROGRAM [PRELOAD]: status, output in DIR/PROGRAM.out
    (cd "$work/$1" && LD_PRELOAD=${3:-} timeout 120 "./$2" > "$2.out" 2>&1)
    echo $?
}

fail=0
for p in $progs; do
    build prshm "$p" $(pkg-config --cflags --libs prshm) || true
    build nspr "$p" -I"$work/stub" $(pkg-config --cflags --libs nspr) || true
done
for p in $progs; do
    case $p in semapong|semaerr1|pipepong) continue ;; esac # run by their pair
    if [ -x "$work/prshm/$p" ]; then ps=$(run prshm "$p"); else ps=build-failed; fi
    if [ -x "$work/nspr/$p" ]; then ns=$(run nspr "$p"); else ns=build-failed; fi
    same=differs
    cmp -s "$work/prshm/$p.out" "$work/nspr/$p.out" 2> /dev/null && same=same
    line="$p prshm=$ps nspr=$ns"
    if [ -n "${OVERLAY:-}" ] && [ -x "$work/nspr/$p" ]; then
        line="$line overlay=$(run nspr "$p" "$OVERLAY")"
    fi
    echo "$line output $same"
    [ "$ns" != 0 ] || [ "$ps" = 0 ] || fail=1
    if [ "$same" = differs ] && [ -n "${SHOW_DIFF:-}" ]; then
        diff "$work/nspr/$p.out" "$work/prshm/$p.out" | head -n 20
    fi
done
exit $fail
