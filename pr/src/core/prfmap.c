/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prfmap.c -- file maps: PR_CreateFileMap, PR_MemMap and the rest, with
 * 64-bit sizes and offsets.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prcore.h"
#include "prmem.h"
#include "prshmsec.h"

/* ---- maps ---------------------------------------------------------- */
static PRBool prot_valid(PRFileMapProtect prot)
{
    return (unsigned)prot <= PR_PROT_WRITECOPY;
}

PRFileMap *pr_new_file_map(PROsfd osfd, PRBool owns, PRInt64 size,
                           PRFileMapProtect prot, PRBool registered)
{
    PRFileMap *fm = PR_NEWZAP(PRFileMap);

    if (!fm)
        return NULL;
    if (!registered && pr_registry_add(osfd) != PR_SUCCESS) {
        PR_Free(fm);
        return NULL;
    }
    fm->osfd = osfd;
    fm->owns_fd = owns;
    fm->size = size;
    fm->prot = prot;
    return fm;
}

PRBool pr_access_allows(int flags, PRFileMapProtect prot)
{
    int mode = flags & O_ACCMODE;

    if (mode == O_WRONLY)
        return PR_FALSE;
    return prot != PR_PROT_READWRITE || mode == O_RDWR;
}

int pr_check_object_fd(int fd, int *oflags, struct stat *st)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fstat(fd, st) != 0) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, errno);
        return -1;
    }
#ifdef O_PATH
    if (flags & O_PATH) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
#endif
    if (!S_ISREG(st->st_mode) && !S_TYPEISSHM(st)) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
    *oflags = flags;
    return 0;
}

void pr_window_of(const PRFileMap *fm, PRInt64 *off, PRInt64 *len)
{
    *off = fm->win_len ? fm->win_off : 0;
    *len = fm->win_len ? fm->win_len : fm->size;
}

PRBool pr_windowed(const PRFileMap *fm)
{
    return fm->win_len != 0 && (fm->win_off != 0 || fm->win_len != fm->size);
}

PRBool pr_window_holds(const PRFileMap *fm, PRInt64 off, PRInt64 len)
{
    PRInt64 woff, wlen;

    pr_window_of(fm, &woff, &wlen);
    return off >= woff && off - woff <= wlen && len <= wlen - (off - woff);
}

/* Grow the file to size bytes the way NSPR 4.35 does: one zero byte
 * written at size - 1, which leaves the descriptor's offset at size. */
static PRStatus grow_as_nspr(PROsfd osfd, PRInt64 size)
{
    ssize_t n;

    if (lseek(osfd, (off_t)(size - 1), SEEK_SET) < 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    do
        n = write(osfd, "", 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) {
        pr_set_os_error(n < 0 ? errno : EIO);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/*
 * NSPR's semantics, call for call: a size of 0 looks at nothing; a size
 * larger than the file grows it for a read-write map and is
 * PR_NO_ACCESS_RIGHTS_ERROR for the others; the descriptor's access mode
 * is left to mmap (PR_MemMap gives PR_NO_ACCESS_RIGHTS_ERROR); and
 * PR_MemMap maps any range mmap accepts, past the size given here or the
 * end of the file alike (NSS's PR_EmulateSendFile passes 0 and maps the
 * file).  Where prshm differs (a NULL descriptor or an unknown protection
 * is an error, not a crash; a negative size never grows a file to 4 GiB;
 * sizes and offsets keep 64 bits), docs/runtime.md lists it.
 */
PR_IMPLEMENT(PRFileMap *) PR_CreateFileMap(PRFileDesc *fd, PRInt64 size,
                                           PRFileMapProtect prot)
{
    struct stat st;
    PRFileMap *fm;
    PROsfd osfd;

    if (!fd || !prot_valid(prot) || (off_t)size != size) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    osfd = PR_FileDesc2NativeHandle(fd);
    if (osfd < 0)
        return NULL;
    if (size != 0) {
        if (fstat(osfd, &st) != 0) {
            pr_set_os_error(errno);
            return NULL;
        }
        if (size < 0 || size > st.st_size) {
            if (prot != PR_PROT_READWRITE) {
                PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, 0);
                return NULL;
            }
            if (size < 0) { /* NSPR would take it as a size near 4 GiB */
                PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
                return NULL;
            }
            if (grow_as_nspr(osfd, size) != PR_SUCCESS)
                return NULL;
        }
    }
    fm = pr_new_file_map(osfd, PR_FALSE, size, prot, PR_FALSE);
    if (fm)
        fm->file_map = PR_TRUE;
    return fm;
}

static long page_size(void)
{
    static long cached;
    long ps = __atomic_load_n(&cached, __ATOMIC_RELAXED);

    if (ps == 0) {
        ps = sysconf(_SC_PAGESIZE);
        __atomic_store_n(&cached, ps, __ATOMIC_RELAXED);
    }
    return ps;
}

PR_IMPLEMENT(PRInt32) PR_GetMemMapAlignment(void)
{
    return (PRInt32)page_size();
}

/* Keep a mapping out of fork children (revocable maps, as QNX does). */
static int keep_from_fork(void *addr, size_t len)
{
#if HAVE_DECL_MADV_DONTFORK
    return madvise(addr, len, MADV_DONTFORK);
#elif defined(HAVE_MINHERIT)
    return minherit(addr, len, INHERIT_NONE);
#else
    (void)addr;
    (void)len;
    errno = ENOTSUP;
    return -1;
#endif
}

/*
 * A revocable map's creator keeps a writable view of the whole object,
 * made now while new writable mappings are still allowed: revocation
 * zeroes the contents through it even after a future-write seal, so that
 * pages another process pinned (splice, vmsplice) hold zeros, not data.
 * It stays out of fork children like every mapping of a revocable map.
 */
PRStatus pr_make_scrub_view(PRFileMap *fm)
{
    void *v;
    int err;

    if ((PRUint64)fm->size > (PRUint64)SIZE_MAX) {
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    if (fm->size == 0)
        return PR_SUCCESS; /* no view: what a holder adds is zeroed by pwrite */
    v = mmap(NULL, (size_t)fm->size, PROT_READ | PROT_WRITE, MAP_SHARED,
             fm->osfd, 0);
    if (v == MAP_FAILED) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    if (keep_from_fork(v, (size_t)fm->size) != 0) {
        err = errno;
        munmap(v, (size_t)fm->size);
        pr_set_os_error(err);
        return PR_FAILURE;
    }
    fm->scrub = v;
    fm->scrub_len = (size_t)fm->size;
    return PR_SUCCESS;
}

/* Fault the whole mapping in now; 0, or -1 with errno.  guarded: the
 * mapping survives its object, so a range past the object's end (EFAULT)
 * is touched instead, and the handler gives it zero pages. */
static int populate(void *addr, size_t len, PRBool writable, PRBool guarded)
{
#if HAVE_DECL_MADV_POPULATE_WRITE
    if (madvise(addr, len, writable ? MADV_POPULATE_WRITE
                                    : MADV_POPULATE_READ) == 0)
        return 0;
    /* EINVAL: a kernel older than 5.14 */
    if (errno != EINVAL && !(guarded && errno == EFAULT))
        return -1;
#else
    (void)guarded;
#endif
    {
        volatile const char *p = addr;
        size_t i, step = (size_t)page_size();

        (void)writable; /* touching reads is enough to map every page */
        for (i = 0; i < len; i += step)
            (void)p[i];
    }
    return 0;
}

PR_IMPLEMENT(void *) PR_MemMap(PRFileMap *fmap, PROffset64 offset,
                               PRUint32 len)
{
    return PR_MemMapEx(fmap, offset, len, 0);
}

PR_IMPLEMENT(void *) PR_MemMapEx(PRFileMap *fmap, PROffset64 offset,
                                 PRUint32 len, PRUint32 mapflags)
{
    int prot = PROT_READ, flags = MAP_SHARED;
    void *addr;

    if (mapflags & ~(PR_MEMMAP_POPULATE | PR_MEMMAP_SURVIVE)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }

    if (fmap && fmap->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return NULL;
    }
    if (!fmap || len == 0 || (off_t)offset != offset ||
        /* an anonymous map: aligned, inside its size; a received one:
         * inside the window it was sent with.  A file map: what mmap
         * maps, with mmap's errors, as NSPR's. */
        (!fmap->file_map &&
         (offset < 0 || offset % page_size() != 0 || offset > fmap->size ||
          len > fmap->size - offset ||
          !pr_window_holds(fmap, offset, (PRInt64)len)))) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (fmap->prot == PR_PROT_READWRITE)
        prot |= PROT_WRITE;
    if (fmap->prot == PR_PROT_WRITECOPY) {
        prot |= PROT_WRITE;
        flags = MAP_PRIVATE;
    }
    if (mapflags & PR_MEMMAP_SURVIVE) {
        addr = pr_guard_map(len, prot, flags, fmap->osfd, (off_t)offset,
                            (fmap->flags & PR_ANONFM_REVOCABLE) != 0);
        if (!addr)
            return NULL;
    } else {
        addr = mmap(NULL, len, prot, flags, fmap->osfd, (off_t)offset);
        if (addr == MAP_FAILED) {
            pr_set_mmap_error(errno);
            return NULL;
        }
    }
    if ((fmap->flags & PR_ANONFM_REVOCABLE) && keep_from_fork(addr, len) != 0) {
        int err = errno;

        pr_guard_unmap(addr, len);
        pr_set_os_error(err);
        return NULL;
    }
    if ((mapflags & PR_MEMMAP_POPULATE) &&
        populate(addr, len, (prot & PROT_WRITE) != 0,
                 (mapflags & PR_MEMMAP_SURVIVE) != 0) != 0) {
        int err = errno;

        pr_guard_unmap(addr, len);
        pr_set_os_error(err);
        return NULL;
    }
    return addr;
}

/* PR_MemUnmap and PR_SyncMemMap leave the range to the kernel, as NSPR
 * does: the same results and errors for every length and alignment.  But
 * a NULL address is refused: NSPR hands it to munmap, which then unmaps
 * whatever lies in the first len bytes of the address space (a program
 * that unmaps the result of a failed PR_MemMap). */
PR_IMPLEMENT(PRStatus) PR_MemUnmap(void *addr, PRUint32 len)
{
    if (!addr) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    /* ends the guard of a PR_MEMMAP_SURVIVE mapping it overlaps */
    if (pr_guard_unmap(addr, len) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_SyncMemMap(PRFileDesc *fd, void *addr,
                                     PRUint32 len)
{
    (void)fd;
    if (!addr) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (msync(addr, len, MS_SYNC) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_CloseFileMap(PRFileMap *fmap)
{
    PRStatus rc = PR_SUCCESS;

    if (!fmap) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    /* out of the registry first: from here on no import or spawn can
     * mistake the number, which close() frees, for this map */
    pr_registry_remove(fmap);
    if (fmap->scrub)
        munmap(fmap->scrub, fmap->scrub_len);
    if (fmap->owns_fd && close(fmap->osfd) != 0 && errno != EINTR) {
        pr_set_os_error(errno);
        rc = PR_FAILURE;
    }
    PR_Free(fmap);
    return rc;
}
