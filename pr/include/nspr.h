/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * nspr.h -- everything prshm provides under NSPR's names.
 */
#ifndef nspr_h___
#define nspr_h___

#include "plgetopt.h"
#include "prenv.h"
#include "prerror.h"
#include "prinit.h"
#include "prinrval.h"
#include "prio.h"
#include "prlog.h"
#include "prlong.h"
#include "prmem.h"
#include "prprf.h"
#include "prthread.h"
#include "prtime.h"
#include "prtypes.h"

#endif /* nspr_h___ */
