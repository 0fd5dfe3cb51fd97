/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prfile.c -- PRFileDesc over native descriptors, and pipes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prrt.h"
#include "prmem.h"

static PRFileDesc special_fds[3] = {
    {0, PR_TRUE}, {1, PR_TRUE}, {2, PR_TRUE}
};

/* Every PRFileDesc is made here or is one of the three above (handed out
 * by PR_GetSpecialFD): both run pr_rt_init, so a descriptor never writes
 * before SIGPIPE is ignored, as under NSPR. */
static PRFileDesc *pr_new_file_desc(PROsfd osfd)
{
    PRFileDesc *fd;

    pr_rt_init();
    fd = PR_NEW(PRFileDesc);
    if (!fd)
        return NULL;
    fd->osfd = osfd;
    fd->special = PR_FALSE;
    return fd;
}

static void pr_free_file_desc(PRFileDesc *fd)
{
    if (fd && !fd->special)
        PR_Free(fd);
}

PR_IMPLEMENT(PRFileDesc *) PR_GetSpecialFD(PRSpecialFD id)
{
    if ((unsigned)id > PR_StandardError) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    pr_rt_init();
    return &special_fds[id];
}

static int open_flags(PRIntn flags)
{
    int access = flags & (PR_RDONLY | PR_WRONLY | PR_RDWR);
    int oflags;

    if (flags & ~0xff)
        return -1;
    if (access == PR_RDONLY)
        oflags = O_RDONLY;
    else if (access == PR_WRONLY)
        oflags = O_WRONLY;
    else if (access == PR_RDWR)
        oflags = O_RDWR;
    else
        return -1;
    if (flags & PR_CREATE_FILE)
        oflags |= O_CREAT;
    if (flags & PR_APPEND)
        oflags |= O_APPEND;
    if (flags & PR_TRUNCATE)
        oflags |= O_TRUNC;
    if (flags & PR_SYNC)
        oflags |= O_SYNC;
    if (flags & PR_EXCL)
        oflags |= O_EXCL;
    return oflags | O_CLOEXEC;
}

PR_IMPLEMENT(PRFileDesc *) PR_Open(const char *name, PRIntn flags,
                                   PRIntn mode)
{
    int oflags = open_flags(flags);
    int osfd;
    PRFileDesc *fd;

    if (!name || oflags < 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    do {
        osfd = open(name, oflags, (mode_t)mode);
    } while (osfd < 0 && errno == EINTR);
    if (osfd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    fd = pr_new_file_desc(osfd);
    if (!fd)
        close(osfd);
    return fd;
}

PR_IMPLEMENT(PRStatus) PR_Close(PRFileDesc *fd)
{
    int rc;

    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return PR_FAILURE;
    }
    rc = close(fd->osfd);
    if (rc != 0 && errno == EINTR)
        rc = 0; /* Linux and the BSDs release the descriptor anyway */
    if (rc != 0)
        pr_set_os_error(errno);
    pr_free_file_desc(fd);
    return rc == 0 ? PR_SUCCESS : PR_FAILURE;
}

static PRBool io_args_ok(PRFileDesc *fd, const void *buf, PRInt32 amount)
{
    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return PR_FALSE;
    }
    if (amount < 0 || (!buf && amount > 0)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FALSE;
    }
    return PR_TRUE;
}

PR_IMPLEMENT(PRInt32) PR_Read(PRFileDesc *fd, void *buf, PRInt32 amount)
{
    ssize_t n;

    if (!io_args_ok(fd, buf, amount))
        return -1;
    do {
        n = read(fd->osfd, buf, (size_t)amount);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        pr_set_os_error(errno);
        return -1;
    }
    return (PRInt32)n;
}

PR_IMPLEMENT(PRInt32) PR_Write(PRFileDesc *fd, const void *buf,
                               PRInt32 amount)
{
    const char *p = buf;
    PRInt32 done = 0;

    if (!io_args_ok(fd, buf, amount))
        return -1;
    while (done < amount) {
        ssize_t n = write(fd->osfd, p + done, (size_t)(amount - done));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EPIPE) { /* the reader has gone: NSPR's code */
            PR_SetError(PR_CONNECT_RESET_ERROR, EPIPE);
            return -1;
        }
        if (n < 0) {
            pr_set_os_error(errno);
            return -1;
        }
        done += (PRInt32)n;
    }
    return done;
}

PR_IMPLEMENT(PROffset64) PR_Seek64(PRFileDesc *fd, PROffset64 offset,
                                   PRSeekWhence whence)
{
    static const int how[] = {SEEK_SET, SEEK_CUR, SEEK_END};
    off_t r;

    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return -1;
    }
    if ((unsigned)whence > PR_SEEK_END || (off_t)offset != offset) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    r = lseek(fd->osfd, (off_t)offset, how[whence]);
    if (r < 0) {
        pr_set_os_error(errno);
        return -1;
    }
    return (PROffset64)r;
}

static PRTime to_prtime(time_t sec, long nsec)
{
    return (PRTime)sec * PR_USEC_PER_SEC + nsec / 1000;
}

PR_IMPLEMENT(PROffset32) PR_Seek(PRFileDesc *fd, PROffset32 offset,
                                 PRSeekWhence whence)
{
    PROffset64 r = PR_Seek64(fd, offset, whence);

    if (r > PR_INT32_MAX) {
        PR_SetError(PR_FILE_TOO_BIG_ERROR, 0);
        return -1;
    }
    return (PROffset32)r;
}

static void fill_info64(const struct stat *st, PRFileInfo64 *info)
{
    if (S_ISREG(st->st_mode))
        info->type = PR_FILE_FILE;
    else if (S_ISDIR(st->st_mode))
        info->type = PR_FILE_DIRECTORY;
    else
        info->type = PR_FILE_OTHER;
    info->size = (PROffset64)st->st_size;
    info->creationTime = to_prtime(st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
    info->modifyTime = to_prtime(st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
}

/* The 32-bit form, or PR_FILE_TOO_BIG_ERROR. */
static PRStatus fill_info32(const struct stat *st, PRFileInfo *info)
{
    PRFileInfo64 i64;

    fill_info64(st, &i64);
    if (i64.size > PR_INT32_MAX) {
        PR_SetError(PR_FILE_TOO_BIG_ERROR, 0);
        return PR_FAILURE;
    }
    info->type = i64.type;
    info->size = (PROffset32)i64.size;
    info->creationTime = i64.creationTime;
    info->modifyTime = i64.modifyTime;
    return PR_SUCCESS;
}

static PRStatus fstat_of(PRFileDesc *fd, const void *info, struct stat *st)
{
    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return PR_FAILURE;
    }
    if (!info) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fstat(fd->osfd, st) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_GetOpenFileInfo64(PRFileDesc *fd,
                                            PRFileInfo64 *info)
{
    struct stat st;

    if (fstat_of(fd, info, &st) != PR_SUCCESS)
        return PR_FAILURE;
    fill_info64(&st, info);
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_GetOpenFileInfo(PRFileDesc *fd, PRFileInfo *info)
{
    struct stat st;

    if (fstat_of(fd, info, &st) != PR_SUCCESS)
        return PR_FAILURE;
    return fill_info32(&st, info);
}

static PRStatus stat_of(const char *fn, struct stat *st)
{
    if (!fn) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (stat(fn, st) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_GetFileInfo(const char *fn, PRFileInfo *info)
{
    struct stat st;

    if (stat_of(fn, &st) != PR_SUCCESS)
        return PR_FAILURE;
    return info ? fill_info32(&st, info) : PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_GetFileInfo64(const char *fn, PRFileInfo64 *info)
{
    struct stat st;

    if (stat_of(fn, &st) != PR_SUCCESS)
        return PR_FAILURE;
    if (info)
        fill_info64(&st, info);
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_Delete(const char *name)
{
    if (!name) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (unlink(name) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_Access(const char *name, PRAccessHow how)
{
    int mode;

    switch (how) {
    case PR_ACCESS_EXISTS: mode = F_OK; break;
    case PR_ACCESS_WRITE_OK: mode = W_OK; break;
    case PR_ACCESS_READ_OK: mode = R_OK; break;
    default:
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (!name) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (access(name, mode) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_Sync(PRFileDesc *fd)
{
    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return PR_FAILURE;
    }
    if (fsync(fd->osfd) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PROsfd) PR_FileDesc2NativeHandle(PRFileDesc *fd)
{
    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return -1;
    }
    return fd->osfd;
}

PR_IMPLEMENT(PRFileDesc *) PR_ImportFile(PROsfd osfd)
{
    int flags = osfd < 0 ? -1 : fcntl(osfd, F_GETFD);
    PRFileDesc *fd;

    if (flags < 0) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return NULL;
    }
    fd = pr_new_file_desc(osfd);
    if (fd && !(flags & FD_CLOEXEC))
        fcntl(osfd, F_SETFD, flags | FD_CLOEXEC);
    return fd;
}

PR_IMPLEMENT(PRFileDesc *) PR_ImportTCPSocket(PROsfd osfd)
{
    int type;
    socklen_t len = sizeof(type);

    /* EBADF for a closed number, ENOTSOCK for no socket */
    if (getsockopt(osfd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    return PR_ImportFile(osfd);
}

/* ---- pipes and inheritance ---------------------------------------------- */
PR_IMPLEMENT(PRStatus) PR_CreatePipe(PRFileDesc **readPipe,
                                     PRFileDesc **writePipe)
{
    int p[2];

    if (!readPipe || !writePipe) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (pipe2(p, O_CLOEXEC) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    *readPipe = pr_new_file_desc(p[0]);
    *writePipe = *readPipe ? pr_new_file_desc(p[1]) : NULL;
    if (!*writePipe) {
        pr_free_file_desc(*readPipe);
        *readPipe = NULL;
        close(p[0]);
        close(p[1]);
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_SetFDInheritable(PRFileDesc *fd,
                                           PRBool inheritable)
{
    int flags = fd ? fcntl(fd->osfd, F_GETFD) : -1;

    if (flags < 0) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return PR_FAILURE;
    }
    flags = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
    if (fcntl(fd->osfd, F_SETFD, flags) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRInt64) PR_Available64(PRFileDesc *fd)
{
    struct stat st;
    off_t here;
    int n;

    if (!fd) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return -1;
    }
    if (fstat(fd->osfd, &st) != 0) {
        pr_set_os_error(errno);
        return -1;
    }
    if (S_ISREG(st.st_mode)) {
        here = lseek(fd->osfd, 0, SEEK_CUR);
        if (here < 0) {
            pr_set_os_error(errno);
            return -1;
        }
        return here < st.st_size ? (PRInt64)(st.st_size - here) : 0;
    }
    if (ioctl(fd->osfd, FIONREAD, &n) != 0) {
        pr_set_os_error(errno);
        return -1;
    }
    return n;
}

PR_IMPLEMENT(PRInt32) PR_Available(PRFileDesc *fd)
{
    PRInt64 n = PR_Available64(fd);

    if (n > PR_INT32_MAX) {
        PR_SetError(PR_FILE_TOO_BIG_ERROR, EOVERFLOW);
        return -1;
    }
    return (PRInt32)n;
}
