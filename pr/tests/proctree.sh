# proctree.sh -- sourced by scripts that start processes: proc_tree PID
# prints PID and every process below it, read from /proc (no pgrep or
# pkill: procps is not on a minimal system), so a script can stop exactly
# what it started.  A command name may hold spaces, so the parent pid is
# read after the ") " that ends it.
proc_tree() {
    all=" $1 " grew=1
    while [ $grew = 1 ]; do
        grew=0
        for stat in /proc/[0-9]*/stat; do
            pid=${stat#/proc/}
            pid=${pid%/stat}
            case $all in *" $pid "*) continue ;; esac
            # (a process that has gone meanwhile: no parent, and no error
            # under set -e)
            ppid=$(sed -n 's/^.*) [A-Za-z] \([0-9]*\).*/\1/p' "$stat" 2> /dev/null || true)
            case $all in *" $ppid "*) all="$all$pid " grew=1 ;; esac
        done
    done
    echo $all
}
