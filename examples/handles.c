/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * handles.c -- give a map to a process you did not hand anything to: a
 * server listens on a name, a client connects, the server checks who it
 * is and sends the map read-only to that process only.
 *
 * The name is public: anyone may connect first.  So the server checks
 * what the kernel says of each peer and serves only one that passes --
 * here, a process of the same user (the uid); a process of another user
 * is turned away and the server waits for the next.  The peer's own pid,
 * read back from the channel, proves nothing by itself: pass as peerPid a
 * pid you learned some other way.  For a child you start yourself, hand
 * it one end of PR_NewFileMapChannel instead: no name at all.
 *
 *   cc -o handles handles.c $(pkg-config --cflags --libs prshm)
 *   ./handles                  server and client in one run
 *   ./handles serve NAME       only the server, on NAME
 *   ./handles client NAME      only a client of NAME
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nspr.h"
#include "prshmsec.h"

#define SIZE 4096
/* This program's own file, to start it again: the kernel's name for it
 * where there is /proc (argv[0] is only what the caller typed, maybe a
 * bare name found through PATH), else argv[0]. */
#define SELF(argv0) (access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : (argv0))

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

/* Wait for a peer of this user on listener (10 s) and send it the map,
 * read-only where the backend can enforce it; 0 when one was served. */
static int serve(PRFileDesc *listener, PRFileMap *fm)
{
    PRIntervalTime start = PR_IntervalNow();

    while (PR_IntervalNow() - start < PR_SecondsToInterval(10)) {
        PRFileDesc *ch = PR_AcceptFileMapChannel(listener, PR_SecondsToInterval(10));
        PRInt32 pid = 0;
        PRUint32 uid = 0;

        if (!ch || PR_GetFileMapChannelPeer(ch, &pid, &uid) != PR_SUCCESS) {
            fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
            return 1;
        }
        if (uid != (PRUint32)getuid()) {
            printf("server: turned away pid %d of uid %u\n", (int)pid, (unsigned)uid);
            fflush(stdout);
            PR_Close(ch);
            continue;
        }
        printf("server: pid %d of uid %u connected\n", (int)pid, (unsigned)uid);
        fflush(stdout);
        /* pid: the process the kernel saw connect, and still alive */
        if (PR_SendFileMap(ch, fm, PR_PROT_READONLY, pid) != PR_SUCCESS &&
            PR_SendFileMap(ch, fm, PR_PROT_READWRITE, pid) != PR_SUCCESS) {
            fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
            PR_Close(ch);
            return 1;
        }
        PR_Close(ch);
        return 0;
    }
    fprintf(stderr, "server: no client of this user came\n");
    return 1;
}

int main(int argc, char **argv)
{
    char name[64];
    char *client_argv[] = {argv[0], "client", name, NULL};
    PRFileDesc *listener;
    PRProcess *proc = NULL;
    PRFileMap *fm;
    PRInt32 code = -1;
    char *m;
    int rc;

    if (argc == 3 && strcmp(argv[1], "client") == 0)
        return client(argv[2]);
    if (argc == 3 && strcmp(argv[1], "serve") == 0)
        PR_snprintf(name, sizeof(name), "%s", argv[2]);
    else
        PR_snprintf(name, sizeof(name), "example-%d", (int)getpid());
    listener = PR_ListenFileMapChannel(name);
    fm = PR_OpenAnonFileMap(NULL, SIZE, PR_PROT_READWRITE);
    m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;
    if (!listener || !m) {
        fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    strcpy(m, "for your eyes only");
    printf("server: listening on \"%s\"\n", name);
    fflush(stdout);
    if (argc == 1) {
        proc = PR_CreateProcess(SELF(argv[0]), client_argv, NULL, NULL);
        if (!proc) {
            fprintf(stderr, "server: %s\n", PR_ErrorToName(PR_GetError()));
            return 1;
        }
    }
    rc = serve(listener, fm);
    if (proc && (PR_WaitProcess(proc, &code) != PR_SUCCESS || code != 0))
        rc = 1;
    PR_Close(listener);
    PR_MemUnmap(m, SIZE);
    PR_CloseFileMap(fm);
    return rc;
}
