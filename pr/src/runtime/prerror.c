/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prerror.c -- per-thread error state (code, OS error, text) and the
 * error tables.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "prrt.h"

static _Thread_local PRErrorCode error_code;
static _Thread_local PRInt32 error_os;

/* The error text: a buffer per thread, freed when the thread exits (the
 * key's destructor), grown as needed. */
struct error_text {
    char *buf;
    PRInt32 size, len;
};
static _Thread_local struct error_text text_of_thread;
static pthread_key_t text_key;
static pthread_once_t text_once = PTHREAD_ONCE_INIT;

static void free_text(void *p)
{
    struct error_text *t = p;

    free(t->buf);
    t->buf = NULL;
    t->size = t->len = 0;
}

static void make_text_key(void)
{
    (void)pthread_key_create(&text_key, free_text);
}

struct pr_error_entry {
    const char *name;
    const char *text;
};

#define PR_ERRTAB_ENTRY(name, text) {#name, text},
static const struct pr_error_entry error_table[] = {
#include "prerrtab.h"
};
#undef PR_ERRTAB_ENTRY

#define ERROR_COUNT ((PRErrorCode)PR_ARRAY_SIZE(error_table))

PR_IMPLEMENT(void) PR_SetError(PRErrorCode code, PRInt32 oserr)
{
    error_code = code;
    error_os = oserr;
    text_of_thread.len = 0;
}

PR_IMPLEMENT(void) PR_SetErrorText(PRIntn textLength, const char *text)
{
    struct error_text *t = &text_of_thread;

    if (textLength <= 0 || !text) {
        t->len = 0;
        return;
    }
    if (textLength >= t->size) {
        PRInt32 size = textLength + 32;
        char *buf = realloc(t->buf, (size_t)size);

        if (!buf)
            return;
        if (!t->buf) { /* first text of this thread: free it at its end */
            pthread_once(&text_once, make_text_key);
            (void)pthread_setspecific(text_key, t);
        }
        t->buf = buf;
        t->size = size;
    }
    memcpy(t->buf, text, (size_t)textLength);
    t->buf[textLength] = '\0';
    t->len = textLength;
}

PR_IMPLEMENT(PRInt32) PR_GetErrorTextLength(void)
{
    return text_of_thread.len;
}

PR_IMPLEMENT(PRInt32) PR_GetErrorText(char *text)
{
    const struct error_text *t = &text_of_thread;

    if (t->len == 0 || !text)
        return 0;
    memcpy(text, t->buf, (size_t)t->len + 1);
    return t->len;
}

PR_IMPLEMENT(PRErrorCode) PR_GetError(void)
{
    return error_code;
}

PR_IMPLEMENT(PRInt32) PR_GetOSError(void)
{
    return error_os;
}

static const struct pr_error_entry *lookup(PRErrorCode code)
{
    if (code < PR_NSPR_ERROR_BASE || code >= PR_NSPR_ERROR_BASE + ERROR_COUNT)
        return NULL;
    return &error_table[code - PR_NSPR_ERROR_BASE];
}

PR_IMPLEMENT(const char *) PR_ErrorToName(PRErrorCode code)
{
    const struct pr_error_entry *e = lookup(code);

    return e ? e->name : NULL;
}

PR_IMPLEMENT(const char *) PR_ErrorToString(PRErrorCode code,
                                            PRLanguageCode language)
{
    const struct pr_error_entry *e = lookup(code);

    (void)language;
    return e ? e->text : "Unknown error code";
}
