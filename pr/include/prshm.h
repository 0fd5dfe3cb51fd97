/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm.h -- NSPR's named shared memory, on POSIX shared memory
 * (shm_open), in the standalone libprshm.
 *
 * A name is an NSPR-style name, usually a file name ("/tmp/foo.shm");
 * nothing is created at that path.  It becomes the shared-memory object
 * "/" + name with every '/' written as "%2F" and every '%' as "%25"
 * ("/tmp/foo.shm" is "/%2Ftmp%2Ffoo.shm", /dev/shm/%2Ftmp%2Ffoo.shm on
 * Linux), so it can never leave the shared-memory namespace.
 * docs/named-shared-memory.md says what other users can and cannot do to
 * a named object, per mode.
 *
 * Errors common to the calls that take a name: PR_INVALID_ARGUMENT_ERROR
 * for NULL, "", "." or ".."; PR_NAME_TOO_LONG_ERROR when the object name
 * would pass 255 characters.
 */
#ifndef prshm_h___
#define prshm_h___

#include "prtypes.h"
#include "prio.h"

PR_BEGIN_EXTERN_C

/* Opaque. */
typedef struct PRSharedMemory PRSharedMemory;

#define PR_SHM_CREATE 0x1 /* create if it does not exist */
#define PR_SHM_EXCL 0x2   /* with PR_SHM_CREATE: fail if it exists */

/*
 * Open the named object of size bytes.  With PR_SHM_CREATE a missing one
 * is created with exactly mode (the umask does not apply) and size bytes
 * of zeros; with PR_SHM_EXCL too, an existing one is an error.  An
 * existing object is used as it is, but never one smaller than size (a
 * later access past its end would raise SIGBUS), and, with PR_SHM_CREATE,
 * never one another user owns (it was not created by this caller: a name
 * squatted in advance).  The object is opened read-write, or read-only
 * when the caller may only read it (then only PR_SHM_READONLY attaches
 * work); the descriptor is close-on-exec.  mode is ignored without
 * PR_SHM_CREATE.  NULL on failure:
 *   PR_FILE_NOT_FOUND_ERROR     no such object and no PR_SHM_CREATE;
 *   PR_FILE_EXISTS_ERROR        PR_SHM_EXCL and it exists;
 *   PR_NO_ACCESS_RIGHTS_ERROR   the mode forbids this caller, or a
 *                               PR_SHM_CREATE found another user's object;
 *   PR_INVALID_ARGUMENT_ERROR   the object is smaller than size, size 0,
 *                               unknown flags, or a bad name;
 *   PR_LOOP_ERROR               the name is a symbolic link;
 *   otherwise the error of shm_open, fstat or ftruncate.
 */
NSPR_API(PRSharedMemory *) PR_OpenSharedMemory(const char *name, PRSize size,
                                               PRIntn flags, PRIntn mode);

#define PR_SHM_READONLY 0x01

/*
 * Map the whole object into this process: read-write, or with
 * PR_SHM_READONLY read-only through a read-only descriptor.  May be called
 * again after PR_DetachSharedMemory.  NULL on failure:
 * PR_INVALID_ARGUMENT_ERROR for NULL or unknown flags;
 * PR_NO_ACCESS_RIGHTS_ERROR for a read-write attach of an object opened
 * read-only; otherwise mmap's error.
 */
NSPR_API(void *) PR_AttachSharedMemory(PRSharedMemory *shm, PRIntn flags);

/* Unmap what PR_AttachSharedMemory returned.  PR_INVALID_ARGUMENT_ERROR
 * for NULL or an address that is not page-aligned. */
NSPR_API(PRStatus) PR_DetachSharedMemory(PRSharedMemory *shm, void *addr);

/* Close shm and free it (attachments stay valid until detached; the
 * object and its name stay until PR_DeleteSharedMemory).
 * PR_INVALID_ARGUMENT_ERROR for NULL. */
NSPR_API(PRStatus) PR_CloseSharedMemory(PRSharedMemory *shm);

/* Remove the name (open handles and attachments keep the object until
 * they go).  PR_FILE_NOT_FOUND_ERROR when there is none;
 * PR_NO_ACCESS_RIGHTS_ERROR when the caller may not remove it. */
NSPR_API(PRStatus) PR_DeleteSharedMemory(const char *name);

PR_END_EXTERN_C

#endif /* prshm_h___ */
