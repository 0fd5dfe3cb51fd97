#!/bin/sh
# bench/run.sh [--smoke] -- prshm against NSPR 4.35 and the raw system
# calls, interleaved round by round so machine drift hits all three alike.
# Prints the median of the rounds' medians and the ratios, and writes
# p2.dat in the current directory (P2 spawn time against parent memory)
# for bench/p2-plot.gp.  `make bench` builds the programs it runs.
set -eu
b=${BENCH_BUILDDIR:-.}/bench
rounds=${BENCH_ROUNDS:-7} reps1=2000 reps2=30 reps3=7 reps5=3 count4=10000 sizes="0 256 512 1024 2048"
reps6=400 reps7=5 reps8=15 trips=100000
if [ "${1:-}" = --smoke ]; then
    rounds=1 reps1=20 reps2=2 reps3=1 reps5=1 count4=1000 sizes="0 16"
    reps6=5 reps7=1 reps8=1 trips=1000
fi
nspr=$b/nspr-bench
[ -x "$nspr" ] || nspr=
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
tmp=$(mktemp -d)
# the server and its workers, stopped by their pids on every way out
. "$(dirname "$0")/../pr/tests/proctree.sh"
server=
stop_server() {
    [ -n "$server" ] || return 0
    kill -KILL $(proc_tree "$server") 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    server=
}
trap 'stop_server; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

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

# ---- N1: full TLS handshakes against selfserv -M 2 (NSS's multi-process
# session cache), plain NSPR and with the overlay preloaded --------------
overlay=$(ls "${BENCH_BUILDDIR:-.}"/.libs/libprshm-nspr.so.0 2>/dev/null || true)
conns=1000
[ "${1:-}" = --smoke ] && conns=50
nss=
if command -v selfserv > /dev/null && command -v strsclnt > /dev/null &&
        command -v certutil > /dev/null && [ -n "$overlay" ]; then
    nss=$tmp/nss
    mkdir -p "$nss/db"
    certutil -N --empty-password -d "sql:$nss/db"
    head -c 64 /dev/urandom > "$nss/noise"
    certutil -S -s CN=localhost -n server -x -t CTu,u,u -d "sql:$nss/db" \
        -z "$nss/noise" -k rsa -g 2048 > /dev/null 2>&1
fi

# nss_round LABEL PRELOAD: one server, $conns full handshakes; appends the
# handshakes per second
nss_round() {
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
    # selfserv starts its workers from argv[0], which must be a path
    LD_PRELOAD=$2 "$(command -v selfserv)" -d "sql:$nss/db" -n server -p "$port" -M 2 \
        -V tls1.2:tls1.2 > /dev/null 2>&1 &
    server=$!
    hexport=$(printf '%04X' "$port") tries=0
    until grep -q ":$hexport 00000000:0000 0A\|:$hexport 0\{32\}:0000 0A" \
            /proc/net/tcp /proc/net/tcp6 2> /dev/null; do
        tries=$((tries + 1)); [ $tries -lt 200 ] || break; sleep 0.05
    done
    t0=$(date +%s%N)
    strsclnt -d "sql:$nss/db" -p "$port" -c "$conns" -N -o -q -V tls1.2:tls1.2 \
        localhost > /dev/null 2>&1 || true
    t1=$(date +%s%N)
    stop_server
    awk -v n="$conns" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f\n", n / (ns / 1e9) }' \
        >> "$tmp/N1.$1"
}

r=0
while [ $r -lt $rounds ]; do
    if [ -n "$nss" ]; then
        nss_round nspr ""
        nss_round overlay "$overlay"
    fi
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
    for impl in prshm prshm-peer nspr floor floor-checked; do
        one H1 H1 "$impl" "$reps1"
    done
    "$b/prshm-bench" G1 "$reps8" | awk -v d="$tmp" '
        /^median_ns/ {print $2 >> (d "/G1.guarded")}
        /^median_unguarded_ns/ {print $2 >> (d "/G1.prshm")}
        /^median_floor_ns/ {print $2 >> (d "/G1.floor")}'
    for impl in guarded floor; do
        one G2 G2 "$impl" "$reps3"
    done
    for impl in prshm nspr floor; do
        one S1-4k S1 "$impl" "$reps6" 4096
        one S1-64m S1 "$impl" "$reps7" 67108864
        one S2 S2 "$impl" 1 "$trips"
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

echo "H1: hand a 4 KiB map over a channel: send+receive+map+touch+unmap+close (us); NSPR: open+attach+touch+detach+close an existing named object"
p=$(med "$tmp/H1.prshm") n=$(med "$tmp/H1.nspr") f=$(med "$tmp/H1.floor")
printf '%-10s %12s %12s %12s %12s %12s\n' H1 "$(us "$p")" "$(us "$n")" "$(us "$f")" \
    "$(ratio "$p" "$f")" "$(ratio "$n" "$p")"
c=$(med "$tmp/H1.floor-checked") q=$(med "$tmp/H1.prshm-peer")
printf '  against the floor that checks what it receives (fstat, F_GETFL, F_GET_SEALS) %s: prshm/checked %s (goal <= 1.10)\n' \
    "$(us "$c")" "$(ratio "$p" "$c")"
printf '  with the peer check (peerPid: SO_PEERCRED, and the pidfd on Linux >= 6.5) %s: +%s us a send; prshm-peer/checked %s\n' \
    "$(us "$q")" "$(awk -v a="$q" -v b="$p" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.1f", (a - b) / 1000 }')" \
    "$(ratio "$q" "$c")"
echo "G1: read a populated 64 MiB map (us) through three mappings of one object in turn: guarded with PR_MEMMAP_SURVIVE, unguarded, raw mmap"
p=$(med "$tmp/G1.guarded") u=$(med "$tmp/G1.prshm") f=$(med "$tmp/G1.floor")
printf '  guarded %s, unguarded %s, floor %s; guarded/unguarded %s (goal <= 1.02), guarded/floor %s\n' \
    "$(us "$p")" "$(us "$u")" "$(us "$f")" "$(ratio "$p" "$u")" "$(ratio "$p" "$f")"
echo "G2: one absorbed fault (us per page, 1024 pages of a cut object) against one ordinary first-touch page fault"
p=$(med "$tmp/G2.guarded") f=$(med "$tmp/G2.floor")
printf '  absorbed %s, ordinary %s; absorbed/ordinary %s\n' "$(us "$p")" "$(us "$f")" "$(ratio "$p" "$f")"

echo "S1: named shared memory, open+attach+touch+detach+close+delete (us); S2: semaphore round trip between two processes (us, $trips trips)"
for w in S1-4k S1-64m S2; do
    p=$(med "$tmp/$w.prshm") n=$(med "$tmp/$w.nspr") f=$(med "$tmp/$w.floor")
    printf '%-10s %12s %12s %12s %12s %12s\n' "$w" "$(us "$p")" "$(us "$n")" "$(us "$f")" \
        "$(ratio "$p" "$f")" "$(ratio "$n" "$p")"
done

if [ -n "$nss" ]; then
    n=$(med "$tmp/N1.nspr") o=$(med "$tmp/N1.overlay")
    echo "N1: full TLS 1.2 handshakes per second, strsclnt -N -c $conns against selfserv -M 2"
    printf '  NSPR %s/s, with the overlay preloaded %s/s; overlay/NSPR %s\n' "$n" "$o" "$(ratio "$o" "$n")"
else
    echo "N1: skipped (needs selfserv, strsclnt, certutil from libnss3-tools, and the overlay)"
fi

echo "P4: $count4 live maps (ns per operation at each count; heap bytes per map)"
for impl in prshm floor nspr; do
    bin=$b/prshm-bench
    [ "$impl" = nspr ] && bin=$nspr
    [ -n "$bin" ] || continue
    echo "  $impl: $("$bin" P4 "$impl" "$count4" | tr '\n' ' ')"
done
