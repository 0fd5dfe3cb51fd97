/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * reopen.c -- a read-only descriptor to an object that has no path, by
 * opening it again through /proc/self/fd.  Without /proc the result is
 * a duplicate that keeps the original's (read-write) mode; the seals
 * PR_RestrictFileMap adds are then all that enforce read-only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#include "prshm_md.h"

int pr_reopen_readonly_any(int fd)
{
    char path[40];
    int ro;

    (void)snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    ro = open(path, O_RDONLY | O_CLOEXEC);
    if (ro < 0 && errno == ENOENT) /* no /proc */
        ro = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return ro;
}
