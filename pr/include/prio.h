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
#include "prlong.h"
#include "prtime.h"
#include "prinrval.h"

PR_BEGIN_EXTERN_C

/* Opaque. */
typedef struct PRFileDesc PRFileDesc;
typedef struct PRFileInfo PRFileInfo;
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

/* PR_GetFileInfo and PR_GetOpenFileInfo: sizes up to PR_INT32_MAX. */
struct PRFileInfo {
    PRFileType type;
    PROffset32 size;
    PRTime creationTime;
    PRTime modifyTime;
};

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

/* PR_Seek64 for offsets that fit 32 bits: a resulting offset past
 * PR_INT32_MAX gives PR_FILE_TOO_BIG_ERROR, as NSPR's. */
NSPR_API(PROffset32) PR_Seek(PRFileDesc *fd, PROffset32 offset,
                             PRSeekWhence whence);

/* Fill *info from fstat.  NULL info gives PR_INVALID_ARGUMENT_ERROR. */
NSPR_API(PRStatus) PR_GetOpenFileInfo64(PRFileDesc *fd, PRFileInfo64 *info);

/* The same for files up to PR_INT32_MAX bytes: a larger one gives
 * PR_FILE_TOO_BIG_ERROR, as NSPR's does. */
NSPR_API(PRStatus) PR_GetOpenFileInfo(PRFileDesc *fd, PRFileInfo *info);

/* stat() of the file named fn, into *info; as NSPR, info may be NULL (the
 * call then says only whether fn is there).  PR_GetFileInfo gives
 * PR_FILE_TOO_BIG_ERROR past PR_INT32_MAX bytes. */
NSPR_API(PRStatus) PR_GetFileInfo(const char *fn, PRFileInfo *info);
NSPR_API(PRStatus) PR_GetFileInfo64(const char *fn, PRFileInfo64 *info);

/* unlink() name. */
NSPR_API(PRStatus) PR_Delete(const char *name);

typedef enum PRAccessHow {
    PR_ACCESS_EXISTS = 1,
    PR_ACCESS_WRITE_OK = 2,
    PR_ACCESS_READ_OK = 3
} PRAccessHow;

/* access() of name for how; another how gives PR_INVALID_ARGUMENT_ERROR. */
NSPR_API(PRStatus) PR_Access(const char *name, PRAccessHow how);

/* fsync(). */
NSPR_API(PRStatus) PR_Sync(PRFileDesc *fd);

/*
 * Bytes that can be read from fd without blocking: what a pipe or socket
 * holds, or for a file the bytes from the offset to the end.  -1 on
 * failure (PR_BAD_DESCRIPTOR_ERROR for NULL).  PR_Available fails with
 * PR_FILE_TOO_BIG_ERROR past PR_INT32_MAX, where PR_Available64 does not.
 */
NSPR_API(PRInt32) PR_Available(PRFileDesc *fd);
NSPR_API(PRInt64) PR_Available64(PRFileDesc *fd);

/*
 * A pipe: *readPipe reads what *writePipe writes.  Both are close-on-exec
 * (a child gets one through PR_ProcessAttrSetStdioRedirect or
 * PR_ProcessAttrSetInheritableFD); close each with PR_Close.  On failure
 * nothing is created and the error is pipe()'s (PR_PROC_DESC_TABLE_FULL_
 * ERROR, ...); PR_INVALID_ARGUMENT_ERROR for NULL pointers.
 */
NSPR_API(PRStatus) PR_CreatePipe(PRFileDesc **readPipe,
                                 PRFileDesc **writePipe);

/*
 * Let fd be inherited by every program this process executes
 * (inheritable PR_TRUE: close-on-exec cleared) or by none (PR_FALSE), as
 * NSPR's.  prshm's own descriptors start close-on-exec, and
 * PR_CreateProcess does not need this to hand one to a child.
 * PR_BAD_DESCRIPTOR_ERROR for NULL or a closed descriptor.
 */
NSPR_API(PRStatus) PR_SetFDInheritable(PRFileDesc *fd, PRBool inheritable);

/* What a descriptor is, as NSPR_INHERIT_FDS records it. */
typedef enum PRDescType {
    PR_DESC_FILE = 1,
    PR_DESC_SOCKET_TCP = 2,
    PR_DESC_SOCKET_UDP = 3,
    PR_DESC_LAYERED = 4,
    PR_DESC_PIPE = 5
} PRDescType;

/*
 * The descriptor a parent handed to this process under name with
 * PR_ProcessAttrSetInheritableFD (prshm's or NSPR's: both use NSPR's
 * NSPR_INHERIT_FDS variable, "name:type:0xfd" entries joined by ':').
 * The descriptor is made close-on-exec and the PRFileDesc owns it.
 * Each name can be taken once; a second call gives
 * PR_INVALID_STATE_ERROR.  NULL on failure: PR_INVALID_ARGUMENT_ERROR
 * for a NULL or empty name, a name containing ':', a name not in the
 * variable (OS error ENOENT) or a malformed variable;
 * PR_BAD_DESCRIPTOR_ERROR when the descriptor is not open.
 */
NSPR_API(PRFileDesc *) PR_GetInheritedFD(const char *name);

/* ---- file maps ---------------------------------------------------------
 *
 * A PRFileMap describes an object (a file, or an anonymous object from
 * PR_OpenAnonFileMap in prshma.h) that PR_MemMap maps into memory.
 * Sizes and offsets are 64-bit throughout.
 */
typedef struct PRFileMap PRFileMap;

typedef enum PRFileMapProtect {
    PR_PROT_READONLY,  /* read only; the view shares the writers' changes */
    PR_PROT_READWRITE, /* read and write, shared with every other view */
    PR_PROT_WRITECOPY  /* read and write, writes private to the view */
} PRFileMapProtect;

/*
 * Prepare to map size bytes of the file fd.  The caller keeps owning fd
 * and must keep it open until PR_CloseFileMap.  A file shorter than size
 * is grown to size only for PR_PROT_READWRITE; for the other modes the
 * map covers only the bytes the file has.
 * NULL on failure: PR_INVALID_ARGUMENT_ERROR for a NULL fd, a negative
 * size or an unknown prot; PR_NO_ACCESS_RIGHTS_ERROR when fd's access
 * mode does not allow prot; otherwise the error of fstat/ftruncate.
 */
NSPR_API(PRFileMap *) PR_CreateFileMap(PRFileDesc *fd, PRInt64 size,
                                       PRFileMapProtect prot);

/* The alignment PR_MemMap offsets need: the page size. */
NSPR_API(PRInt32) PR_GetMemMapAlignment(void);

/*
 * Map len bytes at offset of fmap's object; returns the address or NULL.
 * offset must be a multiple of PR_GetMemMapAlignment() and
 * offset + len must not pass the end of the map, else
 * PR_INVALID_ARGUMENT_ERROR (also for a NULL fmap or len 0).  An address
 * range the process cannot hold gives PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(void *) PR_MemMap(PRFileMap *fmap, PROffset64 offset, PRUint32 len);

/* Unmap what PR_MemMap returned (addr and the same len).
 * PR_INVALID_ARGUMENT_ERROR for NULL, len 0 or an unaligned addr. */
NSPR_API(PRStatus) PR_MemUnmap(void *addr, PRUint32 len);

/*
 * Release fmap.  Mappings made from it stay valid until PR_MemUnmap.  A
 * map from PR_OpenAnonFileMap or PR_ImportFileMapFromString closes its
 * descriptor; a map from PR_CreateFileMap leaves fd to its owner.
 * PR_INVALID_ARGUMENT_ERROR for NULL.
 */
NSPR_API(PRStatus) PR_CloseFileMap(PRFileMap *fmap);

/* Write a mapped range back to its file (msync); fd is not used.
 * PR_INVALID_ARGUMENT_ERROR for a NULL addr or an unaligned one. */
NSPR_API(PRStatus) PR_SyncMemMap(PRFileDesc *fd, void *addr, PRUint32 len);

PR_END_EXTERN_C

#endif /* prio_h___ */
