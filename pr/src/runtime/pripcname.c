/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pripcname.c -- NSPR-style names for named shared memory and semaphores
 * as POSIX IPC names.  NSPR's callers pass file names ("/tmp/foo.shm");
 * a POSIX name is "/" and one component.  Every '/' is written "%2F" and
 * every '%' "%25", so distinct NSPR names stay distinct and no name can
 * reach outside the IPC namespace: there is no '/' after the first, and
 * "." and ".." are refused.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "prrt.h"

int pr_ipc_name(const char *name, char *out, size_t max)
{
    size_t n = 0;
    const char *p;

    if (!name || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    out[n++] = '/';
    for (p = name; *p; p++) {
        const char *piece = *p == '/' ? "%2F" : *p == '%' ? "%25" : NULL;
        size_t len = piece ? 3 : 1;

        if (n + len > max) {
            PR_SetError(PR_NAME_TOO_LONG_ERROR, ENAMETOOLONG);
            return -1;
        }
        if (piece)
            memcpy(out + n, piece, len);
        else
            out[n] = *p;
        n += len;
    }
    out[n] = '\0';
    return 0;
}
