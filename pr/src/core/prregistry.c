/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prregistry.c -- the descriptors that live maps hold, and which maps
 * gave out their export string (protocol 2).
 *
 * One lock guards it all.  Every decision that depends on "a live map
 * holds this number" is taken and acted on under that lock -- an import
 * taking a descriptor over, a spawn duplicating an exported map's
 * descriptor -- and a map leaves the registry before its descriptor is
 * closed.  So no other thread can close the number and open an
 * unrelated file on it in between.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prcore.h"
#include "prmem.h"

struct slot {
    PRUint32 holders;    /* live maps holding this descriptor */
    PRFileMap *exported; /* those that gave out their string */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static size_t nslots;

/* The slot for osfd, growing the table; NULL when out of memory. */
static struct slot *slot_for(PROsfd osfd)
{
    size_t len;
    struct slot *s;

    if ((size_t)osfd < nslots)
        return &slots[osfd];
    len = nslots ? nslots : 64;
    while (len <= (size_t)osfd)
        len *= 2;
    s = realloc(slots, len * sizeof(*s));
    if (!s)
        return NULL;
    memset(s + nslots, 0, (len - nslots) * sizeof(*s));
    slots = s;
    nslots = len;
    return &slots[osfd];
}

static struct slot *existing_slot(PROsfd osfd)
{
    return osfd >= 0 && (size_t)osfd < nslots ? &slots[osfd] : NULL;
}

PRStatus pr_registry_add(PROsfd osfd)
{
    struct slot *s;

    pthread_mutex_lock(&lock);
    s = osfd >= 0 ? slot_for(osfd) : NULL;
    if (s)
        s->holders++;
    pthread_mutex_unlock(&lock);
    if (!s) {
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

static void free_strings(char **v)
{
    size_t i;

    for (i = 0; v && v[i]; i++)
        PR_Free(v[i]);
    PR_Free(v);
}

void pr_registry_remove(PRFileMap *fm)
{
    struct slot *s;
    PRFileMap **p;

    pthread_mutex_lock(&lock);
    s = existing_slot(fm->osfd);
    if (s && s->holders > 0)
        s->holders--;
    for (p = s ? &s->exported : NULL; p && *p; p = &(*p)->next_exported)
        if (*p == fm) {
            *p = fm->next_exported;
            break;
        }
    pthread_mutex_unlock(&lock);
    free_strings(fm->stale);
    fm->stale = NULL;
    fm->exported = PR_FALSE;
}

PROsfd pr_registry_adopt(PROsfd fd)
{
    struct slot *s;
    PROsfd own = fd;
    int err = 0;

    pthread_mutex_lock(&lock);
    s = existing_slot(fd);
    if (s && s->holders > 0) {
        /* a live map owns this number: never take it from under it */
        own = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    } else if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
        own = -1;
    }
    if (own < 0)
        err = errno;
    else if (!(s = slot_for(own)))
        err = ENOMEM;
    else
        s->holders++;
    pthread_mutex_unlock(&lock);
    if (err) {
        if (own >= 0 && own != fd)
            close(own);
        pr_set_os_error(err);
        return -1;
    }
    return own;
}

void pr_registry_export(PRFileMap *fm, char **stale)
{
    PRBool first = PR_FALSE;
    struct slot *s;

    pthread_mutex_lock(&lock);
    s = existing_slot(fm->osfd);
    if (s && !fm->exported) {
        fm->exported = PR_TRUE;
        fm->stale = stale;
        fm->next_exported = s->exported;
        s->exported = fm;
        first = PR_TRUE;
    }
    pthread_mutex_unlock(&lock);
    if (!first)
        free_strings(stale);
}

static PRBool is_stale(const PRFileMap *fm, const char *entry)
{
    size_t i;

    for (i = 0; entry && fm->stale && fm->stale[i]; i++)
        if (strcmp(fm->stale[i], entry) == 0)
            return PR_TRUE;
    return PR_FALSE;
}

PROsfd pr_registry_claim(PROsfd fd, PRFileMapProtect prot, const char *entry)
{
    const PRFileMap *fm;
    struct slot *s;
    PROsfd dup = -1;

    pthread_mutex_lock(&lock);
    s = existing_slot(fd);
    for (fm = s ? s->exported : NULL; fm; fm = fm->next_exported)
        if (fm->prot == prot && !is_stale(fm, entry))
            break;
    if (fm) {
        dup = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (dup < 0)
            dup = -2;
    }
    pthread_mutex_unlock(&lock);
    return dup;
}

__attribute__((constructor)) static void registry_init(void)
{
    pr_lock_across_fork(&lock);
}
