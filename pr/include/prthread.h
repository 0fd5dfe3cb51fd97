/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prthread.h -- the part of NSPR's thread API that prshm provides:
 * the enums PR_Init takes, PR_Sleep and an opaque per-thread identity.
 * prshm does not create threads; use pthreads directly.
 */
#ifndef prthread_h___
#define prthread_h___

#include "prtypes.h"
#include "prinrval.h"

PR_BEGIN_EXTERN_C

/* Opaque: only ever compared for identity. */
typedef struct PRThread PRThread;

typedef enum PRThreadType {
    PR_USER_THREAD,
    PR_SYSTEM_THREAD
} PRThreadType;

typedef enum PRThreadScope {
    PR_LOCAL_THREAD,
    PR_GLOBAL_THREAD,
    PR_GLOBAL_BOUND_THREAD
} PRThreadScope;

typedef enum PRThreadState {
    PR_JOINABLE_THREAD,
    PR_UNJOINABLE_THREAD
} PRThreadState;

typedef enum PRThreadPriority {
    PR_PRIORITY_FIRST = 0,
    PR_PRIORITY_LOW = 0,
    PR_PRIORITY_NORMAL = 1,
    PR_PRIORITY_HIGH = 2,
    PR_PRIORITY_URGENT = 3,
    PR_PRIORITY_LAST = 3
} PRThreadPriority;

/*
 * A pointer that identifies the calling thread: the same value for every
 * call on one thread, different values on threads alive at the same time.
 * Never NULL.  It points at nothing the caller may use.
 */
NSPR_API(PRThread *) PR_GetCurrentThread(void);

/* NSPR 1.0's name for it. */
#define PR_CurrentThread() PR_GetCurrentThread()

/*
 * Sleep for ticks (see prinrval.h).  PR_INTERVAL_NO_WAIT yields the
 * processor.  Signals do not shorten the sleep.  PR_INTERVAL_NO_TIMEOUT
 * would sleep for ever: it fails with PR_INVALID_ARGUMENT_ERROR.
 */
NSPR_API(PRStatus) PR_Sleep(PRIntervalTime ticks);

PR_END_EXTERN_C

#endif /* prthread_h___ */
