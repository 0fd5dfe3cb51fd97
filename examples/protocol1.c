/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * protocol1.c -- hand a map to one child with NSPR's first protocol:
 * PR_ProcessAttrSetInheritableFileMap in the parent, PR_GetInheritedFileMap
 * in the child.  Only that child receives the descriptor.
 *
 *   cc -o protocol1 protocol1.c $(pkg-config --cflags --libs prshm)
 *   ./protocol1
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
    PRFileMap *fm = PR_GetInheritedFileMap("EXAMPLE_MAP");
    char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;

    if (!m) {
        fprintf(stderr, "child: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    printf("child read: %s\n", m);
    strcpy(m, "the child's answer");
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}

int main(int argc, char **argv)
{
    char *child_argv[] = {argv[0], "child", NULL};
    PRProcessAttr *attr;
    PRProcess *proc;
    PRFileMap *fm;
    PRInt32 code = -1;
    char *m;

    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return child();
    fm = PR_OpenAnonFileMap(NULL, SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!m) {
        fprintf(stderr, "map: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    strcpy(m, "hello from the parent");
    attr = PR_NewProcessAttr();
    if (!attr || PR_ProcessAttrSetInheritableFileMap(attr, fm, "EXAMPLE_MAP") != PR_SUCCESS) {
        fprintf(stderr, "attr: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    fflush(stdout);
    proc = PR_CreateProcess(SELF(argv[0]), child_argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    if (!proc || PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0) {
        fprintf(stderr, "child failed (%d)\n", (int)code);
        return 1;
    }
    printf("parent read back: %s\n", m);
    code = strcmp(m, "the child's answer") != 0;
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return code;
}
