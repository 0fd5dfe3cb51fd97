/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinheritfd.c -- PR_GetInheritedFD: the descriptors a parent named in
 * NSPR_INHERIT_FDS.  Part of the standalone runtime: with the NSPR
 * overlay, libnspr4's own PR_GetInheritedFD reads the same variable.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prenv.h"
#include "prrt.h"

/* Names already taken: each can be taken once. */
static pthread_mutex_t taken_lock = PTHREAD_MUTEX_INITIALIZER;
static char **taken;
static size_t ntaken;

/* Record name as taken; PR_FALSE if it already was (or no memory). */
static PRBool take_name(const char *name, size_t len)
{
    PRBool ok = PR_TRUE;
    char **t, *copy;
    size_t i;

    pthread_mutex_lock(&taken_lock);
    for (i = 0; i < ntaken; i++)
        if (strlen(taken[i]) == len && memcmp(taken[i], name, len) == 0)
            ok = PR_FALSE;
    if (ok) {
        t = realloc(taken, (ntaken + 1) * sizeof(*t));
        copy = t ? strndup(name, len) : NULL;
        if (t)
            taken = t;
        if (copy)
            taken[ntaken++] = copy;
        else
            ok = PR_FALSE;
    }
    pthread_mutex_unlock(&taken_lock);
    return ok;
}

/* Parse "type:0xhex" at p; returns the position after it or NULL. */
static const char *parse_entry_tail(const char *p, int *type, int *osfd)
{
    long v = 0;

    if (*p < '1' || *p > '5' || p[1] != ':' || p[2] != '0' || p[3] != 'x')
        return NULL;
    *type = *p - '0';
    p += 4;
    if (!strchr("0123456789abcdefABCDEF", *p) || !*p)
        return NULL;
    while (*p && strchr("0123456789abcdefABCDEF", *p)) {
        v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
        if (v > INT_MAX)
            return NULL;
        p++;
    }
    if (*p != ':' && *p != '\0')
        return NULL;
    *osfd = (int)v;
    return p;
}

PR_IMPLEMENT(PRFileDesc *) PR_GetInheritedFD(const char *name)
{
    const char *p = PR_GetEnv(PR_INHERIT_FDS_VAR);
    size_t len = name ? strlen(name) : 0;
    int type, osfd;

    if (!name || !*name || strchr(name, ':')) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    while (p && *p) {
        const char *colon = strchr(p, ':');
        const char *next;

        if (!colon || colon == p)
            break;
        next = parse_entry_tail(colon + 1, &type, &osfd);
        if (!next)
            break; /* malformed */
        if ((size_t)(colon - p) == len && memcmp(p, name, len) == 0) {
            if (fcntl(osfd, F_GETFD) < 0) {
                PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
                return NULL;
            }
            if (!take_name(name, len)) {
                PR_SetError(PR_INVALID_STATE_ERROR, 0);
                return NULL;
            }
            return PR_ImportFile(osfd);
        }
        p = *next ? next + 1 : next;
    }
    PR_SetError(PR_INVALID_ARGUMENT_ERROR, p && *p ? 0 : ENOENT);
    return NULL;
}


__attribute__((constructor)) static void inheritfd_init(void)
{
    pr_lock_across_fork(&taken_lock);
}
