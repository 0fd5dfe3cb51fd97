/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_inherited_map.c -- libFuzzer harness for PR_GetInheritedFileMap's
 * environment handling: the first line is the variable's name (which may
 * itself be bad), the rest its value.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prshma.h"

static char entry[65536];

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static int backup = -1;
    char *s = malloc(size + 1), *nl;
    PRFileMap *fm;

    if (backup < 0) {
        backup = memfd_create("fuzz", MFD_CLOEXEC);
        ftruncate(backup, 4096);
        dup2(backup, 100);
    }
    memcpy(s, data, size);
    s[size] = '\0';
    nl = strchr(s, '\n');
    if (nl && !memchr(data, '\0', size) && size < sizeof(entry) - 2) {
        *nl = '\0';
        /* putenv of one static buffer (setenv would keep every value) */
        snprintf(entry, sizeof(entry), "%s=%s", s, nl + 1);
        if (*s && !strchr(s, '='))
            putenv(entry);
        fm = PR_GetInheritedFileMap(s);
        if (fm)
            PR_CloseFileMap(fm);
        if (*s && !strchr(s, '='))
            unsetenv(s);
        if (fcntl(100, F_GETFD) < 0)
            dup2(backup, 100);
    }
    free(s);
    return 0;
}
