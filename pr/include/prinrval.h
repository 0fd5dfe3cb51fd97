/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinrval.h -- interval time: a free-running 32-bit tick count from a
 * monotonic clock, for measuring and bounding short intervals.  prshm
 * ticks 100000 times a second (10 microseconds), so the count wraps
 * after about 11.9 hours; compare intervals by unsigned subtraction.
 */
#if !defined(prinrval_h)
#define prinrval_h

#include "prtypes.h"

PR_BEGIN_EXTERN_C

typedef PRUint32 PRIntervalTime;

/* Bounds NSPR promises for PR_TicksPerSecond(). */
#define PR_INTERVAL_MIN 1000UL
#define PR_INTERVAL_MAX 100000UL

#define PR_INTERVAL_NO_WAIT 0UL
#define PR_INTERVAL_NO_TIMEOUT 0xffffffffUL

/* The current tick count (CLOCK_MONOTONIC). */
NSPR_API(PRIntervalTime) PR_IntervalNow(void);

/* Ticks per second: 100000. */
NSPR_API(PRUint32) PR_TicksPerSecond(void);

/* Conversions.  Results are computed in 64 bits and truncated to 32
 * bits, as the tick count wraps; sub-tick remainders round down. */
NSPR_API(PRIntervalTime) PR_SecondsToInterval(PRUint32 seconds);
NSPR_API(PRIntervalTime) PR_MillisecondsToInterval(PRUint32 milli);
NSPR_API(PRIntervalTime) PR_MicrosecondsToInterval(PRUint32 micro);
NSPR_API(PRUint32) PR_IntervalToSeconds(PRIntervalTime ticks);
NSPR_API(PRUint32) PR_IntervalToMilliseconds(PRIntervalTime ticks);
NSPR_API(PRUint32) PR_IntervalToMicroseconds(PRIntervalTime ticks);

PR_END_EXTERN_C

#endif /* !defined(prinrval_h) */
