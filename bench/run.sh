#!/bin/sh
# bench/run.sh [--smoke] -- prshm against NSPR 4.35 and the raw system
# calls, interleaved round by round so machine drift hits all three alike.
# Prints the median of the rounds' medians and the ratios, and writes
# p2.dat in the current directory (P2 spawn time against parent memory)
# for bench/p2-plot.gp.  `make bench` builds the programs it runs.
set -eu
b=${BENCH_BUILDDIR:-.}/bench
rounds=${BENCH_ROUNDS:-7} reps1=2000 reps2=30 reps3=7 reps5=3 count4=10000 sizes="0 256 512 1024 2048"
if [ "${1:-}" = --smoke ]; then
    rounds=1 reps1=20 reps2=2 reps3=1 reps5=1 count4=1000 sizes="0 16"
fi
nspr=$b/nspr-bench
[ -x "$nspr" ] || nspr=
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one LABEL WORKLOAD IMPL ARGS...: append one batch's median (ns)
one() {
    label=$1 w=$2 impl=$3
    shift 3
    case $impl in
    nspr) bin=$nspr ;;
    *) bin=$b/prshm-bench ;;
    esac
    [ -n "$bin" ] || return 0
    "$bin" "$w" "$impl" "$@" | awk '/^median_ns/ {print $2}' >> "$tmp/$label.$impl"
}

med() { # the median of a file of numbers, or NA
    [ -s "$1" ] || { echo NA; return; }
    sort -n "$1" | awk '{v[NR] = $1} END {
        print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }

us() { awk -v v="$1" 'BEGIN { if (v == "NA") print "NA"; else printf "%.1f", v / 1000 }'; }

r=0
while [ $r -lt $rounds ]; do
    for impl in prshm nspr floor; do one P1 P1 "$impl" "$reps1"; done
    for mb in $sizes; do
        for impl in prshm nspr floor; do
            one "P2-$mb" P2 "$impl" "$reps2" "$mb"
        done
    done
    for impl in prshm prshm-populate nspr floor floor-populate; do
        one P3 P3 "$impl" "$reps3"
    done
    for impl in prshm prshm-restricted floor floor-zero; do
        one "R1-$impl" R1 "$impl" "$reps5"
    done
    r=$((r + 1))
done

echo "prshm benchmark: $rounds interleaved rounds; medians in microseconds"
echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
printf '%-10s %12s %12s %12s %12s %12s\n' workload prshm nspr floor prshm/floor nspr/prshm
p=$(med "$tmp/P1.prshm") n=$(med "$tmp/P1.nspr") f=$(med "$tmp/P1.floor")
printf '%-10s %12s %12s %12s %12s %12s\n' P1 "$(us "$p")" "$(us "$n")" "$(us "$f")" \
    "$(ratio "$p" "$f")" "$(ratio "$n" "$p")"
: > p2.dat
for mb in $sizes; do
    p=$(med "$tmp/P2-$mb.prshm") n=$(med "$tmp/P2-$mb.nspr") f=$(med "$tmp/P2-$mb.floor")
    printf '%-10s %12s %12s %12s %12s %12s\n' "P2@${mb}MB" "$(us "$p")" "$(us "$n")" \
        "$(us "$f")" "$(ratio "$p" "$f")" "$(ratio "$n" "$p")"
    echo "$mb $(us "$p") $(us "$n") $(us "$f")" >> p2.dat
done
p=$(med "$tmp/P3.prshm") n=$(med "$tmp/P3.nspr") f=$(med "$tmp/P3.floor")
printf '%-10s %12s %12s %12s %12s %12s\n' P3 "$(us "$p")" "$(us "$n")" "$(us "$f")" \
    "$(ratio "$p" "$f")" "$(ratio "$n" "$p")"
p=$(med "$tmp/P3.prshm-populate") f=$(med "$tmp/P3.floor-populate")
printf '%-10s %12s %12s %12s %12s %12s\n' P3-popul "$(us "$p")" "-" "$(us "$f")" \
    "$(ratio "$p" "$f")" "-"

echo "R1: revoke a written 1 GiB map (ms); the floor truncates only and leaves pinned pages readable"
p=$(med "$tmp/R1-prshm.prshm") q=$(med "$tmp/R1-prshm-restricted.prshm-restricted")
f=$(med "$tmp/R1-floor.floor") z=$(med "$tmp/R1-floor-zero.floor-zero")
ms() { awk -v v="$1" 'BEGIN { if (v == "NA") print "NA"; else printf "%.1f", v / 1e6 }'; }
printf '  prshm %s, prshm restricted %s, floor (truncate) %s, floor (pwrite zeros + truncate) %s; prshm/floor-zero %s\n' \
    "$(ms "$p")" "$(ms "$q")" "$(ms "$f")" "$(ms "$z")" "$(ratio "$p" "$z")"

echo "P4: $count4 live maps (ns per operation at each count; heap bytes per map)"
for impl in prshm floor nspr; do
    bin=$b/prshm-bench
    [ "$impl" = nspr ] && bin=$nspr
    [ -n "$bin" ] || continue
    echo "  $impl: $("$bin" P4 "$impl" "$count4" | tr '\n' ' ')"
done
