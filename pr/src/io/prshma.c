/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshma.c -- anonymous maps: create, export, import.  The backend only
 * makes an empty object; sizing and checks are done here, once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "md/prshm_md.h"
#include "primpl.h"
#include "prshma.h"
#include "prshmsec.h"

/* Whether a size can be a file offset (off_t is 64-bit: AC_SYS_LARGEFILE).
 * A function, so 32-bit hosts compare without an always-false warning. */
static PRBool fits_file_offset(PRUint64 v)
{
    return v <= (PRUint64)PR_INT64_MAX;
}

PR_IMPLEMENT(PRFileMap *) PR_OpenAnonFileMap(const char *dirName,
                                             PRSize size,
                                             PRFileMapProtect prot)
{
    return PR_OpenAnonFileMapEx(dirName, size, prot, 0);
}

PR_IMPLEMENT(PRFileMap *) PR_OpenAnonFileMapEx(const char *dirName,
                                               PRSize size,
                                               PRFileMapProtect prot,
                                               PRUint32 flags)
{
    const struct pr_shm_backend *backend;
    PRFileMap *fm;
    int fd, err;

    if (size == 0 || !fits_file_offset(size) ||
        (unsigned)prot > PR_PROT_WRITECOPY || (flags & ~PR_ANONFM_REVOCABLE)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    fd = pr_shm_create(dirName, &backend);
    if (fd < 0)
        return NULL;
    if (ftruncate(fd, (off_t)size) != 0) {
        err = errno;
        close(fd);
        pr_set_os_error(err);
        return NULL;
    }
    fm = pr_new_file_map(fd, NULL, (PRInt64)size, prot);
    if (!fm) {
        close(fd);
        return NULL;
    }
    fm->backend = backend;
    fm->creator = PR_TRUE;
    fm->flags = flags;
    return fm;
}

/* Serialize "<fd>:<prot>"; PR_BUFFER_OVERFLOW_ERROR when it does not fit. */
static PRStatus pr_export_string(PROsfd osfd, PRFileMapProtect prot,
                                 PRSize bufsize, char *buf)
{
    char tmp[PR_FILEMAP_STRING_BUFSIZE];
    int n = snprintf(tmp, sizeof(tmp), "%d:%d", (int)osfd, (int)prot);

    if (n < 0 || (PRSize)n >= bufsize) {
        PR_SetError(PR_BUFFER_OVERFLOW_ERROR, 0);
        return PR_FAILURE;
    }
    memcpy(buf, tmp, (size_t)n + 1);
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_ExportFileMapAsString(PRFileMap *fm,
                                                PRSize bufsize, char *buf)
{
    if (!fm || !buf) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (pr_export_string(fm->fd->osfd, fm->prot, bufsize, buf) != PR_SUCCESS)
        return PR_FAILURE;
    pr_mark_exported(fm);
    return PR_SUCCESS;
}

int pr_parse_export_string(const char *s, int *fd, PRFileMapProtect *prot)
{
    long long v = 0;
    const char *p = s;

    if (!s || *p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        if (v > INT_MAX)
            return -1;
    }
    if (p[0] != ':' || p[1] < '0' || p[1] > '2' || p[2] != '\0')
        return -1;
    *fd = (int)v;
    *prot = (PRFileMapProtect)(p[1] - '0');
    return 0;
}

/* Check the descriptor can back a map with prot; 0 or -1 (error set). */
static int check_import_fd(int fd, PRFileMapProtect prot, struct stat *st)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fstat(fd, st) != 0) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
        return -1;
    }
#ifdef O_PATH
    if (flags & O_PATH) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
#endif
    if (!S_ISREG(st->st_mode) && !S_TYPEISSHM(st)) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
    if (!pr_access_allows(flags, prot)) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return -1;
    }
    return 0;
}

PR_IMPLEMENT(PRFileMap *) PR_ImportFileMapFromString(const char *fmstring)
{
    PRFileMapProtect prot;
    struct stat st;
    PRFileMap *fm;
    int fd, own;

    if (pr_parse_export_string(fmstring, &fd, &prot) != 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (check_import_fd(fd, prot, &st) != 0)
        return NULL;
    if (pr_fd_in_live_map(fd)) {
        own = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (own < 0) {
            pr_set_os_error(errno);
            return NULL;
        }
    } else {
        own = fd;
        if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
            pr_set_os_error(errno);
            return NULL;
        }
    }
    fm = pr_new_file_map(own, NULL, (PRInt64)st.st_size, prot);
    if (!fm && own != fd)
        close(own);
    return fm;
}
