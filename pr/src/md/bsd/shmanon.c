/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * shmanon.c -- the FreeBSD backend: shm_open(SHM_ANON), an anonymous
 * shared-memory object with no path.  Where shm_open2(2) exists (13.0)
 * the object allows seals.
 *
 * On Linux this file is built only for tests, over the emulation in
 * pr/tests/shim (configure --enable-shm-anon-emulation).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>

#ifdef PRSHM_SHM_ANON_EMULATION
#include "shmanon-emul.h"
#endif

#include "prshm_md.h"

static int shmanon_create_object(const char *dir)
{
    int fd;

    (void)dir; /* SHM_ANON objects have no path at all */
#if defined(HAVE_SHM_OPEN2) || defined(PRSHM_SHM_ANON_EMULATION)
    fd = shm_open2(SHM_ANON, O_RDWR | O_CLOEXEC, 0600, SHM_ALLOW_SEALING,
                   "prshm");
    if (fd >= 0 || errno != ENOSYS)
        return fd;
#endif
    fd = shm_open(SHM_ANON, O_RDWR | O_CLOEXEC, 0600);
    return fd;
}

/* SHM_ANON objects cannot be reopened by path; the seals do the work. */
static int shmanon_reopen_readonly(int fd)
{
    return fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

const struct pr_shm_backend pr_backend_shmanon = {
    "shm_anon",
    shmanon_create_object,
    shmanon_reopen_readonly,
};
