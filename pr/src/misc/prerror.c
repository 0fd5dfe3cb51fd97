/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prerror.c -- per-thread error state and the error tables.
 */
#include "config.h"

#include <errno.h>

#include "primpl.h"

static _Thread_local PRErrorCode error_code;
static _Thread_local PRInt32 error_os;

struct pr_error_entry {
    const char *name;
    const char *text;
};

#define PR_ERRTAB_ENTRY(name, text) {#name, text},
static const struct pr_error_entry error_table[] = {
#include "prerrtab.h"
};
#undef PR_ERRTAB_ENTRY

#define ERROR_COUNT ((PRErrorCode)PR_ARRAY_SIZE(error_table))

PR_IMPLEMENT(void) PR_SetError(PRErrorCode code, PRInt32 oserr)
{
    error_code = code;
    error_os = oserr;
}

PR_IMPLEMENT(PRErrorCode) PR_GetError(void)
{
    return error_code;
}

PR_IMPLEMENT(PRInt32) PR_GetOSError(void)
{
    return error_os;
}

static const struct pr_error_entry *lookup(PRErrorCode code)
{
    if (code < PR_NSPR_ERROR_BASE || code >= PR_NSPR_ERROR_BASE + ERROR_COUNT)
        return NULL;
    return &error_table[code - PR_NSPR_ERROR_BASE];
}

PR_IMPLEMENT(const char *) PR_ErrorToName(PRErrorCode code)
{
    const struct pr_error_entry *e = lookup(code);

    return e ? e->name : NULL;
}

PR_IMPLEMENT(const char *) PR_ErrorToString(PRErrorCode code,
                                            PRLanguageCode language)
{
    const struct pr_error_entry *e = lookup(code);

    (void)language;
    return e ? e->text : "Unknown error code";
}

PRErrorCode pr_map_errno(int err)
{
    switch (err) {
    case ENOMEM: return PR_OUT_OF_MEMORY_ERROR;
    case EBADF: return PR_BAD_DESCRIPTOR_ERROR;
    case EAGAIN: return PR_WOULD_BLOCK_ERROR;
    case EFAULT: return PR_ACCESS_FAULT_ERROR;
    case EINTR: return PR_PENDING_INTERRUPT_ERROR;
    case ENOSYS: return PR_NOT_IMPLEMENTED_ERROR;
    case EIO: return PR_IO_ERROR;
    case EINVAL: return PR_INVALID_ARGUMENT_ERROR;
    case EACCES:
    case EPERM: return PR_NO_ACCESS_RIGHTS_ERROR;
    case ENOTSUP: return PR_OPERATION_NOT_SUPPORTED_ERROR;
#if defined(EOPNOTSUPP) && EOPNOTSUPP != ENOTSUP
    case EOPNOTSUPP: return PR_OPERATION_NOT_SUPPORTED_ERROR;
#endif
    case EMFILE: return PR_PROC_DESC_TABLE_FULL_ERROR;
    case ENFILE: return PR_SYS_DESC_TABLE_FULL_ERROR;
    case ENOTSOCK: return PR_NOT_SOCKET_ERROR;
    case ERANGE: return PR_RANGE_ERROR;
    case EDEADLK: return PR_DEADLOCK_ERROR;
    case EFBIG:
    case EOVERFLOW: return PR_FILE_TOO_BIG_ERROR;
    case ENOSPC:
    case EDQUOT: return PR_NO_DEVICE_SPACE_ERROR;
    case EPIPE: return PR_PIPE_ERROR;
    case ESPIPE: return PR_NO_SEEK_DEVICE_ERROR;
    case EISDIR: return PR_IS_DIRECTORY_ERROR;
    case ELOOP: return PR_LOOP_ERROR;
    case ENAMETOOLONG: return PR_NAME_TOO_LONG_ERROR;
    case ENOENT: return PR_FILE_NOT_FOUND_ERROR;
    case ENOTDIR: return PR_NOT_DIRECTORY_ERROR;
    case EROFS: return PR_READ_ONLY_FILESYSTEM_ERROR;
    case ENOTEMPTY: return PR_DIRECTORY_NOT_EMPTY_ERROR;
    case EBUSY:
    case ETXTBSY: return PR_FILE_IS_BUSY_ERROR;
    case EXDEV: return PR_NOT_SAME_DEVICE_ERROR;
    case EEXIST: return PR_FILE_EXISTS_ERROR;
    case ENOEXEC:
    case E2BIG:
    case ECHILD:
    case ESRCH: return PR_INVALID_ARGUMENT_ERROR;
    default: return PR_UNKNOWN_ERROR;
    }
}

void pr_set_os_error(int err)
{
    PR_SetError(pr_map_errno(err), err);
}
