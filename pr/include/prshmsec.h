/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshmsec.h -- prshm's extensions to NSPR's shared-memory API.  Nothing
 * here exists in NSPR; legacy headers stay exactly NSPR's API.
 */
#ifndef prshmsec_h___
#define prshmsec_h___

#include "prtypes.h"
#include "prio.h"
#include "prshma.h"

PR_BEGIN_EXTERN_C

/*
 * The name of the backend PR_OpenAnonFileMap uses now: "memfd",
 * "shm_anon", "tmpfile", or "tmpfile-named" when that is forced.  The choice is made once per process: memfd
 * where it works, else SHM_ANON, else tmpfile; memfd failing with ENOSYS
 * or EPERM (an old kernel, a seccomp filter) switches the process to
 * tmpfile.  The environment variable PRSHM_BACKEND, read once, forces
 * one: memfd, shm_anon, tmpfile, or tmpfile-named (tmpfile without
 * O_TMPFILE, for testing).  A static string: never free it.
 * NULL with PR_OPERATION_NOT_SUPPORTED_ERROR when PRSHM_BACKEND names an
 * unknown backend or one this build or system lacks.
 */
PRSHM_API(const char *) PR_GetAnonFileMapBackend(void);

/*
 * Protocol 2 for children spawned other than by PR_CreateProcess: as
 * PR_ExportFileMapAsString, and the descriptor is made inheritable, as
 * NSPR 4.35 does -- so every program this process executes from now on,
 * from any thread, receives it.  Prefer protocol 1.
 */
PRSHM_API(PRStatus) PR_ExportFileMapAsInheritableString(PRFileMap *fm,
                                                        PRSize bufsize,
                                                        char *buf);

/*
 * A new map over the same object as fm that can never be mapped or
 * written with more than prot, enforced by the kernel; fm is unchanged.
 * PR_PROT_READWRITE gives an equal map; PR_PROT_READONLY and
 * PR_PROT_WRITECOPY give a read-only one:
 *
 *   memfd, shm_anon   the object is sealed against writes from now on
 *                     (F_SEAL_FUTURE_WRITE) and against resizing
 *                     (F_SEAL_SHRINK, F_SEAL_GROW), and the new map's
 *                     descriptor is opened read-only.  Nobody -- root,
 *                     the same uid, a holder that reopens the descriptor
 *                     read-write through /proc -- can write(), map it
 *                     writable, truncate, grow or punch holes any more.
 *                     The creator keeps writing only through mappings it
 *                     made before this call; a new read-write PR_MemMap
 *                     of fm fails (PR_NO_ACCESS_RIGHTS_ERROR).
 *   tmpfile           cannot be enforced (a file can be reopened
 *                     read-write by its owner and root):
 *                     PR_OPERATION_NOT_SUPPORTED_ERROR.
 *
 * Also PR_OPERATION_NOT_SUPPORTED_ERROR for a map that is not anonymous
 * or an object that does not take seals; PR_INVALID_ARGUMENT_ERROR for
 * NULL or an unknown prot.
 */
PRSHM_API(PRFileMap *) PR_RestrictFileMap(PRFileMap *fm,
                                          PRFileMapProtect prot);

PR_END_EXTERN_C

#endif /* prshmsec_h___ */
