/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * stress.c -- `make stress` (10,000 children) or `make stress-smoke`.
 *
 * Four threads spawn children -- every other one with an inherited map
 * (protocol 1), the rest with nothing -- while two more threads create,
 * export, seal, map and close maps.  Every child checks that it holds
 * exactly the descriptors it was given (helper mode exact-fds).  At the
 * end this process must hold exactly the descriptors it started with,
 * have no zombie and no prshm mapping left.
 *
 *   stress [CHILDREN]   (default 10000)
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"

static const char *helper;
static long total, next_child, violations, with_map, churned;
static int done;

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n - 1;
}

/* Mappings of prshm's objects still in this process's address space. */
static int prshm_mappings(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int n = 0;

    while (f && fgets(line, sizeof(line), f))
        n += strstr(line, "memfd:prshm") != NULL;
    if (f)
        fclose(f);
    return n;
}

static void *spawner(void *arg)
{
    long i;

    (void)arg;
    while ((i = __atomic_fetch_add(&next_child, 1, __ATOMIC_RELAXED)) < total) {
        PRBool give = (i % 2) == 1;
        char *argv[] = {(char *)(size_t)helper, "exact-fds",
                        give ? "PRSHM_STRESS" : "-", NULL};
        PRProcessAttr *attr = give ? PR_NewProcessAttr() : NULL;
        PRFileMap *fm = give ? PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE)
                             : NULL;
        PRProcess *p;
        PRInt32 code = -1;

        if (give) {
            PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_STRESS");
            __atomic_add_fetch(&with_map, 1, __ATOMIC_RELAXED);
        }
        p = PR_CreateProcess(helper, argv, NULL, attr);
        if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS || code != 0) {
            __atomic_add_fetch(&violations, 1, __ATOMIC_RELAXED);
            fprintf(stderr, "stress: child %ld (%s map) exited %d\n", i,
                    give ? "with" : "without", (int)code);
        }
        if (give) {
            PR_DestroyProcessAttr(attr);
            PR_CloseFileMap(fm);
        }
    }
    return NULL;
}

static void *churner(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
        PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, 8192, PR_PROT_READWRITE,
                                             PR_ANONFM_REVOCABLE);
        char s[PR_FILEMAP_STRING_BUFSIZE];
        char *m;

        if (!fm) {
            __atomic_add_fetch(&violations, 1, __ATOMIC_RELAXED);
            continue;
        }
        PR_ExportFileMapAsString(fm, sizeof(s), s);
        PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW); /* tmpfile: unsupported */
        m = PR_MemMap(fm, 0, 8192);
        if (m) {
            m[4096] = 1;
            PR_MemUnmap(m, 8192);
        }
        if (__atomic_add_fetch(&churned, 1, __ATOMIC_RELAXED) % 3 == 0)
            PR_RevokeFileMap(fm);
        PR_CloseFileMap(fm);
    }
    return NULL;
}

/* Keep only stdio inheritable (make's jobserver pipes, for one), so each
 * child can be checked for exactly what it was given. */
static void close_on_exec_all_but_stdio(void)
{
    int fd;

    for (fd = 3; fd < 1024; fd++) {
        int flags = fcntl(fd, F_GETFD);

        if (flags >= 0)
            fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}

int main(int argc, char **argv)
{
    pthread_t spawners[4], churners[2];
    int fds_before, i, fail = 0;

    helper = getenv("PRSHM_TEST_HELPER");
    total = argc > 1 ? atol(argv[1]) : 10000;
    if (!helper || total <= 0) {
        fprintf(stderr, "usage: PRSHM_TEST_HELPER=... stress [CHILDREN]\n");
        return 2;
    }
    close_on_exec_all_but_stdio();
    fds_before = count_fds();
    for (i = 0; i < 2; i++)
        pthread_create(&churners[i], NULL, churner, NULL);
    for (i = 0; i < 4; i++)
        pthread_create(&spawners[i], NULL, spawner, NULL);
    for (i = 0; i < 4; i++)
        pthread_join(spawners[i], NULL);
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    for (i = 0; i < 2; i++)
        pthread_join(churners[i], NULL);

    printf("stress: %ld children (%ld given a map), %ld map cycles alongside\n",
           total, with_map, churned);
    if (violations) {
        printf("stress: %ld children saw the wrong descriptors or failed\n", violations);
        fail++;
    }
    if (count_fds() != fds_before) {
        printf("stress: %d descriptors at the start, %d at the end\n",
               fds_before, count_fds());
        fail++;
    }
    if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD) {
        printf("stress: a child was left unreaped\n");
        fail++;
    }
    if (prshm_mappings() != 0) {
        printf("stress: %d prshm mappings left\n", prshm_mappings());
        fail++;
    }
    printf("%d passed, %d failed\n", 4 - fail, fail);
    return fail ? 1 : 0;
}
