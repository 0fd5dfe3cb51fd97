/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prenv.c -- the environment behind one lock.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prrt.h"
#include "prenv.h"
#include "prmem.h"

extern char **environ;

static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;

PR_IMPLEMENT(char *) PR_GetEnv(const char *var)
{
    char *value;

    if (!var)
        return NULL;
    pthread_mutex_lock(&env_lock);
    value = getenv(var);
    pthread_mutex_unlock(&env_lock);
    return value;
}

PR_IMPLEMENT(char *) PR_GetEnvSecure(const char *var)
{
#ifdef HAVE_SECURE_GETENV
    char *value;

    if (!var)
        return NULL;
    pthread_mutex_lock(&env_lock);
    value = secure_getenv(var);
    pthread_mutex_unlock(&env_lock);
    return value;
#else
    if (getuid() != geteuid() || getgid() != getegid())
        return NULL;
    return PR_GetEnv(var);
#endif
}

PR_IMPLEMENT(PRStatus) PR_SetEnv(const char *string)
{
    int rc;

    if (!string || string[0] == '=' || !strchr(string, '=')) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    pthread_mutex_lock(&env_lock);
    /* putenv() takes char *; the string is the caller's, as in NSPR. */
    rc = putenv((char *)(size_t)string);
    pthread_mutex_unlock(&env_lock);
    if (rc != 0) {
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

static void free_strings(char **v, size_t n)
{
    while (n > 0)
        PR_Free(v[--n]);
    PR_Free(v);
}

PR_IMPLEMENT(char **) PR_DuplicateEnvironment(void)
{
    char **copy = NULL;
    size_t n = 0, i;

    pthread_mutex_lock(&env_lock);
    while (environ && environ[n])
        n++;
    if ((n + 1) * sizeof(char *) > PR_UINT32_MAX)
        goto nomem;
    copy = PR_Malloc((PRUint32)((n + 1) * sizeof(char *)));
    if (!copy)
        goto nomem;
    for (i = 0; i < n; i++) {
        size_t len = strlen(environ[i]) + 1;

        copy[i] = PR_Malloc((PRUint32)len);
        if (!copy[i]) {
            free_strings(copy, i);
            copy = NULL;
            goto nomem;
        }
        memcpy(copy[i], environ[i], len);
    }
    copy[n] = NULL;
    pthread_mutex_unlock(&env_lock);
    return copy;

nomem:
    pthread_mutex_unlock(&env_lock);
    PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
    return NULL;
}

__attribute__((constructor)) static void env_init(void)
{
    pr_lock_across_fork(&env_lock);
}
