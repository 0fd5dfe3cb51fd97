/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_inherit_fds.c -- libFuzzer harness for the NSPR_INHERIT_FDS parser
 * behind PR_GetInheritedFD.  The input's first line is the name asked
 * for, the rest the variable's value.  A descriptor handed out is put
 * back after PR_Close so the fuzzer's own descriptors survive.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prio.h"
#include "private/pprio.h"

static char entry[65536];

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1), *nl;
    PRFileDesc *fd;

    memcpy(s, data, size);
    s[size] = '\0';
    nl = strchr(s, '\n');
    if (nl && !memchr(data, '\0', size) && size < sizeof(entry) - 32) {
        *nl = '\0';
        /* putenv of one static buffer: glibc's setenv keeps every old
         * value alive, which would exhaust memory over millions of runs */
        snprintf(entry, sizeof(entry), "NSPR_INHERIT_FDS=%s", nl + 1);
        putenv(entry);
        fd = PR_GetInheritedFD(s);
        if (fd) {
            int os = PR_FileDesc2NativeHandle(fd), keep = dup(os);

            PR_Close(fd);
            if (keep >= 0) {
                dup2(keep, os);
                close(keep);
            }
        }
    }
    free(s);
    return 0;
}
