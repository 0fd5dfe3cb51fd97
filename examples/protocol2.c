/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * protocol2.c -- NSPR's second protocol: export the map as a string, put
 * it in the child's environment, start the child with PR_CreateProcess;
 * the child imports the string.  prshm hands the descriptor to that
 * child only (NSPR 4.35 leaks it into every child).
 *
 *   cc -o protocol2 protocol2.c $(pkg-config --cflags --libs prshm)
 *   ./protocol2
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nspr.h"

#define SIZE 4096
/* This program's own file, to start it again: the kernel's name for it
 * where there is /proc (argv[0] is only what the caller typed, maybe a
 * bare name found through PATH), else argv[0]. */
#define SELF(argv0) (access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : (argv0))

static int child(void)
{
    const char *s = PR_GetEnv("EXAMPLE_MAP");
    PRFileMap *fm = s ? PR_ImportFileMapFromString(s) : NULL;
    char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;

    if (!m) {
        fprintf(stderr, "child: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    printf("child imported \"%s\" and read: %s\n", s, m);
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}

int main(int argc, char **argv)
{
    char *child_argv[] = {argv[0], "child", NULL};
    char str[PR_FILEMAP_STRING_BUFSIZE], var[64];
    char *child_env[] = {var, NULL};
    PRProcess *proc;
    PRFileMap *fm;
    PRInt32 code = -1;
    char *m;

    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return child();
    fm = PR_OpenAnonFileMap(NULL, SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!m || PR_ExportFileMapAsString(fm, sizeof(str), str) != PR_SUCCESS) {
        fprintf(stderr, "map: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    strcpy(m, "hello through the environment");
    PR_snprintf(var, sizeof(var), "EXAMPLE_MAP=%s", str);
    proc = PR_CreateProcess(SELF(argv[0]), child_argv, child_env, NULL);
    if (!proc || PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0) {
        fprintf(stderr, "child failed (%d)\n", (int)code);
        return 1;
    }
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}
