/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinrval.c -- interval time over CLOCK_MONOTONIC, 10 us per tick.
 */
#include "config.h"

#include <time.h>

#include "prrt.h"
#include "prinrval.h"

#define TICKS_PER_SEC 100000U
#define NSEC_PER_TICK (1000000000U / TICKS_PER_SEC)

PR_IMPLEMENT(PRIntervalTime) PR_IntervalNow(void)
{
    struct timespec ts;
    PRUint64 ticks;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ticks = (PRUint64)ts.tv_sec * TICKS_PER_SEC +
            (PRUint64)ts.tv_nsec / NSEC_PER_TICK;
    return (PRIntervalTime)ticks;
}

PR_IMPLEMENT(PRUint32) PR_TicksPerSecond(void)
{
    return TICKS_PER_SEC;
}

PR_IMPLEMENT(PRIntervalTime) PR_SecondsToInterval(PRUint32 seconds)
{
    return (PRIntervalTime)((PRUint64)seconds * TICKS_PER_SEC);
}

PR_IMPLEMENT(PRIntervalTime) PR_MillisecondsToInterval(PRUint32 milli)
{
    return (PRIntervalTime)((PRUint64)milli * TICKS_PER_SEC / 1000U);
}

PR_IMPLEMENT(PRIntervalTime) PR_MicrosecondsToInterval(PRUint32 micro)
{
    return (PRIntervalTime)((PRUint64)micro * TICKS_PER_SEC / 1000000U);
}

PR_IMPLEMENT(PRUint32) PR_IntervalToSeconds(PRIntervalTime ticks)
{
    return ticks / TICKS_PER_SEC;
}

PR_IMPLEMENT(PRUint32) PR_IntervalToMilliseconds(PRIntervalTime ticks)
{
    return (PRUint32)((PRUint64)ticks * 1000U / TICKS_PER_SEC);
}

PR_IMPLEMENT(PRUint32) PR_IntervalToMicroseconds(PRIntervalTime ticks)
{
    return (PRUint32)((PRUint64)ticks * 1000000U / TICKS_PER_SEC);
}
