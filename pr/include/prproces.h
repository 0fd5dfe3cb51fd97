/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prproces.h -- child processes, NSPR's API over posix_spawn.
 *
 * A child receives exactly the descriptors its attributes name (stdio
 * redirections, PR_ProcessAttrSetInheritableFD, and maps from
 * PR_ProcessAttrSetInheritableFileMap in prshma.h): each is placed into
 * that one child by a spawn file action, while in the parent every
 * descriptor stays close-on-exec, so a fork, exec, system() or popen()
 * running at the same moment in another thread never receives it.
 * docs/security-model.md has the whole story.
 */
#ifndef prproces_h___
#define prproces_h___

#include "prtypes.h"
#include "prio.h"

PR_BEGIN_EXTERN_C

typedef struct PRProcess PRProcess;
typedef struct PRProcessAttr PRProcessAttr;

/* New empty attributes; NULL with PR_OUT_OF_MEMORY_ERROR. */
NSPR_API(PRProcessAttr *) PR_NewProcessAttr(void);

/* Forget every setting; NULL is ignored. */
NSPR_API(void) PR_ResetProcessAttr(PRProcessAttr *attr);

/* Free attr (not the descriptors or maps it names); NULL is ignored. */
NSPR_API(void) PR_DestroyProcessAttr(PRProcessAttr *attr);

/*
 * Make the child's stdin, stdout or stderr redirectFd.  The descriptor
 * must stay open until PR_CreateProcess.  NSPR gives this call no way to
 * fail: a NULL attr or redirectFd, or an unknown stdioFd, is ignored and
 * sets PR_INVALID_ARGUMENT_ERROR.
 */
NSPR_API(void) PR_ProcessAttrSetStdioRedirect(PRProcessAttr *attr,
                                              PRSpecialFD stdioFd,
                                              PRFileDesc *redirectFd);

/* Start the child in dir (copied).  PR_INVALID_ARGUMENT_ERROR for NULL;
 * PR_OUT_OF_MEMORY_ERROR. */
NSPR_API(PRStatus) PR_ProcessAttrSetCurrentDirectory(PRProcessAttr *attr,
                                                     const char *dir);

/*
 * Hand fd to the child under name, for PR_GetInheritedFD there.  The
 * descriptor must stay open until PR_CreateProcess.  name (copied) must
 * be non-empty and contain no ':' (PR_INVALID_ARGUMENT_ERROR, also for
 * NULL arguments); PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PRStatus) PR_ProcessAttrSetInheritableFD(PRProcessAttr *attr,
                                                  PRFileDesc *fd,
                                                  const char *name);

/*
 * Run the program at path (not searched in PATH) with argv and envp (NULL
 * means this process's environment), and the settings of attr (may be
 * NULL).  Returns the child, to be passed to PR_WaitProcess or
 * PR_DetachProcess, or NULL:
 *   PR_INVALID_ARGUMENT_ERROR   NULL path or argv;
 *   PR_FILE_NOT_FOUND_ERROR     path does not exist;
 *   PR_IS_DIRECTORY_ERROR       path is a directory;
 *   PR_NO_ACCESS_RIGHTS_ERROR   path is not executable;
 *   PR_OPERATION_NOT_SUPPORTED_ERROR  a current directory was set but the
 *                               C library cannot change it in a spawn;
 *   otherwise the error mapped from posix_spawn's.
 * A failed call leaves no child, zombie or descriptor behind.
 */
NSPR_API(PRProcess *) PR_CreateProcess(const char *path, char *const *argv,
                                       char *const *envp,
                                       const PRProcessAttr *attr);

/* PR_CreateProcess, then PR_DetachProcess. */
NSPR_API(PRStatus) PR_CreateProcessDetached(const char *path,
                                            char *const *argv,
                                            char *const *envp,
                                            const PRProcessAttr *attr);

/* Give up process: it is reaped in the background when it exits, and
 * process is freed.  PR_INVALID_ARGUMENT_ERROR for NULL. */
NSPR_API(PRStatus) PR_DetachProcess(PRProcess *process);

/*
 * Wait for process to end and free it.  *exitCode (if exitCode is not
 * NULL) gets its exit status, or 128 + the signal number if a signal
 * killed it.  PR_INVALID_ARGUMENT_ERROR for NULL; if the child was
 * already reaped by someone else (a SIGCHLD handler, waitpid(-1)),
 * PR_INVALID_STATE_ERROR (OS error ECHILD); process is freed either way.
 */
NSPR_API(PRStatus) PR_WaitProcess(PRProcess *process, PRInt32 *exitCode);

/* Send SIGKILL.  PR_INVALID_ARGUMENT_ERROR for NULL. */
NSPR_API(PRStatus) PR_KillProcess(PRProcess *process);

PR_END_EXTERN_C

#endif /* prproces_h___ */
