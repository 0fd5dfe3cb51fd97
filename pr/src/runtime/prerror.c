/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prerror.c -- per-thread error state and the error tables.
 */
#include "config.h"

#include <errno.h>

#include "prrt.h"

static _Thread_local PRErrorCode error_code;
static _Thread_local PRInt32 error_os;

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
