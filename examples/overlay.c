/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * overlay.c -- a real NSPR program (it uses NSPR's locks, which libprshm
 * does not have) that gets prshm's shared memory from the overlay,
 * libprshm-nspr: protocol 1 works, and the map has no name anywhere.
 *
 *   cc -o overlay overlay.c $(pkg-config --cflags --libs prshm-nspr)
 *   ./overlay
 * or, for an NSPR program built without prshm:
 *   LD_PRELOAD=libprshm-nspr.so.0 ./program
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nspr.h>
#include <prshmsec.h>

#define SIZE 4096
/* This program's own file, to start it again: the kernel's name for it
 * where there is /proc (argv[0] is only what the caller typed, maybe a
 * bare name found through PATH), else argv[0]. */
#define SELF(argv0) (access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : (argv0))

static int child(void)
{
    PRFileMap *fm = PR_GetInheritedFileMap("EXAMPLE_MAP");
    char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;

    if (!m)
        return 1;
    printf("child read: %s\n", m);
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}

int main(int argc, char **argv)
{
    char *child_argv[] = {argv[0], "child", NULL};
    PRLock *lock;
    PRProcessAttr *attr;
    PRProcess *proc;
    PRFileMap *fm;
    PRInt32 code = -1;
    char *m;

    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return child();
    lock = PR_NewLock(); /* NSPR's own: libnspr4 is underneath */
    printf("runtime: %s, prshm %s, backend %s\n", PR_GetPrshmRuntime(),
           PR_GetPrshmVersion(), PR_GetAnonFileMapBackend());
    fm = PR_OpenAnonFileMap("/tmp", SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!lock || !m)
        return 1;
    PR_Lock(lock);
    strcpy(m, "written under an NSPR lock");
    PR_Unlock(lock);
    fflush(stdout); /* before the child writes to the same output */
    attr = PR_NewProcessAttr();
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "EXAMPLE_MAP");
    proc = PR_CreateProcess(SELF(argv[0]), child_argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    if (!proc || PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0)
        return 1;
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    PR_DestroyLock(lock);
    return strcmp(PR_GetPrshmRuntime(), "nspr") != 0;
}
