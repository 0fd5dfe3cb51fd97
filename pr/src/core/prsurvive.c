/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prsurvive.c -- mappings that survive the end of their object
 * (PR_MEMMAP_SURVIVE).  A page of a shared mapping that lies past the
 * object's end faults with SIGBUS: after a revocation, or when a peer
 * truncates a map it shared.  For a guarded mapping prshm's SIGBUS
 * handler replaces that page with a private zero page (one mmap with
 * MAP_FIXED, which swaps the page atomically) and returns, so the access
 * runs again and reads zeros.  Every other fault goes on to whatever the
 * program had installed before.
 *
 * The table of guarded mappings is read by the handler without a lock:
 * chunks of slots that are only ever added, each slot a state word
 * (generation and state), its range, and a count of handlers at work on
 * it.  Registration and retirement take a mutex the handler never
 * touches.  A guarded mapping is made over a reserved, inaccessible range
 * that is guarded first, so it is never reachable unguarded.  Retiring a
 * slot (PR_MemUnmap) swaps the range for inaccessible memory, marks the
 * slot dying, waits for the handlers already inside it, and only then
 * unmaps: a handler that enters after the mark sees it and backs off, so
 * no handler maps zeros over an address once it has been given back.  A
 * retired slot keeps its range until it is reused, so a fault taken
 * before the retirement and handled after it is run again (and meets
 * SIGSEGV) instead of being passed to the program as a SIGBUS of its own.
 * Each page has a byte that the first handler to replace it claims, so
 * two threads faulting on one page never replace it twice (the second
 * replacement would wipe what the first thread wrote into its page).
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include "prcore.h"
#include "prmem.h"
#include "prshmsec.h"

#define SLOTS_PER_CHUNK 64

/* FREE: never used.  SETUP: being filled in.  LIVE: guarded.  DYING:
 * being retired.  GONE: retired, its range kept until the slot is
 * reused, so that a fault taken just before the retirement and handled
 * just after it is recognised as stale and its access run again (it
 * then meets whatever is at the address now) rather than handed to the
 * program's handling as if it were its own. */
enum { G_FREE = 0, G_SETUP = 1, G_LIVE = 2, G_DYING = 3, G_GONE = 4 };
#define G_STATE(w) ((w) & 7UL)
#define G_WORD(gen, st) (((gen) << 3) | (unsigned long)(st))
#define G_GEN(w) ((w) >> 3)

/* How often a stale fault may be run again before it is handed on: a
 * new mapping at a retired range that faults for its own reasons gets
 * the program's handling after that many tries. */
#define STALE_RETRIES 1000UL

struct guard {
    unsigned long word;      /* generation << 3 | state */
    unsigned long inflight;  /* handlers working on this slot now */
    unsigned long stale;     /* stale faults run again (GONE, DYING) */
    uintptr_t start;
    size_t len;
    int prot;
    int dontfork;            /* the mapping stays out of fork children */
    unsigned char *pages;    /* one byte a page: 1 once replaced */
    unsigned long faults;
};

struct chunk {
    struct guard g[SLOTS_PER_CHUNK];
    struct chunk *next;
};

static struct chunk *chunks;          /* read by the handler */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigaction prev_bus;     /* what the program had */
static int installed;                 /* under lock */
static long page;                     /* set before the first slot */

#ifdef PRSHM_SHM_ANON_EMULATION
/* The test build only (it refuses make install): PRSHM_TEST_GUARD_DELAY,
 * read whenever a guarded mapping is made, makes each absorption spin
 * that many rounds before it maps, so tests can widen the race with an
 * unmap that the protocol above closes. */
static unsigned long test_delay;
#define TEST_DELAY()                                                   \
    do {                                                               \
        volatile unsigned long spin_;                                  \
        for (spin_ = 0; spin_ < __atomic_load_n(&test_delay,          \
                                                __ATOMIC_RELAXED);     \
             spin_++)                                                  \
            ;                                                          \
    } while (0)
#else
#define TEST_DELAY() ((void)0)
#endif

enum { NOT_OURS, ABSORBED, RETRY };

/* Hand a fault that is not ours to the handling the program had, so
 * that it behaves as if prshm had installed nothing. */
static void chain(int sig, siginfo_t *si, void *ctx)
{
    struct sigaction dfl;

    if (prev_bus.sa_flags & SA_SIGINFO) {
        prev_bus.sa_sigaction(sig, si, ctx);
        return;
    }
    if (prev_bus.sa_handler != SIG_DFL && prev_bus.sa_handler != SIG_IGN) {
        prev_bus.sa_handler(sig);
        return;
    }
    /* SIG_IGN: a signal someone sent is ignored; a fault cannot be (the
     * kernel kills a process that ignores or blocks the fault it takes),
     * so it gets the default action, as without prshm. */
    if (prev_bus.sa_handler == SIG_IGN && si->si_code <= 0)
        return;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    (void)sigaction(sig, &dfl, NULL);
    /* a fault comes back when the instruction runs again; a sent signal
     * must be sent again (it stays pending until this handler returns) */
    if (si->si_code <= 0)
        (void)raise(sig);
}

static int absorb(const siginfo_t *si)
{
    uintptr_t a = (uintptr_t)si->si_addr;
    struct guard *stale = NULL;
    struct chunk *c;
    int i;

    if (si->si_code != BUS_ADRERR
#ifdef BUS_OBJERR
        && si->si_code != BUS_OBJERR
#endif
    )
        return NOT_OURS; /* sent by a process, or a hardware error */
    for (c = __atomic_load_n(&chunks, __ATOMIC_ACQUIRE); c;
         c = __atomic_load_n(&c->next, __ATOMIC_ACQUIRE)) {
        for (i = 0; i < SLOTS_PER_CHUNK; i++) {
            struct guard *g = &c->g[i];
            unsigned long w = __atomic_load_n(&g->word, __ATOMIC_ACQUIRE);
            unsigned long st = G_STATE(w);
            uintptr_t start;
            size_t idx;
            void *p;

            if (st != G_LIVE && st != G_DYING && st != G_GONE)
                continue;
            start = __atomic_load_n(&g->start, __ATOMIC_RELAXED);
            if (a - start >= __atomic_load_n(&g->len, __ATOMIC_RELAXED))
                continue;
            if (st != G_LIVE) {
                if (!stale)
                    stale = g; /* unless a live slot holds it now */
                continue;
            }
            /* enter, then look again: a retirement that marked the slot
             * before we entered is seen here; one that marks it after
             * waits for us to leave */
            __atomic_add_fetch(&g->inflight, 1, __ATOMIC_SEQ_CST);
            if (__atomic_load_n(&g->word, __ATOMIC_SEQ_CST) != w) {
                __atomic_sub_fetch(&g->inflight, 1, __ATOMIC_SEQ_CST);
                return RETRY; /* the table changed: fault again, look again */
            }
            TEST_DELAY();
            idx = (size_t)((a - start) / (uintptr_t)page);
            if (__atomic_exchange_n(&g->pages[idx], 1, __ATOMIC_ACQ_REL)) {
                /* another thread is replacing this page: run the access
                 * again until it is done */
                __atomic_sub_fetch(&g->inflight, 1, __ATOMIC_SEQ_CST);
                return RETRY;
            }
            p = mmap((void *)(start + idx * (size_t)page), (size_t)page,
                     g->prot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) {
                __atomic_store_n(&g->pages[idx], 0, __ATOMIC_RELEASE);
                __atomic_sub_fetch(&g->inflight, 1, __ATOMIC_SEQ_CST);
                return NOT_OURS; /* out of memory: die as without prshm */
            }
#if HAVE_DECL_MADV_DONTFORK
            if (g->dontfork)
                (void)madvise(p, (size_t)page, MADV_DONTFORK);
#endif
            __atomic_add_fetch(&g->faults, 1, __ATOMIC_RELAXED);
            __atomic_sub_fetch(&g->inflight, 1, __ATOMIC_SEQ_CST);
            return ABSORBED;
        }
    }
    /* A fault in a range retired since it was taken: the range was made
     * inaccessible before it was retired, so running the access again
     * meets what is there now (SIGSEGV once it is unmapped). */
    if (stale && __atomic_add_fetch(&stale->stale, 1, __ATOMIC_RELAXED) <= STALE_RETRIES)
        return RETRY;
    return NOT_OURS;
}

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
    int saved = errno, r = absorb(si);

    errno = saved;
    if (r == NOT_OURS)
        chain(sig, si, ctx);
}

/* Under lock. */
static int install_handler(void)
{
    struct sigaction sa;

#ifdef PRSHM_SHM_ANON_EMULATION
    {
        const char *d = getenv("PRSHM_TEST_GUARD_DELAY");

        __atomic_store_n(&test_delay, d ? strtoul(d, NULL, 10) : 0,
                         __ATOMIC_RELAXED);
    }
#endif
    if (installed)
        return 0;
    /* read the program's action first, so the handler never runs with
     * prev_bus unset */
    if (sigaction(SIGBUS, NULL, &prev_bus) != 0)
        return -1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, NULL) != 0)
        return -1;
    installed = 1;
    return 0;
}

/* A free slot, adding a chunk when every slot is taken.  Under lock. */
static struct guard *free_slot(void)
{
    struct chunk *c;
    int i;

    for (c = chunks; c; c = c->next)
        for (i = 0; i < SLOTS_PER_CHUNK; i++)
            if (G_STATE(c->g[i].word) == G_FREE)
                return &c->g[i];
    for (c = chunks; c; c = c->next)
        for (i = 0; i < SLOTS_PER_CHUNK; i++)
            if (G_STATE(c->g[i].word) == G_GONE)
                return &c->g[i]; /* forget the oldest news first */
    c = PR_NEWZAP(struct chunk);
    if (!c)
        return NULL;
    c->next = chunks;
    __atomic_store_n(&chunks, c, __ATOMIC_RELEASE);
    return &c->g[0];
}

/* Guard [addr, addr + len), mapped with prot; installs the handler on
 * first use.  PR_SUCCESS, or PR_FAILURE with the error set. */
static PRStatus pr_guard_add(void *addr, size_t len, int prot, PRBool dontfork)
{
    struct guard *g;
    unsigned char *pages;
    unsigned long gen;

    if (__atomic_load_n(&page, __ATOMIC_RELAXED) == 0)
        __atomic_store_n(&page, sysconf(_SC_PAGESIZE), __ATOMIC_RELAXED);
    pages = PR_Calloc(1, (len + (size_t)page - 1) / (size_t)page);
    if (!pages) {
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    pthread_mutex_lock(&lock);
    if (install_handler() != 0) {
        int err = errno;

        pthread_mutex_unlock(&lock);
        PR_Free(pages);
        pr_set_os_error(err);
        return PR_FAILURE;
    }
    g = free_slot();
    if (!g) {
        pthread_mutex_unlock(&lock);
        PR_Free(pages);
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    gen = G_GEN(g->word) + 1;
    __atomic_store_n(&g->word, G_WORD(gen, G_SETUP), __ATOMIC_SEQ_CST);
    PR_Free(g->pages); /* left by a fork child's dropped slot, or NULL */
    g->pages = pages;
    __atomic_store_n(&g->stale, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&g->start, (uintptr_t)addr, __ATOMIC_RELAXED);
    __atomic_store_n(&g->len, len, __ATOMIC_RELAXED);
    g->prot = prot;
    g->dontfork = dontfork;
    __atomic_store_n(&g->faults, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&g->word, G_WORD(gen, G_LIVE), __ATOMIC_RELEASE);
    pthread_mutex_unlock(&lock);
    return PR_SUCCESS;
}

/* Retire every live slot that overlaps [a, a + len); under lock. */
static void retire(uintptr_t a, size_t len)
{
    struct chunk *c;
    int i;

    for (c = chunks; c; c = c->next) {
        for (i = 0; i < SLOTS_PER_CHUNK; i++) {
            struct guard *g = &c->g[i];
            unsigned long w = g->word;

            if (G_STATE(w) != G_LIVE || a >= g->start + g->len ||
                g->start >= a + len)
                continue;
            __atomic_store_n(&g->word, G_WORD(G_GEN(w), G_DYING),
                             __ATOMIC_SEQ_CST);
            while (__atomic_load_n(&g->inflight, __ATOMIC_SEQ_CST) != 0)
                sched_yield();
            PR_Free(g->pages);
            g->pages = NULL;
            __atomic_store_n(&g->stale, 0, __ATOMIC_RELAXED);
            __atomic_store_n(&g->word, G_WORD(G_GEN(w) + 1, G_GONE),
                             __ATOMIC_SEQ_CST);
        }
    }
}

PRStatus pr_guard_existing(void *addr, size_t len, int prot, PRBool dontfork)
{
    return pr_guard_add(addr, len, prot, dontfork);
}

void pr_guard_forget(void *addr, size_t len)
{
    pthread_mutex_lock(&lock);
    retire((uintptr_t)addr, len);
    pthread_mutex_unlock(&lock);
}

/* Whether a live slot overlaps [a, a + len); under lock. */
static int overlaps_live(uintptr_t a, size_t len)
{
    struct chunk *c;
    int i;

    for (c = chunks; c; c = c->next)
        for (i = 0; i < SLOTS_PER_CHUNK; i++) {
            const struct guard *g = &c->g[i];

            if (G_STATE(g->word) == G_LIVE && a < g->start + g->len &&
                g->start < a + len)
                return 1;
        }
    return 0;
}

int pr_guard_unmap(void *addr, size_t len)
{
    int rc;

    if (!__atomic_load_n(&chunks, __ATOMIC_ACQUIRE))
        return munmap(addr, len); /* never used: no lock on this path */
    pthread_mutex_lock(&lock);
    if (overlaps_live((uintptr_t)addr, len)) {
        /* First swap the object's pages for inaccessible memory, while
         * the guard still holds: from here on a late touch is SIGSEGV,
         * never a SIGBUS that finds no guard (the default action would
         * kill).  Then end the guard and give the range back. */
        if (mmap(addr, len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
                 -1, 0) == MAP_FAILED) {
            int err = errno;

            pthread_mutex_unlock(&lock);
            errno = err;
            return -1;
        }
        retire((uintptr_t)addr, len);
    }
    rc = munmap(addr, len);
    pthread_mutex_unlock(&lock);
    return rc;
}

void *pr_guard_map(size_t len, int prot, int flags, int fd, off_t offset,
                   PRBool dontfork)
{
    void *res, *addr;
    int err;

    /* Reserve the range, guard it, then map the object over it: the
     * mapping is guarded from the moment it exists. */
    res = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED) {
        pr_set_mmap_error(errno);
        return NULL;
    }
    if (pr_guard_add(res, len, prot, dontfork) != PR_SUCCESS) {
        munmap(res, len);
        return NULL;
    }
    addr = mmap(res, len, prot, flags | MAP_FIXED, fd, offset);
    if (addr == MAP_FAILED) {
        err = errno;
        pr_guard_unmap(res, len);
        pr_set_mmap_error(err);
        return NULL;
    }
    return addr;
}

PR_IMPLEMENT(PRInt32) PR_GetMemMapFaults(void *addr)
{
    struct chunk *c;
    PRInt32 n = -1;
    int i;

    pthread_mutex_lock(&lock);
    for (c = chunks; c && n < 0; c = c->next) {
        for (i = 0; i < SLOTS_PER_CHUNK; i++) {
            struct guard *g = &c->g[i];
            unsigned long f;

            if (G_STATE(g->word) != G_LIVE || g->start != (uintptr_t)addr || !addr)
                continue;
            f = __atomic_load_n(&g->faults, __ATOMIC_RELAXED);
            n = f > (unsigned long)PR_INT32_MAX ? PR_INT32_MAX : (PRInt32)f;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    if (n < 0)
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
    return n;
}

/* A fork child does not have the mappings that stay out of fork
 * children: forget them, so the handler never takes whatever the child
 * maps at those addresses for them.  The child has one thread, so no
 * handler is at work in it, whatever the parent's threads were doing. */
static void drop_unforked(void)
{
    struct chunk *c;
    int i;

    for (c = chunks; c; c = c->next)
        for (i = 0; i < SLOTS_PER_CHUNK; i++) {
            struct guard *g = &c->g[i];

            g->inflight = 0;
            if (G_STATE(g->word) == G_LIVE && g->dontfork)
                g->word = G_WORD(G_GEN(g->word) + 1, G_FREE);
        }
}

__attribute__((constructor)) static void survive_init(void)
{
    pr_lock_across_fork(&lock);
    (void)pthread_atfork(NULL, NULL, drop_unforked);
}
