#!/bin/sh
# check-differential.sh -- drop-in proven by comparison: the cases of
# differ.c, built against libnspr4 (differ-nspr) and against libprshm
# (differ), and differ-nspr run again with the overlay preloaded, on every
# backend this build has.  Each case's lines are compared with NSPR's;
# a difference must be listed, with its reason, in differ-intended.txt,
# and a listed difference that no longer shows is an error too (the list
# stays true).  Prints every difference with its reason or as a FAIL.
set -eu
builddir=${builddir:-.}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
nspr=$builddir/pr/tests/differ-nspr
prshm=$builddir/pr/tests/differ
overlay=$builddir/.libs/libprshm-nspr.so
intended=$srcdir/pr/tests/differ-intended.txt
if [ ! -x "$nspr" ] || [ ! -x "$prshm" ]; then
    echo "SKIP: needs NSPR's development files (libnspr4-dev) to build differ-nspr"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "<case>\t<its lines' results joined by ' | '>", sorted by case
cases() {
    grep -v '^#' "$1" | awk '
        { i = index($0, ": "); if (!i) next
          k = substr($0, 1, i - 1); v = substr($0, i + 2)
          if (k in val) val[k] = val[k] " | " v
          else { order[n++] = k; val[k] = v } }
        END { for (j = 0; j < n; j++) print order[j] "\t" val[order[j]] }' |
        LC_ALL=C sort
}

# libnspr4's own allocations outlive its programs: no leak check where
# NSPR's code runs (a sanitizer build); prshm's build keeps it
nspr_asan="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
ASAN_OPTIONS=$nspr_asan "$nspr" "$tmp" > "$tmp/nspr.out" 2> "$tmp/nspr.err" || {
    echo "FAIL: differ-nspr under libnspr4 exited $?:"; cat "$tmp/nspr.err"; exit 1; }
cases "$tmp/nspr.out" > "$tmp/nspr.cases"
echo "differential: $(wc -l < "$tmp/nspr.cases") cases from NSPR 4.35"
grep -v '^#' "$intended" | cut -f1 | sed '/^$/d' | LC_ALL=C sort -u > "$tmp/listed"
: > "$tmp/seen"
status=0
runs=0
for backend in memfd tmpfile shm_anon; do
    have=$(PRSHM_BACKEND=$backend "$builddir/pr/tests/helper" backend 2> /dev/null || true)
    if [ "$have" != "$backend" ]; then
        echo "skip: backend $backend is not in this build or on this system"
        continue
    fi
    for run in prshm overlay; do
        if [ $run = prshm ]; then
            set -- "$prshm"
        elif [ -e "$overlay" ]; then
            set -- env ASAN_OPTIONS="$nspr_asan" LD_PRELOAD="$overlay" "$nspr"
        else
            echo "skip: no shared overlay to preload"
            continue
        fi
        out=$tmp/$run.$backend
        rc=0
        PRSHM_BACKEND=$backend "$@" "$tmp" > "$out.out" 2> "$out.err" || rc=$?
        if [ $rc -ne 0 ]; then
            echo "FAIL: $run on $backend exited $rc:"; cat "$out.err"
            status=1
            continue
        fi
        runs=$((runs + 1))
        cases "$out.out" > "$out.cases"
        # every case of either side, with both results
        LC_ALL=C join -t "$(printf '\t')" -a 1 -a 2 -e '(no such case)' -o 0,1.2,2.2 \
            "$tmp/nspr.cases" "$out.cases" > "$out.joined"
        n=0
        while IFS="$(printf '\t')" read -r name theirs ours; do
            [ "$theirs" != "$ours" ] || continue
            n=$((n + 1))
            echo "$name" >> "$tmp/seen"
            reason=$(awk -F '\t' -v k="$name" '$1 == k {print $2; exit}' "$intended")
            if [ -n "$reason" ]; then
                echo "intended: $name ($run, $backend): $reason"
            else
                status=1
                echo "FAIL: $name ($run, $backend) differs from NSPR and is not listed:"
                echo "    NSPR:  $theirs"
                echo "    $run: $ours"
            fi
        done < "$out.joined"
        echo "ok: $run on $backend: $(wc -l < "$out.joined") cases, $n differ"
    done
done
[ $runs -gt 0 ] || { echo "SKIP: no backend to run"; exit 77; }
LC_ALL=C sort -u "$tmp/seen" > "$tmp/seen.sorted"
for stale in $(LC_ALL=C comm -23 "$tmp/listed" "$tmp/seen.sorted"); do
    echo "FAIL: $stale is listed in differ-intended.txt but no longer differs"
    status=1
done
exit $status
