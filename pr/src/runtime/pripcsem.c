/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pripcsem.c -- NSPR's named semaphores (pripcsem.h) on POSIX named
 * semaphores, with prshm.h's naming rules, O_EXCL exactly, the mode
 * applied without the umask where the system shows the semaphore as a
 * file (Linux: PRSHM_SEM_FILE_PREFIX), and no squatted semaphore taken
 * for one's own.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pripcsem.h"
#include "prmem.h"
#include "prrt.h"

struct PRSem {
    sem_t *sem;
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

/* Whether another user owns the existing semaphore osname. */
static PRBool owned_by_another(const char *osname)
{
#ifdef PRSHM_SEM_FILE_PREFIX
    char path[PR_IPC_NAME_MAX + 64];
    struct stat st;

    if (!sem_file(osname, path, sizeof(path)) || lstat(path, &st) != 0)
        return PR_TRUE; /* gone or unknowable: do not trust it */
    return st.st_uid != geteuid();
#else
    (void)osname;
    return PR_FALSE;
#endif
}

PR_IMPLEMENT(PRSem *) PR_OpenSemaphore(const char *name, PRIntn flags,
                                       PRIntn mode, PRUintn value)
{
    char osname[PR_SEM_NAME_MAX + 1];
    PRBool creating = (flags & PR_SEM_CREATE) != 0;
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
        s = sem_open(osname, 0);
        if (s == SEM_FAILED) {
            pr_set_os_error(errno);
            return NULL;
        }
        if (creating && owned_by_another(osname)) {
            /* someone else made it first: never adopt a squatted name */
            sem_close(s);
            PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EEXIST);
            return NULL;
        }
    }
    sem = PR_NEW(PRSem);
    if (!sem) {
        sem_close(s);
        return NULL;
    }
    sem->sem = s;
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
    rc = sem_close(sem->sem);
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
