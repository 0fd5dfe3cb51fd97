#!/bin/sh
# fuzz/run.sh [LIBFUZZER-OPTION...] -- build every libFuzzer harness in
# fuzz/ (clang, ASan + UBSan, coverage on the whole library) into
# _fuzz/, then run each over its seed corpus in fuzz/corpus/NAME with the
# options given, e.g. -max_total_time=10 (CI) or -runs=10000000.
# New inputs go to _fuzz/corpus-NAME; crashes to _fuzz/crash-NAME-*.
# FUZZ_ONLY="import getopt" runs only those harnesses.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/_fuzz"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
mkdir -p "$out/build"
if [ ! -f "$out/build/.libs/libprshm.a" ]; then
    (cd "$top" && [ -x configure ] || autoreconf -fi)
    src="$out/src"
    rm -rf "$src"
    mkdir -p "$src"
    (cd "$top" && git ls-files --cached --others --exclude-standard |
        while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
        tar -cf - -T -) | tar -C "$src" -xf -
    (cd "$src" && autoreconf -fi > /dev/null 2>&1)
    (cd "$out/build" && "$src/configure" CC=clang --disable-shared \
        CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $san" > configure.out 2>&1 &&
        make -j2 libprshm.la > make.out 2>&1) || {
        echo "fuzz: building the library failed; see $out/build" >&2
        exit 1
    }
fi
status=0
for h in "$top"/fuzz/fuzz_*.c; do
    name=$(basename "$h" .c)
    name=${name#fuzz_}
    case " ${FUZZ_ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
    clang -g -O1 -fsanitize=fuzzer $san -I"$out/build" -I"$top/pr/include" \
        -I"$top/pr/src/core" -I"$top/pr/src/runtime" -I"$top/pr/src/md" "$h" "$out/build/.libs/libprshm.a" -lpthread \
        -o "$out/fuzz_$name"
    mkdir -p "$out/corpus-$name"
    echo "fuzz: $name"
    if ! ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$name" "$@" \
            -artifact_prefix="$out/crash-$name-" \
            "$out/corpus-$name" "$top/fuzz/corpus/$name" > "$out/$name.log" 2>&1; then
        echo "fuzz: $name FAILED: see $out/$name.log and $out/crash-$name-*"
        tail -30 "$out/$name.log"
        status=1
    fi
    grep -E '^Done [0-9]+ runs|^#[0-9]+.*DONE' "$out/$name.log" | tail -n 1 || true
done
exit $status
