/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pripcsem.h -- NSPR's named semaphores for processes, on POSIX named
 * semaphores (sem_open), in the standalone libprshm.  Names follow
 * prshm.h's rules (an NSPR-style name, "/" + name with '/' and '%'
 * escaped; nothing is created at the path itself), with the same errors
 * for bad names.
 */
#ifndef pripcsem_h___
#define pripcsem_h___

#include "prtypes.h"
#include "prio.h"

PR_BEGIN_EXTERN_C

/* Opaque. */
typedef struct PRSem PRSem;

#define PR_SEM_CREATE 0x1 /* create if it does not exist */
#define PR_SEM_EXCL 0x2   /* with PR_SEM_CREATE: fail if it exists */

/*
 * Open the named semaphore.  With PR_SEM_CREATE a missing one is created
 * with exactly mode (where the system lets prshm set it: Linux) and the
 * count value; with PR_SEM_EXCL too, an existing one is an error.  With
 * PR_SEM_CREATE, an existing semaphore another user owns is refused.
 * mode and value are ignored for an existing one.  NULL on failure:
 * PR_FILE_NOT_FOUND_ERROR, PR_FILE_EXISTS_ERROR, PR_NO_ACCESS_RIGHTS_ERROR
 * and PR_INVALID_ARGUMENT_ERROR (unknown flags, a bad name, a value above
 * SEM_VALUE_MAX) as for PR_OpenSharedMemory.
 */
NSPR_API(PRSem *) PR_OpenSemaphore(const char *name, PRIntn flags,
                                   PRIntn mode, PRUintn value);

/* Decrement, waiting while the count is 0.  A signal does not end the
 * wait (it is restarted, as NSPR does).  PR_INVALID_ARGUMENT_ERROR for
 * NULL. */
NSPR_API(PRStatus) PR_WaitSemaphore(PRSem *sem);

/* Increment, waking one waiter.  PR_INVALID_ARGUMENT_ERROR for NULL;
 * PR_RANGE_ERROR (EOVERFLOW) past SEM_VALUE_MAX. */
NSPR_API(PRStatus) PR_PostSemaphore(PRSem *sem);

/* Close sem and free it.  PR_INVALID_ARGUMENT_ERROR for NULL. */
NSPR_API(PRStatus) PR_CloseSemaphore(PRSem *sem);

/* Remove the name; processes that have it open keep using it.
 * PR_FILE_NOT_FOUND_ERROR when there is none. */
NSPR_API(PRStatus) PR_DeleteSemaphore(const char *name);

PR_END_EXTERN_C

#endif /* pripcsem_h___ */
