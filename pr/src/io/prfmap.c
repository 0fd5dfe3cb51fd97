/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prfmap.c -- file maps: PR_CreateFileMap, PR_MemMap and the rest, with
 * 64-bit sizes and offsets, and the registry of descriptors that live
 * maps hold (so an import never takes over a descriptor a map owns).
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

#include "primpl.h"
#include "prmem.h"
#include "prshmsec.h"

/* ---- descriptors held by live maps: a count per descriptor number ---- */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static PRUint32 *registry;   /* live maps holding each descriptor */
static PRUint32 *exported;   /* of those, exported ones: bit per prot */
static size_t registry_len;

static int registry_add(PROsfd osfd)
{
    int rc = 0;

    pthread_mutex_lock(&registry_lock);
    if ((size_t)osfd >= registry_len) {
        size_t len = registry_len ? registry_len : 64;
        PRUint32 *r;

        while (len <= (size_t)osfd)
            len *= 2;
        PRUint32 *e;

        r = realloc(registry, len * sizeof(*r));
        if (r)
            registry = r;
        e = r ? realloc(exported, len * sizeof(*e)) : NULL;
        if (!e) {
            rc = -1;
            goto out;
        }
        exported = e;
        while (registry_len < len) {
            registry[registry_len] = 0;
            exported[registry_len++] = 0;
        }
    }
    registry[osfd]++;
out:
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

static void registry_remove(PROsfd osfd, PRBool was_exported)
{
    pthread_mutex_lock(&registry_lock);
    if ((size_t)osfd < registry_len && registry[osfd] > 0) {
        registry[osfd]--;
        if (was_exported || registry[osfd] == 0)
            exported[osfd] = 0;
    }
    pthread_mutex_unlock(&registry_lock);
}

/* Record that the string "<osfd>:<prot>" was given out. */
static void registry_mark_exported(PROsfd osfd, PRFileMapProtect prot)
{
    pthread_mutex_lock(&registry_lock);
    if ((size_t)osfd < registry_len && registry[osfd] > 0)
        exported[osfd] |= 1U << prot;
    pthread_mutex_unlock(&registry_lock);
}

PRBool pr_is_exported(PROsfd osfd, PRFileMapProtect prot)
{
    PRBool yes;

    pthread_mutex_lock(&registry_lock);
    yes = osfd >= 0 && (size_t)osfd < registry_len &&
          (exported[osfd] & (1U << prot)) != 0;
    pthread_mutex_unlock(&registry_lock);
    return yes;
}

void pr_mark_exported(PRFileMap *fm)
{
    fm->exported = PR_TRUE;
    registry_mark_exported(fm->fd->osfd, fm->prot);
}

PRBool pr_fd_in_live_map(PROsfd osfd)
{
    PRBool held;

    pthread_mutex_lock(&registry_lock);
    held = osfd >= 0 && (size_t)osfd < registry_len && registry[osfd] > 0;
    pthread_mutex_unlock(&registry_lock);
    return held;
}

/* ---- maps ---------------------------------------------------------- */
static PRBool prot_valid(PRFileMapProtect prot)
{
    return (unsigned)prot <= PR_PROT_WRITECOPY;
}

PRFileMap *pr_new_file_map(PROsfd osfd, PRFileDesc *fd, PRInt64 size,
                           PRFileMapProtect prot)
{
    PRFileMap *fm = PR_NEWZAP(PRFileMap);

    if (!fm)
        return NULL;
    if (registry_add(osfd) != 0) {
        PR_Free(fm);
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return NULL;
    }
    fm->own_fd.osfd = osfd;
    fm->fd = fd ? fd : &fm->own_fd;
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

PR_IMPLEMENT(PRFileMap *) PR_CreateFileMap(PRFileDesc *fd, PRInt64 size,
                                           PRFileMapProtect prot)
{
    struct stat st;
    int flags;

    if (!fd || size < 0 || !prot_valid(prot) || (off_t)size != size) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    flags = fcntl(fd->osfd, F_GETFL);
    if (flags < 0 || fstat(fd->osfd, &st) != 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    if (!pr_access_allows(flags, prot)) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return NULL;
    }
    if (size > st.st_size && prot == PR_PROT_READWRITE) {
        if (ftruncate(fd->osfd, (off_t)size) != 0) {
            pr_set_os_error(errno);
            return NULL;
        }
    } else if (size > st.st_size) {
        size = st.st_size; /* never grown: map only what exists */
    }
    return pr_new_file_map(fd->osfd, fd, size, prot);
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

/* Fault the whole mapping in now; 0, or -1 with errno. */
static int populate(void *addr, size_t len, PRBool writable)
{
#if HAVE_DECL_MADV_POPULATE_WRITE
    if (madvise(addr, len, writable ? MADV_POPULATE_WRITE
                                    : MADV_POPULATE_READ) == 0)
        return 0;
    if (errno != EINVAL) /* EINVAL: a kernel older than 5.14 */
        return -1;
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

    if (mapflags & ~PR_MEMMAP_POPULATE) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }

    if (fmap && fmap->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return NULL;
    }
    if (!fmap || len == 0 || offset < 0 || offset % page_size() != 0 ||
        offset > fmap->size || len > fmap->size - offset ||
        (off_t)offset != offset) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (fmap->prot == PR_PROT_READWRITE)
        prot |= PROT_WRITE;
    if (fmap->prot == PR_PROT_WRITECOPY) {
        prot |= PROT_WRITE;
        flags = MAP_PRIVATE;
    }
    addr = mmap(NULL, len, prot, flags, fmap->fd->osfd, (off_t)offset);
    if (addr == MAP_FAILED) {
        pr_set_os_error(errno);
        return NULL;
    }
    if (((fmap->flags & PR_ANONFM_REVOCABLE) && keep_from_fork(addr, len) != 0) ||
        ((mapflags & PR_MEMMAP_POPULATE) &&
         populate(addr, len, (prot & PROT_WRITE) != 0) != 0)) {
        int err = errno;

        munmap(addr, len);
        pr_set_os_error(err);
        return NULL;
    }
    return addr;
}

static PRBool range_ok(const void *addr, PRUint32 len)
{
    return addr && len > 0 && (uintptr_t)addr % (uintptr_t)page_size() == 0;
}

PR_IMPLEMENT(PRStatus) PR_MemUnmap(void *addr, PRUint32 len)
{
    if (!range_ok(addr, len)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (munmap(addr, len) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_SyncMemMap(PRFileDesc *fd, void *addr,
                                     PRUint32 len)
{
    (void)fd;
    if (!range_ok(addr, len)) {
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
    if (fmap->fd == &fmap->own_fd && close(fmap->own_fd.osfd) != 0 &&
        errno != EINTR) {
        pr_set_os_error(errno);
        rc = PR_FAILURE;
    }
    registry_remove(fmap->fd->osfd, fmap->exported);
    PR_Free(fmap);
    return rc;
}
