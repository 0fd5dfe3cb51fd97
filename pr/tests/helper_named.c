/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper_named.c -- the helper's modes for named shared memory,
 * semaphores, atomics and pipes (test_named.c, test_io.c).
 *
 *   sem-pong SHM SEMA SEMB N  semapong: N times wait on SEMB, check the
 *                         counter in SHM is odd, add 1, post SEMA
 *   atomic-add SHM N      PR_AtomicIncrement the counter in SHM N times
 *   sem-wait SEM SHM      wait on SEM while SIGALRM interrupts every 50 ms;
 *                         print "woken early" if the flag in SHM is still
 *                         0 then, else "woken"
 *   shm-attack NAME DROP  as uid 65534 if DROP is 1: open read-write, open
 *                         and attach read-only, truncate, delete; one
 *                         "<attempt> denied|ALLOWED" line each
 *   sem-attack NAME DROP  the same for a semaphore: open, delete
 *   squat KIND NAME       as uid 65534, create the shm or sem NAME first
 *                         with mode 0666
 *   pong                  pipepong: 10 times read "ping\0" from stdin and
 *                         write "pong\0" to stdout
 *   plant link SRC DST DROP   as uid 65534 if DROP is 1 (and root): give
 *                         the object at path SRC a second name DST
 *   plant fifo DST MODE DROP  the same: a FIFO at DST with octal MODE
 *   plant dir DST MODE DROP   the same: a directory
 *   open-as UID KIND NAME CREATE  as UID (a number, or - for this
 *                         process's own): PR_OpenSharedMemory (KIND shm)
 *                         or PR_OpenSemaphore (sem) of NAME, creating
 *                         with mode 0600 if CREATE is 1; print "opened"
 *                         or the error's name; killed by SIGALRM after
 *                         5 s if it blocks
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "nspr.h"
#include "helper.h"

static void report(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ALLOWED" : "denied");
}

static int become_nobody(void)
{
    return setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0
               ? -1 : 0;
}

static PRInt32 *attach_counter(const char *name, PRSharedMemory **shm)
{
    *shm = PR_OpenSharedMemory(name, sizeof(PRInt32), 0, 0);
    return *shm ? PR_AttachSharedMemory(*shm, 0) : NULL;
}

static int mode_sem_pong(int argc, char **argv)
{
    PRSharedMemory *shm;
    PRInt32 *counter;
    PRSem *a, *b;
    int i, n;

    if (argc != 6)
        return 2;
    n = atoi(argv[5]);
    counter = attach_counter(argv[2], &shm);
    a = PR_OpenSemaphore(argv[3], 0, 0, 0);
    b = PR_OpenSemaphore(argv[4], 0, 0, 0);
    if (!counter || !a || !b)
        return 3;
    for (i = 0; i < n; i++) {
        if (PR_WaitSemaphore(b) != PR_SUCCESS)
            return 4;
        if (*counter != 2 * i + 1)
            return 5;
        (*counter)++;
        if (PR_PostSemaphore(a) != PR_SUCCESS)
            return 6;
    }
    PR_DetachSharedMemory(shm, counter);
    PR_CloseSharedMemory(shm);
    PR_CloseSemaphore(a);
    PR_CloseSemaphore(b);
    return 0;
}

static int mode_atomic_add(int argc, char **argv)
{
    PRSharedMemory *shm;
    PRInt32 *counter;
    int i, n;

    if (argc != 4)
        return 2;
    n = atoi(argv[3]);
    counter = attach_counter(argv[2], &shm);
    if (!counter)
        return 3;
    for (i = 0; i < n; i++)
        PR_AtomicIncrement(counter);
    PR_DetachSharedMemory(shm, counter);
    PR_CloseSharedMemory(shm);
    return 0;
}

static void on_alarm(int sig)
{
    (void)sig;
}

static int mode_sem_wait(int argc, char **argv)
{
    struct sigaction sa;
    struct itimerval every = {{0, 50000}, {0, 50000}};
    PRSharedMemory *shm;
    PRInt32 *flag;
    PRSem *sem;
    PRStatus rc;

    if (argc != 4)
        return 2;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm; /* no SA_RESTART: sem_wait sees EINTR */
    sigaction(SIGALRM, &sa, NULL);
    sem = PR_OpenSemaphore(argv[2], 0, 0, 0);
    flag = attach_counter(argv[3], &shm);
    if (!sem || !flag)
        return 3;
    printf("waiting\n");
    fflush(stdout);
    setitimer(ITIMER_REAL, &every, NULL);
    rc = PR_WaitSemaphore(sem);
    memset(&every, 0, sizeof(every));
    setitimer(ITIMER_REAL, &every, NULL);
    if (rc != PR_SUCCESS) {
        helper_print_error();
        return 4;
    }
    printf(*flag ? "woken\n" : "woken early\n");
    PR_CloseSemaphore(sem);
    PR_DetachSharedMemory(shm, flag);
    PR_CloseSharedMemory(shm);
    return 0;
}

/* The POSIX name prshm gives NSPR-style name (as prshm.h documents). */
static void posix_name(const char *name, char *out, size_t len)
{
    size_t n = 0;

    out[n++] = '/';
    for (; *name && n + 4 < len; name++) {
        if (*name == '/' || *name == '%') {
            n += (size_t)snprintf(out + n, len - n, *name == '/' ? "%%2F" : "%%25");
        } else {
            out[n++] = *name;
        }
    }
    out[n] = '\0';
}

static int mode_shm_attack(int argc, char **argv)
{
    char posix[512];
    PRSharedMemory *shm;
    void *addr;
    int fd;

    if (argc != 4 || (strcmp(argv[3], "1") == 0 && getuid() == 0 && become_nobody() != 0))
        return 2;
    posix_name(argv[2], posix, sizeof(posix));
    fd = shm_open(posix, O_RDWR, 0);
    report("open-rw", fd >= 0);
    report("truncate", fd >= 0 && ftruncate(fd, 0) == 0);
    if (fd >= 0)
        close(fd);
    shm = PR_OpenSharedMemory(argv[2], 4096, 0, 0);
    addr = shm ? PR_AttachSharedMemory(shm, PR_SHM_READONLY) : NULL;
    report("attach-ro", addr != NULL);
    if (addr)
        PR_DetachSharedMemory(shm, addr);
    addr = shm ? PR_AttachSharedMemory(shm, 0) : NULL;
    report("attach-rw", addr != NULL);
    if (addr)
        PR_DetachSharedMemory(shm, addr);
    if (shm)
        PR_CloseSharedMemory(shm);
    report("delete", PR_DeleteSharedMemory(argv[2]) == PR_SUCCESS);
    return 0;
}

static int mode_sem_attack(int argc, char **argv)
{
    PRSem *sem;

    if (argc != 4 || (strcmp(argv[3], "1") == 0 && getuid() == 0 && become_nobody() != 0))
        return 2;
    sem = PR_OpenSemaphore(argv[2], 0, 0, 0);
    report("open", sem != NULL);
    if (sem)
        PR_CloseSemaphore(sem);
    report("delete", PR_DeleteSemaphore(argv[2]) == PR_SUCCESS);
    return 0;
}

static int mode_squat(int argc, char **argv)
{
    if (argc != 4 || getuid() != 0 || become_nobody() != 0)
        return 2;
    if (strcmp(argv[2], "shm") == 0) {
        PRSharedMemory *shm = PR_OpenSharedMemory(argv[3], 4096,
                                                  PR_SHM_CREATE | PR_SHM_EXCL, 0666);

        if (!shm)
            return 3;
        PR_CloseSharedMemory(shm);
    } else {
        PRSem *sem = PR_OpenSemaphore(argv[3], PR_SEM_CREATE | PR_SEM_EXCL, 0666, 0);

        if (!sem)
            return 3;
        PR_CloseSemaphore(sem);
    }
    return 0;
}

static int mode_pong(void)
{
    char buf[8];
    int i;

    for (i = 0; i < 10; i++) {
        if (fread(buf, 1, 5, stdin) != 5 || strcmp(buf, "ping") != 0)
            return 3;
        if (fwrite("pong", 1, 5, stdout) != 5 || fflush(stdout) != 0)
            return 4;
    }
    return 0;
}

static int mode_plant(int argc, char **argv)
{
    if (argc < 5)
        return 2;
    if (strcmp(argv[argc - 1], "1") == 0 && getuid() == 0 && become_nobody() != 0)
        return 2;
    if (strcmp(argv[2], "link") == 0 && argc == 6)
        return link(argv[3], argv[4]) == 0 ? 0 : 3;
    if (strcmp(argv[2], "dir") == 0 && argc == 6) {
        mode_t mode = (mode_t)strtol(argv[4], NULL, 8);

        return mkdir(argv[3], mode) == 0 && chmod(argv[3], mode) == 0 ? 0 : 3;
    }
    if (strcmp(argv[2], "fifo") == 0 && argc == 6) {
        mode_t mode = (mode_t)strtol(argv[4], NULL, 8);

        return mkfifo(argv[3], mode) == 0 && chmod(argv[3], mode) == 0 ? 0 : 3;
    }
    return 2;
}

static int mode_open_as(int argc, char **argv)
{
    PRBool create;

    if (argc != 6)
        return 2;
    if (strcmp(argv[2], "-") != 0 && getuid() == 0) {
        uid_t uid = (uid_t)atoi(argv[2]);

        if (setgroups(0, NULL) != 0 || setgid(uid) != 0 || setuid(uid) != 0)
            return 2;
    }
    create = strcmp(argv[5], "1") == 0;
    alarm(5); /* blocking is the failure: SIGALRM ends the process */
    if (strcmp(argv[3], "shm") == 0) {
        PRSharedMemory *shm = PR_OpenSharedMemory(argv[4], 4096,
                                                  create ? PR_SHM_CREATE : 0, 0600);

        if (shm) {
            printf("opened\n");
            PR_CloseSharedMemory(shm);
            return 0;
        }
    } else {
        PRSem *sem = PR_OpenSemaphore(argv[4], create ? PR_SEM_CREATE : 0, 0600, 1);

        if (sem) {
            printf("opened\n");
            PR_CloseSemaphore(sem);
            return 0;
        }
    }
    helper_print_error();
    return 0;
}

int helper_named_mode(int argc, char **argv)
{
    if (strcmp(argv[1], "plant") == 0)
        return mode_plant(argc, argv);
    if (strcmp(argv[1], "open-as") == 0)
        return mode_open_as(argc, argv);
    if (strcmp(argv[1], "sem-pong") == 0)
        return mode_sem_pong(argc, argv);
    if (strcmp(argv[1], "atomic-add") == 0)
        return mode_atomic_add(argc, argv);
    if (strcmp(argv[1], "sem-wait") == 0)
        return mode_sem_wait(argc, argv);
    if (strcmp(argv[1], "shm-attack") == 0)
        return mode_shm_attack(argc, argv);
    if (strcmp(argv[1], "sem-attack") == 0)
        return mode_sem_attack(argc, argv);
    if (strcmp(argv[1], "squat") == 0)
        return mode_squat(argc, argv);
    if (strcmp(argv[1], "pong") == 0)
        return mode_pong();
    return -1;
}
