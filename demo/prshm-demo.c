/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm-demo -- what prshm does, shown step by step: an anonymous map on
 * the best backend, written, exported and imported again, then shared
 * read-only with a real child process that reads it and is refused when
 * it tries to write; then handed read-only to a client that finds the
 * demo by name over a channel, and revoked while the client holds it:
 * the client, which mapped it with PR_MEMMAP_SURVIVE, lives on and reads
 * zeros.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prshma.h"
#include "prproces.h"
#include "prshmsec.h"

static int fail(const char *what)
{
    PRErrorCode err = PR_GetError();
    char text[512];

    fflush(stdout); /* keep the order when both go to one pipe */
    fprintf(stderr, "prshm-demo: %s failed: %s (%s)\n", what,
            PR_ErrorToName(err), PR_ErrorToString(err, PR_LANGUAGE_EN));
    /* the error's own words, when it has some (PR_SetErrorText) */
    if (PR_GetErrorTextLength() > 0 &&
        PR_GetErrorTextLength() < (PRInt32)sizeof(text) && PR_GetErrorText(text) > 0)
        fprintf(stderr, "prshm-demo: %s\n", text);
    return 1;
}

/* Print the next step's number, then its text. */
static int step_number;
static PRBool shared_read_only; /* step "restricted" happened */

static void step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void step(const char *fmt, ...)
{
    va_list ap;

    printf("%d. ", ++step_number);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

/* The child: read the inherited read-only map, then try to write it. */
static int child(void)
{
    PRFileMap *fm = PR_GetInheritedFileMap("PRSHM_DEMO_MAP");
    char str[PR_FILEMAP_STRING_BUFSIZE];
    const char *m;
    void *w;
    int fd, rw;
    ssize_t wrote = -1, direct;

    if (!fm)
        return fail("child: PR_GetInheritedFileMap");
    m = PR_MemMap(fm, 0, 4096);
    if (!m)
        return fail("child: PR_MemMap");
    printf("   child %d: inherited PRSHM_DEMO_MAP=%s (its descriptor, and 0: "
           "read-only) and read \"%s\"\n", (int)getpid(), getenv("PRSHM_DEMO_MAP"), m);
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    fd = atoi(str);
    w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("   child: mapping its descriptor writable: %s\n",
           w == MAP_FAILED ? "refused by the kernel, as intended" : "ALLOWED (a bug)");
    direct = pwrite(fd, "x", 1, 0);
    printf("   child: write() through its descriptor: %s\n",
           direct < 0 ? "refused, as intended" : "ALLOWED (a bug)");
    snprintf(str, sizeof(str), "/proc/self/fd/%d", fd);
    rw = open(str, O_RDWR);
    if (rw >= 0) {
        wrote = pwrite(rw, "x", 1, 0);
        printf("   child: reopened it read-write through /proc; write() through "
               "that: %s\n", wrote < 0 ? "refused by the seal, as intended"
                                          : "ALLOWED (a bug)");
        close(rw);
    }
    return w == MAP_FAILED && direct < 0 && wrote < 0 ? 0 : 1;
}

/* The client: connect to the server by name (nothing inherited), receive
 * the map, read it, then wait for the server's word and read it again.
 * It maps the map so that it survives a revocation (PR_MEMMAP_SURVIVE):
 * without that, its next access would kill it with SIGBUS. */
static int client(const char *name)
{
    PRFileDesc *ch = PR_ConnectFileMapChannel(name, PR_SecondsToInterval(5));
    volatile const char *m;
    PRFileMapInfo info;
    PRFileMap *fm;
    char go;
    int i, zeros = 1;

    if (!ch)
        return fail("client: PR_ConnectFileMapChannel");
    fm = PR_ReceiveFileMap(ch, PR_SecondsToInterval(5));
    if (!fm || !(m = PR_MemMapEx(fm, 0, 4096, PR_MEMMAP_SURVIVE)))
        return fail("client: PR_ReceiveFileMap");
    PR_GetFileMapInfo(fm, &info);
    printf("   client %d: connected to \"%s\", received a %s map over the "
           "channel and reads \"%s\"\n", (int)getpid(), name,
           info.prot == PR_PROT_READONLY ? "read-only" : "read-write",
           (const char *)m);
    fflush(stdout);
    if (read(0, &go, 1) != 1)
        return 1;
    for (i = 0; i < 4096; i++)
        zeros = zeros && m[i] == 0;
    PR_GetFileMapInfo(fm, &info);
    printf("   client: still alive after the revocation; it now reads %s "
           "(%d fault absorbed: the page was swapped for a private zero "
           "page), and the map says size %lld, %s\n",
           zeros ? "only zeros" : "OLD BYTES (a bug)",
           (int)PR_GetMemMapFaults((void *)m), (long long)info.size,
           info.revoked ? "emptied" : "not emptied");
    PR_MemUnmap((void *)m, 4096);
    PR_CloseFileMap(fm);
    PR_Close(ch);
    return zeros && info.revoked ? 0 : 1;
}

/* Hand fm to a client that connects by name, check who it is, send it
 * read-only, then revoke fm while the client holds it. */
static int revoke_story(PRFileMap *fm, const char *self)
{
    char name[64];
    char *argv[] = {(char *)(size_t)self, "--client", name, NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *l, *ch, *r, *w;
    PRFileMapProtect prot;
    PRFileMapInfo info;
    PRProcess *proc;
    PRInt32 code = -1, pid = 0;
    PRUint32 uid = 0;
    int p[2];

    snprintf(name, sizeof(name), "prshm-demo-%d", (int)getpid());
    l = PR_ListenFileMapChannel(name);
    if (!l || pipe(p) != 0)
        return fail("PR_ListenFileMapChannel");
    r = PR_ImportFile(p[0]);
    w = PR_ImportFile(p[1]);
    /* the client inherits nothing but its standard input: it finds the
     * server by name, as any program of any user could */
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, r);
    fflush(stdout);
    proc = PR_CreateProcess(self, argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    PR_Close(r);
    if (!proc)
        return fail("PR_CreateProcess");
    /* the name is public: serve only a peer of this user (what the kernel
     * says of it, not what it says of itself), and turn others away */
    for (;;) {
        ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
        if (!ch || PR_GetFileMapChannelPeer(ch, &pid, &uid) != PR_SUCCESS)
            return fail("PR_AcceptFileMapChannel");
        if (uid == (PRUint32)getuid())
            break;
        printf("   server: turned away pid %d of uid %u (another user)\n",
               (int)pid, (unsigned)uid);
        PR_Close(ch);
    }
    /* read-only where the backend can enforce it, else read-write */
    prot = PR_PROT_READONLY;
    if (PR_SendFileMap(ch, fm, prot, pid) != PR_SUCCESS) {
        prot = PR_PROT_READWRITE;
        if (PR_SendFileMap(ch, fm, prot, pid) != PR_SUCCESS)
            return fail("PR_SendFileMap");
    }
#ifdef __linux__
    printf("   server: a client connected to \"%s\" (an abstract socket: a "
           "name with no file anywhere, listed as @prshm/%s in "
           "/proc/net/unix)", name, name);
#else
    printf("   server: a client connected to \"%s\" (a socket in a private "
           "directory)", name);
#endif
    printf("; the kernel says it is pid %d of uid %u, this demo's user; sent "
           "it the map %s, to that live process only\n", (int)pid, (unsigned)uid,
           prot == PR_PROT_READONLY ? "read-only"
                                    : "read-write (this backend cannot enforce "
                                      "read-only)");
    fflush(stdout);
    PR_Sleep(PR_MillisecondsToInterval(200));
    if (PR_RevokeFileMap(fm) != PR_SUCCESS)
        return fail("PR_RevokeFileMap");
    PR_GetFileMapInfo(fm, &info);
    step("revoked the map: size %lld, %lld bytes allocated, "
           "PR_MemMap now says %s\n", (long long)info.size,
           (long long)info.allocated,
           PR_MemMap(fm, 0, 4096) ? "ok (unexpected)"
                                  : PR_ErrorToName(PR_GetError()));
    fflush(stdout);
    PR_Write(w, "g", 1);
    PR_Close(w);
    PR_WaitProcess(proc, &code);
    PR_Close(ch);
    PR_Close(l);
    return code;
}

/* Share fm read-only with a child running this program. */
static int share_read_only(PRFileMap *fm, const char *self, const char *mine)
{
    char *argv[] = {(char *)(size_t)self, "--child", NULL};
    PRFileMap *ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    PRProcessAttr *attr;
    PRProcess *proc;
    PRInt32 code = -1;

    if (!ro) {
        step("read-only sharing: %s on the %s backend (it cannot be "
               "enforced there)\n", PR_ErrorToName(PR_GetError()),
               PR_GetAnonFileMapBackend());
        return 0;
    }
    shared_read_only = PR_TRUE;
    step("restricted the map to read-only (sealed by the kernel) and "
         "spawned a child with it:\n");
    attr = PR_NewProcessAttr();
    PR_ProcessAttrSetInheritableFileMap(attr, ro, "PRSHM_DEMO_MAP");
    fflush(stdout);
    proc = PR_CreateProcess(self, argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    if (!proc)
        return fail("PR_CreateProcess");
    PR_WaitProcess(proc, &code);
    step("child exited %d; the map still reads \"%s\"\n", (int)code, mine);
    PR_CloseFileMap(ro);
    return code;
}

/* This program's own file, to start it again as the child and the
 * client: argv[0] is only what the caller typed (a bare name found
 * through PATH, say), so ask the kernel (/proc/self/exe); elsewhere, or
 * without /proc, fall back to argv[0], which then must be a path. */
static const char *self_path(const char *argv0)
{
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

    if (n <= 0 || (size_t)n >= sizeof(path) - 1)
        return argv0;
    path[n] = '\0';
    return path;
}

int main(int argc, char **argv)
{
    char str[PR_FILEMAP_STRING_BUFSIZE];
    PRFileMap *fm, *imported;
    char *mine, *theirs;
    PRUint32 len = (PRUint32)PR_GetMemMapAlignment();

    setvbuf(stdout, NULL, _IOLBF, 0); /* in order with children and stderr */
    PR_Init(PR_USER_THREAD, PR_PRIORITY_NORMAL, 0);
    if (argc == 2 && strcmp(argv[1], "--child") == 0)
        return child();
    if (argc == 3 && strcmp(argv[1], "--client") == 0)
        return client(argv[2]);
    printf("prshm %s, implementing the NSPR %s API\n", PRSHM_VERSION,
           PR_GetVersion());
    if (!PR_GetAnonFileMapBackend())
        return fail("choosing a backend (PRSHM_BACKEND)");
    step("backend chosen for anonymous maps: %s\n", PR_GetAnonFileMapBackend());

    fm = PR_OpenAnonFileMapEx(NULL, len, PR_PROT_READWRITE, PR_ANONFM_REVOCABLE);
    if (!fm)
        return fail("PR_OpenAnonFileMapEx");
    mine = PR_MemMap(fm, 0, len);
    if (!mine)
        return fail("PR_MemMap");
    strcpy(mine, "hello from the creator");
    step("created a revocable %u-byte map and wrote \"%s\" into it\n",
           len, mine);

    if (PR_ExportFileMapAsString(fm, sizeof(str), str) != PR_SUCCESS)
        return fail("PR_ExportFileMapAsString");
    step("exported it as \"%s\": NSPR's format, <descriptor>:<protection> "
         "(1 read-write, 0 read-only); the descriptor is close-on-exec: %s\n", str,
           (fcntl(atoi(str), F_GETFD) & FD_CLOEXEC) ? "yes" : "no");

    imported = PR_ImportFileMapFromString(str);
    if (!imported)
        return fail("PR_ImportFileMapFromString");
    theirs = PR_MemMap(imported, 0, len);
    if (!theirs)
        return fail("PR_MemMap of the imported map");
    step("imported the string and read \"%s\" through a second mapping\n",
           theirs);
    strcpy(theirs, "and an answer through the import");
    step("wrote through the import; the creator now reads \"%s\"\n", mine);

    if (!PR_ImportFileMapFromString("7:1x"))
        step("a malformed string \"7:1x\" is refused: %s\n",
               PR_ErrorToName(PR_GetError()));

    PR_MemUnmap(theirs, len);
    PR_CloseFileMap(imported);
    strcpy(mine, "written before sharing read-only");
    if (PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW) == PR_SUCCESS)
        step("wrote \"%s\" and sealed the map against growing (no holder "
             "can make it larger, so its size is what every reader was told)\n",
             mine);
    else
        step("wrote \"%s\"; sealing: %s on this backend\n", mine,
               PR_ErrorToName(PR_GetError()));
    if (share_read_only(fm, self_path(argv[0]), mine) != 0)
        return 1;
    PR_MemUnmap(mine, len);
    step("started a server on a channel name and a client that "
           "inherits nothing:\n");
    if (revoke_story(fm, self_path(argv[0])) != 0)
        return 1;
    PR_CloseFileMap(fm);
    step("closed everything\n");
    printf("\nIn short: the map %s; each child got exactly the map it was "
           "given; %s; and after the revocation no process could read a byte "
           "of it, while the client that held it lived on reading zeros.\n",
           strcmp(PR_GetAnonFileMapBackend(), "tmpfile-named") == 0
               ? "had a random name for an instant (the forced tmpfile-named backend)"
               : "never had a name in any directory",
           shared_read_only ? "the kernel refused every write to the read-only share"
                            : "read-only sharing was refused where it cannot be enforced");
    return PR_Cleanup() == PR_SUCCESS ? 0 : 1;
}
