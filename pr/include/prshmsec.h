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

PR_END_EXTERN_C

#endif /* prshmsec_h___ */
