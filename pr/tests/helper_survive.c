/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper_survive.c -- the helper's modes for mappings that survive their
 * object (test_survive.c).
 *
 *   survive-reader VAR    map the map inherited as VAR (protocol 1, 4
 *                         pages) with PR_MEMMAP_SURVIVE and read it in a
 *                         loop; print "ready" once it reads "secret"; once
 *                         a line arrives on standard input (the creator's
 *                         revoke has returned) read every page for 0.3 s
 *                         more and print "survived zeros faults=N
 *                         revoked=R" (or "survived other ..." if any byte
 *                         but zero was read); "timeout" after 10 s
 *   survive-cutter CH     create a 16-page read-write map full of 'x',
 *                         send it unsealed over the channel end inherited
 *                         as CH, print "sent", truncate the object to 0
 *                         a quarter of a second later, print "cut"
 *   survive-chain HOW     the program's own SIGBUS handling before prshm
 *                         installs its handler, HOW one of: siginfo, plain
 *                         (its handlers), dfl, ign, dfl-sent, ign-sent
 *                         (SIGBUS sent with kill), later (a handler
 *                         installed after prshm's that chains to it).
 *                         Prints "guarded zeros faults=1" once a guarded
 *                         fault was absorbed, "segv untouched" when
 *                         SIGSEGV's action is still the program's, then
 *                         faults outside any guarded mapping (or sends
 *                         the signal) and prints what its handler saw:
 *                         "own siginfo addr-ok", "own plain", "ignored";
 *                         with the default action it dies of SIGBUS.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nspr.h"
#include "prshmsec.h"
#include "helper.h"

static int map_fd(PRFileMap *fm)
{
    char s[64];

    return PR_ExportFileMapAsString(fm, sizeof(s), s) == PR_SUCCESS ? atoi(s) : -1;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether len bytes at p are all zero. */
static int all_zero(const volatile char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* Whether standard input has a line for us (the parent's notice). */
static int notice(void)
{
    struct pollfd p = {.fd = 0, .events = POLLIN};

    return poll(&p, 1, 0) == 1;
}

static int mode_reader(int argc, char **argv)
{
    PRFileMap *fm;
    PRFileMapInfo info;
    volatile char *m;
    size_t len = (size_t)PR_GetMemMapAlignment() * 4;
    double start = now(), told = 0;
    int ready = 0, other = 0;

    if (argc != 3 || !(fm = PR_GetInheritedFileMap(argv[2])))
        return 2;
    m = PR_MemMapEx(fm, 0, (PRUint32)len, PR_MEMMAP_SURVIVE);
    if (!m) {
        helper_print_error();
        return 3;
    }
    while (now() - start < 10) {
        if (!ready && memcmp((const char *)m, "secret", 7) == 0) {
            printf("ready\n");
            fflush(stdout);
            ready = 1;
        }
        /* while the revocation runs, reads may see part old, part new;
         * from the moment PR_RevokeFileMap has returned (the parent says
         * so on standard input) every read must see zeros */
        if (!told) {
            if (ready && notice())
                told = now();
            continue;
        }
        if (!all_zero(m, len))
            other = 1;
        if (now() - told > 0.3)
            break;
    }
    if (!told) {
        printf("timeout\n");
        return 1;
    }
    PR_GetFileMapInfo(fm, &info);
    printf("survived %s faults=%d revoked=%d\n", other ? "other" : "zeros",
           (int)PR_GetMemMapFaults((void *)m), (int)info.revoked);
    PR_MemUnmap((void *)m, (PRUint32)len);
    PR_CloseFileMap(fm);
    return 0;
}

static int mode_cutter(int argc, char **argv)
{
    PRFileDesc *ch;
    PRFileMap *fm;
    size_t len = (size_t)PR_GetMemMapAlignment() * 16;
    char *m;

    if (argc != 3 || !(ch = PR_GetInheritedFD(argv[2])))
        return 2;
    fm = PR_OpenAnonFileMap(NULL, len, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, (PRUint32)len) : NULL;
    if (!m) {
        helper_print_error();
        return 3;
    }
    memset(m, 'x', len);
    PR_MemUnmap(m, (PRUint32)len);
    if (PR_SendFileMap(ch, fm, PR_PROT_READWRITE, 0) != PR_SUCCESS) {
        helper_print_error();
        return 3;
    }
    printf("sent\n");
    fflush(stdout);
    usleep(250000);
    if (ftruncate(map_fd(fm), 0) != 0)
        return 4;
    printf("cut\n");
    PR_CloseFileMap(fm);
    PR_Close(ch);
    return 0;
}

/* ---- chaining to the program's own handling ------------------------- */

static sigjmp_buf jump;
static void *expected_addr;
static volatile sig_atomic_t saw_addr;
static struct sigaction prshms; /* for "later": the action it replaced */

static void own_siginfo(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    saw_addr = si->si_addr == expected_addr;
    siglongjmp(jump, 1);
}

static void own_plain(int sig)
{
    (void)sig;
    siglongjmp(jump, 2);
}

/* Installed after prshm's: handles nothing itself, hands every fault to
 * the action it replaced, as prshmsec.h tells programs to. */
static void later_handler(int sig, siginfo_t *si, void *ctx)
{
    if (prshms.sa_flags & SA_SIGINFO)
        prshms.sa_sigaction(sig, si, ctx);
}

static void on_segv(int sig)
{
    (void)sig;
}

/* A mapping of an object that was then cut to nothing: every touch
 * faults.  guarded: with PR_MEMMAP_SURVIVE. */
static volatile char *cut_mapping(PRBool guarded)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    volatile char *m = fm ? PR_MemMapEx(fm, 0, 4096, guarded ? PR_MEMMAP_SURVIVE : 0)
                          : NULL;

    if (!m || ftruncate(map_fd(fm), 0) != 0)
        return NULL;
    return m; /* the map is left open: the process ends soon */
}

static int mode_chain(int argc, char **argv)
{
    const char *how;
    struct sigaction sa, segv_before, segv_after;
    volatile char *g, *u;
    int r;

    if (argc != 3)
        return 2;
    how = argv[2];
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    if (strcmp(how, "siginfo") == 0) {
        sa.sa_sigaction = own_siginfo;
        sa.sa_flags = SA_SIGINFO;
    } else if (strcmp(how, "plain") == 0) {
        sa.sa_handler = own_plain;
    } else if (strncmp(how, "ign", 3) == 0) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_handler = SIG_DFL;
    }
    sigaction(SIGBUS, &sa, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGSEGV, NULL, &segv_before);

    g = cut_mapping(PR_TRUE); /* installs prshm's handler */
    u = cut_mapping(PR_FALSE);
    if (!g || !u)
        return 3;
    if (strcmp(how, "later") == 0) {
        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = later_handler;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, &prshms);
    }
    r = g[100];
    printf("guarded %s faults=%d\n", r == 0 ? "zeros" : "other",
           (int)PR_GetMemMapFaults((void *)g));
    sigaction(SIGSEGV, NULL, &segv_after);
    printf("segv %s\n", segv_after.sa_handler == segv_before.sa_handler &&
                                segv_after.sa_flags == segv_before.sa_flags
                            ? "untouched"
                            : "CHANGED");
    fflush(stdout);
    if (strcmp(how, "later") == 0)
        return 0;

    expected_addr = (void *)(u + 8);
    r = sigsetjmp(jump, 1);
    if (r == 1) {
        printf("own siginfo %s\n", saw_addr ? "addr-ok" : "addr-WRONG");
        return 0;
    }
    if (r == 2) {
        printf("own plain\n");
        return 0;
    }
    if (strstr(how, "-sent"))
        kill(getpid(), SIGBUS);
    else
        (void)u[8];
    printf("ignored\n");
    return 0;
}

int helper_survive_mode(int argc, char **argv)
{
    if (strcmp(argv[1], "survive-reader") == 0)
        return mode_reader(argc, argv);
    if (strcmp(argv[1], "survive-cutter") == 0)
        return mode_cutter(argc, argv);
    if (strcmp(argv[1], "survive-chain") == 0)
        return mode_chain(argc, argv);
    return -1;
}
