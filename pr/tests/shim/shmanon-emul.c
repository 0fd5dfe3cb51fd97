/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * shmanon-emul.c -- TEST ONLY: FreeBSD's anonymous shm_open(SHM_ANON) and
 * shm_open2() emulated on Linux with memfd_create, following FreeBSD's
 * documented rules: SHM_ANON needs an O_RDWR access mode (EINVAL
 * otherwise), the descriptor is always close-on-exec, only the object
 * of shm_open2(..., SHM_ALLOW_SEALING, ...) accepts seals, and named
 * objects are outside the emulation (ENOSYS).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/mman.h>

#include "shmanon-emul.h"

static int emul_create(const char *path, int flags, int shmflags,
                       const char *name)
{
    unsigned mfd = MFD_CLOEXEC;

    if (path != SHM_ANON) {
        errno = ENOSYS;
        return -1;
    }
    if ((flags & O_ACCMODE) != O_RDWR ||
        (flags & ~(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC))) {
        errno = EINVAL;
        return -1;
    }
    if (shmflags & ~SHM_ALLOW_SEALING) {
        errno = EINVAL;
        return -1;
    }
    if (shmflags & SHM_ALLOW_SEALING)
        mfd |= MFD_ALLOW_SEALING;
    return memfd_create(name ? name : "shm_anon", mfd);
}

int prshm_emul_shm_open(const char *path, int flags, mode_t mode)
{
    (void)mode;
    return emul_create(path, flags, 0, NULL);
}

int prshm_emul_shm_open2(const char *path, int flags, mode_t mode,
                         int shmflags, const char *name)
{
    (void)mode;
    return emul_create(path, flags, shmflags, name);
}
