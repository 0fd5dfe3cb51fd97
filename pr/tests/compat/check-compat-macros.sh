#!/bin/sh
# check-compat-macros.sh [HEADER_DIR] -- the macros a program sees after
# each #include are NSPR 4.35's.  For every NSPR header prshm ships, every
# macro that NSPR's version of that header makes visible (defined in one
# of those headers, its prcpucfg.h included) must be visible after
# prshm's too -- through the same #include, not only through nspr.h --
# and mean the same:
#   object-like   the same tokens once fully expanded, or, for integer
#                 constants, the same value (_Static_assert);
#   function-like the same number of parameters.
# Deliberate omissions are listed, with reasons, in macros-left-out.txt.
# Needs NSPR's headers (libnspr4-dev); NSPR_INCLUDEDIR overrides where.
set -eu
: "${CC:=cc}"
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$here/../../..}
hdrdir=$(cd "${1:-$srcdir/pr/include}" && pwd)
nsprinc=${NSPR_INCLUDEDIR:-/usr/include/nspr}
leftout="$here/macros-left-out.txt"

if [ ! -f "$nsprinc/prtypes.h" ]; then
    if [ "${PRSHM_WITH_NSPR:-check}" = no ]; then
        echo "SKIP: configured --without-nspr (no NSPR headers for the target)"
        exit 77
    fi
    echo "FAIL: NSPR headers not found in $nsprinc (install libnspr4-dev)"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$hdrdir" && ls ./*.h | sed 's|^\./||') | grep -v '^prshmsec\.h$' > "$tmp/shipped"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$leftout" | awk '{print $1}' > "$tmp/leftout"

# The macros the NSPR headers prshm ships define, visible after NSPR's H:
# "name nparams" (-1 for object-like).
nspr_macros() {
    printf '#include "%s"\n' "$1" > "$tmp/inc.c"
    $CC -E -dD -I"$nsprinc" "$tmp/inc.c" | awk -v nspr="$nsprinc/" \
        -v shipped="$(tr '\n' ' ' < "$tmp/shipped") prcpucfg.h" '
        /^# [0-9]+ "/ { f = $3; gsub(/"/, "", f); next }
        $1 != "#define" || index(f, nspr) != 1 { next }
        {
            b = f; sub(/.*\//, "", b)
            if (!index(" " shipped " ", " " b " ")) next
            name = $2; n = -1
            if (name ~ /\(/) {
                params = name; sub(/^[^(]*\(/, "", params); sub(/\).*/, "", params)
                n = params == "" ? 0 : split(params, p, ",")
                sub(/\(.*/, "", name)
            }
            if (name ~ /_h___$|^nspr_cpucfg___$/) next   # include guards
            print name, n
        }' | sort -u
}

# The fully expanded text of each object-like macro in list, under
# include dir $2, after #include $3: "name<TAB>expansion".
expand_all() {
    {
        printf '#include "%s"\n' "$3"
        awk '$2 == -1 { printf "__prshm_m__ \"%s\" __prshm_v__ %s __prshm_e__\n", $1, $1 }' "$1"
    } > "$tmp/exp.c"
    $CC -E -P -I"$2" "$tmp/exp.c" 2> /dev/null | tr '\n' ' ' |
        sed 's/__prshm_m__/\n__prshm_m__/g' |
        sed -n 's/^__prshm_m__ "\([A-Za-z_0-9]*\)" __prshm_v__ \(.*\) __prshm_e__.*/\1 \2/p' |
        awk '{ name = $1; $1 = ""; sub(/^ /, ""); print name "\t" $0 }'
}

status=0
fail() { echo "FAIL: $*"; status=1; }
checked=0
for h in $(cat "$tmp/shipped"); do
    [ -f "$nsprinc/$h" ] || continue
    nspr_macros "$h" > "$tmp/want"
    awk 'NR == FNR { skip[$1] = 1; next } !skip[$1]' "$tmp/leftout" "$tmp/want" > "$tmp/want2"
    printf '#include "%s"\n' "$h" > "$tmp/inc.c"
    $CC -E -dM -I"$hdrdir" "$tmp/inc.c" | awk '{ n = $2; sub(/\(.*/, "", n); print n }' |
        sort -u > "$tmp/have"
    missing=$(awk '{print $1}' "$tmp/want2" | sort -u | comm -23 - "$tmp/have")
    for m in $missing; do
        fail "$h: NSPR makes $m visible, prshm does not"
    done
    expand_all "$tmp/want2" "$nsprinc" "$h" > "$tmp/nspr.exp"
    expand_all "$tmp/want2" "$hdrdir" "$h" > "$tmp/ours.exp"
    # object-like: same tokens, or the same integer value
    {
        printf '#include "%s"\n' "$h"
        awk -F '\t' 'NR == FNR { nspr[$1] = $2; next }
            $1 in nspr { print $1 "\t" nspr[$1] "\t" $2 }' "$tmp/nspr.exp" "$tmp/ours.exp" |
        awk -F '\t' '
            $2 == $3 { next }
            $2 ~ /^[-+~()0-9a-fA-FxXuUlL <>|&*\/ ]+$/ && $2 ~ /[0-9]/ {
                printf "_Static_assert((%s) == (%s), \"macro %s differs from NSPR\");\n", $1, $2, $1
                next
            }
            { printf "#error \"macro %s: NSPR has [%s], prshm [%s]\"\n", $1, $2, $3 }'
    } > "$tmp/check.c"
    if ! $CC -std=gnu11 -fsyntax-only -Werror -I"$hdrdir" "$tmp/check.c" 2> "$tmp/err"; then
        fail "$h: macros differ from NSPR's:"
        grep -E 'error' "$tmp/err" | head -20
    fi
    # function-like: the same number of parameters
    $CC -E -dM -I"$hdrdir" "$tmp/inc.c" | awk '$2 ~ /\(/ {
        name = $2; params = name
        sub(/\(.*/, "", name); sub(/^[^(]*\(/, "", params); sub(/\).*/, "", params)
        print name, params == "" ? 0 : split(params, p, ",") }' > "$tmp/ours.fn"
    awk 'NR == FNR { n[$1] = $2; next }
         $2 >= 0 && ($1 in n) && n[$1] != $2 {
             printf "%s takes %s arguments in prshm, %s in NSPR\n", $1, n[$1], $2 }' \
        "$tmp/ours.fn" "$tmp/want2" > "$tmp/arity"
    while read -r line; do
        fail "$h: $line"
    done < "$tmp/arity"
    checked=$((checked + $(wc -l < "$tmp/want2")))
done
echo "compat: $checked macros checked header by header against $nsprinc ($(wc -l < "$tmp/leftout") left out on purpose)"
exit $status
