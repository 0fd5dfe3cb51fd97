/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * overlay.c -- what libprshm-nspr adds to the core: only its name.
 *
 * libprshm-nspr is the core (pr/src/core) and the backends (pr/src/md)
 * compiled against NSPR's own headers and linked with libnspr4.  It
 * defines the anonymous-map, file-map, process-attribute and process
 * calls and prshm's extensions; everything else -- errors, memory, the
 * environment, logging, PRFileDesc, sockets, threads, PR_GetInheritedFD
 * -- is libnspr4's.  Linked before libnspr4 or preloaded
 * (LD_PRELOAD=libprshm-nspr.so.0), its definitions come first in the
 * process's lookup order, so libnspr4's and NSS's own calls to these
 * functions reach prshm too.  docs/migrating-from-nspr.md says how to use
 * it.
 */
#include "config.h"

#include "prcore.h"

const char pr_runtime_name[] = "nspr";
