/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper.c -- the one child program the tests spawn.  argv[1] names a
 * mode; the exit status and standard output report what happened.
 *
 *   env NAME             print PR_GetEnv(NAME) ("(unset)" if NULL)
 *   log MODULE LEVEL MSG create MODULE, print its level, log MSG at LEVEL
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORCE_PR_LOG 1
#include "nspr.h"

static int mode_env(int argc, char **argv)
{
    const char *v;

    if (argc != 3)
        return 2;
    v = PR_GetEnv(argv[2]);
    printf("%s\n", v ? v : "(unset)");
    return 0;
}

static int mode_log(int argc, char **argv)
{
    PRLogModuleInfo *m;

    if (argc != 5)
        return 2;
    m = PR_NewLogModule(argv[2]);
    if (!m)
        return 3;
    printf("level %d\n", (int)m->level);
    PR_LOG(m, (PRLogModuleLevel)atoi(argv[3]), ("%s", argv[4]));
    PR_LogFlush();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (strcmp(argv[1], "env") == 0)
        return mode_env(argc, argv);
    if (strcmp(argv[1], "log") == 0)
        return mode_log(argc, argv);
    fprintf(stderr, "helper: unknown mode %s\n", argv[1]);
    return 2;
}
