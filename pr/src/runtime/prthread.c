/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prthread.c -- thread identity and PR_Sleep.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

#include "prrt.h"
#include "prthread.h"

/* Each thread's identity is the address of its own copy of this byte. */
static _Thread_local char thread_identity;

PR_IMPLEMENT(PRThread *) PR_GetCurrentThread(void)
{
    return (PRThread *)(void *)&thread_identity;
}

PR_IMPLEMENT(PRStatus) PR_Sleep(PRIntervalTime ticks)
{
    struct timespec left;
    PRUint32 usec;

    if (ticks == PR_INTERVAL_NO_TIMEOUT) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (ticks == PR_INTERVAL_NO_WAIT) {
        sched_yield();
        return PR_SUCCESS;
    }
    left.tv_sec = ticks / PR_TicksPerSecond();
    usec = PR_IntervalToMicroseconds(ticks % PR_TicksPerSecond());
    left.tv_nsec = (long)usec * 1000L;
    while (nanosleep(&left, &left) != 0) {
        if (errno != EINTR) {
            pr_set_os_error(errno);
            return PR_FAILURE;
        }
    }
    return PR_SUCCESS;
}
