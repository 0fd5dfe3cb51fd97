/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prcore.h -- the internal header of prshm's core: anonymous and file
 * maps, seals and revocation, inheritance and processes.  The core is
 * built into both libraries.
 *
 * The seam.  The core calls nothing of the runtime under it but NSPR's
 * public API: errors (PR_SetError), memory (PR_Malloc and friends), the
 * environment (PR_GetEnv, PR_GetEnvSecure, PR_DuplicateEnvironment),
 * logging (PR_NewLogModule, PR_LogPrint), formatting (PR_smprintf) and
 * descriptors (PR_FileDesc2NativeHandle, PR_ImportFile,
 * PR_ImportTCPSocket).  libprshm links prshm's own runtime
 * (pr/src/runtime); libprshm-nspr compiles the same files against NSPR's
 * headers and links libnspr4.  A PRFileDesc is opaque here: the core
 * keeps native descriptors.  pr/tests/check-seam.sh checks that the
 * core's objects need no other runtime symbol.
 *
 * Internal names start with pr_ and have hidden visibility.
 */
#ifndef prcore_h___
#define prcore_h___

#include <pthread.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "prtypes.h"
#include "prerror.h"
#include "prio.h"
#include "private/pprio.h"
#include "prproces.h"

struct pr_shm_backend;

struct PRFileMap {
    PROsfd osfd;          /* the object */
    PRBool owns_fd;       /* close osfd with the map (all but PR_CreateFileMap) */
    PRInt64 size;         /* bytes PR_MemMap may cover (anonymous maps) */
    PRBool file_map;      /* PR_CreateFileMap: PR_MemMap maps whatever
                             mmap maps, as NSPR's does; size is as given */
    PRFileMapProtect prot;
    const struct pr_shm_backend *backend; /* creator of an anonymous map */
    PRBool creator;       /* made by PR_OpenAnonFileMapEx: may revoke */
    PRBool told_revocable; /* received: the frame said whether the
                              sender's map is revocable (flags) */
    PRUint32 flags;       /* PR_ANONFM_* */
    PRBool revoked;
    PRBool write_sealed;  /* this process sealed it against writes */
    PRInt64 win_off;      /* a received map's window: PR_MemMap stays in */
    PRInt64 win_len;      /* [win_off, win_off + win_len); 0: no window */
    void *scrub;          /* revocable maps: the creator's writable view, */
    size_t scrub_len;     /* kept to zero the contents when revoking */
    /* protocol 2; these three are guarded by the registry's lock */
    PRBool exported;
    char **stale;         /* environment entries that held the string
                             before the first export (never honoured) */
    PRFileMap *next_exported;
};

/* One descriptor a PRProcessAttr hands to the child. */
struct pr_inherit {
    PROsfd osfd;           /* the caller's descriptor, or the attribute's
                              own duplicate of a map's (closed with it) */
    char *name;            /* variable (map) or NSPR_INHERIT_FDS name */
    PRBool is_map;
    PRFileMapProtect prot; /* maps */
    PRDescType type;       /* plain descriptors */
};

struct PRProcessAttr {
    PROsfd stdio[3];       /* -1: the child shares the parent's */
    char *cwd;
    struct pr_inherit *inherit;
    size_t ninherit, cap;
};

/* The runtime under the core: "prshm" (libprshm, pr/src/runtime) or
 * "nspr" (libprshm-nspr, pr/src/overlay). */
extern const char pr_runtime_name[];

/* Environment entries a parent sets for its child; never inherited
 * further from a parent's own environment. */
#define PR_INHERIT_FDS_VAR "NSPR_INHERIT_FDS"
#define PR_INHERITED_LIST_VAR "PRSHM_INHERITED_FDS"

/* ---- errors and diagnostics (prerrno.c) ------------------------------ */

/* The NSPR error that best describes errno value err. */
PRErrorCode pr_map_errno(int err);

/* PR_SetError(pr_map_errno(err), err). */
void pr_set_os_error(int err);

/* The same for an mmap that failed, with NSPR's mmap table where it
 * differs (EAGAIN, EMFILE, ENODEV, ENXIO, EOVERFLOW). */
void pr_set_mmap_error(int err);

/* A log line for module "prshm" at PR_LOG_ERROR..PR_LOG_DEBUG; nothing
 * unless NSPR_LOG_MODULES enables the module at that level. */
void pr_log(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* getenv(name), but NULL in a setuid or setgid program (AT_SECURE);
 * for constructors, which run before the runtime may be used. */
const char *pr_secure_getenv(const char *name);

/* Hold lock across fork() (taken before, released after on both sides),
 * so no child starts with it locked.  From constructors only (prfork.c). */
void pr_lock_across_fork(pthread_mutex_t *lock);

/* ---- maps (prfmap.c) --------------------------------------------------- */

/* A map over osfd; owns says whether the map closes it.  Unless
 * registered is true (pr_registry_adopt did it), osfd is registered as
 * held by a live map.  NULL with the error set. */
PRFileMap *pr_new_file_map(PROsfd osfd, PRBool owns, PRInt64 size,
                           PRFileMapProtect prot, PRBool registered);

/* Whether a descriptor opened with oflags (fcntl F_GETFL) allows prot. */
PRBool pr_access_allows(int oflags, PRFileMapProtect prot);

/* Whether fd, taken from someone else (an import, a channel), can back a
 * map at all: open, not O_PATH, a regular or shared memory object.  Its
 * open flags and status go to *oflags and *st.  0, or -1 with
 * PR_BAD_DESCRIPTOR_ERROR set. */
int pr_check_object_fd(int fd, int *oflags, struct stat *st);

/* fm's window: what PR_MemMap on it may cover (a received map's window,
 * else the whole map). */
void pr_window_of(const PRFileMap *fm, PRInt64 *off, PRInt64 *len);

/* Whether fm was received with a window smaller than its object: such a
 * map travels only over channels, which carry the window; an export
 * string or inheritance would hand over the whole object. */
PRBool pr_windowed(const PRFileMap *fm);

/* Whether [off, off + len) lies inside fm's window (off >= 0, len > 0). */
PRBool pr_window_holds(const PRFileMap *fm, PRInt64 off, PRInt64 len);

/* Map the whole object writable for a revocable map's creator (fm->scrub,
 * kept out of fork children).  PR_SUCCESS, or PR_FAILURE, error set. */
PRStatus pr_make_scrub_view(PRFileMap *fm);

/* ---- mappings that survive their object (prsurvive.c) -----------------
 * The SIGBUS handler reads the table of guarded mappings without a lock;
 * docs/seal-and-revoke.md has the model. */

/* mmap(NULL, len, prot, flags, fd, offset), guarded: a fault past the
 * object's end there gets a private zero page.  dontfork: the mapping
 * will be kept out of fork children.  Installs the handler on first use.
 * The mapping, or NULL with the error set. */
void *pr_guard_map(size_t len, int prot, int flags, int fd, off_t offset,
                   PRBool dontfork);

/* Guard a mapping that exists already, for a while (pr_guard_forget
 * ends it, leaving the mapping); as pr_guard_map otherwise. */
PRStatus pr_guard_existing(void *addr, size_t len, int prot, PRBool dontfork);
void pr_guard_forget(void *addr, size_t len);

/* munmap(addr, len), after ending the guard of every guarded mapping it
 * overlaps and waiting out the handlers at work in them; munmap's result
 * and errno. */
int pr_guard_unmap(void *addr, size_t len);

/* ---- the registry of descriptors held by live maps (prregistry.c) -------
 * One lock guards it.  It makes import and protocol 2 safe against maps
 * closed by other threads: a map leaves the registry before its
 * descriptor is closed, so a descriptor found here is the map's. */

/* Count osfd as held by one more live map; the error set on failure. */
PRStatus pr_registry_add(PROsfd osfd);

/* Drop fm from the registry (before its descriptor is closed). */
void pr_registry_remove(PRFileMap *fm);

/* Import: take fd over for a new map (close-on-exec), or, when a live map
 * holds it, a close-on-exec duplicate -- decided and registered in one
 * step.  The registered descriptor, or -1 with the error set. */
PROsfd pr_registry_adopt(PROsfd fd);

/* Record that fm gave out its export string.  stale (NULL-terminated,
 * PR_Malloc'd strings, may be NULL) lists the environment entries that
 * held the string already; the registry keeps it on the first export and
 * frees it otherwise. */
void pr_registry_export(PRFileMap *fm, char **stale);

/* Protocol 2 at spawn time: if a live map holding fd gave out the string
 * "<fd>:<prot>", and entry (an inherited environment entry, or NULL for
 * one the caller passed explicitly) is not one of its stale entries, a
 * close-on-exec duplicate of fd (number 3 or above), taken under the
 * registry's lock.  -1 when nothing matches; -2 with errno set when the
 * duplicate cannot be made. */
PROsfd pr_registry_claim(PROsfd fd, PRFileMapProtect prot, const char *entry);

/* ---- export strings (prshma.c) ------------------------------------------ */

/* Clear close-on-exec on fd (NSPR's way of exporting); the error set on
 * failure. */
PRStatus pr_set_inheritable(PROsfd fd);

/* Parse a strict export string "<digits>:<0-2>"; 0 or -1. */
int pr_parse_export_string(const char *s, int *fd, PRFileMapProtect *prot);

/*
 * The next export string that stands as a whole token in s at or after
 * *pos: a maximal run of digits and ':' that is exactly "<fd>:<prot>" as
 * export writes it (no sign, no leading zero).  Returns 1 and fills
 * *fd, *prot and *pos (just past the token), or 0 when there is none.
 */
int pr_next_export_token(const char *s, size_t *pos, int *fd,
                         PRFileMapProtect *prot);

/* Whether the value of the environment entry "NAME=VALUE" holds the
 * export string str as a token. */
PRBool pr_entry_names_export(const char *entry, const char *str);

/* ---- seals and revocation (prseal.c) ------------------------------------ */

/* Add PR_FILEMAP_SEAL_* seals to the object behind fd.
 * PR_OPERATION_NOT_SUPPORTED_ERROR where the object or kernel cannot take
 * them; otherwise the error mapped from fcntl's. */
PRStatus pr_add_seals(int fd, PRUint32 seals);

/* The object's seals into *seals; PR_FAILURE (error set) when it takes
 * none (PR_OPERATION_NOT_SUPPORTED_ERROR) or fstat-like errors. */
PRStatus pr_get_seals(int fd, PRUint32 *seals);

/* Whether an object with these seals could still be revoked. */
PRBool pr_seals_allow_revoke(PRUint32 seals);

/* ---- channels (prchannel.c) ----------------------------------------------
 * One map per message: a fixed frame and exactly one descriptor
 * (SCM_RIGHTS).  The frame, in the host's byte order (both ends share a
 * kernel): magic "PRM1", version 1, prot, flags, size, offset, length and a
 * reserved zero word. */
#define PR_FRAME_LEN 40
#define PR_FRAME_REVOCABLE 0x1U /* the sender's map is revocable */

struct pr_map_frame {
    PRFileMapProtect prot;
    PRUint32 flags;       /* PR_FRAME_* */
    PRInt64 size;         /* the object's size the sender knows */
    PRInt64 offset;       /* the window the receiver may map */
    PRInt64 length;
};

/* Write f into buf. */
void pr_format_map_frame(const struct pr_map_frame *f,
                         unsigned char buf[PR_FRAME_LEN]);

/* Parse and check a frame of len bytes: exactly PR_FRAME_LEN, the magic
 * and version, a known prot, no unknown flag, a reserved word of zero, a
 * size above 0, a page-aligned window of at least one byte inside it.
 * 0, or -1 (no error set). */
int pr_parse_map_frame(const unsigned char *buf, size_t len,
                       struct pr_map_frame *f);

/* ---- inheritance (prinherit.c) ------------------------------------------- */

/* Append one entry (name copied); PR_SUCCESS or PR_FAILURE with the
 * error set. */
PRStatus pr_attr_add_inherit(PRProcessAttr *attr, PROsfd osfd,
                             const char *name, PRBool is_map,
                             PRFileMapProtect prot, PRDescType type);

#endif /* prcore_h___ */
