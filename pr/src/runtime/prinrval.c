/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinrval.c -- interval time over CLOCK_MONOTONIC in milliseconds, as
 * NSPR 4.35 counts it on Unix (1000 ticks a second: an interval wraps
 * after 49.7 days), with NSPR's rounding to the nearest tick or unit.
 */
#include "config.h"

#include <time.h>

#include "prrt.h"
#include "prinrval.h"

#define TICKS_PER_SEC 1000U

PR_IMPLEMENT(PRIntervalTime) PR_IntervalNow(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (PRIntervalTime)((PRUint32)ts.tv_sec * 1000U +
                            (PRUint32)ts.tv_nsec / 1000000U);
}

PR_IMPLEMENT(PRUint32) PR_TicksPerSecond(void)
{
    return TICKS_PER_SEC;
}

/* n units of which there are per_sec in a second, in ticks (rounded) */
static PRIntervalTime to_ticks(PRUint32 n, PRUint64 per_sec)
{
    return (PRIntervalTime)(((PRUint64)n * TICKS_PER_SEC + per_sec / 2) / per_sec);
}

/* ticks in units of which there are per_sec in a second (rounded) */
static PRUint32 from_ticks(PRIntervalTime ticks, PRUint64 per_sec)
{
    return (PRUint32)(((PRUint64)ticks * per_sec + TICKS_PER_SEC / 2) / TICKS_PER_SEC);
}

PR_IMPLEMENT(PRIntervalTime) PR_SecondsToInterval(PRUint32 seconds)
{
    return seconds * TICKS_PER_SEC; /* wraps as NSPR's does */
}

PR_IMPLEMENT(PRIntervalTime) PR_MillisecondsToInterval(PRUint32 milli)
{
    return to_ticks(milli, 1000U);
}

PR_IMPLEMENT(PRIntervalTime) PR_MicrosecondsToInterval(PRUint32 micro)
{
    return to_ticks(micro, 1000000U);
}

PR_IMPLEMENT(PRUint32) PR_IntervalToSeconds(PRIntervalTime ticks)
{
    return ticks / TICKS_PER_SEC;
}

PR_IMPLEMENT(PRUint32) PR_IntervalToMilliseconds(PRIntervalTime ticks)
{
    return from_ticks(ticks, 1000U);
}

PR_IMPLEMENT(PRUint32) PR_IntervalToMicroseconds(PRIntervalTime ticks)
{
    return from_ticks(ticks, 1000000U);
}
