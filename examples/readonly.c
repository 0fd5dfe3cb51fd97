/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * readonly.c -- share a map read-only, enforced by the kernel: the child
 * gets a descriptor from PR_RestrictFileMap, reads, and cannot write by
 * any means (here: a writable mapping of its descriptor).
 *
 *   cc -o readonly readonly.c $(pkg-config --cflags --libs prshm)
 *   ./readonly
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "nspr.h"
#include "prshmsec.h"

#define SIZE 4096
/* This program's own file, to start it again: the kernel's name for it
 * where there is /proc (argv[0] is only what the caller typed, maybe a
 * bare name found through PATH), else argv[0]. */
#define SELF(argv0) (access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : (argv0))

static int child(void)
{
    PRFileMap *fm = PR_GetInheritedFileMap("EXAMPLE_MAP");
    const char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    char str[PR_FILEMAP_STRING_BUFSIZE];
    void *w;

    if (!m || PR_ExportFileMapAsString(fm, sizeof(str), str) != PR_SUCCESS)
        return 1;
    printf("child read: %s\n", m);
    /* the raw descriptor, mapped writable: the kernel refuses */
    w = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, atoi(str), 0);
    printf("child: a writable mapping is %s\n",
           w == MAP_FAILED ? "refused, as intended" : "ALLOWED (a bug)");
    return w == MAP_FAILED ? 0 : 1;
}

int main(int argc, char **argv)
{
    char *child_argv[] = {argv[0], "child", NULL};
    PRFileMap *fm, *ro;
    PRProcessAttr *attr;
    PRProcess *proc;
    PRInt32 code = -1;
    char *m;

    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return child();
    fm = PR_OpenAnonFileMap(NULL, SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!m)
        return 1;
    strcpy(m, "look, do not touch");
    ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    if (!ro) {
        /* the tmpfile backend cannot enforce it, and says so */
        printf("read-only sharing on the %s backend: %s\n",
               PR_GetAnonFileMapBackend(), PR_ErrorToName(PR_GetError()));
        return PR_GetError() == PR_OPERATION_NOT_SUPPORTED_ERROR ? 0 : 1;
    }
    attr = PR_NewProcessAttr();
    PR_ProcessAttrSetInheritableFileMap(attr, ro, "EXAMPLE_MAP");
    fflush(stdout);
    proc = PR_CreateProcess(SELF(argv[0]), child_argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    if (!proc || PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0)
        return 1;
    printf("parent: the map still reads \"%s\"\n", m);
    PR_CloseFileMap(ro);
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}
