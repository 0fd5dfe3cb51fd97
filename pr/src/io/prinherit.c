/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinherit.c -- handing descriptors and maps to children: the attribute
 * entries, protocol 1 (PR_ProcessAttrSetInheritableFileMap /
 * PR_GetInheritedFileMap), NSPR_INHERIT_FDS (PR_GetInheritedFD), and the
 * child-side safety net that keeps inherited descriptors close-on-exec.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "primpl.h"
#include "prenv.h"
#include "prmem.h"
#include "prshma.h"

PRStatus pr_attr_add_inherit(PRProcessAttr *attr, PROsfd osfd,
                             const char *name, PRBool is_map,
                             PRFileMapProtect prot, PRDescType type)
{
    struct pr_inherit *e;
    size_t len = strlen(name) + 1;

    if (attr->ninherit == attr->cap) {
        size_t cap = attr->cap ? 2 * attr->cap : 4;

        e = cap * sizeof(*e) > PR_UINT32_MAX ? NULL
            : PR_Realloc(attr->inherit, (PRUint32)(cap * sizeof(*e)));
        if (!e)
            return PR_FAILURE;
        attr->inherit = e;
        attr->cap = cap;
    }
    e = &attr->inherit[attr->ninherit];
    e->name = len > PR_UINT32_MAX ? NULL : PR_Malloc((PRUint32)len);
    if (!e->name)
        return PR_FAILURE;
    memcpy(e->name, name, len);
    e->osfd = osfd;
    e->is_map = is_map;
    e->prot = prot;
    e->type = type;
    attr->ninherit++;
    return PR_SUCCESS;
}

static PRBool valid_var_name(const char *name)
{
    return name && *name && !strchr(name, '=');
}

PR_IMPLEMENT(PRStatus) PR_ProcessAttrSetInheritableFileMap(
    PRProcessAttr *attr, PRFileMap *fm, const char *shmname)
{
    if (!attr || !fm || !valid_var_name(shmname)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    return pr_attr_add_inherit(attr, fm->fd->osfd, shmname, PR_TRUE,
                               fm->prot, PR_DESC_FILE);
}

PR_IMPLEMENT(PRFileMap *) PR_GetInheritedFileMap(const char *shmname)
{
    const char *value;

    if (!valid_var_name(shmname)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    value = PR_GetEnv(shmname);
    if (!value) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, ENOENT);
        return NULL;
    }
    return PR_ImportFileMapFromString(value);
}

/* What NSPR_INHERIT_FDS calls the kind of descriptor osfd is. */
static PRDescType desc_type(PROsfd osfd)
{
    struct stat st;
    int type = 0;
    socklen_t len = sizeof(type);

    if (fstat(osfd, &st) == 0 && S_ISFIFO(st.st_mode))
        return PR_DESC_PIPE;
    if (fstat(osfd, &st) == 0 && S_ISSOCK(st.st_mode)) {
        if (getsockopt(osfd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
            type == SOCK_DGRAM)
            return PR_DESC_SOCKET_UDP;
        return PR_DESC_SOCKET_TCP;
    }
    return PR_DESC_FILE;
}

PR_IMPLEMENT(PRStatus) PR_ProcessAttrSetInheritableFD(PRProcessAttr *attr,
                                                      PRFileDesc *fd,
                                                      const char *name)
{
    if (!attr || !fd || !name || !*name || strchr(name, ':')) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    return pr_attr_add_inherit(attr, fd->osfd, name, PR_FALSE,
                               PR_PROT_READONLY, desc_type(fd->osfd));
}

/* ---- PR_GetInheritedFD ----------------------------------------------- */
static pthread_mutex_t taken_lock = PTHREAD_MUTEX_INITIALIZER;
static char **taken;
static size_t ntaken;

/* Record name as taken; PR_FALSE if it already was (or no memory). */
static PRBool take_name(const char *name, size_t len)
{
    PRBool ok = PR_TRUE;
    char **t, *copy;
    size_t i;

    pthread_mutex_lock(&taken_lock);
    for (i = 0; i < ntaken; i++)
        if (strlen(taken[i]) == len && memcmp(taken[i], name, len) == 0)
            ok = PR_FALSE;
    if (ok) {
        t = realloc(taken, (ntaken + 1) * sizeof(*t));
        copy = t ? strndup(name, len) : NULL;
        if (t)
            taken = t;
        if (copy)
            taken[ntaken++] = copy;
        else
            ok = PR_FALSE;
    }
    pthread_mutex_unlock(&taken_lock);
    return ok;
}

/* Parse "type:0xhex" at p; returns the position after it or NULL. */
static const char *parse_entry_tail(const char *p, int *type, int *osfd)
{
    long v = 0;

    if (*p < '1' || *p > '5' || p[1] != ':' || p[2] != '0' || p[3] != 'x')
        return NULL;
    *type = *p - '0';
    p += 4;
    if (!strchr("0123456789abcdefABCDEF", *p) || !*p)
        return NULL;
    while (*p && strchr("0123456789abcdefABCDEF", *p)) {
        v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
        if (v > INT_MAX)
            return NULL;
        p++;
    }
    if (*p != ':' && *p != '\0')
        return NULL;
    *osfd = (int)v;
    return p;
}

PR_IMPLEMENT(PRFileDesc *) PR_GetInheritedFD(const char *name)
{
    const char *p = PR_GetEnv(PR_INHERIT_FDS_VAR);
    size_t len = name ? strlen(name) : 0;
    int type, osfd;

    if (!name || !*name || strchr(name, ':')) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    while (p && *p) {
        const char *colon = strchr(p, ':');
        const char *next;

        if (!colon || colon == p)
            break;
        next = parse_entry_tail(colon + 1, &type, &osfd);
        if (!next)
            break; /* malformed */
        if ((size_t)(colon - p) == len && memcmp(p, name, len) == 0) {
            if (fcntl(osfd, F_GETFD) < 0) {
                PR_SetError(PR_BAD_DESCRIPTOR_ERROR, EBADF);
                return NULL;
            }
            if (!take_name(name, len)) {
                PR_SetError(PR_INVALID_STATE_ERROR, 0);
                return NULL;
            }
            return PR_ImportFile(osfd);
        }
        p = *next ? next + 1 : next;
    }
    PR_SetError(PR_INVALID_ARGUMENT_ERROR, p && *p ? 0 : ENOENT);
    return NULL;
}

/* ---- child side --------------------------------------------------------
 * A parent that spawned this process with PR_CreateProcess lists the
 * descriptors it handed down in PRSHM_INHERITED_FDS.  They had to survive
 * exec, so they are inheritable now; make them close-on-exec at once, so
 * they reach no grandchild even if this program never imports them.
 */
__attribute__((constructor)) static void pr_seal_inherited_fds(void)
{
    const char *p = getenv(PR_INHERITED_LIST_VAR);

    while (p && *p) {
        char *end;
        long fd = strtol(p, &end, 10);
        int flags;

        if (end == p || fd < 0 || fd > INT_MAX)
            return;
        flags = fcntl((int)fd, F_GETFD);
        if (flags >= 0)
            fcntl((int)fd, F_SETFD, flags | FD_CLOEXEC);
        p = *end == ',' ? end + 1 : end;
    }
}
