/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinherit.c -- handing descriptors and maps to children: the attribute
 * entries, protocol 1 (PR_ProcessAttrSetInheritableFileMap /
 * PR_GetInheritedFileMap), and the child-side safety net that keeps
 * inherited descriptors close-on-exec.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_SYS_AUXV_H
#include <sys/auxv.h>
#endif

#include "prcore.h"
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

/* The attribute keeps a duplicate of the map's descriptor, so the map may
 * be closed before the spawn and its number reused without the child
 * getting whatever took the number. */
PR_IMPLEMENT(PRStatus) PR_ProcessAttrSetInheritableFileMap(
    PRProcessAttr *attr, PRFileMap *fm, const char *shmname)
{
    PROsfd own;

    if (!attr || !fm || !valid_var_name(shmname)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (pr_windowed(fm)) { /* the child would get the whole object */
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EPERM);
        return PR_FAILURE;
    }
    own = fcntl(fm->osfd, F_DUPFD_CLOEXEC, 3);
    if (own < 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    if (pr_attr_add_inherit(attr, own, shmname, PR_TRUE, fm->prot,
                            PR_DESC_FILE) != PR_SUCCESS) {
        close(own);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
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
    PROsfd osfd;

    if (!attr || !fd || !name || !*name || strchr(name, ':')) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    osfd = PR_FileDesc2NativeHandle(fd);
    if (osfd < 0)
        return PR_FAILURE;
    return pr_attr_add_inherit(attr, osfd, name, PR_FALSE, PR_PROT_READONLY,
                               desc_type(osfd));
}

/* ---- child side --------------------------------------------------------
 * A parent that spawned this process with PR_CreateProcess lists the
 * descriptors it handed down in PRSHM_INHERITED_FDS, as
 * "<parent pid>:<fd>.<dev>.<ino>,...".  They had to survive exec, so they
 * are inheritable now; make them close-on-exec at once, so they reach no
 * grandchild even if this program never imports them.
 *
 * The list is trusted only as far as it can be checked: never in a
 * setuid or setgid program (secure_getenv), only for descriptors above 2
 * that are the very objects listed (device and inode), and only once: it
 * is removed from the environment, so nothing this process starts sees
 * it.  The parent's pid in the list is not required to be this process's
 * parent: a parent that exits at once (PR_CreateProcessDetached) or a
 * shell between them changes that, and neither may leave a map
 * inheritable.  What makes it safe is the device and inode: the list can
 * only make the objects it names close-on-exec, which stops a leak and
 * never touches anything else on those numbers.
 */
const char *pr_secure_getenv(const char *name)
{
#ifdef HAVE_SECURE_GETENV
    return secure_getenv(name);
#else
#ifdef HAVE_GETAUXVAL
    if (getauxval(AT_SECURE))
        return NULL;
#endif
    if (getuid() != geteuid() || getgid() != getegid())
        return NULL;
    return getenv(name);
#endif
}

/* Read a decimal number at *p into *v; advance past it.  0 or -1. */
static int read_number(const char **p, unsigned long long *v)
{
    const char *s = *p;

    if (*s < '0' || *s > '9')
        return -1;
    *v = 0;
    while (*s >= '0' && *s <= '9') {
        if (*v > (~0ULL - 9) / 10)
            return -1;
        *v = *v * 10 + (unsigned long long)(*s++ - '0');
    }
    *p = s;
    return 0;
}

/* Parse "<fd>.<dev>.<ino>" at *p; 0 or -1 (malformed). */
static int read_entry(const char **p, unsigned long long v[3])
{
    int i;

    for (i = 0; i < 3; i++) {
        if (read_number(p, &v[i]) != 0)
            return -1;
        if (i < 2 && *(*p)++ != '.')
            return -1;
    }
    return 0;
}

/* Make the descriptors of a well-formed list close-on-exec; the whole
 * list is checked before anything changes. */
static void apply_list(const char *list)
{
    unsigned long long v[3], pid;
    const char *p = list;
    int pass;

    if (read_number(&p, &pid) != 0 || *p++ != ':')
        return;
    for (pass = 0; pass < 2; pass++) {
        const char *q = p;

        do {
            struct stat st;

            if (read_entry(&q, v) != 0 || v[0] <= 2 || v[0] > INT_MAX ||
                (*q != ',' && *q != '\0'))
                return;
            if (pass == 1 && fstat((int)v[0], &st) == 0 &&
                (unsigned long long)st.st_dev == v[1] &&
                (unsigned long long)st.st_ino == v[2])
                (void)fcntl((int)v[0], F_SETFD, FD_CLOEXEC);
        } while (*q++ == ',');
    }
}

__attribute__((constructor)) static void pr_seal_inherited_fds(void)
{
    const char *list = getenv(PR_INHERITED_LIST_VAR);

    if (!list)
        return;
    if (pr_secure_getenv(PR_INHERITED_LIST_VAR))
        apply_list(list);
    (void)unsetenv(PR_INHERITED_LIST_VAR);
}
