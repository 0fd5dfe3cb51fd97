/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshmsec.c -- prshm's extensions (prshmsec.h): backend name,
 * inheritable export, kernel-enforced read-only sharing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "md/prshm_md.h"
#include "primpl.h"
#include "prshmsec.h"

PR_IMPLEMENT(const char *) PR_GetAnonFileMapBackend(void)
{
    const struct pr_shm_backend *b = pr_shm_current();

    return b ? b->name : NULL;
}

PR_IMPLEMENT(PRStatus) PR_ExportFileMapAsInheritableString(PRFileMap *fm,
                                                           PRSize bufsize,
                                                           char *buf)
{
    int flags;

    if (PR_ExportFileMapAsString(fm, bufsize, buf) != PR_SUCCESS)
        return PR_FAILURE;
    flags = fcntl(fm->fd->osfd, F_GETFD);
    if (flags < 0 || fcntl(fm->fd->osfd, F_SETFD, flags & ~FD_CLOEXEC) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* Seal the object against writes and resizing from now on; a revocable
 * object keeps shrinking possible so that it stays revocable. */
static PRStatus seal_read_only(int fd, PRBool revocable)
{
    return pr_add_seals(fd, PR_FILEMAP_SEAL_FUTURE_WRITE | PR_FILEMAP_SEAL_GROW |
                                (revocable ? 0 : PR_FILEMAP_SEAL_SHRINK));
}

/* A descriptor for the restricted map, or -1 with the error set. */
static int restricted_fd(PRFileMap *fm, PRFileMapProtect prot)
{
    const struct pr_shm_backend *b = fm->backend;
    int fd;

    if (prot == PR_PROT_READWRITE) {
        fd = fcntl(fm->fd->osfd, F_DUPFD_CLOEXEC, 0);
    } else {
        if ((b && !b->reopen_readonly) || fm->fd != &fm->own_fd) {
            PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
            return -1;
        }
        if (fm->revoked) {
            PR_SetError(PR_INVALID_STATE_ERROR, 0);
            return -1;
        }
        if (seal_read_only(fm->fd->osfd,
                           (fm->flags & PR_ANONFM_REVOCABLE) != 0) != PR_SUCCESS)
            return -1;
        fd = b ? b->reopen_readonly(fm->fd->osfd)
               : fcntl(fm->fd->osfd, F_DUPFD_CLOEXEC, 0);
    }
    if (fd < 0)
        pr_set_os_error(errno);
    return fd;
}

PR_IMPLEMENT(PRFileMap *) PR_RestrictFileMap(PRFileMap *fm,
                                             PRFileMapProtect prot)
{
    PRFileMap *r;
    int fd;

    if (!fm || (unsigned)prot > PR_PROT_WRITECOPY) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (prot == PR_PROT_READWRITE)
        prot = fm->prot;
    fd = restricted_fd(fm, prot);
    if (fd < 0)
        return NULL;
    r = pr_new_file_map(fd, NULL, fm->size, prot);
    if (!r) {
        close(fd);
        return NULL;
    }
    r->backend = fm->backend;
    r->flags = fm->flags; /* mappings of a revocable object stay out of forks */
    return r;
}
