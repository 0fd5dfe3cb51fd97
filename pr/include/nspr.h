/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * nspr.h -- every NSPR header prshm ships, in the order NSPR's nspr.h
 * includes them (pr/tests/check-nspr-h.sh keeps it so).  As in NSPR,
 * plgetopt.h and private/ headers are not among them, and prshm's own
 * extensions (prshmsec.h) are included by name only.
 */
#ifndef nspr_h___
#define nspr_h___

#include "pratom.h"
#include "prenv.h"
#include "prerror.h"
#include "prinit.h"
#include "prinrval.h"
#include "prio.h"
#include "pripcsem.h"
#include "prlog.h"
#include "prlong.h"
#include "prmem.h"
#include "prprf.h"
#include "prproces.h"
#include "prshm.h"
#include "prshma.h"
#include "prthread.h"
#include "prtime.h"
#include "prtypes.h"

#endif /* nspr_h___ */
