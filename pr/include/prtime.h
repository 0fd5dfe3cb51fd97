/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prtime.h -- PRTime, the type of PRFileInfo64's time stamps and of
 * PR_Now: microseconds since 1970-01-01 00:00:00 UTC.
 */
#ifndef prtime_h___
#define prtime_h___

#include "prtypes.h"
#include "prlong.h"

PR_BEGIN_EXTERN_C

#define PR_MSEC_PER_SEC 1000L
#define PR_USEC_PER_SEC 1000000L
#define PR_NSEC_PER_SEC 1000000000L
#define PR_USEC_PER_MSEC 1000L
#define PR_NSEC_PER_MSEC 1000000L

typedef PRInt64 PRTime;

/* The current time (the system's real-time clock), as a PRTime. */
NSPR_API(PRTime) PR_Now(void);

PR_END_EXTERN_C

#endif /* prtime_h___ */
