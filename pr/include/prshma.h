/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshma.h -- anonymous shared memory, NSPR's API.
 *
 * An anonymous map is memory that two processes can share and that no
 * other process can find: prshm creates it without a name wherever the
 * system allows (Linux memfd, FreeBSD SHM_ANON, O_TMPFILE) and otherwise
 * as a file with an unguessable name that is unlinked at once.  Its
 * descriptor is close-on-exec.  docs/anonymous-maps.md compares the
 * backends; prshmsec.h tells which one runs.
 *
 * A map reaches another process as an export string, "<fd>:<prot>" --
 * NSPR's Unix format, so prshm and NSPR 4.35 import each other's strings.
 * Two protocols carry it (docs/security-model.md):
 *
 *   1 (secure): PR_ProcessAttrSetInheritableFileMap names the map and a
 *     variable; PR_CreateProcess places the descriptor into that one
 *     child and sets the variable; the child calls PR_GetInheritedFileMap.
 *   2 (legacy, NSPR's anonfm pattern): the caller exports the string and
 *     passes it by its own means.  prshm keeps the descriptor
 *     close-on-exec and PR_CreateProcess hands it only to children whose
 *     environment carries the string; a caller that spawns by other means
 *     uses PR_ExportFileMapAsInheritableString (prshmsec.h) instead.
 */
#ifndef prshma_h___
#define prshma_h___

#include "prtypes.h"
#include "prio.h"
#include "prproces.h"

PR_BEGIN_EXTERN_C

/*
 * A new anonymous map of size bytes, zero-filled, with protection prot
 * for PR_MemMap.  dirName is used only by the tmpfile backend (the
 * directory the object lives in; NULL means $TMPDIR, else /tmp); the
 * other backends ignore it, even when it names nothing usable.
 * The map owns its descriptor; PR_CloseFileMap releases it.
 * NULL on failure:
 *   PR_INVALID_ARGUMENT_ERROR   size 0, larger than a file offset can be,
 *                               or an unknown prot;
 *   PR_FILE_NOT_FOUND_ERROR, PR_NOT_DIRECTORY_ERROR,
 *   PR_NO_ACCESS_RIGHTS_ERROR   (tmpfile) dirName is missing, not a
 *                               directory, or not writable;
 *   PR_OPERATION_NOT_SUPPORTED_ERROR  PRSHM_BACKEND names an unknown or
 *                               unavailable backend (and a log line says so);
 *   otherwise the error of the system call that failed, e.g.
 *   PR_NO_DEVICE_SPACE_ERROR, PR_PROC_DESC_TABLE_FULL_ERROR.
 */
NSPR_API(PRFileMap *) PR_OpenAnonFileMap(const char *dirName, PRSize size,
                                         PRFileMapProtect prot);

/*
 * Protocol 1: hand fm to the child PR_CreateProcess makes with attr.  The
 * child gets the descriptor and the variable shmname=<export string>,
 * and nothing else does.  fm must stay open until PR_CreateProcess.
 * PR_INVALID_ARGUMENT_ERROR for a NULL attr, fm or shmname, an empty
 * shmname, or one containing '='; PR_INVALID_STATE_ERROR for a revoked
 * map (prshmsec.h); PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PRStatus) PR_ProcessAttrSetInheritableFileMap(PRProcessAttr *attr,
                                                       PRFileMap *fm,
                                                       const char *shmname);

/*
 * Protocol 1, in the child: import the map the parent handed down under
 * shmname, with the strict rules of PR_ImportFileMapFromString; the
 * descriptor becomes close-on-exec, so the child's own children do not
 * get it.  NULL with PR_INVALID_ARGUMENT_ERROR for a NULL, empty or
 * '='-containing shmname or one not in the environment (OS error
 * ENOENT); otherwise PR_ImportFileMapFromString's errors.
 */
NSPR_API(PRFileMap *) PR_GetInheritedFileMap(const char *shmname);

/* Size of a buffer that always holds an export string. */
#define PR_FILEMAP_STRING_BUFSIZE 128

/*
 * Write fm's export string, "<fd>:<prot>" and a NUL, into buf[bufsize],
 * for protocol 2.  Unlike NSPR, the descriptor stays close-on-exec: the
 * map is marked exported, and PR_CreateProcess passes its descriptor to a
 * child exactly when the child's environment holds the string as a
 * variable's value (NSPR's anonfm pattern).  No other child, and nothing
 * spawned by other means, receives it.
 * PR_BUFFER_OVERFLOW_ERROR when it does not fit (buf is left untouched);
 * PR_INVALID_ARGUMENT_ERROR for a NULL fm or buf; PR_INVALID_STATE_ERROR
 * for a revoked map (prshmsec.h).
 */
NSPR_API(PRStatus) PR_ExportFileMapAsString(PRFileMap *fm, PRSize bufsize,
                                            char *buf);

/*
 * The map an export string names, in this process.  The string must be
 * exactly: one or more digits, ':', one digit 0-2 -- no sign, space or
 * anything else -- and the descriptor must be open, refer to a regular
 * file or shared-memory object, and have an access mode that allows the
 * protection (read-write needs a descriptor opened read-write).
 *
 * The new map owns a close-on-exec descriptor, so it does not leak into
 * the importer's own children, and PR_CloseFileMap closes it: importing
 * takes the descriptor over.  If the descriptor already belongs to a
 * live map of this process (the same string imported twice, or a map's
 * own string), the import gets a private duplicate instead, so each map
 * can be closed on its own.
 *
 * NULL on failure:
 *   PR_INVALID_ARGUMENT_ERROR   NULL or a malformed string, or a
 *                               descriptor number beyond INT_MAX;
 *   PR_BAD_DESCRIPTOR_ERROR     the descriptor is not open (OS error
 *                               EBADF) or is not a regular file or
 *                               shared-memory object (a pipe, socket,
 *                               directory or device; OS error 0);
 *   PR_NO_ACCESS_RIGHTS_ERROR   its access mode does not allow prot.
 */
NSPR_API(PRFileMap *) PR_ImportFileMapFromString(const char *fmstring);

PR_END_EXTERN_C

#endif /* prshma_h___ */
