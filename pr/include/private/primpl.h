/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * private/primpl.h -- in NSPR, the internal header of its own sources;
 * some of NSPR's test programs (anonfm.c, nameshm1.c) include it while
 * using nothing but the public API.  prshm ships this stand-in so they
 * build unchanged: it declares nothing beyond nspr.h and pprio.h.
 */
#ifndef primpl_h___
#define primpl_h___

#include "nspr.h"
#include "private/pprio.h"

#endif /* primpl_h___ */
