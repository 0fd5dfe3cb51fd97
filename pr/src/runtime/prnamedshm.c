/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prnamedshm.c -- NSPR's named shared memory (prshm.h) on POSIX shared
 * memory, secure by construction: names that stay in the shm namespace
 * (pripcname.c) and never follow a link, O_EXCL exactly, the mode applied
 * without the umask, no object smaller than asked for, no squatted or
 * hard-linked object taken for one's own, no blocking on a FIFO planted
 * at a name, descriptors close-on-exec, and read-only attachments through
 * a read-only descriptor.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prmem.h"
#include "prrt.h"
#include "prshm.h"
#include "prshm_md.h"
#include "prshmsec.h"

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

struct PRSharedMemory {
    int fd;
    PRSize size;
    PRBool writable; /* opened read-write (else only read-only attaches) */
};

/* Open the existing object: read-write if this caller may, else
 * read-only; -1 with errno.  O_NONBLOCK: a FIFO planted at the name is
 * opened at once (and then refused as no regular object) instead of
 * blocking until someone opens its other end. */
static int open_existing(const char *osname, PRBool *writable)
{
    int fd = shm_open(osname, O_RDWR | O_NOFOLLOW | O_NONBLOCK, 0);

    *writable = PR_TRUE;
    if (fd < 0 && errno == EACCES) {
        fd = shm_open(osname, O_RDONLY | O_NOFOLLOW | O_NONBLOCK, 0);
        *writable = PR_FALSE;
    }
    return fd;
}

/* A new object of size bytes with exactly mode; -1 with errno (EEXIST
 * when it exists).  Made 0600 first, so no one else can open it before
 * it has its size and mode. */
static int create_new(const char *osname, PRSize size, PRIntn mode)
{
    int fd = shm_open(osname, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    int err;

    if (fd < 0)
        return -1;
    if (ftruncate(fd, (off_t)size) == 0 && fchmod(fd, (mode_t)(mode & 07777)) == 0)
        return fd;
    err = errno;
    close(fd);
    shm_unlink(osname);
    errno = err;
    return -1;
}

/*
 * Check an object found rather than created, on the descriptor that is
 * then mapped; 0, or -1 with the error.  A creator adopts only what it
 * could have made itself: its own object, with one name (a hard link
 * another user made to a public object of ours is not our private one),
 * and a mode no wider than the one asked for.
 */
static int check_existing(int fd, PRSize size, PRBool creating, PRIntn mode)
{
    struct stat st;

    if (fstat(fd, &st) != 0) {
        pr_set_os_error(errno);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, EINVAL);
        return -1;
    }
    if (creating && (st.st_uid != geteuid() || st.st_nlink != 1 ||
                     (st.st_mode & 07777 & ~(mode_t)(mode & 07777)) != 0)) {
        /* someone else made it first, or gave it a second name: never
         * adopt a squatted or linked name */
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EEXIST);
        return -1;
    }
    if ((PRUint64)st.st_size < (PRUint64)size) {
        /* an access past its end would raise SIGBUS later */
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, EINVAL);
        return -1;
    }
    return 0;
}

PR_IMPLEMENT(PRSharedMemory *) PR_OpenSharedMemory(const char *name,
                                                   PRSize size, PRIntn flags,
                                                   PRIntn mode)
{
    /* a variable, not a constant: where PRSize has 32 bits the test is
     * simply never true, and no compiler warns about it */
    const PRUint64 largest = (PRUint64)PR_INT64_MAX;
    char osname[PR_IPC_NAME_MAX + 1];
    PRBool creating = (flags & PR_SHM_CREATE) != 0, writable = PR_TRUE;
    PRSharedMemory *shm;
    int fd = -1;

    if ((flags & ~(PR_SHM_CREATE | PR_SHM_EXCL)) || size == 0 ||
        (PRUint64)size > largest) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (pr_ipc_name(name, osname, PR_IPC_NAME_MAX) != 0)
        return NULL;
    if (creating)
        fd = create_new(osname, size, mode);
    if (creating && fd < 0 && (errno != EEXIST || (flags & PR_SHM_EXCL))) {
        pr_set_os_error(errno);
        return NULL;
    }
    if (fd < 0) {
        fd = open_existing(osname, &writable);
        if (fd < 0) {
            pr_set_os_error(errno);
            return NULL;
        }
        if (check_existing(fd, size, creating, mode) != 0) {
            close(fd);
            return NULL;
        }
    }
    shm = PR_NEWZAP(PRSharedMemory);
    if (!shm) {
        close(fd);
        return NULL;
    }
    shm->fd = fd;
    shm->size = size;
    shm->writable = writable;
    return shm;
}

PR_IMPLEMENT(void *) PR_AttachSharedMemory(PRSharedMemory *shm, PRIntn flags)
{
    PRBool ro = (flags & PR_SHM_READONLY) != 0;
    void *addr;
    int fd, err;

    if (!shm || (flags & ~PR_SHM_READONLY)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (!ro && !shm->writable) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return NULL;
    }
    /* a read-only attachment maps a read-only descriptor: mprotect cannot
     * make it writable */
    fd = ro ? pr_reopen_readonly_any(shm->fd) : shm->fd;
    if (fd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    addr = mmap(NULL, shm->size, ro ? PROT_READ : PROT_READ | PROT_WRITE,
                MAP_SHARED, fd, 0);
    err = errno;
    if (fd != shm->fd)
        close(fd);
    if (addr == MAP_FAILED) {
        pr_set_os_error(err);
        return NULL;
    }
    return addr;
}

PR_IMPLEMENT(PRStatus) PR_DetachSharedMemory(PRSharedMemory *shm, void *addr)
{
    if (!shm || !addr ||
        (uintptr_t)addr % (uintptr_t)sysconf(_SC_PAGESIZE) != 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (munmap(addr, shm->size) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_CloseSharedMemory(PRSharedMemory *shm)
{
    int rc;

    if (!shm) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    rc = close(shm->fd);
    PR_Free(shm);
    if (rc != 0 && errno != EINTR) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_DeleteSharedMemory(const char *name)
{
    char osname[PR_IPC_NAME_MAX + 1];

    if (pr_ipc_name(name, osname, PR_IPC_NAME_MAX) != 0)
        return PR_FAILURE;
    if (shm_unlink(osname) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* ---- prshmsec.h: the extensions on a named object -------------------- */

/* Named objects have no backend that can reopen them read-only with
 * seals: PR_RestrictFileMap refuses, PR_GetFileMapInfo says "named". */
static const struct pr_shm_backend named_backend = {"named", NULL, NULL};

PR_IMPLEMENT(PRFileMap *) PR_GetSharedMemoryFileMap(PRSharedMemory *shm)
{
    PRFileMap *fm;
    int fd;

    if (!shm) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    fd = fcntl(shm->fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    fm = pr_new_file_map(fd, PR_TRUE, (PRInt64)shm->size,
                         shm->writable ? PR_PROT_READWRITE : PR_PROT_READONLY,
                         PR_FALSE);
    if (!fm) {
        close(fd);
        return NULL;
    }
    fm->backend = &named_backend;
    return fm;
}
