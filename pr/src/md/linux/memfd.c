/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * memfd.c -- the Linux backend: memfd_create(2).  The object has no name
 * in any file system, lives in shared memory, and allows seals.
 */
#include "config.h"

#include <sys/mman.h>

#include "prshm_md.h"

static int memfd_create_object(const char *dir)
{
    (void)dir; /* memfd objects live in no directory */
    return memfd_create("prshm", MFD_CLOEXEC | MFD_ALLOW_SEALING);
}

const struct pr_shm_backend pr_backend_memfd = {
    "memfd",
    memfd_create_object,
    pr_reopen_readonly_any, /* the object has no path, but /proc names it */
};
