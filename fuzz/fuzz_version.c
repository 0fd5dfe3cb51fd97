/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_version.c -- libFuzzer harness for PR_VersionCheck.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "prinit.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);

    memcpy(s, data, size);
    s[size] = '\0';
    (void)PR_VersionCheck(s);
    free(s);
    return 0;
}
