/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prenv.h -- the environment.  All four calls hold one process-wide lock,
 * so they are safe against each other from any number of threads (not
 * against a direct setenv()/putenv() elsewhere in the program).
 */
#ifndef prenv_h___
#define prenv_h___

#include "prtypes.h"

PR_BEGIN_EXTERN_C

/*
 * The value of var, or NULL if unset or var is NULL.  The string belongs
 * to the environment: it stays valid until var is set again.
 */
NSPR_API(char *) PR_GetEnv(const char *var);

/*
 * As PR_GetEnv, but NULL when the process runs with raised privileges
 * (set-user-ID, set-group-ID or capabilities), where the environment
 * comes from a less trusted caller.
 */
NSPR_API(char *) PR_GetEnvSecure(const char *var);

/*
 * Add or replace "NAME=VALUE".  As in NSPR the string itself becomes
 * part of the environment (putenv semantics): keep it alive and
 * unchanged.  NULL, an empty name, or a string without '=' fails with
 * PR_INVALID_ARGUMENT_ERROR; no memory gives PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PRStatus) PR_SetEnv(const char *string);

/*
 * A snapshot of the whole environment: a NULL-terminated array of
 * "NAME=VALUE" copies.  The caller frees each string and then the
 * array with PR_Free.  NULL with PR_OUT_OF_MEMORY_ERROR on failure.
 */
NSPR_API(char **) PR_DuplicateEnvironment(void);

PR_END_EXTERN_C

#endif /* prenv_h___ */
