/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prerrno.c -- the core's errors and diagnostics, over NSPR's public API:
 * errno values as NSPR errors, and log lines for module "prshm".
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>

#include "prcore.h"
#include "prlog.h"
#include "prprf.h"

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
    case ECONNREFUSED: return PR_CONNECT_REFUSED_ERROR;
    case ECONNRESET: return PR_CONNECT_RESET_ERROR;
    case EADDRINUSE: return PR_ADDRESS_IN_USE_ERROR;
    case ENOTCONN: return PR_NOT_CONNECTED_ERROR;
    case EISCONN: return PR_IS_CONNECTED_ERROR;
    case ETIMEDOUT: return PR_IO_TIMEOUT_ERROR;
    case EAFNOSUPPORT: return PR_ADDRESS_NOT_SUPPORTED_ERROR;
    case EPROTONOSUPPORT: return PR_PROTOCOL_NOT_SUPPORTED_ERROR;
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

void pr_set_mmap_error(int err)
{
    switch (err) {
    case EAGAIN:
    case EMFILE: PR_SetError(PR_INSUFFICIENT_RESOURCES_ERROR, err); break;
    case ENODEV: PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, err); break;
    case ENXIO: PR_SetError(PR_INVALID_ARGUMENT_ERROR, err); break;
    case EOVERFLOW: PR_SetError(PR_BUFFER_OVERFLOW_ERROR, err); break;
    default: pr_set_os_error(err); break;
    }
}

/* ---- the "prshm" log module ------------------------------------------ */
static pthread_once_t module_once = PTHREAD_ONCE_INIT;
static PRLogModuleInfo *module;

static void module_init(void)
{
    module = PR_NewLogModule("prshm");
}

void pr_log(int level, const char *fmt, ...)
{
    va_list ap;
    char *line;

    pthread_once(&module_once, module_init);
    if (!module || (int)module->level < level)
        return;
    va_start(ap, fmt);
    line = PR_vsmprintf(fmt, ap);
    va_end(ap);
    if (!line)
        return;
    PR_LogPrint("prshm: %s", line);
    PR_smprintf_free(line);
}
