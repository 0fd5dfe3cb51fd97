/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prseal.c -- seals and revocation (prshmsec.h), after QNX's secure
 * buffers, on the kernel's file seals (memfd; FreeBSD 13's SHM_ANON).
 * Nothing here is backend-specific: an object either takes seals or the
 * kernel says EINVAL, and revocation only truncates, seals and punches.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "md/prshm_md.h"
#include "primpl.h"
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

/*
 * Would these seals leave a revocable map impossible to revoke?  Shrink
 * plus a write seal forbids both truncation and hole punching; a final
 * SEAL without GROW would let a holder grow the object back after the
 * truncation.
 */
static PRBool blocks_revoke(PRUint32 seals)
{
    if ((seals & PR_FILEMAP_SEAL_SHRINK) &&
        (seals & (PR_FILEMAP_SEAL_WRITE | PR_FILEMAP_SEAL_FUTURE_WRITE)))
        return PR_TRUE;
    return (seals & PR_FILEMAP_SEAL_SEAL) && !(seals & PR_FILEMAP_SEAL_GROW);
}

PR_IMPLEMENT(PRStatus) PR_GetFileMapSeals(PRFileMap *fm, PRUint32 *seals)
{
    int os;

    if (!fm || !seals) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    os = os_get_seals(fm->fd->osfd);
    if (os < 0) {
        PR_SetError(errno == EINVAL ? PR_OPERATION_NOT_SUPPORTED_ERROR
                                    : pr_map_errno(errno), errno);
        return PR_FAILURE;
    }
    *seals = from_os(os);
    return PR_SUCCESS;
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
    if (PR_GetFileMapSeals(fm, &have) != PR_SUCCESS)
        return PR_FAILURE;
    if ((fm->flags & PR_ANONFM_REVOCABLE) && blocks_revoke(have | seals)) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    return pr_add_seals(fm->fd->osfd, seals);
}

/* Add the seals in want that the object lacks (have); 0 or -1. */
static int add_missing(int fd, PRUint32 have, PRUint32 want)
{
    want &= ~have;
    if (want == 0 || (have & PR_FILEMAP_SEAL_SEAL))
        return 0;
    return os_add_seals(fd, to_os(want));
}

/*
 * Truncate to nothing so every mapping faults, and seal it there.  GROW
 * goes on first: truncating first would leave a moment in which a holder
 * could grow the object back.
 */
static PRStatus revoke_by_truncation(int fd, PRBool sealable, PRUint32 have)
{
    if (sealable && add_missing(fd, have, PR_FILEMAP_SEAL_GROW) != 0)
        return PR_FAILURE;
    if (ftruncate(fd, 0) != 0)
        return PR_FAILURE;
    if (sealable &&
        add_missing(fd, have | PR_FILEMAP_SEAL_GROW,
                    PR_FILEMAP_SEAL_SHRINK | PR_FILEMAP_SEAL_SEAL) != 0)
        return PR_FAILURE;
    return PR_SUCCESS;
}

/* The size is sealed: release the pages instead; holders read zeros. */
static PRStatus revoke_by_punching(int fd)
{
#if HAVE_DECL_FALLOC_FL_PUNCH_HOLE && defined(HAVE_FALLOCATE)
    struct stat st;

    if (fstat(fd, &st) != 0)
        return PR_FAILURE;
    if (st.st_size > 0 &&
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
                  st.st_size) != 0)
        return PR_FAILURE;
    return PR_SUCCESS;
#else
    (void)fd;
    errno = ENOTSUP;
    return PR_FAILURE;
#endif
}

PR_IMPLEMENT(PRStatus) PR_RevokeFileMap(PRFileMap *fm)
{
    PRUint32 seals = 0;
    PRBool sealable;
    PRStatus rc;

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
    sealable = PR_GetFileMapSeals(fm, &seals) == PR_SUCCESS;
    if (seals & PR_FILEMAP_SEAL_SHRINK)
        rc = revoke_by_punching(fm->fd->osfd);
    else
        rc = revoke_by_truncation(fm->fd->osfd, sealable, seals);
    if (rc != PR_SUCCESS) {
        pr_set_os_error(errno);
        return PR_FAILURE;
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
    if (fstat(fm->fd->osfd, &st) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    info->size = (PRInt64)st.st_size;
    info->allocated = (PRInt64)st.st_blocks * 512;
    info->prot = fm->prot;
    info->backend = fm->backend ? fm->backend->name
                                : fm->fd == &fm->own_fd ? "imported" : "file";
    info->sealable = PR_GetFileMapSeals(fm, &seals) == PR_SUCCESS;
    info->seals = seals;
    info->revocable = (fm->flags & PR_ANONFM_REVOCABLE) ? PR_TRUE : PR_FALSE;
    info->revoked = fm->revoked;
    info->creator = fm->creator;
    return PR_SUCCESS;
}
