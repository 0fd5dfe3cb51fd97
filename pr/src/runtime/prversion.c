/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prversion.c -- the standalone runtime's name, and its guard against
 * sharing a process with NSPR's libnspr4.
 *
 * libprshm and libnspr4 define the same functions.  In one process the
 * first definition in load order wins for every caller, libnspr4's own
 * and NSS's included (Debian's libnspr4 has no symbol versions), so
 * NSS would allocate with one runtime and free with the other, or read
 * one runtime's PRFileDesc with the other's code.  That cannot work, so
 * libprshm stops the process at once, before main, with a message that
 * names the overlay made for NSPR programs.
 */
#include "config.h"

#ifdef HAVE_DL_ITERATE_PHDR
#include <link.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prrt.h"

const char pr_runtime_name[] = "prshm";

#ifdef HAVE_DL_ITERATE_PHDR
static int is_libnspr(struct dl_phdr_info *info, size_t size, void *data)
{
    const char *name = info->dlpi_name, *base;

    (void)size;
    (void)data;
    if (!name || !*name)
        return 0;
    base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return strncmp(base, "libnspr4.so", 11) == 0;
}

#ifndef PRSHM_DOCDIR /* where make install puts the documentation */
#define PRSHM_DOCDIR "/usr/local/share/doc/prshm"
#endif

__attribute__((constructor)) static void refuse_libnspr4(void)
{
    static const char msg[] =
        "prshm: libprshm and NSPR's libnspr4 are loaded into one process; "
        "they define the same functions and cannot be mixed.\n"
        "prshm: an NSPR or NSS program must use the overlay instead: link "
        "libprshm-nspr (pkg-config prshm-nspr) or preload it "
        "(LD_PRELOAD=libprshm-nspr.so.0); see "
        PRSHM_DOCDIR "/docs/migrating-from-nspr.md\n";

    if (dl_iterate_phdr(is_libnspr, NULL)) {
        (void)!write(2, msg, sizeof(msg) - 1);
        abort();
    }
}
#endif
