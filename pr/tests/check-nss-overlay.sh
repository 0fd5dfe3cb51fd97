#!/bin/sh
# check-nss-overlay.sh -- a real NSS program, unmodified, on the overlay:
# Debian's selfserv -M 2 (a multi-process SSL server whose session cache
# is an anonymous map handed to its workers with NSS's own protocol-2
# pattern) preloaded with libprshm-nspr, driven by strsclnt -c 40.
#
# For each backend (memfd, tmpfile) it checks that the cache is shared
# across the workers (strsclnt reports 39 cache hits of 40, as with plain
# NSPR), that the server made the cache the backend's way and never gave
# anything a name (strace: no O_CREAT or unlink under the cache
# directory), and that the cache descriptor is close-on-exec in every
# worker.  Skips (77) when NSS's tools, strace or the overlay are missing.
set -eu
builddir=${builddir:-.}
overlay=$(ls "$builddir"/.libs/libprshm-nspr.so.0 2>/dev/null || true)
for tool in selfserv strsclnt certutil strace; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "SKIP: $tool not installed (apt-get install libnss3-tools strace)"
        exit 77
    fi
done
if [ -z "$overlay" ]; then
    echo "SKIP: no libprshm-nspr here (configure found no NSPR)"
    exit 77
fi
if nm -D "$overlay" 2> /dev/null | grep -q ' U __[at]san_'; then
    echo "SKIP: this overlay is built with a sanitizer, whose runtime cannot be preloaded into selfserv"
    exit 77
fi
selfserv=$(command -v selfserv)
tmp=$(mktemp -d)
server=

. "$(dirname "$0")/proctree.sh"

# Stop the server (strace), selfserv and its workers, by their pids.
stop_server() {
    [ -n "$server" ] || return 0
    kill -KILL $(proc_tree "$server") 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    server=
}

cleanup() {
    stop_server
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM
cd "$tmp"
mkdir db
# NSS's cache directory: selfserv passes none, and NSS picks /tmp
cachedir=/tmp
certutil -N --empty-password -d sql:db
head -c 64 /dev/urandom > noise
certutil -S -s CN=localhost -n server -x -t CTu,u,u -d sql:db -z noise \
    -k rsa -g 2048 > /dev/null 2>&1

status=0
fail() { echo "FAIL: $*"; status=1; }

# run BACKEND: one server, one client run, the checks
run() {
    backend=$1
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
    PRSHM_BACKEND=$backend LD_PRELOAD=$overlay \
        strace -f -o "trace.$backend" -e trace=memfd_create,openat,unlink,unlinkat,linkat \
        "$selfserv" -d "sql:$tmp/db" -n server -p "$port" -M 2 -V tls1.2:tls1.2 \
        > "server.$backend" 2>&1 &
    server=$!
    hexport=$(printf '%04X' "$port")
    tries=0
    until grep -q ":$hexport 00000000:0000 0A\|:$hexport 00000000000000000000000000000000:0000 0A" \
            /proc/net/tcp /proc/net/tcp6 2> /dev/null; do
        tries=$((tries + 1))
        [ $tries -lt 200 ] || { fail "$backend: selfserv never listened"; cat "server.$backend"; return; }
        sleep 0.1
    done
    strsclnt -d "sql:$tmp/db" -p "$port" -c 40 -o -V tls1.2:tls1.2 localhost \
        > "client.$backend" 2>&1 || true
    hits=$(sed -n 's/^strsclnt: \([0-9]*\) cache hits.*/\1/p' "client.$backend" | tail -n 1)
    echo "overlay/$backend: $hits cache hits of 40"
    [ "$hits" = 39 ] || fail "$backend: $hits cache hits, want 39 (a cache shared by the workers)"
    workers=0
    for pid in $(proc_tree "$server"); do
        [ "$pid" != "$server" ] || continue
        for fd in /proc/"$pid"/fd/*; do
            target=$(readlink "$fd" 2> /dev/null || true)
            case $target in
            *memfd:prshm*|"$cachedir/#"*)
                flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$pid/fdinfo/${fd##*/}")
                workers=$((workers + 1))
                # O_CLOEXEC is 02000000 in the octal flags
                case $(( 0$flags & 02000000 )) in
                0) fail "$backend: process $pid holds the cache ($target) without close-on-exec" ;;
                esac ;;
            esac
        done
    done
    [ $workers -ge 2 ] || fail "$backend: the cache descriptor was found in $workers processes, want the workers'"
    stop_server
    case $backend in
    memfd)
        grep -q 'memfd_create("prshm"' "trace.$backend" ||
            fail "memfd: the server did not create the cache with memfd_create" ;;
    tmpfile)
        grep -q "\"$cachedir\", .*O_TMPFILE" "trace.$backend" ||
            fail "tmpfile: the cache was not an O_TMPFILE in $cachedir" ;;
    esac
    if grep -E "\"$cachedir/[^\"]*\"" "trace.$backend" | grep -v "\"$tmp" |
            grep -E 'O_CREAT|unlink|linkat'; then
        fail "$backend: a name appeared in $cachedir"
    fi
    if grep -q 'NSPR-AFM' "trace.$backend"; then
        fail "$backend: NSPR's own PR_OpenAnonFileMap ran (the overlay did not take over)"
    fi
}

run memfd
run tmpfile
exit $status
