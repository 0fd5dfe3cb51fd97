/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prlong.c -- the 64-bit limits as functions.
 */
#include "config.h"

#include "prrt.h"
#include "prlong.h"

PR_IMPLEMENT(PRInt64) LL_MaxInt(void) { return LL_MAXINT; }
PR_IMPLEMENT(PRInt64) LL_MinInt(void) { return LL_MININT; }
PR_IMPLEMENT(PRInt64) LL_Zero(void) { return LL_ZERO; }
PR_IMPLEMENT(PRUint64) LL_MaxUint(void) { return LL_MAXUINT; }
