/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_import.c -- libFuzzer harness for PR_ImportFileMapFromString.
 * A memfd at a known number lets valid strings reach the success path;
 * when an import takes it over and closes it, it is put back.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "prshma.h"

#define TARGET 100

static int backup = -1;

static void restore_target(void)
{
    if (fcntl(TARGET, F_GETFD) < 0)
        dup2(backup, TARGET);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);
    PRFileMap *fm;

    if (backup < 0) {
        backup = memfd_create("fuzz", MFD_CLOEXEC);
        ftruncate(backup, 4096);
        dup2(backup, TARGET);
    }
    memcpy(s, data, size);
    s[size] = '\0';
    fm = PR_ImportFileMapFromString(s);
    if (fm) {
        void *m = PR_MemMap(fm, 0, 4096);

        if (m)
            PR_MemUnmap(m, 4096);
        PR_CloseFileMap(fm);
    }
    restore_target();
    free(s);
    return 0;
}
