/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinit.c -- initialisation state and version checks.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "prrt.h"
#include "prinit.h"
#include "prlog.h"
#include "prtime.h"

static int initialized; /* accessed atomically */

static void ignore_sigpipe(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    (void)sigaction(SIGPIPE, &sa, NULL);
}

void pr_rt_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    (void)pthread_once(&once, ignore_sigpipe);
}

PR_IMPLEMENT(void) PR_Init(PRThreadType type, PRThreadPriority priority,
                           PRUintn maxPTDs)
{
    (void)type;
    (void)priority;
    (void)maxPTDs;
    pr_rt_init();
    __atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
}

PR_IMPLEMENT(PRBool) PR_Initialized(void)
{
    return __atomic_load_n(&initialized, __ATOMIC_ACQUIRE) ? PR_TRUE : PR_FALSE;
}

PR_IMPLEMENT(PRStatus) PR_Cleanup(void)
{
    PR_LogFlush();
    __atomic_store_n(&initialized, 0, __ATOMIC_RELEASE);
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRIntn) PR_Initialize(PRPrimordialFn prmain, PRIntn argc,
                                   char **argv, PRUintn maxPTDs)
{
    PRIntn rv;

    if (!prmain) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    PR_Init(PR_USER_THREAD, PR_PRIORITY_NORMAL, maxPTDs);
    rv = prmain(argc, argv);
    PR_Cleanup();
    return rv;
}

PR_IMPLEMENT(void) PR_ProcessExit(PRIntn status)
{
    _exit((int)status);
}

PR_IMPLEMENT(const char *) PR_GetVersion(void)
{
    return PR_VERSION;
}

/* Read the digits at *s as a number (saturating); advance past them. */
static long read_digits(const char **s)
{
    long v = 0;

    while (**s >= '0' && **s <= '9') {
        v = v < 0x10000 ? v * 10 + (**s - '0') : v;
        (*s)++;
    }
    return v;
}

/*
 * As NSPR: "major[.minor[.patch]]" read leniently -- each part is the
 * digits there are, and the first character that does not fit ends the
 * string -- so "4,26", "4.35beta", "4.35 " and "4." all read as versions.
 * Compatible: the same major number, and minor.patch no newer than ours.
 */
PR_IMPLEMENT(PRBool) PR_VersionCheck(const char *importedVersion)
{
    long major, minor = 0, patch = 0;
    const char *s = importedVersion;

    if (!s)
        return PR_FALSE; /* NSPR would crash */
    major = read_digits(&s);
    if (*s == '.') {
        s++;
        minor = read_digits(&s);
        if (*s == '.') {
            s++;
            patch = read_digits(&s);
        }
    }
    if (major != PR_VMAJOR || minor > PR_VMINOR)
        return PR_FALSE;
    return minor < PR_VMINOR || patch <= PR_VPATCH ? PR_TRUE : PR_FALSE;
}

/* ---- PR_CallOnce ------------------------------------------------------- */

static pthread_mutex_t once_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t once_done = PTHREAD_COND_INITIALIZER;

/* func() or func_arg(arg), once for *once, NSPR's rules: the caller that
 * runs it gets its result as it is; every other caller waits for it and
 * gets PR_CALL_ONCE_ERROR besides when it failed. */
static PRStatus call_once(PRCallOnceType *once, PRStatus (*func)(void),
                          PRStatus (*func_arg)(void *), void *arg)
{
    PRStatus status;

    pthread_mutex_lock(&once_lock);
    if (!once->initialized &&
        __atomic_exchange_n(&once->inProgress, 1, __ATOMIC_ACQ_REL) == 0) {
        pthread_mutex_unlock(&once_lock);
        status = func ? func() : func_arg(arg);
        pthread_mutex_lock(&once_lock);
        once->status = status;
        once->initialized = 1;
        pthread_cond_broadcast(&once_done);
        pthread_mutex_unlock(&once_lock);
        return status;
    }
    while (!once->initialized)
        pthread_cond_wait(&once_done, &once_lock);
    status = once->status;
    pthread_mutex_unlock(&once_lock);
    if (status != PR_SUCCESS)
        PR_SetError(PR_CALL_ONCE_ERROR, 0);
    return status;
}

PR_IMPLEMENT(PRStatus) PR_CallOnce(PRCallOnceType *once, PRCallOnceFN func)
{
    if (!once || !func) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    return call_once(once, func, NULL, NULL);
}

PR_IMPLEMENT(PRStatus) PR_CallOnceWithArg(PRCallOnceType *once,
                                          PRCallOnceWithArgFN func, void *arg)
{
    if (!once || !func) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    return call_once(once, NULL, func, arg);
}

/* ---- PR_Now -------------------------------------------------------------- */

PR_IMPLEMENT(PRTime) PR_Now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (PRTime)ts.tv_sec * PR_USEC_PER_SEC + (PRTime)(ts.tv_nsec / 1000);
}
