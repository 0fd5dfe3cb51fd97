/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinit.h -- initialisation and versions.
 *
 * prshm needs no initialisation: every call works before PR_Init.
 * PR_Init and PR_Cleanup exist so NSPR callers compile unchanged.
 *
 * PR_VERSION and friends name the NSPR API level prshm implements
 * (4.35); PRSHM_VERSION and friends name prshm's own release.
 */
#ifndef prinit_h___
#define prinit_h___

#include <stdio.h>
#include "prtypes.h"
#include "prthread.h"

PR_BEGIN_EXTERN_C

#define PR_NAME "NSPR"
#define PR_VERSION "4.35"
#define PR_VMAJOR 4
#define PR_VMINOR 35
#define PR_VPATCH 0
#define PR_BETA PR_FALSE

#define PRSHM_NAME "prshm"
#define PRSHM_VERSION "0.1.0"
#define PRSHM_VMAJOR 0
#define PRSHM_VMINOR 1
#define PRSHM_VPATCH 0

typedef PRBool (*PRVersionCheck)(const char *);

/* Sets up standard I/O for the runtime where a platform needs it (NSPR:
 * Win16 only); a no-op here, as on every platform NSPR still supports. */
#define PR_STDIO_INIT()

/*
 * PR_TRUE when a program built against NSPR API importedVersion
 * ("major[.minor[.patch]]") can use this library: the same major number
 * and a minor.patch no newer than PR_VMINOR.PR_VPATCH.  Read as NSPR
 * reads it: each part is the digits found there, and the first character
 * that is not a digit or the expected '.' ends the string ("4,26",
 * "4.35beta" and "4." are versions 4.0, 4.35 and 4.0).  PR_FALSE for NULL
 * (on which NSPR crashes).
 */
NSPR_API(PRBool) PR_VersionCheck(const char *importedVersion);

/* PR_VERSION, the NSPR API level implemented.  Static: never free it. */
NSPR_API(const char *) PR_GetVersion(void);

/* Marks the runtime initialised.  The arguments are accepted and
 * ignored (prshm has no thread scheduler). */
NSPR_API(void) PR_Init(PRThreadType type, PRThreadPriority priority,
                       PRUintn maxPTDs);

/* The main function PR_Initialize runs. */
typedef PRIntn(PR_CALLBACK *PRPrimordialFn)(PRIntn argc, char **argv);

/*
 * PR_Init, then prmain(argc, argv), then PR_Cleanup; returns what prmain
 * returned.  maxPTDs is accepted and ignored.
 */
NSPR_API(PRIntn) PR_Initialize(PRPrimordialFn prmain, PRIntn argc,
                               char **argv, PRUintn maxPTDs);

/* End the process at once with status, without running atexit handlers
 * or flushing stdio (_exit). */
NSPR_API(void) PR_ProcessExit(PRIntn status);

/* PR_TRUE once PR_Init has run and PR_Cleanup has not. */
NSPR_API(PRBool) PR_Initialized(void);

/*
 * Ends the runtime: flushes and closes the NSPR log file.  Returns
 * PR_SUCCESS; calling it without PR_Init is harmless.
 */
NSPR_API(PRStatus) PR_Cleanup(void);

/*
 * Run func once for the zero-initialised *once, however many threads call
 * at the same time: the others wait until it has returned, and every call
 * returns its result.  When it failed, calls after the first also set
 * PR_CALL_ONCE_ERROR, as NSPR's do.
 */
typedef struct PRCallOnceType {
    PRIntn initialized;
    PRInt32 inProgress;
    PRStatus status;
} PRCallOnceType;

typedef PRStatus(PR_CALLBACK *PRCallOnceFN)(void);
typedef PRStatus(PR_CALLBACK *PRCallOnceWithArgFN)(void *arg);

NSPR_API(PRStatus) PR_CallOnce(PRCallOnceType *once, PRCallOnceFN func);
NSPR_API(PRStatus) PR_CallOnceWithArg(PRCallOnceType *once,
                                      PRCallOnceWithArgFN func, void *arg);

PR_END_EXTERN_C

#endif /* prinit_h___ */
