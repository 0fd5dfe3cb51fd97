/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * private/pprio.h -- where NSPR declares the bridge between PRFileDesc
 * and native descriptors; prshm keeps the same place so callers that
 * include "private/pprio.h" compile unchanged.
 */
#ifndef pprio_h___
#define pprio_h___

#include "prio.h"

PR_BEGIN_EXTERN_C

typedef PRInt32 PROsfd;

/* The native descriptor inside fd, or -1 with PR_BAD_DESCRIPTOR_ERROR
 * for NULL.  fd keeps owning it. */
NSPR_API(PROsfd) PR_FileDesc2NativeHandle(PRFileDesc *);

/*
 * Wrap an open native descriptor; the PRFileDesc takes ownership and
 * PR_Close closes it.  The descriptor is made close-on-exec.  NULL with
 * PR_BAD_DESCRIPTOR_ERROR if osfd is not open, PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PRFileDesc *) PR_ImportFile(PROsfd osfd);

/*
 * The same for a socket (NSPR gives it socket methods; here every
 * PRFileDesc is alike): PR_Close closes it, and it is made close-on-exec.
 * prshm's channels (prshmsec.h) are made with it.  NULL with
 * PR_BAD_DESCRIPTOR_ERROR if osfd is not open, PR_NOT_SOCKET_ERROR if it
 * is no socket, PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PRFileDesc *) PR_ImportTCPSocket(PROsfd osfd);

PR_END_EXTERN_C

#endif /* pprio_h___ */
