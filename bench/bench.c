/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * bench.c -- one workload, many repetitions, the median per operation.
 * Compiled twice: prshm-bench links prshm and also runs the raw system
 * calls that are the floor; nspr-bench is the same code against Debian's
 * NSPR 4.35 (BENCH_NSPR), a separate binary so the symbols never clash.
 * bench/run.sh interleaves the three so machine drift cancels.
 *
 *   BIN P1 IMPL REPS             create 4 KiB map, map, touch, unmap, close
 *   BIN P2 IMPL REPS PARENT_MB   spawn a child that inherits the map,
 *                                maps it, writes a byte; wait.  The parent
 *                                first touches PARENT_MB of memory.
 *   BIN P3 IMPL REPS             first touch of a 64 MiB map (IMPL
 *                                prshm, prshm-populate, nspr, floor,
 *                                floor-populate)
 *   BIN P4 IMPL COUNT            COUNT live maps: create and close cost
 *                                per op at 100, 1000, COUNT live maps,
 *                                and heap bytes per map
 *   BIN R1 IMPL REPS             revoke a written 1 GiB map (IMPL prshm,
 *                                prshm-restricted -- zeroing through the
 *                                creator's view -- floor, a bare
 *                                truncation that leaves pinned pages
 *                                readable, floor-zero, pwrite of zeros
 *                                and then the truncation)
 *   BIN S1 IMPL REPS BYTES       named shared memory: open (create,
 *                                exclusive), attach, touch every page,
 *                                detach, close, delete
 *   BIN S2 IMPL REPS TRIPS       named semaphores: TRIPS round trips
 *                                (post A, wait B) with a forked child
 *                                (wait A, post B); ns per round trip
 *   BIN H1 IMPL REPS             hand a 4 KiB map over a channel and use
 *                                it: send, receive, map, touch one page,
 *                                unmap, close (prshm; prshm-peer, with the
 *                                sender's peer check; floor: sendmsg and
 *                                recvmsg with SCM_RIGHTS, mmap;
 *                                floor-checked, with fstat, F_GETFL and
 *                                F_GET_SEALS on what arrived); for
 *                                nspr, NSPR's only way to reach an
 *                                unrelated process: open an existing
 *                                named object, attach, touch, detach,
 *                                close
 *   BIN G1 REPS                  read a populated 64 MiB map through a
 *                                guarded mapping (PR_MEMMAP_SURVIVE), an
 *                                unguarded one and a raw mmap, in turn:
 *                                median_ns, median_unguarded_ns and
 *                                median_floor_ns lines
 *   BIN G2 IMPL REPS             ns per page for the first touch of 1024
 *                                pages: guarded, of an object cut to
 *                                nothing (one absorbed fault each);
 *                                floor, of fresh anonymous memory (one
 *                                ordinary page fault each)
 *   BIN child-* ...              the P2 children
 * IMPL is prshm, nspr or floor.  Output: "median_ns <n>" lines.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef BENCH_NSPR
#include <nspr.h>
#include <pripcsem.h>
#include <prshm.h>
#include <prshma.h>
#else
#include "nspr.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#endif

extern char **environ;

#define SMALL 4096U
#define BATCH 50 /* operations timed at each P4 mark */
#define BIG (64U << 20)

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what)
{
    fprintf(stderr, "bench: %s failed (%s, NSPR error %d)\n", what,
            strerror(errno), (int)PR_GetError());
    exit(1);
}

static char *self_path;

/* ---- P1: create, map, touch, unmap, close ---------------------------- */
static void p1_library(void)
{
#ifdef BENCH_NSPR
    PRFileMap *fm = PR_OpenAnonFileMap("/tmp", SMALL, PR_PROT_READWRITE);
#else
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, SMALL, PR_PROT_READWRITE);
#endif
    char *m;

    if (!fm)
        die("PR_OpenAnonFileMap");
    m = PR_MemMap(fm, 0, SMALL);
    if (!m)
        die("PR_MemMap");
    m[0] = 1;
    PR_MemUnmap(m, SMALL);
    PR_CloseFileMap(fm);
}

#ifndef BENCH_NSPR
static int floor_object(size_t size)
{
    int fd = memfd_create("floor", MFD_CLOEXEC | MFD_ALLOW_SEALING);

    if (fd < 0 || ftruncate(fd, (off_t)size) != 0)
        die("memfd_create/ftruncate");
    return fd;
}

static void p1_floor(void)
{
    int fd = floor_object(SMALL);
    char *m = mmap(NULL, SMALL, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    if (m == MAP_FAILED)
        die("mmap");
    m[0] = 1;
    munmap(m, SMALL);
    close(fd);
}
#endif

/* ---- P2: spawn a child that inherits the map ------------------------------ */
static void child_touch(char *m)
{
    if (!m)
        _exit(3);
    m[0] = 'c';
}

static void p2_library(PRFileMap *fm)
{
    char *argv[] = {self_path, "child-lib", "BENCH_SHM", NULL};
    PRProcess *p;
    PRInt32 code = -1;
#ifdef BENCH_NSPR
    static char entry[PR_FILEMAP_STRING_BUFSIZE + 16];
    char str[PR_FILEMAP_STRING_BUFSIZE];

    /* protocol 2: NSPR never implemented protocol 1 */
    if (!entry[0]) {
        PR_ExportFileMapAsString(fm, sizeof(str), str);
        snprintf(entry, sizeof(entry), "BENCH_SHM=%s", str);
        PR_SetEnv(entry);
    }
    p = PR_CreateProcess(self_path, argv, NULL, NULL);
#else
    PRProcessAttr *attr = PR_NewProcessAttr();

    PR_ProcessAttrSetInheritableFileMap(attr, fm, "BENCH_SHM");
    p = PR_CreateProcess(self_path, argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
#endif
    if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS || code != 0)
        die("spawn");
}

static int child_lib(const char *var)
{
#ifdef BENCH_NSPR
    const char *s = getenv(var);
    PRFileMap *fm = s ? PR_ImportFileMapFromString(s) : NULL;
#else
    PRFileMap *fm = PR_GetInheritedFileMap(var);
#endif
    if (!fm)
        return 2;
    child_touch(PR_MemMap(fm, 0, SMALL));
    return 0;
}

#ifndef BENCH_NSPR
static void p2_floor(int fd)
{
    char *argv[] = {self_path, "child-raw", "3", NULL};
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status;

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 3);
    if (posix_spawn(&pid, self_path, &fa, NULL, argv, environ) != 0 ||
        waitpid(pid, &status, 0) != pid || status != 0)
        die("posix_spawn");
    posix_spawn_file_actions_destroy(&fa);
}

static int child_raw(int fd)
{
    char *m = mmap(NULL, SMALL, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    child_touch(m == MAP_FAILED ? NULL : m);
    return 0;
}
#endif

/* The parent's own memory: mb MiB, every page touched.  Kept in a global
 * and written through volatile, so the compiler cannot drop it. */
static volatile char *parent_memory;

static void grow_parent(long mb)
{
    size_t len = (size_t)mb << 20, i;

    if (mb <= 0)
        return;
    parent_memory = malloc(len);
    if (!parent_memory)
        die("malloc");
    for (i = 0; i < len; i += 4096)
        parent_memory[i] = 1;
}

/* ---- P3: first touch of 64 MiB -------------------------------------------- */
static void touch_all(volatile char *m, size_t len)
{
    size_t i;

    for (i = 0; i < len; i += 4096)
        m[i] = 1;
}

static double p3_once(const char *impl)
{
    double t0, t1;
    char *m;

    (void)impl; /* NSPR has one way only */
#ifndef BENCH_NSPR
    if (!strncmp(impl, "floor", 5)) {
        int fd = floor_object(BIG);

        t0 = now_ns();
        m = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m == MAP_FAILED)
            die("mmap");
        if (!strcmp(impl, "floor-populate") &&
            madvise(m, BIG, MADV_POPULATE_WRITE) != 0)
            die("madvise");
        touch_all(m, BIG);
        t1 = now_ns();
        munmap(m, BIG);
        close(fd);
        return t1 - t0;
    }
#endif
    {
        PRFileMap *fm = PR_OpenAnonFileMap("/tmp", BIG, PR_PROT_READWRITE);

        if (!fm)
            die("PR_OpenAnonFileMap");
        t0 = now_ns();
#ifndef BENCH_NSPR
        m = PR_MemMapEx(fm, 0, BIG, !strcmp(impl, "prshm-populate")
                                        ? PR_MEMMAP_POPULATE : 0);
#else
        m = PR_MemMap(fm, 0, BIG);
#endif
        if (!m)
            die("PR_MemMap");
        touch_all(m, BIG);
        t1 = now_ns();
        PR_MemUnmap(m, BIG);
        PR_CloseFileMap(fm);
        return t1 - t0;
    }
}

/* ---- G1, G2: mappings that survive their object ------------------------- */
#ifndef BENCH_NSPR
/* Sum a mapping word by word, as a reader of a client's buffer would. */
static unsigned long read_all(const volatile unsigned long *m, size_t len)
{
    unsigned long sum = 0;
    size_t i;

    for (i = 0; i < len / sizeof(*m); i++)
        sum += m[i];
    return sum;
}

static volatile unsigned long g_sink;

/* G1: read a populated 64 MiB map through three mappings of the same
 * object -- guarded (PR_MEMMAP_SURVIVE), unguarded (PR_MemMap), and a raw
 * mmap of its descriptor (the floor) -- in turn, reps times each, so all
 * three meet the same pages, caches and CPU speed.  Prints the median
 * read time of each. */
static void g1(int reps)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, BIG, PR_PROT_READWRITE);
    double *t[3];
    char *m[3], s[64];
    int i, k;

    if (!fm || PR_ExportFileMapAsString(fm, sizeof(s), s) != PR_SUCCESS)
        die("PR_OpenAnonFileMap");
    m[0] = PR_MemMapEx(fm, 0, BIG, PR_MEMMAP_POPULATE | PR_MEMMAP_SURVIVE);
    m[1] = PR_MemMapEx(fm, 0, BIG, PR_MEMMAP_POPULATE);
    m[2] = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_SHARED, atoi(s), 0);
    if (!m[0] || !m[1] || m[2] == MAP_FAILED ||
        madvise(m[2], BIG, MADV_POPULATE_WRITE) != 0)
        die("G1 mappings");
    memset(m[1], 1, BIG);
    for (k = 0; k < 3; k++) {
        t[k] = calloc((size_t)reps, sizeof(double));
        g_sink += read_all((const volatile unsigned long *)m[k], BIG); /* warm */
    }
    for (i = 0; i < reps; i++) {
        int j;

        for (j = 0; j < 3; j++) { /* each goes first in turn */
            double t0;

            k = (i + j) % 3;
            t0 = now_ns();
            g_sink += read_all((const volatile unsigned long *)m[k], BIG);
            t[k][i] = now_ns() - t0;
        }
    }
    printf("median_ns %.0f\n", median(t[0], reps));
    printf("median_unguarded_ns %.0f\n", median(t[1], reps));
    printf("median_floor_ns %.0f\n", median(t[2], reps));
    for (k = 0; k < 3; k++)
        free(t[k]);
    PR_MemUnmap(m[0], BIG);
    PR_MemUnmap(m[1], BIG);
    munmap(m[2], BIG);
    PR_CloseFileMap(fm);
}

#define G2_PAGES 1024U

/* G2: ns per page for the first touch of G2_PAGES pages: guarded, an
 * object cut to nothing, so every touch is one absorbed fault; floor,
 * fresh anonymous memory, so every touch is one ordinary page fault. */
static double g2_once(const char *impl)
{
    size_t len = (size_t)G2_PAGES * 4096;
    PRFileMap *fm = NULL;
    double t0, t1;
    char s[64];
    volatile char *m;

    if (!strcmp(impl, "guarded")) {
        fm = PR_OpenAnonFileMap(NULL, len, PR_PROT_READWRITE);
        m = fm ? PR_MemMapEx(fm, 0, (PRUint32)len, PR_MEMMAP_SURVIVE) : NULL;
        if (!m || PR_ExportFileMapAsString(fm, sizeof(s), s) != PR_SUCCESS ||
            ftruncate(atoi(s), 0) != 0)
            die("guarded map");
    } else {
        m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED)
            die("mmap");
    }
    t0 = now_ns();
    g_sink += read_all((const volatile unsigned long *)m, len) == 0;
    t1 = now_ns();
    if (fm) {
        if (PR_GetMemMapFaults((void *)m) != (PRInt32)G2_PAGES)
            die("fault count");
        PR_MemUnmap((void *)m, (PRUint32)len);
        PR_CloseFileMap(fm);
    } else {
        munmap((void *)m, len);
    }
    return (t1 - t0) / G2_PAGES;
}
#endif

/* ---- R1: revoke 1 GiB ------------------------------------------------------ */
#define HUGE_MAP (1U << 30)

#ifndef BENCH_NSPR
static void fill(char *m, size_t len)
{
    memset(m, 0x5a, len);
    munmap(m, len);
}

static double r1_floor(PRBool zero)
{
    static char zeros[1 << 20];
    int fd = floor_object(HUGE_MAP);
    char *m = mmap(NULL, HUGE_MAP, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    off_t off;
    double t0, t1;

    if (m == MAP_FAILED)
        die("mmap");
    fill(m, HUGE_MAP);
    t0 = now_ns();
    for (off = 0; zero && off < (off_t)HUGE_MAP; off += sizeof(zeros))
        if (pwrite(fd, zeros, sizeof(zeros), off) != (ssize_t)sizeof(zeros))
            die("pwrite");
    if (ftruncate(fd, 0) != 0)
        die("ftruncate");
    t1 = now_ns();
    close(fd);
    return t1 - t0;
}

static double r1_once(const char *impl)
{
    PRFileMap *fm, *ro = NULL;
    double t0, t1;
    char *m;

    if (!strncmp(impl, "floor", 5))
        return r1_floor(!strcmp(impl, "floor-zero"));
    fm = PR_OpenAnonFileMapEx(NULL, HUGE_MAP, PR_PROT_READWRITE,
                              PR_ANONFM_REVOCABLE);
    if (!fm || !(m = PR_MemMap(fm, 0, HUGE_MAP)))
        die("PR_OpenAnonFileMapEx");
    if (!strcmp(impl, "prshm-restricted") &&
        !(ro = PR_RestrictFileMap(fm, PR_PROT_READONLY)))
        die("PR_RestrictFileMap");
    fill(m, HUGE_MAP);
    t0 = now_ns();
    if (PR_RevokeFileMap(fm) != PR_SUCCESS)
        die("PR_RevokeFileMap");
    t1 = now_ns();
    if (ro)
        PR_CloseFileMap(ro);
    PR_CloseFileMap(fm);
    return t1 - t0;
}
#endif

/* ---- P4: many live maps -------------------------------------------------- */
static PRFileMap *open_small(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap("/tmp", SMALL, PR_PROT_READWRITE);

    if (!fm)
        die("PR_OpenAnonFileMap");
    return fm;
}

/* One live object for P4: a prshm/NSPR map, or for the floor a bare
 * memfd (the same system calls PR_OpenAnonFileMap makes). */
static void *p4_open(const char *impl)
{
#ifndef BENCH_NSPR
    if (!strcmp(impl, "floor"))
        return (void *)(size_t)(floor_object(SMALL) + 1);
#endif
    (void)impl;
    return open_small();
}

static void p4_close(const char *impl, void *obj)
{
#ifndef BENCH_NSPR
    if (!strcmp(impl, "floor")) {
        close((int)(size_t)obj - 1);
        return;
    }
#endif
    (void)impl;
    PR_CloseFileMap(obj);
}

static void p4(const char *impl, long count)
{
    void **maps = calloc((size_t)count, sizeof(*maps));
    static const long marks[] = {100, 1000, 10000, 100000};
    struct rlimit rl;
    size_t heap0;
    long i, m;

    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    heap0 = mallinfo2().uordblks;
    for (m = 0, i = 0; m < 4 && marks[m] <= count; m++) {
        double t0;

        for (; i < marks[m] - BATCH; i++)
            maps[i] = p4_open(impl);
        /* cost of one create and one close with marks[m] maps live */
        t0 = now_ns();
        for (; i < marks[m]; i++)
            maps[i] = p4_open(impl);
        printf("create_at_%ld_ns %.0f\n", marks[m], (now_ns() - t0) / BATCH);
        t0 = now_ns();
        for (i = marks[m] - BATCH; i < marks[m]; i++)
            p4_close(impl, maps[i]);
        printf("close_at_%ld_ns %.0f\n", marks[m], (now_ns() - t0) / BATCH);
        for (i = marks[m] - BATCH; i < marks[m]; i++)
            maps[i] = p4_open(impl);
    }
    printf("heap_bytes_per_map %.0f\n",
           (double)(mallinfo2().uordblks - heap0) / (double)i);
    while (i > 0)
        p4_close(impl, maps[--i]);
    free(maps);
}

/* ---- S1: named shared memory, one whole cycle ---------------------------- */
static double s1_library(size_t len)
{
    char name[64];
    PRSharedMemory *shm;
    char *m;
    double t0 = now_ns();

    snprintf(name, sizeof(name), "/tmp/prshm-bench-%d.shm", (int)getpid());
    shm = PR_OpenSharedMemory(name, len, PR_SHM_CREATE | PR_SHM_EXCL, 0600);
    if (!shm)
        die("PR_OpenSharedMemory");
    m = PR_AttachSharedMemory(shm, 0);
    if (!m)
        die("PR_AttachSharedMemory");
    touch_all(m, len);
    if (PR_DetachSharedMemory(shm, m) != PR_SUCCESS ||
        PR_CloseSharedMemory(shm) != PR_SUCCESS ||
        PR_DeleteSharedMemory(name) != PR_SUCCESS)
        die("PR_Detach/Close/DeleteSharedMemory");
    return now_ns() - t0;
}

#ifndef BENCH_NSPR
static double s1_floor(size_t len)
{
    char name[64];
    char *m;
    int fd;
    double t0 = now_ns();

    snprintf(name, sizeof(name), "/prshm-bench-%d", (int)getpid());
    fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || ftruncate(fd, (off_t)len) != 0)
        die("shm_open/ftruncate");
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED)
        die("mmap");
    touch_all(m, len);
    munmap(m, len);
    close(fd);
    if (shm_unlink(name) != 0)
        die("shm_unlink");
    return now_ns() - t0;
}
#endif

/* ---- S2: semaphore ping-pong between two processes ---------------------- */
/* Two semaphores, through the library or raw; the child is forked, and a
 * forked child keeps both kinds open. */
struct sem_pair {
    PRSem *a, *b;     /* library */
#ifndef BENCH_NSPR
    sem_t *ra, *rb;   /* floor */
#endif
    char na[64], nb[64];
};

static void pair_post(struct sem_pair *s, int which)
{
#ifndef BENCH_NSPR
    if (s->ra) {
        if (sem_post(which ? s->rb : s->ra) != 0)
            die("sem_post");
        return;
    }
#endif
    if (PR_PostSemaphore(which ? s->b : s->a) != PR_SUCCESS)
        die("PR_PostSemaphore");
}

static void pair_wait(struct sem_pair *s, int which)
{
#ifndef BENCH_NSPR
    if (s->ra) {
        while (sem_wait(which ? s->rb : s->ra) != 0)
            if (errno != EINTR)
                die("sem_wait");
        return;
    }
#endif
    if (PR_WaitSemaphore(which ? s->b : s->a) != PR_SUCCESS)
        die("PR_WaitSemaphore");
}

static double s2_once(const char *impl, long trips)
{
    struct sem_pair s;
    double t0, t1;
    long i;
    pid_t pid;
    int status;

    memset(&s, 0, sizeof(s));
#ifndef BENCH_NSPR
    if (!strcmp(impl, "floor")) {
        snprintf(s.na, sizeof(s.na), "/prshm-bench-%d-a", (int)getpid());
        snprintf(s.nb, sizeof(s.nb), "/prshm-bench-%d-b", (int)getpid());
        s.ra = sem_open(s.na, O_CREAT | O_EXCL, 0600, 0);
        s.rb = sem_open(s.nb, O_CREAT | O_EXCL, 0600, 0);
        if (s.ra == SEM_FAILED || s.rb == SEM_FAILED)
            die("sem_open");
    } else
#endif
    {
        (void)impl;
        snprintf(s.na, sizeof(s.na), "/tmp/prshm-bench-%d.sema", (int)getpid());
        snprintf(s.nb, sizeof(s.nb), "/tmp/prshm-bench-%d.semb", (int)getpid());
        s.a = PR_OpenSemaphore(s.na, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0);
        s.b = PR_OpenSemaphore(s.nb, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0);
        if (!s.a || !s.b)
            die("PR_OpenSemaphore");
    }
    pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        for (i = 0; i < trips; i++) {
            pair_wait(&s, 0);
            pair_post(&s, 1);
        }
        _exit(0);
    }
    t0 = now_ns();
    for (i = 0; i < trips; i++) {
        pair_post(&s, 0);
        pair_wait(&s, 1);
    }
    t1 = now_ns();
    if (waitpid(pid, &status, 0) != pid || status != 0)
        die("the ping-pong child");
#ifndef BENCH_NSPR
    if (s.ra) {
        sem_close(s.ra);
        sem_close(s.rb);
        sem_unlink(s.na);
        sem_unlink(s.nb);
    } else
#endif
    {
        PR_CloseSemaphore(s.a);
        PR_CloseSemaphore(s.b);
        PR_DeleteSemaphore(s.na);
        PR_DeleteSemaphore(s.nb);
    }
    return (t1 - t0) / (double)trips;
}

/* ---- H1: hand a map to another process --------------------------------- */
#ifndef BENCH_NSPR
static PRFileDesc *h1_ends[2];
static PRFileMap *h1_map;
static int h1_sv[2] = {-1, -1}, h1_fd = -1;

/* peer: name this process (the pair's maker) as peerPid, so the send
 * makes its peer check -- SO_PEERCRED and, on Linux 6.5, the pidfd. */
static void h1_library(int peer)
{
    PRFileMap *got;
    char *m;

    if (!h1_map) {
        if (PR_NewFileMapChannel(h1_ends) != PR_SUCCESS ||
            !(h1_map = PR_OpenAnonFileMap(NULL, SMALL, PR_PROT_READWRITE)))
            die("PR_NewFileMapChannel");
    }
    if (PR_SendFileMap(h1_ends[0], h1_map, PR_PROT_READWRITE,
                       peer ? (PRInt32)getpid() : 0) != PR_SUCCESS ||
        !(got = PR_ReceiveFileMap(h1_ends[1], PR_INTERVAL_NO_TIMEOUT)))
        die("PR_SendFileMap/PR_ReceiveFileMap");
    m = PR_MemMap(got, 0, SMALL);
    if (!m)
        die("PR_MemMap");
    m[0] = 1;
    PR_MemUnmap(m, SMALL);
    PR_CloseFileMap(got);
}

/* checked: the receipt checks any careful receiver makes of a descriptor
 * it did not create (what it is, how it is open, its seals). */
static void h1_floor(int checked)
{
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } ctl;
    char frame[40] = {0};
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *c;
    char *m;
    int got;

    if (h1_fd < 0) {
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, h1_sv) != 0)
            die("socketpair");
        h1_fd = floor_object(SMALL);
    }
    memset(&msg, 0, sizeof(msg));
    iov.iov_base = frame;
    iov.iov_len = sizeof(frame);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl.space;
    msg.msg_controllen = sizeof(ctl.space);
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &h1_fd, sizeof(int));
    if (sendmsg(h1_sv[0], &msg, MSG_NOSIGNAL) != (ssize_t)sizeof(frame))
        die("sendmsg");
    msg.msg_controllen = sizeof(ctl.space);
    if (recvmsg(h1_sv[1], &msg, MSG_CMSG_CLOEXEC) != (ssize_t)sizeof(frame))
        die("recvmsg");
    c = CMSG_FIRSTHDR(&msg);
    memcpy(&got, CMSG_DATA(c), sizeof(int));
    if (checked) {
        struct stat st;

        if (fstat(got, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)SMALL ||
            (fcntl(got, F_GETFL) & O_ACCMODE) != O_RDWR || fcntl(got, F_GET_SEALS) < 0)
            die("receipt checks");
    }
    m = mmap(NULL, SMALL, PROT_READ | PROT_WRITE, MAP_SHARED, got, 0);
    if (m == MAP_FAILED)
        die("mmap");
    m[0] = 1;
    munmap(m, SMALL);
    close(got);
}
#else
static PRSharedMemory *h1_shm;

static void h1_nspr(void)
{
    char name[64];
    PRSharedMemory *shm;
    char *m;

    snprintf(name, sizeof(name), "/tmp/prshm-bench-h1-%d.shm", (int)getpid());
    if (!h1_shm && !(h1_shm = PR_OpenSharedMemory(name, SMALL, PR_SHM_CREATE, 0600)))
        die("PR_OpenSharedMemory (create)");
    shm = PR_OpenSharedMemory(name, SMALL, 0, 0);
    if (!shm || !(m = PR_AttachSharedMemory(shm, 0)))
        die("PR_OpenSharedMemory/PR_AttachSharedMemory");
    m[0] = 1;
    PR_DetachSharedMemory(shm, m);
    PR_CloseSharedMemory(shm);
}

static void h1_nspr_done(void)
{
    char name[64];

    snprintf(name, sizeof(name), "/tmp/prshm-bench-h1-%d.shm", (int)getpid());
    if (h1_shm) {
        PR_CloseSharedMemory(h1_shm);
        PR_DeleteSharedMemory(name);
    }
}
#endif

/* ---- driver -------------------------------------------------------------- */
static void run(const char *w, const char *impl, int reps, long mb)
{
    double *t = calloc((size_t)reps, sizeof(double));
    PRFileMap *fm = NULL;
    int fd = -1, i;

    if (!strcmp(w, "P2")) {
        grow_parent(mb);
#ifndef BENCH_NSPR
        if (!strcmp(impl, "floor"))
            fd = floor_object(SMALL);
        else
#endif
            fm = PR_OpenAnonFileMap("/tmp", SMALL, PR_PROT_READWRITE);
    }
    for (i = 0; i < reps; i++) {
        double t0 = now_ns();

        if (!strcmp(w, "P1")) {
#ifndef BENCH_NSPR
            if (!strcmp(impl, "floor"))
                p1_floor();
            else
#endif
                p1_library();
        } else if (!strcmp(w, "P2")) {
#ifndef BENCH_NSPR
            if (fd >= 0)
                p2_floor(fd);
            else
#endif
                p2_library(fm);
#ifndef BENCH_NSPR
        } else if (!strcmp(w, "R1")) {
            t[i] = r1_once(impl);
            continue;
        } else if (!strcmp(w, "G2")) {
            t[i] = g2_once(impl);
            continue;
#endif
        } else if (!strcmp(w, "S1")) {
#ifndef BENCH_NSPR
            if (!strcmp(impl, "floor"))
                t[i] = s1_floor((size_t)mb);
            else
#endif
                t[i] = s1_library((size_t)mb);
            continue;
        } else if (!strcmp(w, "H1")) {
#ifdef BENCH_NSPR
            h1_nspr();
#else
            if (!strncmp(impl, "floor", 5))
                h1_floor(!strcmp(impl, "floor-checked"));
            else
                h1_library(!strcmp(impl, "prshm-peer"));
#endif
        } else if (!strcmp(w, "S2")) {
            t[i] = s2_once(impl, mb);
            continue;
        } else {
            t[i] = p3_once(impl);
            continue;
        }
        t[i] = now_ns() - t0;
    }
#ifdef BENCH_NSPR
    if (!strcmp(w, "H1"))
        h1_nspr_done();
#endif
    printf("median_ns %.0f\n", median(t, reps));
    free(t);
    (void)fd;
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc == 3 && !strcmp(argv[1], "child-lib"))
        return child_lib(argv[2]);
#ifndef BENCH_NSPR
    if (argc == 3 && !strcmp(argv[1], "child-raw"))
        return child_raw(atoi(argv[2]));
#endif
#ifndef BENCH_NSPR
    if (argc >= 3 && !strcmp(argv[1], "G1")) {
        g1(atoi(argv[2]));
        return 0;
    }
#endif
    if (argc >= 4 && !strcmp(argv[1], "P4")) {
        p4(argv[2], atol(argv[3]));
        return 0;
    }
    if (argc >= 4) {
        run(argv[1], argv[2], atoi(argv[3]), argc > 4 ? atol(argv[4]) : 0);
        return 0;
    }
    fprintf(stderr, "usage: see bench.c\n");
    return 2;
}
