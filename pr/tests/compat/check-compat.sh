#!/bin/sh
# check-compat.sh [HEADER_DIR] -- fail when any declaration in prshm's
# public headers differs from NSPR 4.35's: function types, typedefs,
# enumerator values, struct layouts, numeric macros, and NSPR's full set
# of error numbers.  The declarations are found by preprocessing our
# headers, so a new one cannot escape.  Needs NSPR's headers
# (libnspr4-dev); NSPR_INCLUDEDIR overrides where they are.
set -eu
: "${CC:=cc}"
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../../..}
hdrdir=$(cd "${1:-$srcdir/pr/include}" && pwd)
nsprinc=${NSPR_INCLUDEDIR:-/usr/include/nspr}
extfiles=" prshmsec.h "

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$hdrdir" && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort) \
    > "$tmp/headers"
: > "$tmp/all.c"
: > "$tmp/nspr-named.c"
while read -r h; do
    echo "#include \"$h\"" >> "$tmp/all.c"
    case "$extfiles" in
    *" ${h##*/} "*) ;;
    *) echo "#include \"$h\"" >> "$tmp/nspr-named.c" ;;
    esac
done < "$tmp/headers"

# 1. Functions, typedefs, enums and structs.
$CC -E -DPRSHM_API_SCAN -I"$hdrdir" "$tmp/all.c" > "$tmp/pp.i"
awk -v hdrdir="$hdrdir/" -v extfiles="$extfiles" -v names="$tmp/names" \
    -f "$here/scan-decls.awk" "$tmp/pp.i" > "$tmp/decls.c"
if [ -n "${PRSHM_COMPAT_NAMES:-}" ]; then
    cp "$tmp/names" "$PRSHM_COMPAT_NAMES"
fi

if [ ! -f "$nsprinc/prtypes.h" ]; then
    if [ "${PRSHM_WITH_NSPR:-check}" = no ]; then
        echo "SKIP: configured --without-nspr (a cross build: no NSPR headers for the target)"
        exit 77
    fi
    echo "FAIL: NSPR headers not found in $nsprinc (install libnspr4-dev)"
    exit 1
fi

# 2. Numeric object-like macros defined by the NSPR-named headers.
$CC -E -dD -I"$hdrdir" "$tmp/nspr-named.c" | awk -v hdrdir="$hdrdir/" '
    /^# [0-9]+ "/ { file = $3; gsub(/"/, "", file); next }
    index(file, hdrdir) != 1 || $1 != "#define" { next }
    $2 ~ /\(/ || $2 ~ /^PRSHM_/ || NF < 3 { next }
    {
        name = $2
        ex = $0
        sub(/^#define [^ ]+ /, "", ex)
        if (ex !~ /^[-+()0-9a-fA-FxXuUlL ]+$/ || ex !~ /[0-9]/)
            next
        printf "#ifndef %s\n#error \"macro %s is not defined by NSPR\"\n#endif\n", name, name
        printf "_Static_assert((%s) == (%s) && __builtin_types_compatible_p(__typeof__(%s), __typeof__(%s)), \"macro %s differs from NSPR\");\n", name, ex, name, ex, name
        n++
    }
    END { if (n == 0) print "#error \"no numeric macros found\"" }
' > "$tmp/macros.c"

{
    echo "#include <stddef.h>"
    echo "#include \"nspr.h\""
    echo "#include \"plgetopt.h\""
    echo "#include \"prshma.h\""
    echo "#include \"prproces.h\""
    echo "#include \"private/pprio.h\""
    cat "$tmp/macros.c" "$tmp/decls.c"
} > "$tmp/check.c"

# 3. Every error number NSPR has, prshm has, with the same value.
$CC -E -dM "$nsprinc/prerr.h" | awk '$2 ~ /^PR_[A-Z_0-9]*_ERROR$/ {
    printf "#ifndef %s\n#error \"prshm lacks %s\"\n#endif\n", $2, $2
    printf "_Static_assert(%s == %s, \"%s differs\");\n", $2, $3, $2
    n++
} END { if (n < 70) print "#error \"too few NSPR errors found\"" }' > "$tmp/errs.c"
{
    echo "#include \"prerror.h\""
    cat "$tmp/errs.c"
} > "$tmp/errs-check.c"

status=0
if ! $CC -std=gnu11 -fsyntax-only -Werror -I"$nsprinc" "$tmp/check.c" \
        2> "$tmp/check.err"; then
    echo "FAIL: prshm's declarations differ from NSPR 4.35's:"
    grep -E -A2 'error' "$tmp/check.err" | head -40
    status=1
fi
if ! $CC -std=gnu11 -fsyntax-only -Werror -I"$hdrdir" "$tmp/errs-check.c" \
        2> "$tmp/errs.err"; then
    echo "FAIL: prshm's error numbers differ from NSPR 4.35's:"
    grep -E -A2 'error' "$tmp/errs.err" | head -40
    status=1
fi
napi=$(grep -c '^api ' "$tmp/names" || true)
nmac=$(grep -c '^_Static_assert' "$tmp/macros.c" || true)
nchk=$(grep -c '^_Static_assert' "$tmp/decls.c" || true)
echo "compat: $napi NSPR functions, $nmac macros, $nchk type/enum/struct assertions checked against $nsprinc"
[ "$napi" -gt 0 ] || { echo "FAIL: no declarations found"; status=1; }
exit $status
