/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshmsec.c -- prshm's extensions (prshmsec.h): backend, version and
 * runtime names, inheritable export, kernel-enforced read-only sharing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "prshm_md.h"
#include "prcore.h"
#include "prshmsec.h"

PR_IMPLEMENT(const char *) PR_GetAnonFileMapBackend(void)
{
    const struct pr_shm_backend *b = pr_shm_current();

    return b ? b->name : NULL;
}

PR_IMPLEMENT(const char *) PR_GetPrshmVersion(void)
{
    return PACKAGE_VERSION;
}

PR_IMPLEMENT(const char *) PR_GetPrshmRuntime(void)
{
    return pr_runtime_name;
}

PR_IMPLEMENT(PRStatus) PR_ExportFileMapAsInheritableString(PRFileMap *fm,
                                                           PRSize bufsize,
                                                           char *buf)
{
    if (PR_ExportFileMapAsString(fm, bufsize, buf) != PR_SUCCESS)
        return PR_FAILURE;
    return pr_set_inheritable(fm->osfd);
}

/* Whether fm's object may have to be revoked: fm is a revocable
 * creator's, or a received map whose frame said so, or an imported or
 * inherited one, whose creator may revoke it (its importer cannot know). */
static PRBool may_be_revoked(const PRFileMap *fm)
{
    if (fm->flags & PR_ANONFM_REVOCABLE)
        return PR_TRUE;
    return !fm->creator && !fm->told_revocable;
}

/*
 * The seals that make fm's object read-only for every holder.  A map that
 * may be revoked gets no shrink seal (revocation must truncate) and a
 * final seal, so no holder can add one that would stop the revocation: a
 * descriptor reopened read-write through /proc can still add seals where
 * every write is refused.  Other maps are sealed against shrinking too.
 */
static PRUint32 read_only_seals(const PRFileMap *fm)
{
    PRUint32 seals = PR_FILEMAP_SEAL_FUTURE_WRITE | PR_FILEMAP_SEAL_GROW;

    if (may_be_revoked(fm))
        return seals | PR_FILEMAP_SEAL_SEAL;
    return seals | PR_FILEMAP_SEAL_SHRINK;
}

/* Seal fm's object read-only, unless that would make it impossible to
 * revoke (PR_INVALID_STATE_ERROR). */
static PRStatus seal_read_only(const PRFileMap *fm)
{
    PRUint32 want = read_only_seals(fm), have = 0;

    if (pr_get_seals(fm->osfd, &have) != PR_SUCCESS)
        return PR_FAILURE;
    if ((want & ~have) == 0)
        return PR_SUCCESS;
    /* an object that no one may revoke and that is already closed to
     * every new write (a read-only map received from a sender whose map is
     * not revocable) needs no seal more: a read-only reopen is enough */
    if (!may_be_revoked(fm) &&
        (have & (PR_FILEMAP_SEAL_WRITE | PR_FILEMAP_SEAL_FUTURE_WRITE)))
        return PR_SUCCESS;
    if ((want & PR_FILEMAP_SEAL_SEAL) && !pr_seals_allow_revoke(have | want)) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    return pr_add_seals(fm->osfd, want & ~have);
}

/* A read-only descriptor to fm's object: the backend's reopen, or for an
 * imported map (backend unknown) a reopen through /proc when there is
 * one.  -1 with errno set. */
static int reopen_read_only(const PRFileMap *fm)
{
    if (fm->backend)
        return fm->backend->reopen_readonly(fm->osfd);
    return pr_reopen_readonly_any(fm->osfd);
}

/* A descriptor for the restricted map, or -1 with the error set. */
static int restricted_fd(PRFileMap *fm, PRFileMapProtect prot)
{
    int fd;

    if (prot == PR_PROT_READWRITE) {
        fd = fcntl(fm->osfd, F_DUPFD_CLOEXEC, 0);
    } else {
        if ((fm->backend && !fm->backend->reopen_readonly) || !fm->owns_fd) {
            PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
            return -1;
        }
        if (fm->revoked) {
            PR_SetError(PR_INVALID_STATE_ERROR, 0);
            return -1;
        }
        if (seal_read_only(fm) != PR_SUCCESS)
            return -1;
        fm->write_sealed = PR_TRUE;
        fd = reopen_read_only(fm);
    }
    if (fd < 0)
        pr_set_os_error(errno);
    return fd;
}

PR_IMPLEMENT(PRFileMap *) PR_RestrictFileMap(PRFileMap *fm,
                                             PRFileMapProtect prot)
{
    PRFileMap *r;
    int fd;

    if (!fm || (unsigned)prot > PR_PROT_WRITECOPY) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (prot == PR_PROT_READWRITE)
        prot = fm->prot;
    fd = restricted_fd(fm, prot);
    if (fd < 0)
        return NULL;
    r = pr_new_file_map(fd, PR_TRUE, fm->size, prot, PR_FALSE);
    if (!r) {
        close(fd);
        return NULL;
    }
    r->backend = fm->backend;
    r->flags = fm->flags; /* mappings of a revocable object stay out of forks */
    r->win_off = fm->win_off; /* and a received map's window stays */
    r->win_len = fm->win_len;
    return r;
}
