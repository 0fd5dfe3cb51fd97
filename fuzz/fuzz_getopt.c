/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_getopt.c -- libFuzzer harness for plgetopt: the first line is the
 * option string, every further line one argv word.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plgetopt.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1), *argv[64], *p;
    const char *options;
    int argc = 0, n = 0;
    PLOptState *opt;

    memcpy(s, data, size);
    s[size] = '\0';
    options = s;
    p = strchr(s, '\n');
    if (p) {
        *p++ = '\0';
        while (p && argc < 63) {
            argv[argc++] = p;
            p = strchr(p, '\n');
            if (p)
                *p++ = '\0';
        }
    }
    argv[argc] = NULL;
    opt = PL_CreateOptState(argc, argv, options);
    while (opt && PL_GetNextOpt(opt) != PL_OPT_EOL && n++ < 1000) {
        if (opt->value)
            (void)strlen(opt->value);
    }
    PL_DestroyOptState(opt);
    free(s);
    return 0;
}
