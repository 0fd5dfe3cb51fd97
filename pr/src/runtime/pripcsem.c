/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pripcsem.c -- NSPR's named semaphores (pripcsem.h) on POSIX named
 * semaphores, with prshm.h's naming rules, O_EXCL exactly, the mode
 * applied without the umask where the system shows the semaphore as a
 * file (Linux: PRSHM_SEM_FILE_PREFIX), and no squatted or hard-linked
 * semaphore taken for one's own: an existing semaphore is opened through
 * that file and mapped after its descriptor is checked, as sem_open would
 * map it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pripcsem.h"
#include "prmem.h"
#include "prrt.h"

struct PRSem {
    sem_t *sem;
    PRBool mapped; /* mapped by prshm from the checked file (close: munmap) */
};

/*
 * glibc keeps a semaphore "/NAME" as the file /dev/shm/sem.NAME; musl as
 * /dev/shm/NAME, where a shared memory object of the same name would sit.
 * On musl prshm adds the "sem." itself, so both libcs keep the semaphore
 * of an NSPR name at the same path, apart from shared memory.
 */
#if defined(__linux__) && !defined(__GLIBC__)
#define SEM_OWN_PREFIX "sem."
#else
#define SEM_OWN_PREFIX ""
#endif

/* The POSIX name for an NSPR semaphore name; -1 with the error set. */
static int sem_name(const char *name, char *out, size_t max)
{
    size_t own = sizeof(SEM_OWN_PREFIX) - 1;

    if (pr_ipc_name(name, out, max - own) != 0)
        return -1;
    if (own) {
        memmove(out + 1 + own, out + 1, strlen(out + 1) + 1);
        memcpy(out + 1, SEM_OWN_PREFIX, own);
    }
    return 0;
}

#ifdef PRSHM_SEM_FILE_PREFIX
/* The file that shows the semaphore osname ("/name"), or NULL. */
static const char *sem_file(const char *osname, char *buf, size_t len)
{
    int n = snprintf(buf, len, "%s%s", PRSHM_SEM_FILE_PREFIX,
                     osname + 1 + (sizeof(SEM_OWN_PREFIX) - 1));

    return n > 0 && (size_t)n < len ? buf : NULL;
}
#endif

/* Give a semaphore just created exactly mode (sem_open applied the
 * umask); where the system shows no file, the umask stays. */
static void apply_mode(const char *osname, PRIntn mode)
{
#ifdef PRSHM_SEM_FILE_PREFIX
    char path[PR_IPC_NAME_MAX + 64];

    if (sem_file(osname, path, sizeof(path)))
        (void)chmod(path, (mode_t)(mode & 07777));
#else
    (void)osname;
    (void)mode;
#endif
}

#ifdef PRSHM_SEM_FILE_PREFIX
/*
 * Open an existing semaphore through its file and map the semaphore in
 * it, as sem_open does, but with the checks made on the descriptor that
 * is mapped: a regular file (a FIFO planted at the name is opened without
 * blocking, then refused) large enough for a semaphore, and, for a
 * creator that would adopt it, its own, with one name (not a hard link
 * another user made to a public semaphore of ours) and a mode no wider
 * than asked for.  NULL with the error set.
 */
static sem_t *open_existing(const char *osname, PRBool creating, PRIntn mode)
{
    char path[PR_IPC_NAME_MAX + 64];
    struct stat st;
    void *m;
    int fd, err;

    if (!sem_file(osname, path, sizeof(path))) {
        PR_SetError(PR_NAME_TOO_LONG_ERROR, ENAMETOOLONG);
        return NULL;
    }
    fd = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        err = errno;
        close(fd);
        pr_set_os_error(err);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(sem_t)) {
        close(fd);
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, EINVAL);
        return NULL;
    }
    if (creating && (st.st_uid != geteuid() || st.st_nlink != 1 ||
                     (st.st_mode & 07777 & ~(mode_t)(mode & 07777)) != 0)) {
        /* someone else made it first, or gave it a second name: never
         * adopt a squatted or linked semaphore */
        close(fd);
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EEXIST);
        return NULL;
    }
    m = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    err = errno;
    close(fd);
    if (m == MAP_FAILED) {
        pr_set_os_error(err);
        return NULL;
    }
    return m;
}
#endif

PR_IMPLEMENT(PRSem *) PR_OpenSemaphore(const char *name, PRIntn flags,
                                       PRIntn mode, PRUintn value)
{
    char osname[PR_SEM_NAME_MAX + 1];
    PRBool creating = (flags & PR_SEM_CREATE) != 0, mapped = PR_FALSE;
    sem_t *s = SEM_FAILED;
    PRSem *sem;

    if ((flags & ~(PR_SEM_CREATE | PR_SEM_EXCL)) || value > SEM_VALUE_MAX) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (sem_name(name, osname, PR_SEM_NAME_MAX) != 0)
        return NULL;
    if (creating) {
        /* 0600 until the mode is set: no one else opens it before */
        s = sem_open(osname, O_CREAT | O_EXCL, 0600, (unsigned)value);
        if (s != SEM_FAILED)
            apply_mode(osname, mode);
        else if (errno != EEXIST || (flags & PR_SEM_EXCL)) {
            pr_set_os_error(errno);
            return NULL;
        }
    }
    if (s == SEM_FAILED) {
#ifdef PRSHM_SEM_FILE_PREFIX
        s = open_existing(osname, creating, mode);
        if (!s)
            return NULL;
        mapped = PR_TRUE;
#else
        /* no file to check: the system keeps its semaphores elsewhere */
        s = sem_open(osname, 0);
        if (s == SEM_FAILED) {
            pr_set_os_error(errno);
            return NULL;
        }
#endif
    }
    sem = PR_NEW(PRSem);
    if (!sem) {
        if (mapped)
            munmap(s, sizeof(sem_t));
        else
            sem_close(s);
        return NULL;
    }
    sem->sem = s;
    sem->mapped = mapped;
    return sem;
}

PR_IMPLEMENT(PRStatus) PR_WaitSemaphore(PRSem *sem)
{
    int rc;

    if (!sem) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    do {
        rc = sem_wait(sem->sem);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_PostSemaphore(PRSem *sem)
{
    if (!sem) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (sem_post(sem->sem) != 0) {
        PR_SetError(errno == EOVERFLOW ? PR_RANGE_ERROR : pr_map_errno(errno),
                    errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_CloseSemaphore(PRSem *sem)
{
    int rc;

    if (!sem) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    rc = sem->mapped ? munmap(sem->sem, sizeof(sem_t)) : sem_close(sem->sem);
    PR_Free(sem);
    if (rc != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_DeleteSemaphore(const char *name)
{
    char osname[PR_SEM_NAME_MAX + 1];

    if (sem_name(name, osname, PR_SEM_NAME_MAX) != 0)
        return PR_FAILURE;
    if (sem_unlink(osname) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}
