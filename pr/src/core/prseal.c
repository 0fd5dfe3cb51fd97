/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prseal.c -- seals and revocation (prshmsec.h), after QNX's secure
 * buffers, on the kernel's file seals (memfd; FreeBSD 13's SHM_ANON).
 * Nothing here is backend-specific: an object either takes seals or the
 * kernel says EINVAL, and revocation only zeroes, truncates, seals and
 * punches.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "prcore.h"
#include "prshm_md.h"
#include "prshmsec.h"

#define ALL_SEALS (PR_FILEMAP_SEAL_LAYOUT | PR_FILEMAP_SEAL_WRITE | \
                   PR_FILEMAP_SEAL_FUTURE_WRITE | PR_FILEMAP_SEAL_SEAL)

#if HAVE_DECL_F_ADD_SEALS && HAVE_DECL_F_GET_SEALS
static const struct { PRUint32 pr; int os; } seal_bits[] = {
    {PR_FILEMAP_SEAL_SHRINK, F_SEAL_SHRINK},
    {PR_FILEMAP_SEAL_GROW, F_SEAL_GROW},
    {PR_FILEMAP_SEAL_WRITE, F_SEAL_WRITE},
#if HAVE_DECL_F_SEAL_FUTURE_WRITE
    {PR_FILEMAP_SEAL_FUTURE_WRITE, F_SEAL_FUTURE_WRITE},
#endif
    {PR_FILEMAP_SEAL_SEAL, F_SEAL_SEAL},
};

/* The kernel's seal bits for ours; -1 if one is missing here. */
static int to_os(PRUint32 seals)
{
    int os = 0;
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(seal_bits); i++)
        if (seals & seal_bits[i].pr) {
            os |= seal_bits[i].os;
            seals &= ~seal_bits[i].pr;
        }
    return seals ? -1 : os;
}

static PRUint32 from_os(int os)
{
    PRUint32 seals = 0;
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(seal_bits); i++)
        if (os & seal_bits[i].os)
            seals |= seal_bits[i].pr;
    return seals;
}

/* The object's seals; -1 with errno (EINVAL: cannot be sealed). */
static int os_get_seals(int fd)
{
    return fcntl(fd, F_GET_SEALS);
}

static int os_add_seals(int fd, int os)
{
    return fcntl(fd, F_ADD_SEALS, os);
}
#else
static int to_os(PRUint32 seals) { return seals ? -1 : 0; }
static PRUint32 from_os(int os) { (void)os; return 0; }
static int os_get_seals(int fd) { (void)fd; errno = EINVAL; return -1; }
static int os_add_seals(int fd, int os) { (void)fd; (void)os; errno = EINVAL; return -1; }
#endif

PRStatus pr_add_seals(int fd, PRUint32 seals)
{
    int os = to_os(seals);

    if (os < 0) { /* a seal this kernel or system does not have */
        PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
        return PR_FAILURE;
    }
    if (os_add_seals(fd, os) == 0)
        return PR_SUCCESS;
    if (errno == EINVAL) /* an object that takes no seals */
        PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, errno);
    else
        pr_set_os_error(errno); /* EPERM (final seal): no access rights */
    return PR_FAILURE;
}

PRStatus pr_get_seals(int fd, PRUint32 *seals)
{
    int os = os_get_seals(fd);

    if (os < 0) {
        PR_SetError(errno == EINVAL ? PR_OPERATION_NOT_SUPPORTED_ERROR
                                    : pr_map_errno(errno), errno);
        return PR_FAILURE;
    }
    *seals = from_os(os);
    return PR_SUCCESS;
}

/*
 * Which seals leave an object revocable?  Revocation zeroes the contents
 * and then truncates or, when the size is sealed, punches the pages out.
 * A write seal forbids the zeroing (no writable view may exist); shrink
 * with future-write forbids both truncating and punching; a final seal
 * without grow would let a holder grow the object back after truncation.
 */
PRBool pr_seals_allow_revoke(PRUint32 seals)
{
    if (seals & PR_FILEMAP_SEAL_WRITE)
        return PR_FALSE;
    if ((seals & PR_FILEMAP_SEAL_SHRINK) && (seals & PR_FILEMAP_SEAL_FUTURE_WRITE))
        return PR_FALSE;
    return !(seals & PR_FILEMAP_SEAL_SEAL) || (seals & PR_FILEMAP_SEAL_GROW);
}

PR_IMPLEMENT(PRStatus) PR_GetFileMapSeals(PRFileMap *fm, PRUint32 *seals)
{
    if (!fm || !seals) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    return pr_get_seals(fm->osfd, seals);
}

PR_IMPLEMENT(PRStatus) PR_SealFileMap(PRFileMap *fm, PRUint32 seals)
{
    PRUint32 have = 0;

    if (!fm || seals == 0 || (seals & ~ALL_SEALS)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (to_os(seals) < 0) {
        PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
        return PR_FAILURE;
    }
    if (pr_get_seals(fm->osfd, &have) != PR_SUCCESS)
        return PR_FAILURE;
    if ((fm->flags & PR_ANONFM_REVOCABLE) && !pr_seals_allow_revoke(have | seals)) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (pr_add_seals(fm->osfd, seals) != PR_SUCCESS)
        return PR_FAILURE;
    if (seals & (PR_FILEMAP_SEAL_WRITE | PR_FILEMAP_SEAL_FUTURE_WRITE))
        fm->write_sealed = PR_TRUE;
    return PR_SUCCESS;
}

/* ---- revoke ---------------------------------------------------------- */

/*
 * Write zeros over [p, p + len) of this process's own memory (the
 * creator's view of the object).  Through process_vm_writev where the
 * system has it, which reports a page that is gone (a holder shrank the
 * object meanwhile) as an error instead of raising SIGBUS in the caller;
 * else -- no such call, or a seccomp filter refuses it, as Docker's
 * default profile does -- memset with the view guarded for the time
 * (PR_MEMMAP_SURVIVE's handler), so a holder that truncates the object
 * meanwhile costs the creator nothing but zero pages.  0 or -1.
 */
static int zero_memory(char *p, size_t len)
{
#ifdef HAVE_PROCESS_VM_WRITEV
    static char zeros[64 * 1024]; /* .bss: never written */
    struct iovec local[64], remote;

    while (len > 0) {
        size_t chunk = len < sizeof(zeros) * 64 ? len : sizeof(zeros) * 64;
        size_t i, n = (chunk + sizeof(zeros) - 1) / sizeof(zeros);
        ssize_t done;

        for (i = 0; i < n; i++) {
            local[i].iov_base = zeros;
            local[i].iov_len = sizeof(zeros);
        }
        remote.iov_base = p;
        remote.iov_len = chunk;
        done = process_vm_writev(getpid(), local, n, &remote, 1, 0);
        if (done < 0 && (errno == ENOSYS || errno == EPERM))
            break; /* not allowed here (seccomp): fall back to memset */
        if (done <= 0)
            return -1;
        p += done;
        len -= (size_t)done;
    }
#endif
    if (len == 0)
        return 0;
    /* the view is whole pages: the guard covers the pages p is in */
    {
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
        char *start = (char *)((uintptr_t)p & ~(page - 1));
        size_t span = (size_t)(p + len - start);

        if (pr_guard_existing(start, span, PROT_READ | PROT_WRITE, PR_TRUE) != PR_SUCCESS)
            return -1;
        memset(p, 0, len);
        pr_guard_forget(start, span);
    }
    return 0;
}

/* Zero [off, end) of the object: pwrite, else (a write seal) through the
 * creator's writable view.  0 or -1. */
static int zero_range(PRFileMap *fm, off_t off, off_t end)
{
    static const char zeros[16 * 1024];

    while (off < end) {
        size_t n = (size_t)(end - off) < sizeof(zeros) ? (size_t)(end - off)
                                                       : sizeof(zeros);
        ssize_t w = pwrite(fm->osfd, zeros, n, off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w > 0) {
            off += w;
            continue;
        }
        if (!fm->scrub || (PRUint64)off >= (PRUint64)fm->scrub_len)
            return -1;
        n = (PRUint64)end > (PRUint64)fm->scrub_len
                ? fm->scrub_len - (size_t)off : (size_t)(end - off);
        if (zero_memory((char *)fm->scrub + off, n) != 0)
            return -1;
        off += (off_t)n;
    }
    return 0;
}

/*
 * Overwrite every allocated byte of the object with zeros.  Truncation
 * and hole punching take pages out of the object without clearing them,
 * and a page another process pinned into a pipe (splice, vmsplice)
 * outlives both; zeroed first, it holds nothing.  Holes are skipped
 * (SEEK_DATA), so a sparse map costs only what it holds.  0 or -1.
 */
static int scrub(PRFileMap *fm)
{
    struct stat st;
    off_t off = 0, data, hole;

    if (fstat(fm->osfd, &st) != 0)
        return -1;
    while (off < st.st_size) {
        data = lseek(fm->osfd, off, SEEK_DATA);
        if (data < 0 && errno == ENXIO)
            break; /* nothing but holes from off on */
        if (data < 0)
            data = off; /* no SEEK_DATA here: treat all as data */
        hole = lseek(fm->osfd, data, SEEK_HOLE);
        if (hole < 0 || hole > st.st_size)
            hole = st.st_size;
        if (data >= hole)
            break;
        if (zero_range(fm, data, hole) != 0)
            return -1;
        off = hole;
    }
    return 0;
}

/* Add the seals in want that the object lacks; errors are left to the
 * caller's check of the result. */
static void add_missing(int fd, PRUint32 want)
{
    PRUint32 have = 0;

    if (pr_get_seals(fd, &have) == PR_SUCCESS && (want & ~have))
        (void)os_add_seals(fd, to_os(want & ~have));
}

/* The size is sealed: release the pages instead; holders read zeros. */
static int punch_all(int fd)
{
#if HAVE_DECL_FALLOC_FL_PUNCH_HOLE && defined(HAVE_FALLOCATE)
    struct stat st;

    if (fstat(fd, &st) != 0)
        return -1;
    if (st.st_size > 0 &&
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
                  st.st_size) != 0)
        return -1;
    return 0;
#else
    (void)fd;
    errno = ENOTSUP;
    return -1;
#endif
}

/*
 * Whether the revocation holds now, read back from the kernel: an object
 * truncated to 0 that nobody can grow again (grow-sealed, where it takes
 * seals), or a size-sealed one whose pages were punched out.
 */
static PRBool revoke_holds(int fd, PRBool sealable, PRBool punched)
{
    struct stat st;
    PRUint32 seals = 0;

    if (punched)
        return PR_TRUE;
    if (fstat(fd, &st) != 0 || st.st_size != 0)
        return PR_FALSE;
    if (!sealable)
        return PR_TRUE;
    return pr_get_seals(fd, &seals) == PR_SUCCESS &&
           (seals & PR_FILEMAP_SEAL_GROW);
}

PR_IMPLEMENT(PRStatus) PR_RevokeFileMap(PRFileMap *fm)
{
    PRUint32 seals = 0;
    PRBool sealable, punched = PR_FALSE, zeroed;
    int fd, err = 0;

    if (!fm) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (!fm->creator) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EPERM);
        return PR_FAILURE;
    }
    if (!(fm->flags & PR_ANONFM_REVOCABLE) || fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    fd = fm->osfd;
    sealable = pr_get_seals(fd, &seals) == PR_SUCCESS;
    if (sealable)
        add_missing(fd, PR_FILEMAP_SEAL_GROW); /* before anything else */
    zeroed = scrub(fm) == 0;
    if (!zeroed)
        err = errno;
    if (sealable && (seals & PR_FILEMAP_SEAL_SHRINK)) {
        punched = punch_all(fd) == 0;
        if (!punched && !err)
            err = errno;
    } else if (ftruncate(fd, 0) != 0) {
        if (!err)
            err = errno;
    } else if (sealable) {
        add_missing(fd, PR_FILEMAP_SEAL_SHRINK | PR_FILEMAP_SEAL_SEAL);
    }
    if (!zeroed || !revoke_holds(fd, sealable, punched)) {
        /* a holder's own seals stopped part of it: say so, and leave the
         * map usable for PR_GetFileMapInfo and another attempt */
        PR_SetError(err && err != EPERM ? pr_map_errno(err)
                                        : PR_NO_ACCESS_RIGHTS_ERROR,
                    err ? err : EPERM);
        return PR_FAILURE;
    }
    if (fm->scrub) {
        munmap(fm->scrub, fm->scrub_len);
        fm->scrub = NULL;
    }
    fm->revoked = PR_TRUE;
    fm->size = 0;
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_GetFileMapInfo(PRFileMap *fm, PRFileMapInfo *info)
{
    struct stat st;
    PRUint32 seals = 0;

    if (!fm || !info) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fstat(fm->osfd, &st) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    info->size = (PRInt64)st.st_size;
    info->allocated = (PRInt64)st.st_blocks * 512;
    info->prot = fm->prot;
    info->backend = fm->backend ? fm->backend->name
                                : fm->owns_fd ? "imported" : "file";
    info->sealable = pr_get_seals(fm->osfd, &seals) == PR_SUCCESS;
    info->seals = seals;
    info->revocable = (fm->flags & PR_ANONFM_REVOCABLE) ? PR_TRUE : PR_FALSE;
    /* a holder cannot know who emptied the object, only that it was */
    info->revoked = fm->revoked ||
                    (!fm->creator && fm->size > 0 && st.st_size == 0);
    info->creator = fm->creator;
    pr_window_of(fm, &info->windowOffset, &info->windowLength);
    return PR_SUCCESS;
}
