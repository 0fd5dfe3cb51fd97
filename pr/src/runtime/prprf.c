/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prprf.c -- NSPR's printf family.  pr_format parses each conversion,
 * reads its argument with NSPR's sizes (prprf.h) and hands the single
 * conversion, rewritten with C's sizes, to the C library's snprintf.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "prrt.h"
#include "prmem.h"
#include "prprf.h"

/* Each conversion is rebuilt as a format string for snprintf. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Where formatted output goes: each piece is handed to an emit function. */
typedef int (*pr_emit_fn)(void *arg, const char *s, size_t len);

enum size_class { SZ_INT, SZ_16, SZ_32, SZ_64, SZ_SIZE };

struct spec {
    char flags[8];
    int width;      /* -1: none */
    int precision;  /* -1: none */
    enum size_class size;
    char conv;
};

/* Format one already-fetched value with C's snprintf and emit it. */
static int emit_c(pr_emit_fn emit, void *arg, const char *cfmt,
                  const struct spec *sp, const void *value)
{
    char small[128], *buf = small;
    int n = -1;

#define PR_FMT(v) snprintf(buf, len, cfmt, sp->width, sp->precision, v)
    for (size_t len = sizeof(small);;) {
        switch (sp->conv) {
        case 'd': case 'i':
            n = PR_FMT(*(const long long *)value);
            break;
        case 'u': case 'o': case 'x': case 'X':
            n = PR_FMT(*(const unsigned long long *)value);
            break;
        default:
            n = PR_FMT(*(const double *)value);
            break;
        }
        if (n < 0 || (size_t)n < len)
            break;
        if (buf != small)
            break; /* cannot happen: the second pass was sized exactly */
        len = (size_t)n + 1;
        buf = malloc(len);
        if (!buf) {
            PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
            return -1;
        }
    }
#undef PR_FMT
    if (n >= 0 && emit(arg, buf, (size_t)n) < 0)
        n = -1;
    else if (n < 0)
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
    if (buf != small)
        free(buf);
    return n;
}

static int emit_pad(pr_emit_fn emit, void *arg, int count)
{
    static const char spaces[] = "                                ";

    while (count > 0) {
        int chunk = count < 32 ? count : 32;

        if (emit(arg, spaces, (size_t)chunk) < 0)
            return -1;
        count -= chunk;
    }
    return 0;
}

/* Emit len bytes of s padded to the field width ('-' pads on the right). */
static int emit_padded(pr_emit_fn emit, void *arg, const struct spec *sp,
                       const char *s, size_t len)
{
    int pad;

    if (len > 0x7fffffff)
        len = 0x7fffffff;
    pad = sp->width > (int)len ? sp->width - (int)len : 0;
    if (!strchr(sp->flags, '-') && emit_pad(emit, arg, pad) < 0)
        return -1;
    if (emit(arg, s, len) < 0)
        return -1;
    if (strchr(sp->flags, '-') && emit_pad(emit, arg, pad) < 0)
        return -1;
    return (int)len + pad;
}

/* %s: no buffer; NULL prints "(null)"; the precision caps the length. */
static int emit_string(pr_emit_fn emit, void *arg, const struct spec *sp,
                       const char *s)
{
    if (!s)
        s = "(null)";
    return emit_padded(emit, arg, sp, s,
                       sp->precision >= 0 ? strnlen(s, (size_t)sp->precision)
                                          : strlen(s));
}

/* Read a width or precision (digits or '*') into *out; -1 on overflow. */
static int parse_number(const char **p, va_list *ap, int *out)
{
    int n = 0;

    if (**p == '*') {
        (*p)++;
        *out = va_arg(*ap, int);
        return 0;
    }
    while (**p >= '0' && **p <= '9') {
        if (n > 100000000)
            return -1;
        n = n * 10 + (*(*p)++ - '0');
    }
    *out = n;
    return 0;
}

static void parse_size(const char **p, struct spec *sp)
{
    sp->size = SZ_INT;
    if (**p == 'h') {
        sp->size = SZ_16;
        (*p)++;
    } else if (**p == 'l') {
        sp->size = SZ_32;
        if (*++(*p) == 'l') {
            sp->size = SZ_64;
            (*p)++;
        }
    } else if (**p == 'L' || **p == 'q') {
        sp->size = SZ_64;
        (*p)++;
    } else if (**p == 'z') {
        sp->size = SZ_SIZE;
        (*p)++;
    }
}

static int parse_spec(const char **p, struct spec *sp, va_list *ap)
{
    size_t nflags = 0;

    memset(sp, 0, sizeof(*sp));
    while (**p && strchr("-+ #0", **p) && nflags < sizeof(sp->flags) - 2)
        sp->flags[nflags++] = *(*p)++;
    if (parse_number(p, ap, &sp->width) < 0)
        return -1;
    if (sp->width < 0) {
        sp->flags[nflags] = '-'; /* a negative '*' width means left-adjust */
        sp->width = sp->width == INT_MIN ? 0 : -sp->width;
    }
    sp->precision = -1;
    if (**p == '.') {
        (*p)++;
        if (parse_number(p, ap, &sp->precision) < 0)
            return -1;
        if (sp->precision < 0)
            sp->precision = -1;
    }
    parse_size(p, sp);
    sp->conv = *(*p)++;
    return sp->conv ? 0 : -1;
}

static long long fetch_signed(const struct spec *sp, va_list *ap)
{
    switch (sp->size) {
    case SZ_16: return (PRInt16)va_arg(*ap, int);
    case SZ_64: return va_arg(*ap, PRInt64);
    case SZ_SIZE: return (long long)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int); /* int, and NSPR's 32-bit %l */
    }
}

static unsigned long long fetch_unsigned(const struct spec *sp, va_list *ap)
{
    switch (sp->size) {
    case SZ_16: return (PRUint16)va_arg(*ap, unsigned int);
    case SZ_64: return va_arg(*ap, PRUint64);
    case SZ_SIZE: return (unsigned long long)va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned int); /* and NSPR's 32-bit %l */
    }
}

/* One conversion; returns the bytes emitted or -1. */
static int convert(pr_emit_fn emit, void *arg, const struct spec *sp,
                   va_list *ap)
{
    char cfmt[24], text[32];
    long long s;
    unsigned long long u;
    double d;
    const char *lenmod = "";

    if (strchr("diuoxX", sp->conv))
        lenmod = "ll";
    else if (sp->size != SZ_INT)
        return -1; /* no size modifier on s, c, p or floating point */
    (void)snprintf(cfmt, sizeof(cfmt), "%%%s*.*%s%c", sp->flags, lenmod,
                   sp->conv);
    switch (sp->conv) {
    case 's':
        return emit_string(emit, arg, sp, va_arg(*ap, const char *));
    case 'c':
        text[0] = (char)va_arg(*ap, int);
        text[1] = '\0';
        return emit_padded(emit, arg, sp, text, 1);
    case 'p': /* as NSPR: lower-case hex digits, no "0x", 0 for NULL */
        (void)snprintf(text, sizeof(text), "%jx",
                       (uintmax_t)(uintptr_t)va_arg(*ap, void *));
        return emit_padded(emit, arg, sp, text, strlen(text));
    case 'd': case 'i':
        s = fetch_signed(sp, ap);
        return emit_c(emit, arg, cfmt, sp, &s);
    case 'u': case 'o': case 'x': case 'X':
        u = fetch_unsigned(sp, ap);
        return emit_c(emit, arg, cfmt, sp, &u);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        d = va_arg(*ap, double);
        return emit_c(emit, arg, cfmt, sp, &d);
    default:
        return -1;
    }
}

static long pr_format(pr_emit_fn emit, void *arg, const char *fmt,
                      va_list ap)
{
    va_list args;
    long total = 0;
    const char *p = fmt;

    va_copy(args, ap);
    while (*p) {
        const char *pct = strchr(p, '%');
        size_t lit = pct ? (size_t)(pct - p) : strlen(p);
        struct spec sp;
        int n;

        if (lit && emit(arg, p, lit) < 0)
            goto fail;
        total += (long)lit;
        if (!pct)
            break;
        p = pct + 1;
        if (*p == '%') {
            if (emit(arg, "%", 1) < 0)
                goto fail;
            total++;
            p++;
            continue;
        }
        if (parse_spec(&p, &sp, &args) < 0)
            goto bad;
        n = convert(emit, arg, &sp, &args);
        if (n < 0)
            goto bad;
        total += n;
    }
    va_end(args);
    return total;

bad:
    PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
fail:
    va_end(args);
    return -1;
}

/* ---- into a fixed buffer ------------------------------------------ */
struct fixed_buf {
    char *out;
    size_t cap; /* bytes available before the NUL */
    size_t len;
};

static int emit_fixed(void *arg, const char *s, size_t n)
{
    struct fixed_buf *b = arg;
    size_t room = b->cap - b->len;

    if (n > room)
        n = room;
    memcpy(b->out + b->len, s, n);
    b->len += n;
    return 0;
}

PR_IMPLEMENT(PRUint32) PR_vsnprintf(char *out, PRUint32 outlen,
                                    const char *fmt, va_list ap)
{
    struct fixed_buf b;

    if (!fmt || (!out && outlen > 0)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return (PRUint32)-1;
    }
    if (outlen == 0)
        return 0;
    b.out = out;
    b.cap = outlen - 1;
    b.len = 0;
    if (pr_format(emit_fixed, &b, fmt, ap) < 0) {
        out[0] = '\0';
        return (PRUint32)-1;
    }
    out[b.len] = '\0';
    return (PRUint32)b.len;
}

PR_IMPLEMENT(PRUint32) PR_snprintf(char *out, PRUint32 outlen,
                                   const char *fmt, ...)
{
    va_list ap;
    PRUint32 n;

    va_start(ap, fmt);
    n = PR_vsnprintf(out, outlen, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- into a growing heap buffer ------------------------------------ */
struct heap_buf {
    char *data;
    size_t len, cap;
};

static int emit_heap(void *arg, const char *s, size_t n)
{
    struct heap_buf *b = arg;

    if (!b->data || b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *p;

        while (cap < b->len + n + 1)
            cap *= 2;
        if (cap > PR_UINT32_MAX || !(p = PR_Realloc(b->data, (PRUint32)cap))) {
            PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
            return -1;
        }
        b->data = p;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

PR_IMPLEMENT(char *) PR_vsmprintf(const char *fmt, va_list ap)
{
    struct heap_buf b = {NULL, 0, 0};

    if (!fmt) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (pr_format(emit_heap, &b, fmt, ap) < 0 || emit_heap(&b, "", 0) < 0) {
        PR_Free(b.data);
        return NULL;
    }
    b.data[b.len] = '\0';
    return b.data;
}

PR_IMPLEMENT(char *) PR_smprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = PR_vsmprintf(fmt, ap);
    va_end(ap);
    return s;
}

PR_IMPLEMENT(void) PR_smprintf_free(char *mem)
{
    PR_Free(mem);
}

/* ---- to a PRFileDesc --------------------------------------------- */
PR_IMPLEMENT(PRUint32) PR_vfprintf(struct PRFileDesc *fd, const char *fmt,
                                   va_list ap)
{
    char *s;
    size_t len;
    PRInt32 n;

    if (!fd) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return (PRUint32)-1;
    }
    s = PR_vsmprintf(fmt, ap);
    if (!s)
        return (PRUint32)-1;
    len = strlen(s);
    n = len > 0x7fffffff ? -1 : PR_Write(fd, s, (PRInt32)len);
    PR_smprintf_free(s);
    return n < 0 ? (PRUint32)-1 : (PRUint32)n;
}

PR_IMPLEMENT(PRUint32) PR_fprintf(struct PRFileDesc *fd, const char *fmt, ...)
{
    va_list ap;
    PRUint32 n;

    va_start(ap, fmt);
    n = PR_vfprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}
