/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * primpl.h -- the one internal header shared by prshm's portable layer.
 * Internal names start with pr_ and have hidden visibility.
 */
#ifndef primpl_h___
#define primpl_h___

#include <stdarg.h>
#include <stddef.h>

#include "prerror.h"
#include "prio.h"
#include "private/pprio.h"
#include "prproces.h"

struct PRFileDesc {
    PROsfd osfd;
    PRBool special; /* one of the three static stdio descriptors */
};

struct pr_shm_backend;

struct PRFileMap {
    PRFileDesc *fd;       /* the caller's (PR_CreateFileMap) or &own_fd */
    PRFileDesc own_fd;    /* anonymous and imported maps own their fd */
    PRInt64 size;         /* bytes PR_MemMap may cover */
    PRFileMapProtect prot;
    const struct pr_shm_backend *backend; /* creator of an anonymous map */
    PRBool exported;      /* protocol 2: string given out, see prinherit.c */
    PRBool creator;       /* made by PR_OpenAnonFileMapEx: may revoke */
    PRUint32 flags;       /* PR_ANONFM_* */
    PRBool revoked;
};

/* One descriptor a PRProcessAttr hands to the child. */
struct pr_inherit {
    PROsfd osfd;
    char *name;            /* variable (map) or NSPR_INHERIT_FDS name */
    PRBool is_map;
    PRFileMapProtect prot; /* maps */
    PRDescType type;       /* plain descriptors */
};

struct PRProcessAttr {
    PRFileDesc *stdio[3];
    char *cwd;
    struct pr_inherit *inherit;
    size_t ninherit, cap;
};

/* Append one entry (name copied); PR_SUCCESS or PR_FAILURE with the
 * error set. */
PRStatus pr_attr_add_inherit(PRProcessAttr *attr, PROsfd osfd,
                             const char *name, PRBool is_map,
                             PRFileMapProtect prot, PRDescType type);

/* Mark fm exported (protocol 2). */
void pr_mark_exported(PRFileMap *fm);

/* Whether a live map holding osfd gave out the string "<osfd>:<prot>". */
PRBool pr_is_exported(PROsfd osfd, PRFileMapProtect prot);

/* Parse a strict export string "<digits>:<0-2>"; 0 or -1. */
int pr_parse_export_string(const char *s, int *fd, PRFileMapProtect *prot);

/* Environment entries a parent sets for its child; never inherited
 * further from a parent's own environment. */
#define PR_INHERIT_FDS_VAR "NSPR_INHERIT_FDS"
#define PR_INHERITED_LIST_VAR "PRSHM_INHERITED_FDS"

/* A map over osfd.  fd is the caller's PRFileDesc for osfd, or NULL
 * when the map takes osfd over and closes it.  Registers osfd as held
 * by a live map.  NULL with PR_OUT_OF_MEMORY_ERROR. */
PRFileMap *pr_new_file_map(PROsfd osfd, PRFileDesc *fd, PRInt64 size,
                           PRFileMapProtect prot);

/* Whether a descriptor opened with oflags (fcntl F_GETFL) allows prot. */
PRBool pr_access_allows(int oflags, PRFileMapProtect prot);

/* Add PR_FILEMAP_SEAL_* seals to the object behind fd (prseal.c).
 * PR_OPERATION_NOT_SUPPORTED_ERROR where the object or kernel cannot take
 * them; otherwise the error mapped from fcntl's. */
PRStatus pr_add_seals(int fd, PRUint32 seals);

/* Whether a live map of this process holds osfd. */
PRBool pr_fd_in_live_map(PROsfd osfd);

/* The NSPR error that best describes errno value err. */
PRErrorCode pr_map_errno(int err);

/* PR_SetError(pr_map_errno(err), err). */
void pr_set_os_error(int err);


/* Read an NSPR_LOG_MODULES value into the log settings (prlog.c). */
void pr_log_parse_modules(const char *spec);

/* Internal log line at PR_LOG_ERROR..DEBUG for module "prshm". */
void pr_log(int level, const char *fmt, ...);

#endif /* primpl_h___ */
