/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_survive.c -- mappings that survive their object
 * (PR_MEMMAP_SURVIVE): a holder reading through a revocation, a receiver
 * whose hostile sender cuts the object, threads faulting at once, an
 * unmap racing a fault, fork children, and the program's own SIGBUS
 * handling left as it was.  Runs once per backend, and over the overlay.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

static const char *helper;
static PRBool sealable;
static size_t page;
static struct sigaction bus_at_start;
static int fds_at_start;

static int setup(void)
{
    const char *b = PR_GetAnonFileMapBackend();

    /* before any guarded mapping exists */
    sigaction(SIGBUS, NULL, &bus_at_start);
    helper = getenv("PRSHM_TEST_HELPER");
    sealable = b && strncmp(b, "tmpfile", 7) != 0;
    page = (size_t)PR_GetMemMapAlignment();
    fds_at_start = pt_count_fds();
    return helper && b ? 0 : -1;
}

/* Whether ThreadSanitizer is linked in. */
static PRBool under_tsan(void)
{
#if defined(__SANITIZE_THREAD__)
    return PR_TRUE;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
    return PR_TRUE;
#endif
#endif
    return PR_FALSE;
}

/* Whether a sanitizer that installs its own SIGBUS handling at start (and
 * reports a fault nobody handles, then exits) is linked in. */
static PRBool under_sanitizer(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return PR_TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return PR_TRUE;
#endif
#endif
    return under_tsan();
}

static int map_fd(PRFileMap *fm)
{
    char s[64];

    CU_ASSERT_EQUAL_FATAL(PR_ExportFileMapAsString(fm, sizeof(s), s), PR_SUCCESS);
    return atoi(s);
}

static PRFileMap *new_map(size_t pages, PRUint32 flags)
{
    PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, pages * page, PR_PROT_READWRITE, flags);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    return fm;
}

static int all_zero(const volatile char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- whether this system reports where a fault was ------------------- */

/*
 * PR_MEMMAP_SURVIVE finds the mapping by the fault's address.  Where the
 * system reports a wrong one (qemu-user emulating s390x, a big-endian
 * target, swaps its halves), no handler can; the helper tells, by faulting
 * on a cut object once.  "" when the address comes back right, else why.
 */
static const char *fault_address_problem(void)
{
    static int known; /* 0 unknown, 1 right, 2 wrong */
    const char *args[] = {"fault-address", NULL};
    char out[32] = "";

    if (!known)
        known = pt_run_helper(args, NULL, out, sizeof(out)) == 0 &&
                strcmp(out, "right\n") == 0 ? 1 : 2;
    return known == 1 ? "" : "this system reports a SIGBUS with a wrong fault "
                             "address (qemu-user for s390x), so no handler can "
                             "tell which mapping faulted";
}

/* The first statement of every test that faults. */
#define NEEDS_FAULT_ADDRESS()                              \
    do {                                                   \
        if (*fault_address_problem()) {                    \
            pt_skip(fault_address_problem());              \
            return;                                        \
        }                                                  \
    } while (0)

/* ---- the handler ------------------------------------------------------ */

static void test_handler_is_installed_on_first_use_only(void)
{
    PRFileMap *fm;
    struct sigaction before, after;
    char *m;

    if (under_sanitizer()) {
        pt_skip("the sanitizer installs its own SIGBUS handler at start");
        return;
    }
    /* nothing -- neither prshm's runtime nor NSPR's libnspr4 -- had
     * installed a SIGBUS handler when the program started */
    CU_ASSERT(!(bus_at_start.sa_flags & SA_SIGINFO) &&
              bus_at_start.sa_handler == SIG_DFL);
    fm = new_map(1, 0);
    m = PR_MemMap(fm, 0, (PRUint32)page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    sigaction(SIGBUS, NULL, &before);
    CU_ASSERT(before.sa_handler == bus_at_start.sa_handler &&
              before.sa_flags == bus_at_start.sa_flags);
    PR_MemUnmap(m, (PRUint32)page);
    m = PR_MemMapEx(fm, 0, (PRUint32)page, PR_MEMMAP_SURVIVE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    sigaction(SIGBUS, NULL, &after);
    CU_ASSERT(after.sa_flags & SA_SIGINFO);
    PR_MemUnmap(m, (PRUint32)page);
    PR_CloseFileMap(fm);
}

/* ---- one process ---------------------------------------------------- */

static void test_guarded_mapping_reads_zeros_past_the_end(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    PRFileMap *fm = new_map(4, 0), *imp;
    char s[64], c = 1;
    volatile char *m, *n;
    int fd = map_fd(fm);
    size_t i;

    /* with POPULATE too: every page is faulted in first */
    m = PR_MemMapEx(fm, 0, (PRUint32)(4 * page), PR_MEMMAP_SURVIVE | PR_MEMMAP_POPULATE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (i = 0; i < 4; i++)
        memcpy((char *)m + i * page, "contents", 9);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), 0);
    CU_ASSERT_EQUAL_FATAL(ftruncate(fd, (off_t)page), 0); /* a peer cuts it */
    CU_ASSERT_STRING_EQUAL((const char *)m, "contents");  /* still the object */
    for (i = 1; i < 4; i++)
        CU_ASSERT(all_zero(m + i * page, page));
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), 3);
    CU_ASSERT(all_zero(m + page, 3 * page)); /* replaced once: no new fault */
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), 3);

    /* writes into a replaced page stay private, even when the object
     * grows back; the first page is still shared */
    strcpy((char *)m + 2 * page, "private");
    CU_ASSERT_EQUAL(ftruncate(fd, (off_t)(4 * page)), 0);
    CU_ASSERT_EQUAL(pread(fd, &c, 1, (off_t)(2 * page)), 1);
    CU_ASSERT_EQUAL(c, 0);
    CU_ASSERT_STRING_EQUAL((const char *)m + 2 * page, "private");
    CU_ASSERT_EQUAL(pwrite(fd, "shared", 7, 0), 7);
    CU_ASSERT_STRING_EQUAL((const char *)m, "shared");

    /* an imported map, mapped the same way */
    snprintf(s, sizeof(s), "%d:1", fd);
    imp = PR_ImportFileMapFromString(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
    n = PR_MemMapEx(imp, 0, (PRUint32)(2 * page), PR_MEMMAP_SURVIVE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_EQUAL(ftruncate(fd, 0), 0);
    CU_ASSERT(all_zero(n, 2 * page));
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)n), 2);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), 3); /* counted per mapping */

    /* only the start of a live guarded mapping has a count */
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)(m + page)), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults(NULL), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_MemUnmap((void *)n, (PRUint32)(2 * page)), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)n), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_MemUnmap((void *)m, (PRUint32)(4 * page)), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), -1);
    PR_CloseFileMap(imp);
    PR_CloseFileMap(fm);
}

static void test_without_the_flag_a_cut_object_still_kills(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    PRFileMap *fm = new_map(1, 0);
    volatile char *m = PR_MemMap(fm, 0, (PRUint32)page);
    int status = 0;
    pid_t pid;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), -1);
    CU_ASSERT_EQUAL_FATAL(ftruncate(map_fd(fm), 0), 0);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        (void)m[0];
        _exit(0);
    }
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    /* killed by SIGBUS; under a sanitizer, whose handler takes the
     * signal, ended by its report instead */
    CU_ASSERT((WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS) ||
              (under_sanitizer() && WIFEXITED(status) && WEXITSTATUS(status) != 0));
    PR_MemUnmap((void *)m, (PRUint32)page);
    PR_CloseFileMap(fm);
}

static void test_bad_survive_input(void)
{
    PRFileMap *fm = new_map(1, 0);
    char local[16];

    CU_ASSERT_PTR_NULL(PR_MemMapEx(fm, 0, (PRUint32)page, 0x4U));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_MemMapEx(NULL, 0, (PRUint32)page, PR_MEMMAP_SURVIVE));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_MemMapEx(fm, 0, (PRUint32)page * 2, PR_MEMMAP_SURVIVE));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults(local), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_CloseFileMap(fm);
}

/* ---- other processes -------------------------------------------------- */

/* The helper with argv, fm inherited as PRSHM_TEST_SURVIVE and ch as CH
 * (each when not NULL); its standard output comes back in *out, and its
 * standard input is fed from *in when in is not NULL. */
static PRProcess *spawn(char **argv, PRFileMap *fm, PRFileDesc *ch, int *out,
                        int *in)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *w, *r = NULL;
    PRProcess *p;
    int pp[2], ip[2];

    CU_ASSERT_EQUAL_FATAL(pipe(pp), 0);
    w = PR_ImportFile(pp[1]);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    if (in) {
        CU_ASSERT_EQUAL_FATAL(pipe(ip), 0);
        r = PR_ImportFile(ip[0]);
        PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, r);
        *in = ip[1];
    }
    if (fm)
        CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SURVIVE"),
                        PR_SUCCESS);
    if (ch)
        CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFD(attr, ch, "CH"), PR_SUCCESS);
    p = PR_CreateProcess(helper, argv, NULL, attr);
    PR_Close(w);
    if (r)
        PR_Close(r);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    *out = pp[0];
    return p;
}

static void revoke_under_guarded_reader(PRUint32 seals, const char *want)
{
    char *argv[] = {(char *)(size_t)helper, "survive-reader", "PRSHM_TEST_SURVIVE", NULL};
    PRFileMap *fm = new_map(4, PR_ANONFM_REVOCABLE);
    char *m = PR_MemMap(fm, 0, (PRUint32)(4 * page));
    char line[8], out[256];
    PRProcess *reader;
    PRInt32 code = -1;
    int rfd, wfd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    strcpy(m, "secret");
    memset(m + page, 's', 3 * page);
    PR_MemUnmap(m, (PRUint32)(4 * page));
    if (seals)
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, seals), PR_SUCCESS);
    reader = spawn(argv, fm, NULL, &rfd, &wfd);
    CU_ASSERT_EQUAL(read(rfd, line, 6), 6); /* "ready\n" */
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(write(wfd, "revoked\n", 8), 8);
    close(wfd);
    pt_read_to_end(rfd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(reader, &code), PR_SUCCESS);
    /* the reader lived on, and never read a byte of the old contents */
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
    if (!strstr(out, want))
        fprintf(stderr, "reader said: %s\n", out);
    PR_CloseFileMap(fm);
}

static void test_reader_survives_the_creators_revoke(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    /* the object is cut to nothing: every page the reader touches after
     * it faults once and is replaced; the reader can tell (size 0) */
    revoke_under_guarded_reader(0, "survived zeros faults=4 revoked=1");
}

static void test_reader_of_a_shrink_sealed_map_reads_zeros_without_faults(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    if (!sealable) {
        pt_skip("this backend takes no seals");
        return;
    }
    /* punched, not cut: zeros from the object itself, nothing to absorb,
     * and nothing tells the holder the map was revoked */
    revoke_under_guarded_reader(PR_FILEMAP_SEAL_SHRINK, "survived zeros faults=0 revoked=0");
}

static void test_receiver_survives_a_hostile_senders_truncation(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    char *argv[] = {(char *)(size_t)helper, "survive-cutter", "CH", NULL};
    PRFileDesc *ends[2];
    PRFileMap *fm;
    PRFileMapInfo info;
    PRProcess *p;
    PRInt32 code = -1;
    volatile char *m;
    size_t len = 16 * page;
    char out[64];
    double start;
    int ofd, done = 0, saw_x;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    p = spawn(argv, NULL, ends[1], &ofd, NULL);
    PR_Close(ends[1]);
    fm = PR_ReceiveFileMap(ends[0], PR_SecondsToInterval(10));
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    m = PR_MemMapEx(fm, 0, (PRUint32)len, PR_MEMMAP_SURVIVE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    saw_x = m[0] == 'x' && m[len - 1] == 'x';
    /* the sender truncates a quarter of a second in; keep reading every
     * page, as a server reading a client's buffer would */
    for (start = now(); now() - start < 10 && !done;)
        done = all_zero(m, len) && PR_GetMemMapFaults((void *)m) == 16;
    CU_ASSERT(saw_x);
    CU_ASSERT(done);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m), 16);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.size, 0);
    CU_ASSERT(info.revoked); /* emptied under us */
    pt_read_to_end(ofd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_STRING_EQUAL(out, "sent\ncut\n");
    PR_MemUnmap((void *)m, (PRUint32)len);
    PR_CloseFileMap(fm);
    PR_Close(ends[0]);
}

/* The helper's survive-chain mode with how; its output and status. */
static int chain(const char *how, char *out, size_t outlen)
{
    const char *args[] = {"survive-chain", how, NULL};

    return pt_run_helper(args, NULL, out, outlen);
}

static void test_programs_own_sigbus_handling_is_kept(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    static const char guarded[] = "guarded zeros faults=1\nsegv untouched\n";
    char out[256], want[256];
    int rc;

    if (under_sanitizer()) {
        pt_skip("the sanitizer reports a SIGBUS the program does not handle itself");
        return;
    }
    if (pt_under_valgrind()) {
        /* valgrind emulates signal delivery: a fault run again after the
         * handler restored SIG_DFL faults for ever instead of killing */
        pt_skip("valgrind does not deliver a repeated fault under SIG_DFL as the kernel does");
        return;
    }
    rc = chain("siginfo", out, sizeof(out));
    snprintf(want, sizeof(want), "%sown siginfo addr-ok\n", guarded);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, want);

    rc = chain("plain", out, sizeof(out));
    snprintf(want, sizeof(want), "%sown plain\n", guarded);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, want);

    /* the default action still kills, for a fault and for a sent signal */
    CU_ASSERT_EQUAL(chain("dfl", out, sizeof(out)), 128 + SIGBUS);
    CU_ASSERT_STRING_EQUAL(out, guarded);
    CU_ASSERT_EQUAL(chain("dfl-sent", out, sizeof(out)), 128 + SIGBUS);
    CU_ASSERT_STRING_EQUAL(out, guarded);

    /* ignoring: a sent SIGBUS is ignored; a fault kills, as the kernel
     * does without prshm */
    CU_ASSERT_EQUAL(chain("ign", out, sizeof(out)), 128 + SIGBUS);
    CU_ASSERT_STRING_EQUAL(out, guarded);
    rc = chain("ign-sent", out, sizeof(out));
    snprintf(want, sizeof(want), "%signored\n", guarded);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, want);

    /* a handler installed after prshm's that chains to it, as the header
     * says to, keeps guarded mappings alive */
    CU_ASSERT_EQUAL(chain("later", out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, guarded);
}

/* ---- threads ---------------------------------------------------------- */

#define THREADS 8

struct toucher {
    volatile char *m;     /* the mapping this thread reads */
    size_t len;
    size_t mine;          /* the page this thread writes its mark into */
    pthread_barrier_t *go;
    int ok;
};

static void *touch_all(void *arg)
{
    struct toucher *t = arg;
    char mark = (char)('A' + (int)t->mine % 26);
    size_t i;

    pthread_barrier_wait(t->go);
    /* write first (a write fault), then read every page while the other
     * threads fault on them: a page replaced a second time would lose
     * the mark its thread wrote */
    t->m[t->mine * page + 1] = mark;
    t->ok = 1;
    for (i = 0; i < t->len; i++)
        if (i % page != 1 && t->m[i] != 0)
            t->ok = 0;
    t->ok = t->ok && t->m[t->mine * page + 1] == mark;
    return NULL;
}

static void fault_from_threads(PRBool one_mapping)
{
    PRFileMap *fm[THREADS];
    volatile char *m[THREADS];
    struct toucher t[THREADS];
    pthread_t th[THREADS];
    pthread_barrier_t go;
    size_t len = THREADS * page;
    int i, maps = one_mapping ? 1 : THREADS;

    for (i = 0; i < maps; i++) {
        fm[i] = new_map(THREADS, 0);
        m[i] = PR_MemMapEx(fm[i], 0, (PRUint32)len, PR_MEMMAP_SURVIVE);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m[i]);
        CU_ASSERT_EQUAL_FATAL(ftruncate(map_fd(fm[i]), 0), 0);
    }
    pthread_barrier_init(&go, NULL, THREADS);
    for (i = 0; i < THREADS; i++) {
        t[i].m = m[one_mapping ? 0 : i];
        t[i].len = len;
        t[i].mine = (size_t)i;
        t[i].go = &go;
        t[i].ok = 0;
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, touch_all, &t[i]), 0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        CU_ASSERT(t[i].ok);
    }
    pthread_barrier_destroy(&go);
    for (i = 0; i < maps; i++) {
        /* every page was replaced exactly once, however many threads
         * faulted on it, and no thread's mark was wiped by a second
         * replacement */
        CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)m[i]), THREADS);
        if (one_mapping) {
            int k;

            for (k = 0; k < THREADS; k++)
                CU_ASSERT_EQUAL(m[i][(size_t)k * page + 1], (char)('A' + k));
        } else {
            CU_ASSERT_EQUAL(m[i][(size_t)i * page + 1], (char)('A' + i));
        }
        PR_MemUnmap((void *)m[i], (PRUint32)len);
        PR_CloseFileMap(fm[i]);
    }
}

/* valgrind runs one thread at a time, so threads never fault at once
 * under it; and a fault run again while another thread replaces its page
 * (the handler's retry) is not delivered again as the kernel does. */
static PRBool threads_can_fault_at_once(void)
{
    if (pt_under_valgrind()) {
        pt_skip("valgrind runs one thread at a time and does not repeat a retried fault");
        return PR_FALSE;
    }
    return PR_TRUE;
}

/* ThreadSanitizer models the handler's mmap as a write to the whole page,
 * racing with the other threads' reads of it; the kernel swaps the page
 * atomically, which it cannot see. */
static PRBool page_swaps_seen_as_races(void)
{
    if (under_tsan()) {
        pt_skip("ThreadSanitizer takes the atomic page swap for a write racing with reads");
        return PR_TRUE;
    }
    return PR_FALSE;
}

static void test_eight_threads_fault_at_once_on_one_mapping(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    if (threads_can_fault_at_once() && !page_swaps_seen_as_races())
        fault_from_threads(PR_TRUE);
}

static void test_eight_threads_fault_at_once_on_their_own_mappings(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    if (threads_can_fault_at_once())
        fault_from_threads(PR_FALSE);
}

/*
 * One thread reads a guarded mapping whose object is cut, so it faults
 * again and again; another unmaps it with PR_MemUnmap and at once maps
 * memory of its own at the same address.  A handler still at work for
 * the old mapping must never map zeros over the new one.  The reader
 * jumps out of the SIGSEGV it takes when it reads between the two.
 */
static volatile char *volatile shared_addr;
static volatile int stop_reading;
static __thread sigjmp_buf *reader_jump;

static void reader_segv(int sig)
{
    if (reader_jump)
        siglongjmp(*reader_jump, 1);
    signal(sig, SIG_DFL);
}

static void *race_reader(void *arg)
{
    sigjmp_buf jb;
    size_t len = *(size_t *)arg, i = 0;

    reader_jump = &jb;
    sigsetjmp(jb, 1);
    while (!stop_reading) {
        volatile char *p = shared_addr;

        if (p)
            (void)p[(i++ % (len / page)) * page];
    }
    reader_jump = NULL;
    return NULL;
}

static void test_unmap_during_faults_never_zeroes_the_next_mapping(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    struct sigaction sa, old;
    PRFileMap *fm;
    size_t len = 4 * page, k;
    pthread_t th;
    double start = now();
    int rounds = 0, wiped = 0, reused = 0;

    if (!threads_can_fault_at_once() || page_swaps_seen_as_races())
        return;
    fm = new_map(4, 0);
    CU_ASSERT_EQUAL_FATAL(ftruncate(map_fd(fm), 0), 0);
    /* the test build slows each absorption down, which widens the window
     * in which an unmap meets a handler at work (prsurvive.c) */
    setenv("PRSHM_TEST_GUARD_DELAY", "50000", 1);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = reader_segv;
    sa.sa_flags = SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &old);
    stop_reading = 0;
    shared_addr = NULL;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, race_reader, &len), 0);
    while (rounds < 2000 && now() - start < 3) {
        volatile char *m = PR_MemMapEx(fm, 0, (PRUint32)len, PR_MEMMAP_SURVIVE);
        char *mine;
        double t0;

        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        shared_addr = m;
        while (PR_GetMemMapFaults((void *)m) < 1 && now() - start < 5)
            ; /* the reader is faulting in it now */
        /* unmap at a different moment of the reader's next fault each
         * round (0 to 99 microseconds after its first) */
        for (t0 = now(); now() - t0 < (rounds % 100) * 1e-6;)
            ;
        CU_ASSERT_EQUAL_FATAL(PR_MemUnmap((void *)m, (PRUint32)len), PR_SUCCESS);
        mine = mmap((void *)m, len, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CU_ASSERT_FATAL(mine != MAP_FAILED);
        if (mine == (char *)m) {
            reused++;
            memset(mine, 0x5a, len);
            usleep(1000); /* long enough for a late handler to strike */
            for (k = 0; k < len; k++)
                if (mine[k] != 0x5a) {
                    wiped++;
                    break;
                }
        }
        shared_addr = NULL;
        munmap(mine, len);
        rounds++;
    }
    stop_reading = 1;
    pthread_join(th, NULL);
    sigaction(SIGSEGV, &old, NULL);
    unsetenv("PRSHM_TEST_GUARD_DELAY");
    if (wiped || !reused)
        printf("[rounds %d, address reused %d, wiped %d] ", rounds, reused, wiped);
    CU_ASSERT(rounds > 10);
    CU_ASSERT(reused > 0);
    CU_ASSERT_EQUAL(wiped, 0);
    PR_CloseFileMap(fm);
}

/* ---- fork ------------------------------------------------------------- */

static void test_fork_child_keeps_guards_only_for_what_it_inherits(void)
{
    NEEDS_FAULT_ADDRESS(); /* before anything is made */
    PRFileMap *rev = new_map(1, PR_ANONFM_REVOCABLE), *plain = new_map(1, 0);
    volatile char *r = PR_MemMapEx(rev, 0, (PRUint32)page, PR_MEMMAP_SURVIVE);
    volatile char *p = PR_MemMapEx(plain, 0, (PRUint32)page, PR_MEMMAP_SURVIVE);
    int fd = map_fd(plain), status = -1;
    pid_t pid;

    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    if (pt_under_valgrind()) {
        pt_skip("valgrind does not keep mappings out of fork children");
        PR_MemUnmap((void *)r, (PRUint32)page);
        PR_MemUnmap((void *)p, (PRUint32)page);
        PR_CloseFileMap(rev);
        PR_CloseFileMap(plain);
        return;
    }
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        /* the revocable map's mapping is not in the child, and neither is
         * its guard; the other mapping is, guarded, with its own count */
        int bad = PR_GetMemMapFaults((void *)r) != -1;

        bad |= (PR_GetMemMapFaults((void *)p) != 0) << 1;
        bad |= (ftruncate(fd, 0) != 0) << 2;
        bad |= (p[10] != 0) << 3;
        bad |= (PR_GetMemMapFaults((void *)p) != 1) << 4;
        _exit(bad);
    }
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
    /* the parent's guards are its own */
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)p), 0);
    CU_ASSERT_EQUAL(p[10], 0); /* the object was cut by the child */
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)p), 1);
    CU_ASSERT_EQUAL(PR_GetMemMapFaults((void *)r), 0);
    PR_MemUnmap((void *)r, (PRUint32)page);
    PR_MemUnmap((void *)p, (PRUint32)page);
    PR_CloseFileMap(rev);
    PR_CloseFileMap(plain);
}

static void test_no_descriptor_leaked_by_this_suite(void)
{
    CU_ASSERT_EQUAL(pt_count_fds(), fds_at_start);
}

void pt_register(void)
{
    CU_pSuite s;

    if (setup() != 0) {
        fprintf(stderr, "test_survive: PRSHM_TEST_HELPER unset or no backend\n");
        exit(99);
    }
    s = pt_suite("survive");
    PT_TEST(s, test_handler_is_installed_on_first_use_only);
    PT_TEST(s, test_guarded_mapping_reads_zeros_past_the_end);
    PT_TEST(s, test_without_the_flag_a_cut_object_still_kills);
    PT_TEST(s, test_bad_survive_input);
    PT_TEST(s, test_reader_survives_the_creators_revoke);
    PT_TEST(s, test_reader_of_a_shrink_sealed_map_reads_zeros_without_faults);
    PT_TEST(s, test_receiver_survives_a_hostile_senders_truncation);
    PT_TEST(s, test_programs_own_sigbus_handling_is_kept);
    PT_TEST(s, test_eight_threads_fault_at_once_on_one_mapping);
    PT_TEST(s, test_eight_threads_fault_at_once_on_their_own_mappings);
    PT_TEST(s, test_unmap_during_faults_never_zeroes_the_next_mapping);
    PT_TEST(s, test_fork_child_keeps_guards_only_for_what_it_inherits);
    PT_TEST(s, test_no_descriptor_leaked_by_this_suite);
}
