/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper.c -- the one child program the tests spawn.  argv[1] names a
 * mode; the exit status and standard output report what happened.
 *
 *   env NAME             print PR_GetEnv(NAME) ("(unset)" if NULL)
 *   log MODULE LEVEL MSG create MODULE, print its level, log MSG at LEVEL
 *   backend              print PR_GetAnonFileMapBackend() or the error name
 *   anon-open DIR DROP   PR_OpenAnonFileMap(DIR, 4096, read-write), after
 *                        dropping root to uid/gid 65534 when DROP is 1;
 *                        print "ok" or the NSPR error name
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <grp.h>
#include <unistd.h>

#define FORCE_PR_LOG 1
#include "nspr.h"
#include "prshma.h"
#include "prshmsec.h"

static void print_error(void)
{
    const char *name = PR_ErrorToName(PR_GetError());

    printf("%s\n", name ? name : "(no error)");
}

/* Drop supplementary groups before becoming nobody. */
static int setgroups_none(void)
{
    return setgroups(0, NULL);
}

static int mode_backend(int argc, char **argv)
{
    const char *name = PR_GetAnonFileMapBackend();

    (void)argv;
    if (argc != 2)
        return 2;
    if (name)
        printf("%s\n", name);
    else
        print_error();
    return 0;
}

static int mode_anon_open(int argc, char **argv)
{
    PRFileMap *fm;

    if (argc != 4)
        return 2;
    if (strcmp(argv[3], "1") == 0 && getuid() == 0 &&
        (setgroups_none() != 0 || setgid(65534) != 0 || setuid(65534) != 0))
        return 3;
    fm = PR_OpenAnonFileMap(argv[2], 4096, PR_PROT_READWRITE);
    if (fm) {
        printf("ok\n");
        PR_CloseFileMap(fm);
    } else {
        print_error();
    }
    return 0;
}

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
    if (strcmp(argv[1], "backend") == 0)
        return mode_backend(argc, argv);
    if (strcmp(argv[1], "anon-open") == 0)
        return mode_anon_open(argc, argv);
    fprintf(stderr, "helper: unknown mode %s\n", argv[1]);
    return 2;
}
