/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * handles.c -- give a map to a process you did not hand anything to: a
 * server listens on a name, a client connects, the server checks who it
 * is and sends the map read-only to that process only.  Here the server
 * starts the client itself for brevity, but the client inherits nothing;
 * any program could connect the same way.
 *
 *   cc -o handles handles.c $(pkg-config --cflags --libs prshm)
 *   ./handles
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nspr.h"
#include "prshmsec.h"

#define SIZE 4096

static int client(const char *name)
{
    PRFileDesc *ch = PR_ConnectFileMapChannel(name, PR_SecondsToInterval(5));
    PRFileMap *fm = ch ? PR_ReceiveFileMap(ch, PR_SecondsToInterval(5)) : NULL;
    const char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;

    if (!m) {
        fprintf(stderr, "client: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    printf("client received: %s\n", m);
    PR_CloseFileMap(fm);
    PR_Close(ch);
    return 0;
}

int main(int argc, char **argv)
{
    char name[64];
    char *client_argv[] = {argv[0], "client", name, NULL};
    PRFileDesc *listener, *ch;
    PRProcess *proc;
    PRFileMap *fm;
    PRInt32 pid = 0, code = -1;
    PRUint32 uid = 0;
    char *m;

    if (argc == 3 && strcmp(argv[1], "client") == 0)
        return client(argv[2]);
    PR_snprintf(name, sizeof(name), "example-%d", (int)getpid());
    listener = PR_ListenFileMapChannel(name);
    fm = PR_OpenAnonFileMap(NULL, SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!listener || !m) {
        fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    strcpy(m, "for your eyes only");
    proc = PR_CreateProcess(argv[0], client_argv, NULL, NULL);
    ch = proc ? PR_AcceptFileMapChannel(listener, PR_SecondsToInterval(10)) : NULL;
    if (!ch || PR_GetFileMapChannelPeer(ch, &pid, &uid) != PR_SUCCESS) {
        fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    printf("server: pid %d (uid %u) connected to \"%s\"\n", (int)pid, (unsigned)uid, name);
    fflush(stdout);
    /* read-only where the backend can enforce it; only to that pid */
    if (PR_SendFileMap(ch, fm, PR_PROT_READONLY, pid) != PR_SUCCESS &&
        PR_SendFileMap(ch, fm, PR_PROT_READWRITE, pid) != PR_SUCCESS) {
        fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    if (PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0)
        return 1;
    PR_Close(ch);
    PR_Close(listener);
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return 0;
}
