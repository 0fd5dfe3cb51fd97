/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * nspr-peer.c -- a program linked with the real NSPR 4.35 (Debian's
 * libnspr4), never with prshm, for the interoperability tests.
 *
 *   import VAR          import the string in $VAR with NSPR, check the map
 *                       reads "parent wrote", write "child wrote"
 *   export-spawn PROG   create a map with NSPR, write "parent wrote",
 *                       export it, put it in $PRSHM_NSPR_MAP, run
 *                       "PROG map-env PRSHM_NSPR_MAP" with NSPR's
 *                       PR_CreateProcess and check it wrote "child wrote"
 * Exit 0 on success, 10+ at the step that failed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nspr.h>
#include <prshma.h>

/* NSPR 4.35's PR_ImportFileMapFromString makes a PRFileDesc that its
 * PR_CloseFileMap never frees (the imported descriptor is never closed):
 * NSPR's leak, not prshm's, in a peer that is not under test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}

static int mode_import(const char *var)
{
    const char *s = getenv(var);
    PRFileMap *fm;
    char *m;

    if (!s)
        return 10;
    fm = PR_ImportFileMapFromString(s);
    if (!fm)
        return 11;
    m = PR_MemMap(fm, 0, 4096);
    if (!m)
        return 12;
    if (strcmp(m, "parent wrote") != 0)
        return 13;
    strcpy(m, "child wrote");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return 0;
}

static int mode_export_spawn(char *prog)
{
    static char entry[PR_FILEMAP_STRING_BUFSIZE + 32];
    char str[PR_FILEMAP_STRING_BUFSIZE];
    char *argv[] = {prog, "map-env", "PRSHM_NSPR_MAP", NULL};
    PRFileMap *fm = PR_OpenAnonFileMap("/tmp", 4096, PR_PROT_READWRITE);
    PRProcess *p;
    PRInt32 code = -1;
    char *m;

    if (!fm)
        return 10;
    m = PR_MemMap(fm, 0, 4096);
    if (!m)
        return 11;
    strcpy(m, "parent wrote");
    if (PR_ExportFileMapAsString(fm, sizeof(str), str) != PR_SUCCESS)
        return 12;
    snprintf(entry, sizeof(entry), "PRSHM_NSPR_MAP=%s", str);
    if (PR_SetEnv(entry) != PR_SUCCESS)
        return 13;
    p = PR_CreateProcess(prog, argv, NULL, NULL);
    if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS)
        return 14;
    if (code != 0) {
        fprintf(stderr, "nspr-peer: prshm child exited %d\n", (int)code);
        return 15;
    }
    if (strcmp(m, "child wrote") != 0)
        return 16;
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return 0;
}

/* PR_VersionCheck on each argument: one 0 or 1 per line. */
static int mode_vercheck(int argc, char **argv)
{
    int i;

    for (i = 2; i < argc; i++)
        printf("%d\n", PR_VersionCheck(argv[i]) ? 1 : 0);
    return 0;
}

/* PR_snprintf of fixed values, one case per line (pr/tests/fidelity.h). */
static int mode_format(void)
{
    char buf[256];

#define FIDELITY_CASE(fmt, ...)                        \
    PR_snprintf(buf, sizeof(buf), fmt, __VA_ARGS__); \
    printf("%s\n", buf);
#include "fidelity.h"
#undef FIDELITY_CASE
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 2;

    if (argc >= 2 && strcmp(argv[1], "vercheck") == 0)
        return mode_vercheck(argc, argv);
    if (argc == 2 && strcmp(argv[1], "format") == 0)
        return mode_format();

    if (argc == 3 && strcmp(argv[1], "import") == 0)
        rc = mode_import(argv[2]);
    else if (argc == 3 && strcmp(argv[1], "export-spawn") == 0)
        rc = mode_export_spawn(argv[2]);
    PR_Cleanup();
    return rc;
}
