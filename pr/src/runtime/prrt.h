/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prrt.h -- the internal header of prshm's standalone runtime, the NSPR
 * subset built into libprshm only (libprshm-nspr takes all of it from
 * libnspr4).  The runtime may use the core's error helpers (prcore.h);
 * the core never looks in here.
 */
#ifndef prrt_h___
#define prrt_h___

#include "prcore.h"

struct PRFileDesc {
    PROsfd osfd;
    PRBool special; /* one of the three static stdio descriptors */
};

/* The longest POSIX IPC name, leading '/' included: the object's file
 * name (NAME_MAX) plus the '/'.  Semaphores lose 4 ("sem." on Linux). */
#define PR_IPC_NAME_MAX 256
#define PR_SEM_NAME_MAX 252

/* Write the POSIX IPC name for the NSPR-style name into out (at least
 * max + 1 bytes): "/" + name, '/' as "%2F" and '%' as "%25", at most max
 * characters.  0, or -1 with PR_INVALID_ARGUMENT_ERROR (NULL, "", ".",
 * "..") or PR_NAME_TOO_LONG_ERROR set (pripcname.c). */
int pr_ipc_name(const char *name, char *out, size_t max);

/* NSPR's initialisation as far as the process sees it: SIGPIPE ignored,
 * so that a write to a pipe or socket whose reader has gone fails with an
 * error instead of killing the process.  Once; PR_Init and whatever makes
 * or hands out a PRFileDesc run it, as NSPR's implicit initialisation
 * does (prinit.c). */
void pr_rt_init(void);

/* Read an NSPR_LOG_MODULES value into the log settings (prlog.c). */
void pr_log_parse_modules(const char *spec);

#endif /* prrt_h___ */
