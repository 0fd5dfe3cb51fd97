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

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include "prcore.h"

const char pr_runtime_name[] = "nspr";

/*
 * Linked after libnspr4 (-lnspr4 -lprshm-nspr), the overlay comes second
 * in the lookup order: libnspr4's PR_OpenAnonFileMap would make the maps
 * and the overlay's own calls (PR_GetFileMapInfo, PR_RestrictFileMap, ...)
 * would then read NSPR's PRFileMap as prshm's and crash.  That cannot
 * work, so the process stops at once, before main, with a message that
 * says how to link.
 */
__attribute__((constructor)) static void refuse_wrong_order(void)
{
    static const char msg[] =
        "prshm: libprshm-nspr is loaded after NSPR's libnspr4, so libnspr4's "
        "shared-memory calls hide the overlay's and the two would mix.\n"
        "prshm: link libprshm-nspr before libnspr4 (pkg-config --libs "
        "prshm-nspr does) or preload it (LD_PRELOAD=libprshm-nspr.so.0)\n";
    void *first = dlsym(RTLD_DEFAULT, "PR_OpenAnonFileMap");
    Dl_info theirs, ours;

    if (!first || !dladdr(first, &theirs) ||
        !dladdr((void *)(size_t)refuse_wrong_order, &ours))
        return; /* cannot tell */
    if (theirs.dli_fbase != ours.dli_fbase) {
        (void)!write(2, msg, sizeof(msg) - 1);
        abort();
    }
}
