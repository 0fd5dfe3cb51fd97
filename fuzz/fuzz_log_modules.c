/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_log_modules.c -- libFuzzer harness for the NSPR_LOG_MODULES parser
 * (prlog.c), then module creation against what it parsed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "prrt.h"
#include "prlog.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);

    memcpy(s, data, size);
    s[size] = '\0';
    pr_log_parse_modules(s);
    free(s);
    return 0;
}
