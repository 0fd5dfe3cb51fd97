/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm_choose.c -- the one place that picks the shared-memory backend.
 *
 * Preference: memfd, then SHM_ANON, then tmpfile, among those configure
 * built.  PRSHM_BACKEND (read once) forces one.  memfd refused at run
 * time with ENOSYS (old kernel) or EPERM (seccomp) moves the process to
 * tmpfile for good, unless memfd was forced.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "prcore.h"
#include "prenv.h"
#include "prlog.h"
#include "prshm_md.h"

static const struct pr_shm_backend *const preferred[] = {
#ifdef PRSHM_HAVE_MEMFD
    &pr_backend_memfd,
#endif
#ifdef PRSHM_HAVE_SHMANON
    &pr_backend_shmanon,
#endif
    &pr_backend_tmpfile,
};

static pthread_once_t choose_once = PTHREAD_ONCE_INIT;
static const struct pr_shm_backend *chosen; /* atomic; NULL: bad env */
static PRBool forced;
static char refused_name[64];

static const struct pr_shm_backend *by_name(const char *name)
{
    size_t i;

    if (strcmp(name, pr_backend_tmpfile_named.name) == 0)
        return &pr_backend_tmpfile_named;
    for (i = 0; i < PR_ARRAY_SIZE(preferred); i++)
        if (strcmp(name, preferred[i]->name) == 0)
            return preferred[i];
    return NULL;
}

static void choose(void)
{
    const char *env = PR_GetEnvSecure("PRSHM_BACKEND");
    const struct pr_shm_backend *b = preferred[0];

    if (env && *env) {
        forced = PR_TRUE;
        b = by_name(env);
        if (!b) {
            strncpy(refused_name, env, sizeof(refused_name) - 1);
            PR_LogPrint("prshm: PRSHM_BACKEND=%s is not a backend this build "
                        "has; anonymous maps are disabled", refused_name);
        }
    }
    __atomic_store_n(&chosen, b, __ATOMIC_RELEASE);
}

/* The error for a PRSHM_BACKEND this build cannot give, with a text
 * (PR_GetErrorText) that names the value and the backends it has. */
static void set_refused_error(const char *why, int err)
{
    char text[256];
    size_t i, n;

    PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, err);
    n = (size_t)snprintf(text, sizeof(text), "PRSHM_BACKEND=%s %s; its backends are:",
                         refused_name, why);
    for (i = 0; i < PR_ARRAY_SIZE(preferred) && n < sizeof(text); i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, " %s", preferred[i]->name);
    if (n < sizeof(text))
        n += (size_t)snprintf(text + n, sizeof(text) - n, " %s",
                              pr_backend_tmpfile_named.name);
    if (n >= sizeof(text))
        n = sizeof(text) - 1;
    PR_SetErrorText((PRIntn)n, text);
}

const struct pr_shm_backend *pr_shm_current(void)
{
    const struct pr_shm_backend *b;

    pthread_once(&choose_once, choose);
    b = __atomic_load_n(&chosen, __ATOMIC_ACQUIRE);
    if (!b)
        set_refused_error("is not one of the backends of this build", 0);
    return b;
}

int pr_shm_create(const char *dir, const struct pr_shm_backend **used)
{
    const struct pr_shm_backend *b = pr_shm_current();
    int fd, err;

    if (!b)
        return -1;
    fd = b->create(dir);
    if (fd >= 0) {
        *used = b;
        return fd;
    }
    err = errno;
    if (strcmp(b->name, "memfd") == 0 && (err == ENOSYS || err == EPERM)) {
        if (forced) {
            strncpy(refused_name, b->name, sizeof(refused_name) - 1);
            set_refused_error("is refused by this kernel (memfd_create failed)", err);
            return -1;
        }
        pr_log(PR_LOG_WARNING, "%s refused (errno %d): using tmpfile",
               b->name, err);
        __atomic_store_n(&chosen, &pr_backend_tmpfile, __ATOMIC_RELEASE);
        return pr_shm_create(dir, used);
    }
    pr_set_os_error(err);
    return -1;
}
