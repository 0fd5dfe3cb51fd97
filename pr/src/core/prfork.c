/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prfork.c -- prshm's locks across fork().  A fork() while another
 * thread holds one of them would leave the child's copy locked for good,
 * and the child's first call that needs it would hang.  Every lock is
 * taken before fork (in one fixed order) and released on both sides.
 */
#include "config.h"

#include <pthread.h>

#include "prcore.h"

#define MAX_LOCKS 8

static pthread_mutex_t *locks[MAX_LOCKS];
static int nlocks;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void before_fork(void)
{
    int i;

    for (i = 0; i < nlocks; i++)
        pthread_mutex_lock(locks[i]);
}

static void after_fork(void)
{
    int i;

    for (i = nlocks - 1; i >= 0; i--)
        pthread_mutex_unlock(locks[i]);
}

static void register_handlers(void)
{
    (void)pthread_atfork(before_fork, after_fork, after_fork);
}

/* Called from constructors only, before any thread can fork. */
void pr_lock_across_fork(pthread_mutex_t *lock)
{
    pthread_once(&once, register_handlers);
    if (nlocks < MAX_LOCKS)
        locks[nlocks++] = lock;
}
