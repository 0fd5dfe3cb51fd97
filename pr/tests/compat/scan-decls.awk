# scan-decls.awk -- turn the preprocessed text of prshm's public headers
# into C that, compiled after NSPR 4.35's headers, fails when any of our
# declarations differs from NSPR's.  Input: `cc -E -DPRSHM_API_SCAN`
# output with line markers.  Variables: hdrdir (our header directory,
# with a trailing slash), extfiles (" a.h b.h ": prshm-only headers),
# names (file to receive "api NAME" / "ext NAME" lines).
#
# Statements are split at top-level semicolons and classified:
#   __prshm_api__ decl   NSPR function: must exist in NSPR, redeclared;
#   __prshm_ext__ decl   prshm extension: only listed in names;
#   typedef without body redeclared (C11 allows only the same type);
#   enum with body       each enumerator's value and the enum's size;
#   struct with body     size, each member's offset and type.
# Anything else is an error, so nothing in a header goes unchecked.

function trim(s) { sub(/^[ ]+/, "", s); sub(/[ ]+$/, "", s); return s }

function last_ident(s) {
    if (!match(s, /[A-Za-z_][A-Za-z_0-9]*$/))
        return ""
    return substr(s, RSTART, RLENGTH)
}

function func_name(s,   p) {
    p = index(s, "(")
    return last_ident(trim(substr(s, 1, p - 1)))
}

function rename_refs(expr, names, cnt,   i, re) {
    for (i = 1; i <= cnt; i++) {
        re = "(^|[^A-Za-z_0-9])" names[i] "($|[^A-Za-z_0-9])"
        while (match(expr, re)) {
            pre = substr(expr, 1, RSTART - 1)
            mid = substr(expr, RSTART, RLENGTH)
            post = substr(expr, RSTART + RLENGTH)
            sub(names[i], "__prshm_" names[i], mid)
            expr = pre mid post
        }
    }
    return expr
}

function check_enum(head, body, T,   items, k, cnt, i, nm, ex, names, eq) {
    nchk++
    cnt = split(body, items, ",")
    k = 0
    for (i = 1; i <= cnt; i++) {
        items[i] = trim(items[i])
        if (items[i] == "")
            continue
        eq = index(items[i], "=")
        nm = trim(eq ? substr(items[i], 1, eq - 1) : items[i])
        ex = eq ? trim(substr(items[i], eq + 1)) : ""
        k++
        names[k] = nm
        exprs[k] = ex
    }
    out = out "enum __prshm_chk_" nchk " {"
    for (i = 1; i <= k; i++) {
        out = out " __prshm_" names[i]
        if (exprs[i] != "")
            out = out " = " rename_refs(exprs[i], names, k)
        out = out ","
    }
    out = out " };\n"
    for (i = 1; i <= k; i++)
        out = out "_Static_assert((long long)__prshm_" names[i] " == (long long)(" \
              names[i] "), \"enumerator " names[i] " differs from NSPR\");\n"
    out = out "_Static_assert(sizeof(enum __prshm_chk_" nchk ") == sizeof(" T \
          "), \"size of " T " differs from NSPR\");\n"
}

function member_name(m,   p) {
    if (index(m, "(*")) {
        p = substr(m, index(m, "(*") + 2)
        match(p, /^[ ]*[A-Za-z_][A-Za-z_0-9]*/)
        return trim(substr(p, RSTART, RLENGTH))
    }
    sub(/\[[^]]*\][ ]*$/, "", m)
    return last_ident(trim(m))
}

function check_struct(body, T,   mem, cnt, i, mn, C) {
    nchk++
    C = "struct __prshm_chk_" nchk
    out = out C " {" body "};\n"
    cnt = split(body, mem, ";")
    for (i = 1; i <= cnt; i++) {
        mem[i] = trim(mem[i])
        if (mem[i] == "")
            continue
        if (index(mem[i], ",") && !index(mem[i], "(")) {
            out = out "#error \"declare one member per line: " mem[i] "\"\n"
            continue
        }
        mn = member_name(mem[i])
        out = out "_Static_assert(offsetof(" C ", " mn ") == offsetof(" T ", " mn \
              "), \"" T "." mn " is at a different offset in NSPR\");\n"
        out = out "_Static_assert(__builtin_types_compatible_p(__typeof__(((" C \
              " *)0)->" mn "), __typeof__(((" T " *)0)->" mn ")), \"" T "." mn \
              " has a different type in NSPR\");\n"
    }
    out = out "_Static_assert(sizeof(" C ") == sizeof(" T "), \"size of " T \
          " differs from NSPR\");\n"
}

function check_body(s,   ob, cb, head, body, tail, kind, tag, td, T) {
    ob = index(s, "{")
    cb = length(s)
    while (substr(s, cb, 1) != "}")
        cb--
    head = trim(substr(s, 1, ob - 1))
    body = substr(s, ob + 1, cb - ob - 1)
    tail = trim(substr(s, cb + 1))
    sub(/;$/, "", tail)
    tail = trim(tail)
    kind = head ~ /(^| )enum( |$)/ ? "enum" : "struct"
    tag = head
    sub(/^typedef /, "", tag)
    sub(/^(enum|struct|union)/, "", tag)
    tag = trim(tag)
    td = head ~ /^typedef/ ? tail : ""
    T = tag != "" ? kind " " tag : td
    if (T == "") {
        out = out "#error \"unnamed definition: " s "\"\n"
        return
    }
    if (kind == "enum")
        check_enum(head, body, T)
    else
        check_struct(body, T)
    if (tag != "" && td != "")
        out = out "typedef " kind " " tag " " td ";\n"
}

function is_ext(f,   base) {
    base = f
    sub(/.*\//, "", base)
    return index(extfiles, " " base " ") > 0
}

function statement(s, f,   name) {
    gsub(/[ \t\n]+/, " ", s)
    s = trim(s)
    if (s == ";" || s == "")
        return
    if (s ~ /__prshm_api__/) {
        sub(/.*__prshm_api__ /, "", s)
        name = func_name(s)
        print "api " name > names
        exists = exists "_Static_assert(sizeof(&" name ") != 0, \"" name \
                 " is not an NSPR function\");\n"
        out = out "extern " s "\n"
        return
    }
    if (s ~ /__prshm_ext__/) {
        sub(/.*__prshm_ext__ /, "", s)
        print "ext " func_name(s) > names
        return
    }
    if (is_ext(f))
        return
    if (s ~ /^typedef / && !index(s, "{")) {
        out = out s "\n"
        return
    }
    if (index(s, "{")) {
        check_body(s)
        return
    }
    if (s ~ /^(struct|union) [A-Za-z_0-9]+ ?;$/) {
        out = out s "\n"
        return
    }
    out = out "#error \"unclassified declaration: " s "\"\n"
}

/^# [0-9]+ "/ {
    file = $3
    gsub(/"/, "", file)
    next
}
/^#/ { next }
{
    if (index(file, hdrdir) != 1)
        next
    line = $0
    n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "{" || c == "(")
            depth++
        else if (c == "}" || c == ")")
            depth--
        buf = buf c
        if (c == ";" && depth == 0) {
            statement(buf, file)
            buf = ""
        }
    }
    buf = buf " "
}
END {
    if (trim(buf) != "")
        out = out "#error \"trailing text: " buf "\"\n"
    printf "%s", exists
    printf "%s", out
}
