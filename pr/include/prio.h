/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prio.h -- file descriptors: the part of NSPR's I/O API that file maps,
 * processes and their tests need.
 *
 * A PRFileDesc wraps one operating-system descriptor.  Every descriptor
 * prshm opens is close-on-exec: a child process receives a descriptor
 * only when it is handed over explicitly (prproces.h).
 */
#ifndef prio_h___
#define prio_h___

#include "prtypes.h"
#include "prinrval.h"
#include "prtime.h"

PR_BEGIN_EXTERN_C

/* Opaque. */
typedef struct PRFileDesc PRFileDesc;
typedef struct PRFileInfo64 PRFileInfo64;

typedef enum PRSeekWhence {
    PR_SEEK_SET = 0,
    PR_SEEK_CUR = 1,
    PR_SEEK_END = 2
} PRSeekWhence;

typedef enum PRFileType {
    PR_FILE_FILE = 1,
    PR_FILE_DIRECTORY = 2,
    PR_FILE_OTHER = 3
} PRFileType;

struct PRFileInfo64 {
    PRFileType type;     /* regular file, directory or other */
    PROffset64 size;     /* bytes */
    PRTime creationTime; /* status-change time (Unix has no birth time) */
    PRTime modifyTime;   /* last modification */
};

typedef enum PRSpecialFD {
    PR_StandardInput,
    PR_StandardOutput,
    PR_StandardError
} PRSpecialFD;

/*
 * The descriptor for standard input, output or error (descriptors 0, 1
 * and 2).  The same object is returned every time; do not PR_Close it
 * unless you mean to close the process's own stdin/stdout/stderr.
 * NULL with PR_INVALID_ARGUMENT_ERROR for any other id.
 */
NSPR_API(PRFileDesc *) PR_GetSpecialFD(PRSpecialFD id);

#define PR_STDIN PR_GetSpecialFD(PR_StandardInput)
#define PR_STDOUT PR_GetSpecialFD(PR_StandardOutput)
#define PR_STDERR PR_GetSpecialFD(PR_StandardError)

/* PR_Open flags. */
#define PR_RDONLY 0x01
#define PR_WRONLY 0x02
#define PR_RDWR 0x04
#define PR_CREATE_FILE 0x08
#define PR_APPEND 0x10
#define PR_TRUNCATE 0x20
#define PR_SYNC 0x40
#define PR_EXCL 0x80

/* Unix permission bits for PR_Open's mode. */
#define PR_IRWXU 00700
#define PR_IRUSR 00400
#define PR_IWUSR 00200
#define PR_IXUSR 00100
#define PR_IRWXG 00070
#define PR_IRGRP 00040
#define PR_IWGRP 00020
#define PR_IXGRP 00010
#define PR_IRWXO 00007
#define PR_IROTH 00004
#define PR_IWOTH 00002
#define PR_IXOTH 00001

/*
 * Open the file name.  flags: exactly one of PR_RDONLY, PR_WRONLY,
 * PR_RDWR, plus any of PR_CREATE_FILE, PR_APPEND, PR_TRUNCATE, PR_SYNC,
 * PR_EXCL; mode gives the permissions of a created file.  The descriptor
 * is close-on-exec.  NULL on failure: PR_INVALID_ARGUMENT_ERROR for a
 * NULL name or bad flags, otherwise the error mapped from errno
 * (PR_FILE_NOT_FOUND_ERROR, PR_NO_ACCESS_RIGHTS_ERROR, ...).
 */
NSPR_API(PRFileDesc *) PR_Open(const char *name, PRIntn flags, PRIntn mode);

/* Close fd and free it, even when close() reports an error (the error is
 * then returned).  NULL gives PR_BAD_DESCRIPTOR_ERROR. */
NSPR_API(PRStatus) PR_Close(PRFileDesc *fd);

/* Read up to amount bytes; returns the count, 0 at end of file, -1 on
 * failure.  Retries on EINTR.  A negative amount or NULL buf gives
 * PR_INVALID_ARGUMENT_ERROR; NULL fd PR_BAD_DESCRIPTOR_ERROR. */
NSPR_API(PRInt32) PR_Read(PRFileDesc *fd, void *buf, PRInt32 amount);

/* Write all amount bytes (looping over short writes); returns amount
 * or -1.  Errors as PR_Read. */
NSPR_API(PRInt32) PR_Write(PRFileDesc *fd, const void *buf, PRInt32 amount);

/* Move the file offset; returns the new offset or -1
 * (PR_INVALID_ARGUMENT_ERROR for a bad whence or a negative result). */
NSPR_API(PROffset64) PR_Seek64(PRFileDesc *fd, PROffset64 offset,
                               PRSeekWhence whence);

/* Fill *info from fstat.  NULL info gives PR_INVALID_ARGUMENT_ERROR. */
NSPR_API(PRStatus) PR_GetOpenFileInfo64(PRFileDesc *fd, PRFileInfo64 *info);

/* fsync(). */
NSPR_API(PRStatus) PR_Sync(PRFileDesc *fd);

PR_END_EXTERN_C

#endif /* prio_h___ */
