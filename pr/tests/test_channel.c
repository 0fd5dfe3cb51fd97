/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_channel.c -- handing a map to another process over a channel
 * (prshmsec.h, docs/handles.md), with real processes: a child given one
 * end, an unrelated client meeting its server by name, another uid
 * connecting first or squatting the name, a read-only receiver trying
 * every write path, revocation reaching a receiver, a hostile sender
 * packing junk, 10,000 cycles, windows, stream sockets, and bad input.
 * Run once per backend (channel-*.sh).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prshmsec.h"
#include "runner.h"

extern char **environ;

static const char *helper;
static char tag[48];      /* unique to this run, in every channel name */
static PRBool ro_ok;      /* the backend can share read-only */
static PRInt32 page;

static int setup(void)
{
    const char *b = PR_GetAnonFileMapBackend();

    helper = getenv("PRSHM_TEST_HELPER");
    snprintf(tag, sizeof(tag), "prshm-test-%d", (int)getpid());
    ro_ok = b && strncmp(b, "tmpfile", 7) != 0;
    page = PR_GetMemMapAlignment();
    return helper ? 0 : -1;
}

static const char *name_of(const char *what, char *buf, size_t len)
{
    snprintf(buf, len, "%s-%s", tag, what);
    return buf;
}

/* A map of pages pages, read-write, with text at the start of each page
 * ("<text> <page number>"), mapped at *m. */
static PRFileMap *new_map(PRUint32 flags, int pages, const char *text, char **m)
{
    PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, (PRSize)page * pages,
                                         PR_PROT_READWRITE, flags);
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    *m = PR_MemMap(fm, 0, (PRUint32)(page * pages));
    CU_ASSERT_PTR_NOT_NULL_FATAL(*m);
    for (i = 0; i < pages; i++)
        snprintf(*m + (size_t)i * (size_t)page, 64, i ? "%s %d" : "%s", text, i);
    return fm;
}

/* Start the helper with args (argv[1] on); it inherits ch as "CH" when
 * ch is not NULL.  Its standard output comes back in *out_fd. */
static PRProcess *start(const char *const *args, PRFileDesc *ch, int *out_fd)
{
    char *argv[40];
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *w;
    PRProcess *p;
    int pp[2], i;

    argv[0] = (char *)(size_t)helper;
    for (i = 0; args[i] && i < 38; i++)
        argv[i + 1] = (char *)(size_t)args[i];
    argv[i + 1] = NULL;
    CU_ASSERT_EQUAL_FATAL(pipe2(pp, O_CLOEXEC), 0);
    w = PR_ImportFile(pp[1]);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    if (ch)
        CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFD(attr, ch, "CH"), PR_SUCCESS);
    p = PR_CreateProcess(helper, argv, NULL, attr);
    PR_Close(w);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    *out_fd = pp[0];
    return p;
}

/* One line of a child's output, without its newline. */
static void read_line(int fd, char *buf, size_t len)
{
    size_t n = 0;

    while (n + 1 < len && read(fd, buf + n, 1) == 1 && buf[n] != '\n')
        n++;
    buf[n] = '\0';
}

static void finish(PRProcess *p)
{
    PRInt32 code = -1;

    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
}

/* Whether the attack report has the line "<attempt> ALLOWED". */
static PRBool allowed(const char *report, const char *attempt)
{
    char line[96];

    snprintf(line, sizeof(line), "%s ALLOWED\n", attempt);
    return strstr(report, line) != NULL;
}

/* ---- in one process ----------------------------------------------------------- */

static void test_pair_carries_a_map_and_reports_its_maker_as_peer(void)
{
    int before = pt_count_fds();
    PRFileDesc *ends[2];
    PRFileMap *fm, *got;
    PRFileMapInfo info;
    PRInt32 pid = 0;
    PRUint32 uid = 1;
    char *m, *r;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = pt_parent_map(&m);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0), PR_SUCCESS);
    got = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    r = PR_MemMap(got, 0, 4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r, "parent wrote");
    strcpy(r, "receiver wrote");
    CU_ASSERT_STRING_EQUAL(m, "receiver wrote"); /* one object */
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(got, &info), PR_SUCCESS);
    CU_ASSERT_STRING_EQUAL(info.backend, "received");
    CU_ASSERT_EQUAL(info.prot, PR_PROT_READWRITE);
    CU_ASSERT(!info.creator && !info.revocable);
    CU_ASSERT(info.windowOffset == 0 && info.windowLength == 4096);
    /* a pair's peer is the process that made it: this one, both ends */
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(ends[1], &pid, &uid), PR_SUCCESS);
    CU_ASSERT_EQUAL(pid, (PRInt32)getpid());
    CU_ASSERT_EQUAL(uid, (PRUint32)geteuid());
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, getpid() + 1),
                    PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_MemUnmap(r, 4096);
    PR_CloseFileMap(got);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    PR_Close(ends[0]);
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

/* ---- a child given one end -------------------------------------------------- */

static void child_receives(PRFileMapProtect prot)
{
    const char *args[] = {"ch-recv", "CH", "0", "read", NULL};
    PRFileDesc *ends[2];
    char *m, out[512], want[128];
    PRFileMap *fm;
    PRProcess *p;
    int fd;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = pt_parent_map(&m);
    p = start(args, ends[1], &fd);
    PR_Close(ends[1]);
    if (prot != PR_PROT_READWRITE && !ro_ok) {
        CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, prot, 0), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        PR_Close(ends[0]); /* the child sees the end of the channel */
        pt_read_to_end(fd, out, sizeof(out));
        CU_ASSERT_STRING_EQUAL(out, "PR_END_OF_FILE_ERROR\n");
    } else {
        CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, prot, 0), PR_SUCCESS);
        pt_read_to_end(fd, out, sizeof(out));
        snprintf(want, sizeof(want), "got parent wrote\ninfo received %d 4096 0 4096 0\n",
                 (int)prot);
        CU_ASSERT_STRING_EQUAL(out, want);
        CU_ASSERT_STRING_EQUAL(m, prot == PR_PROT_READWRITE ? "child wrote"
                                                            : "parent wrote");
        PR_Close(ends[0]);
    }
    finish(p);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_child_receives_read_write_through_its_end(void)
{
    child_receives(PR_PROT_READWRITE);
}

static void test_child_receives_read_only_through_its_end(void)
{
    child_receives(PR_PROT_READONLY);
}

/* ---- unrelated processes, by name -------------------------------------------- */

/* Whether /proc/net/unix lists the abstract name "@prshm/NAME". */
static PRBool abstract_listed(const char *name)
{
    char line[512], want[128];
    FILE *f = fopen("/proc/net/unix", "r");
    PRBool found = PR_FALSE;

    if (!f)
        return PR_FALSE;
    snprintf(want, sizeof(want), " @prshm/%s\n", name);
    while (fgets(line, sizeof(line), f))
        if (strlen(line) >= strlen(want) &&
            strcmp(line + strlen(line) - strlen(want), want) == 0)
            found = PR_TRUE;
    fclose(f);
    return found;
}

static void test_unrelated_processes_meet_by_name(void)
{
    char name[96], line[64], out[256], want[128], path[128];
    const char *args[] = {"ch-connect", name, "0", NULL};
    PRFileDesc *l, *ch;
    PRInt32 pid = 0;
    PRUint32 uid = 1;
    struct stat st;
    PRFileMap *fm;
    PRProcess *p;
    char *m;
    int fd, child;

    name_of("meet", name, sizeof(name));
    l = PR_ListenFileMapChannel(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
#ifdef __linux__
    /* the abstract namespace: listed by the kernel, no file anywhere */
    CU_ASSERT(abstract_listed(name));
    snprintf(path, sizeof(path), "/tmp/prshm-%lu/%s", (unsigned long)geteuid(), name);
    CU_ASSERT_NOT_EQUAL(lstat(path, &st), 0);
#else
    (void)path;
    (void)st;
#endif
    p = start(args, NULL, &fd);
    read_line(fd, line, sizeof(line));
    CU_ASSERT_EQUAL(sscanf(line, "pid %d", &child), 1);
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(ch, &pid, &uid), PR_SUCCESS);
    CU_ASSERT_EQUAL(pid, child);
    CU_ASSERT_EQUAL(uid, (PRUint32)geteuid());
    fm = pt_parent_map(&m);
    CU_ASSERT_EQUAL(PR_SendFileMap(ch, fm, ro_ok ? PR_PROT_READONLY : PR_PROT_READWRITE,
                                   child), PR_SUCCESS);
    pt_read_to_end(fd, out, sizeof(out));
    snprintf(want, sizeof(want), "peer-uid %u\nreceived parent wrote\n",
             (unsigned)geteuid());
    CU_ASSERT_STRING_EQUAL(out, want);
    finish(p);
    PR_Close(ch);
    PR_Close(l);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* Another user connects before the client the server expects: the
 * server's peerPid refuses it, and the real client is served after. */
static void test_another_uid_connecting_first_gets_nothing(void)
{
    char name[96], line[64], out[256];
    const char *evil_args[] = {"ch-connect", name, "1", NULL};
    const char *good_args[] = {"ch-connect", name, "0", NULL};
    PRFileDesc *l, *ch;
    PRProcess *evil, *good;
    PRUint32 uid = 0;
    PRInt32 pid = 0;
    PRFileMap *fm;
    int evil_fd, good_fd, good_pid, evil_pid;
    char *m;

    if (getuid() != 0) {
        pt_skip("needs root to act as uid 65534");
        return;
    }
    name_of("first", name, sizeof(name));
    l = PR_ListenFileMapChannel(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    evil = start(evil_args, NULL, &evil_fd);
    read_line(evil_fd, line, sizeof(line));
    CU_ASSERT_EQUAL(sscanf(line, "pid %d", &evil_pid), 1);
    read_line(evil_fd, line, sizeof(line)); /* connected */
    CU_ASSERT_STRING_EQUAL(line, "peer-uid 0");
    good = start(good_args, NULL, &good_fd);
    read_line(good_fd, line, sizeof(line));
    CU_ASSERT_EQUAL(sscanf(line, "pid %d", &good_pid), 1);
    fm = pt_parent_map(&m);
    /* the first connection is the intruder's */
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(ch, &pid, &uid), PR_SUCCESS);
    CU_ASSERT_EQUAL(uid, 65534U);
    CU_ASSERT_EQUAL(pid, evil_pid);
    CU_ASSERT_EQUAL(PR_SendFileMap(ch, fm, PR_PROT_READWRITE, good_pid), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_Close(ch);
    pt_read_to_end(evil_fd, out, sizeof(out));
    CU_ASSERT_STRING_EQUAL(out, "PR_END_OF_FILE_ERROR\n"); /* nothing came */
    finish(evil);
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    CU_ASSERT_EQUAL(PR_SendFileMap(ch, fm, PR_PROT_READWRITE, good_pid), PR_SUCCESS);
    pt_read_to_end(good_fd, out, sizeof(out));
    CU_ASSERT_STRING_EQUAL(out, "peer-uid 0\nreceived parent wrote\n");
    finish(good);
    PR_Close(ch);
    PR_Close(l);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* Another user takes the name first: the real server cannot listen, and
 * a client that checks its peer sees the intruder's uid. */
/* G4: the peer check names a process, not a number.  The process that
 * connected hands its channel on and exits; its pid -- the one the server
 * was told, and which the kernel goes on reporting -- may now belong to
 * anyone.  Nothing is sent to a peer that has exited. */
static void test_peer_that_exited_is_never_served_by_its_pid(void)
{
    char name[96], line[64], out[256];
    const char *args[] = {"ch-handoff", name, NULL};
    PRFileDesc *l, *ch;
    PRProcess *p;
    PRInt32 pid = 0, code = -1;
    PRFileMap *fm;
    int ofd, gone_pid = 0;
    char *m;

    name_of("handoff", name, sizeof(name));
    l = PR_ListenFileMapChannel(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    p = start(args, NULL, &ofd);
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    read_line(ofd, line, sizeof(line));
    CU_ASSERT_EQUAL(sscanf(line, "pid %d", &gone_pid), 1);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS); /* exited, reaped */
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(ch, &pid, NULL), PR_SUCCESS);
    CU_ASSERT_EQUAL(pid, gone_pid); /* the kernel still reports the number */
    fm = pt_parent_map(&m);
    CU_ASSERT_EQUAL(PR_SendFileMap(ch, fm, PR_PROT_READONLY, gone_pid), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMap(ch, fm, PR_PROT_READWRITE, gone_pid), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_Close(ch);
    pt_read_to_end(ofd, out, sizeof(out));
    CU_ASSERT_PTR_NULL(strstr(out, "received"));
    CU_ASSERT_STRING_EQUAL(out, "PR_END_OF_FILE_ERROR\n");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    PR_Close(l);
}

/* G7: a broker passes on, read-only, a map it received read-only, from a
 * sender whose map is revocable and from one whose map is not; the
 * revocable one stays revocable. */
static void test_broker_passes_a_read_only_map_on(void)
{
    PRFileDesc *a[2], *b[2];
    int revocable;

    if (strncmp(PR_GetAnonFileMapBackend(), "tmpfile", 7) == 0) {
        pt_skip("this backend cannot share read-only");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(a), PR_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(b), PR_SUCCESS);
    for (revocable = 0; revocable < 2; revocable++) {
        char *m;
        PRFileMap *fm = new_map(revocable ? PR_ANONFM_REVOCABLE : 0, 1, "passed on", &m);
        PRFileMap *got, *ro, *last;
        PRFileMapInfo info;
        const char *r;

        CU_ASSERT_EQUAL(PR_SendFileMap(a[0], fm, PR_PROT_READONLY, 0), PR_SUCCESS);
        got = PR_ReceiveFileMap(a[1], PR_SecondsToInterval(5));
        CU_ASSERT_PTR_NOT_NULL_FATAL(got);
        ro = PR_RestrictFileMap(got, PR_PROT_READONLY);
        CU_ASSERT_PTR_NOT_NULL(ro);
        if (!ro)
            printf("[restrict: %s] ", PR_ErrorToName(PR_GetError()));
        CU_ASSERT_EQUAL(PR_SendFileMap(b[0], got, PR_PROT_READONLY, 0), PR_SUCCESS);
        last = PR_ReceiveFileMap(b[1], PR_SecondsToInterval(5));
        CU_ASSERT_PTR_NOT_NULL_FATAL(last);
        CU_ASSERT_EQUAL(PR_GetFileMapInfo(last, &info), PR_SUCCESS);
        CU_ASSERT_EQUAL(info.prot, PR_PROT_READONLY);
        CU_ASSERT_EQUAL(info.revocable, revocable ? PR_TRUE : PR_FALSE);
        r = PR_MemMap(last, 0, 4096);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_STRING_EQUAL(r, "passed on");
        PR_MemUnmap((void *)(size_t)r, 4096);
        PR_MemUnmap(m, 4096);
        if (revocable)
            CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
        if (ro)
            PR_CloseFileMap(ro);
        PR_CloseFileMap(last);
        PR_CloseFileMap(got);
        PR_CloseFileMap(fm);
    }
    PR_Close(a[0]);
    PR_Close(a[1]);
    PR_Close(b[0]);
    PR_Close(b[1]);
}

static void test_squatted_name_is_seen_by_the_peer_check(void)
{
    char name[96], line[64], out[64];
    const char *args[] = {"ch-listen", name, "1", NULL};
    PRFileDesc *ch;
    PRUint32 uid = 0;
    PRProcess *p;
    int fd;

    if (getuid() != 0) {
        pt_skip("needs root to act as uid 65534");
        return;
    }
    name_of("squat", name, sizeof(name));
    p = start(args, NULL, &fd);
    read_line(fd, line, sizeof(line));
    CU_ASSERT_STRING_EQUAL_FATAL(line, "listening");
    CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel(name));
    CU_ASSERT_EQUAL(PR_GetError(), PR_ADDRESS_IN_USE_ERROR);
    ch = PR_ConnectFileMapChannel(name, PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(ch, NULL, &uid), PR_SUCCESS);
    CU_ASSERT_EQUAL(uid, 65534U); /* not the server this client wanted */
    PR_Close(ch);
    pt_read_to_end(fd, out, sizeof(out));
    CU_ASSERT_STRING_EQUAL(out, "closed\n");
    finish(p);
}

/* ---- read-only receivers --------------------------------------------------------- */

static void read_only_receiver_attacks(PRUint32 flags, const char *drop)
{
    const char *args[] = {"ch-recv", "CH", drop, "attack", NULL};
    static const char *const writes[] = {
        "api-mprotect-write", "fd-mmap-write", "fd-mprotect-write", "fd-write",
        "fd-grow", "fd-punch-hole", "reopened-mmap-write",
        "reopened-mprotect-write", "reopened-write", "reopened-grow",
        "reopened-punch-hole",
    };
    PRFileDesc *ends[2];
    char *m, out[4096];
    PRFileMap *fm;
    PRProcess *p;
    size_t i;
    int fd;

    if (!ro_ok) {
        /* child_receives checks that the send is refused there */
        pt_skip("this backend cannot share read-only");
        return;
    }
    if (strcmp(drop, "1") == 0 && getuid() != 0) {
        pt_skip("needs root to act as uid 65534");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = new_map(flags, 1, "secret", &m);
    p = start(args, ends[1], &fd);
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READONLY, 0), PR_SUCCESS);
    pt_read_to_end(fd, out, sizeof(out));
    finish(p);
    PR_Close(ends[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "fd-write denied\n")); /* it ran */
    for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
        if (allowed(out, writes[i]))
            printf("[%s ALLOWED] ", writes[i]);
        CU_ASSERT(!allowed(out, writes[i]));
    }
    {
        PRFileMapInfo info;

        /* untouched -- or, for a revocable map, perhaps truncated away */
        CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
        if (info.size > 0)
            CU_ASSERT_STRING_EQUAL(m, "secret");
        CU_ASSERT(info.size == page || (flags & PR_ANONFM_REVOCABLE));
    }
    if (flags & PR_ANONFM_REVOCABLE) {
        /* no holder may add a seal that would stop the revocation; it
         * may truncate the object, through a /proc reopen or, on
         * shm_anon, its own descriptor (documented: that destroys the
         * contents for everyone, never alters them) */
        CU_ASSERT_PTR_NULL(strstr(out, "-add-shrink ALLOWED"));
        CU_ASSERT_PTR_NULL(strstr(out, "-add-seal ALLOWED"));
        CU_ASSERT_PTR_NULL(strstr(out, "-add-future-write ALLOWED"));
        PR_MemUnmap(m, (PRUint32)page);
        CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    } else {
        CU_ASSERT(!allowed(out, "fd-shrink") && !allowed(out, "reopened-shrink"));
        PR_MemUnmap(m, (PRUint32)page);
    }
    PR_CloseFileMap(fm);
}

static void test_read_only_receiver_cannot_write_by_any_path(void)
{
    read_only_receiver_attacks(0, "0");
}

static void test_read_only_receiver_cannot_block_revocation(void)
{
    read_only_receiver_attacks(PR_ANONFM_REVOCABLE, "0");
}

static void test_read_only_receiver_of_another_uid_cannot_write(void)
{
    read_only_receiver_attacks(PR_ANONFM_REVOCABLE, "1");
}

static void test_revoke_reaches_a_receiver(void)
{
    const char *args[] = {"ch-recv", "CH", "0", "reader", NULL};
    PRFileDesc *ends[2];
    char *m, line[32], out[64];
    PRFileMap *fm;
    PRProcess *p;
    int fd;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = new_map(PR_ANONFM_REVOCABLE, 1, "secret", &m);
    p = start(args, ends[1], &fd);
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, ro_ok ? PR_PROT_READONLY
                                                       : PR_PROT_READWRITE, 0),
                    PR_SUCCESS);
    read_line(fd, line, sizeof(line));
    CU_ASSERT_STRING_EQUAL_FATAL(line, "ready");
    PR_MemUnmap(m, (PRUint32)page);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    pt_read_to_end(fd, out, sizeof(out));
    CU_ASSERT(strcmp(out, "fault\n") == 0 || strcmp(out, "zeros\n") == 0);
    finish(p);
    PR_Close(ends[0]);
    PR_CloseFileMap(fm);
}

/* ---- a hostile sender --------------------------------------------------------------- */

static void test_hostile_sender_is_refused_and_leaks_nothing(void)
{
    static const struct {
        const char *kind;
        PRErrorCode want;
    } cases[] = {
        {"pipe", PR_BAD_DESCRIPTOR_ERROR},
        {"dir", PR_BAD_DESCRIPTOR_ERROR},
        {"devnull", PR_BAD_DESCRIPTOR_ERROR},
        {"fifo", PR_BAD_DESCRIPTOR_ERROR},
        {"socket", PR_BAD_DESCRIPTOR_ERROR},
        {"named", PR_BAD_DESCRIPTOR_ERROR},
        {"file", PR_BAD_DESCRIPTOR_ERROR},
        {"opath", PR_BAD_DESCRIPTOR_ERROR},
        {"small", PR_RANGE_ERROR},
        {"ro-lie", PR_NO_ACCESS_RIGHTS_ERROR},
        {"rw-lie", PR_NO_ACCESS_RIGHTS_ERROR},
        {"extra200", PR_IO_ERROR},
        {"two-cmsgs", PR_IO_ERROR},
        {"nofd", PR_IO_ERROR},
        {"garbage", PR_IO_ERROR},
        {"short", PR_IO_ERROR},
        {"long", PR_IO_ERROR},
        {"bad-magic", PR_IO_ERROR},
        {"bad-version", PR_IO_ERROR},
        {"bad-prot", PR_IO_ERROR},
        {"bad-flags", PR_IO_ERROR},
        {"bad-reserved", PR_IO_ERROR},
        {"bad-window", PR_IO_ERROR},
        {"window-past-end", PR_IO_ERROR},
        {"zero-size", PR_IO_ERROR},
        {"max-size", PR_RANGE_ERROR},
        {"window-overflow", PR_IO_ERROR},
        {"negative-size", PR_IO_ERROR},
        {"negative-window", PR_IO_ERROR},
        {"good", 0},
    };
    const char *args[40] = {"ch-hostile", "CH"};
    int before = pt_count_fds(), fd;
    PRFileDesc *ends[2];
    char out[1024], *line;
    PRProcess *p;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        args[i + 2] = cases[i].kind;
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    p = start(args, ends[1], &fd);
    PR_Close(ends[1]);
    pt_read_to_end(fd, out, sizeof(out)); /* every message is queued now */
    finish(p);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        PRFileMap *fm = PR_ReceiveFileMap(ends[0], PR_SecondsToInterval(5));
        PRErrorCode got = fm ? 0 : PR_GetError();

        if (got != cases[i].want)
            printf("[%s: %s] ", cases[i].kind, fm ? "accepted" : PR_ErrorToName(got));
        CU_ASSERT_EQUAL(got, cases[i].want);
        if (fm) {
            char *m = PR_MemMap(fm, 0, 4096);

            CU_ASSERT_PTR_NOT_NULL(m);
            if (m) {
                CU_ASSERT_STRING_EQUAL(m, "malformed"); /* the good one */
                PR_MemUnmap(m, 4096);
            }
            PR_CloseFileMap(fm);
        }
    }
    /* and then the end of the channel */
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(ends[0], PR_SecondsToInterval(5)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_END_OF_FILE_ERROR);
    PR_Close(ends[0]);
    /* qemu-user receives into a control buffer twice the size asked for
     * and keeps the descriptors it cannot pass on: there, only native
     * runs can count descriptors after the 200-descriptor message */
    if (getenv("PRSHM_TEST_UNDER_EMULATOR") && *getenv("PRSHM_TEST_UNDER_EMULATOR")) {
        printf("[descriptors not counted under %s] ", getenv("PRSHM_TEST_UNDER_EMULATOR"));
        before = pt_count_fds();
    }
    /* what the sender named stays until the receiver has looked */
    for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "remove ", 7) != 0) {
            printf("[%s] ", line);
            CU_FAIL("the hostile sender could not send");
        } else if (unlink(line + 7) != 0) {
            CU_ASSERT_EQUAL(rmdir(line + 7), 0);
        }
    }
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

/* ---- volume ---------------------------------------------------------------------------- */

static void test_ten_thousand_cycles_leak_nothing(void)
{
    int before = pt_count_fds(), i, bad = 0;
    PRFileDesc *ends[2];
    PRFileMap *fm, *shared;
    char *m, *sm;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = pt_parent_map(&m);
    shared = pt_parent_map(&sm); /* read-only sends seal it so */
    for (i = 0; i < 10000; i++) {
        PRBool ro = ro_ok && i % 10 == 9;
        PRFileMap *got;
        char *r;

        if (PR_SendFileMap(ends[0], ro ? shared : fm,
                           ro ? PR_PROT_READONLY : PR_PROT_READWRITE, 0) != PR_SUCCESS ||
            !(got = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5)))) {
            bad++;
            break;
        }
        r = PR_MemMap(got, 0, 4096);
        if (!r || r[0] != 'p')
            bad++;
        if (r)
            PR_MemUnmap(r, 4096);
        PR_CloseFileMap(got);
    }
    CU_ASSERT_EQUAL(bad, 0);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    PR_MemUnmap(sm, 4096);
    PR_CloseFileMap(shared);
    PR_Close(ends[0]);
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

/* A thread that starts children by raw posix_spawn while maps arrive:
 * every received descriptor is close-on-exec from its first instant, so
 * no child ever holds the object. */
static int spawning, leaked; /* shared with the spawner: atomics */
static char object_dev[32], object_ino[32];

static void *spawner(void *arg)
{
    char *argv[] = {(char *)(size_t)helper, "scan", object_dev, object_ino, NULL};

    (void)arg;
    while (__atomic_load_n(&spawning, __ATOMIC_RELAXED)) {
        pid_t pid;
        int status;

        if (posix_spawn(&pid, helper, NULL, NULL, argv, environ) != 0)
            continue;
        if (waitpid(pid, &status, 0) == pid &&
            (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
            __atomic_add_fetch(&leaked, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void test_received_descriptors_never_reach_a_concurrent_child(void)
{
    PRFileDesc *ends[2];
    pthread_t t;
    PRFileMap *fm;
    char *m;
    int i;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = pt_parent_map(&m);
    {
        char str[64];
        struct stat st;

        /* every received descriptor is this object: a child that holds
         * it ("scan" exits 1) got one */
        CU_ASSERT_EQUAL_FATAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_SUCCESS);
        CU_ASSERT_EQUAL_FATAL(fstat(atoi(str), &st), 0);
        snprintf(object_dev, sizeof(object_dev), "%lu", (unsigned long)st.st_dev);
        snprintf(object_ino, sizeof(object_ino), "%lu", (unsigned long)st.st_ino);
    }
    __atomic_store_n(&spawning, 1, __ATOMIC_RELAXED);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, spawner, NULL), 0);
    for (i = 0; i < 2000; i++) {
        PRFileMap *got;

        CU_ASSERT_EQUAL_FATAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0),
                              PR_SUCCESS);
        got = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
        CU_ASSERT_PTR_NOT_NULL_FATAL(got);
        PR_CloseFileMap(got);
    }
    __atomic_store_n(&spawning, 0, __ATOMIC_RELAXED);
    pthread_join(t, NULL);
    CU_ASSERT_EQUAL(__atomic_load_n(&leaked, __ATOMIC_RELAXED), 0);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    PR_Close(ends[0]);
    PR_Close(ends[1]);
}

/* ---- windows, forwarding, every other call ------------------------------------------------ */

static void test_window_limits_what_the_receiver_maps(void)
{
    PRFileDesc *ends[2];
    PRFileMap *fm, *got, *again;
    PRFileMapInfo info;
    char *m, *r;

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = new_map(0, 4, "window", &m);
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[0], fm, PR_PROT_READWRITE, 0, page, page),
                    PR_SUCCESS);
    got = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(got, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.size, 4 * page);
    CU_ASSERT(info.windowOffset == page && info.windowLength == page);
    CU_ASSERT_PTR_NULL(PR_MemMap(got, 0, (PRUint32)page));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_MemMap(got, page, (PRUint32)(2 * page)));
    CU_ASSERT_PTR_NULL(PR_MemMap(got, 2 * page, (PRUint32)page));
    r = PR_MemMap(got, page, (PRUint32)page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r, "window 1");
    PR_MemUnmap(r, (PRUint32)page);
    /* forwarding never widens the window */
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[1], got, PR_PROT_READWRITE, 0, 0, page),
                    PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[1], got, PR_PROT_READWRITE, 0, page,
                                         2 * page), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[1], got, PR_PROT_READWRITE, 0), PR_SUCCESS);
    again = PR_ReceiveFileMap(ends[0], PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(again, &info), PR_SUCCESS);
    CU_ASSERT(info.windowOffset == page && info.windowLength == page);
    PR_CloseFileMap(again);
    /* G8: nor does an export string or inheritance, which cannot carry
     * the window: both are refused for a windowed map */
    {
        char str[PR_FILEMAP_STRING_BUFSIZE];
        PRProcessAttr *attr = PR_NewProcessAttr();

        CU_ASSERT_EQUAL(PR_ExportFileMapAsString(got, sizeof(str), str), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
        CU_ASSERT_EQUAL(PR_ExportFileMapAsInheritableString(got, sizeof(str), str),
                        PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
        CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, got, "PRSHM_TEST_W"),
                        PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
        PR_DestroyProcessAttr(attr);
        /* a map sent whole exports as any map does */
        CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0), PR_SUCCESS);
        again = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
        CU_ASSERT_PTR_NOT_NULL_FATAL(again);
        CU_ASSERT_EQUAL(PR_ExportFileMapAsString(again, sizeof(str), str), PR_SUCCESS);
        PR_CloseFileMap(again);
    }
    /* bad windows */
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[0], fm, PR_PROT_READWRITE, 0, 1, page),
                    PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[0], fm, PR_PROT_READWRITE, 0, 0, 0),
                    PR_FAILURE);
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[0], fm, PR_PROT_READWRITE, 0, 3 * page,
                                         2 * page), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_SendFileMapWindow(ends[0], fm, PR_PROT_READWRITE, 0, -page, page),
                    PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_CloseFileMap(got);
    PR_MemUnmap(m, (PRUint32)(4 * page));
    PR_CloseFileMap(fm);
    PR_Close(ends[0]);
    PR_Close(ends[1]);
}

static void test_received_map_works_with_every_call(void)
{
    const char *args[] = {"map-rw", "PRSHM_TEST_CH", NULL};
    char out[64], str[64];
    PRFileDesc *ends[2];
    PRFileMap *fm, *got, *ro;
    PRFileMapInfo info;
    PRProcessAttr *attr;
    PRProcess *p;
    PRInt32 code = -1;
    char *argv[4];
    char *m;

    (void)out;
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = new_map(PR_ANONFM_REVOCABLE, 1, "parent wrote", &m);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0), PR_SUCCESS);
    got = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(got, &info), PR_SUCCESS);
    CU_ASSERT(info.revocable && !info.creator);
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(got, sizeof(str), str), PR_SUCCESS);
    /* protocol 1: the received map goes on to a child */
    attr = PR_NewProcessAttr();
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, got, "PRSHM_TEST_CH"),
                    PR_SUCCESS);
    argv[0] = (char *)(size_t)helper;
    argv[1] = (char *)(size_t)args[0];
    argv[2] = (char *)(size_t)args[1];
    argv[3] = NULL;
    p = PR_CreateProcess(helper, argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    /* a broker restricts what it received; the creator can still revoke */
    ro = PR_RestrictFileMap(got, PR_PROT_READONLY);
    if (ro_ok) {
        CU_ASSERT_PTR_NOT_NULL(ro);
    } else {
        CU_ASSERT_PTR_NULL(ro);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
    }
    CU_ASSERT_EQUAL(PR_RevokeFileMap(got), PR_FAILURE); /* not the creator */
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_MemUnmap(m, (PRUint32)page);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(got, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.size, 0); /* the receiver sees it gone */
    if (ro)
        PR_CloseFileMap(ro);
    PR_CloseFileMap(got);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR); /* revoked */
    PR_CloseFileMap(fm);
    PR_Close(ends[0]);
    PR_Close(ends[1]);
}

/* ---- stream sockets (an NSPR AF_LOCAL socket is one) ---------------------------------------- */

static void test_stream_socket_works_as_a_channel(void)
{
    int before = pt_count_fds(), sv[2], memfd;
    unsigned char frame[40];
    PRFileDesc *a, *b;
    PRFileMap *fm, *got;
    PRUint32 word;
    PRInt64 size = 4096, off = 0;
    char ctl[CMSG_SPACE(sizeof(int))];
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *c;
    char *m, *r;

    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    a = PR_ImportTCPSocket(sv[0]);
    b = PR_ImportTCPSocket(sv[1]);
    CU_ASSERT_FATAL(a && b);
    fm = pt_parent_map(&m);
    CU_ASSERT_EQUAL(PR_SendFileMap(a, fm, PR_PROT_READWRITE, 0), PR_SUCCESS);
    got = PR_ReceiveFileMap(b, PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    r = PR_MemMap(got, 0, 4096);
    CU_ASSERT_STRING_EQUAL(r, "parent wrote");
    PR_MemUnmap(r, 4096);
    PR_CloseFileMap(got);
    /* a frame that arrives in two pieces, the descriptor with the first */
    word = 0x314d5250U;
    memcpy(frame, &word, 4);
    word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
    memcpy(frame + 4, &word, 4);
    memset(frame + 8, 0, 8);
    memcpy(frame + 16, &size, 8);
    memcpy(frame + 24, &off, 8);
    memcpy(frame + 32, &size, 8);
    memfd = memfd_create("stream", MFD_CLOEXEC);
    CU_ASSERT_FATAL(memfd >= 0 && ftruncate(memfd, 4096) == 0);
    memset(&msg, 0, sizeof(msg));
    memset(ctl, 0, sizeof(ctl));
    iov.iov_base = frame;
    iov.iov_len = 10;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof(ctl);
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &memfd, sizeof(int));
    CU_ASSERT_EQUAL(sendmsg(sv[0], &msg, 0), 10);
    CU_ASSERT_EQUAL(write(sv[0], frame + 10, 30), 30);
    got = PR_ReceiveFileMap(b, PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL(got);
    if (got)
        PR_CloseFileMap(got);
    /* garbage with a descriptor: refused, the descriptor closed */
    memset(frame, 0x5a, sizeof(frame));
    iov.iov_len = sizeof(frame);
    CU_ASSERT_EQUAL(sendmsg(sv[0], &msg, 0), (ssize_t)sizeof(frame));
    close(memfd);
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(b, PR_SecondsToInterval(5)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_ERROR);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    PR_Close(a);
    PR_Close(b);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

/* ---- objects served by another process ----------------------------------- */

/* Send fd over the native socket sock with a well-formed read-write frame
 * announcing size bytes; 0 or -1. */
static int send_raw_frame(int sock, int fd, PRInt64 size)
{
    unsigned char frame[40];
    char ctl[CMSG_SPACE(sizeof(int))];
    PRUint32 word = 0x314d5250U;
    PRInt64 off = 0;
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *c;

    memcpy(frame, &word, 4);
    word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
    memcpy(frame + 4, &word, 4);
    memset(frame + 8, 0, 8);
    memcpy(frame + 16, &size, 8);
    memcpy(frame + 24, &off, 8);
    memcpy(frame + 32, &size, 8);
    memset(&msg, 0, sizeof(msg));
    memset(ctl, 0, sizeof(ctl));
    iov.iov_base = frame;
    iov.iov_len = sizeof(frame);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctl;
    msg.msg_controllen = sizeof(ctl);
    c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    return sendmsg(sock, &msg, 0) == (ssize_t)sizeof(frame) ? 0 : -1;
}

/* A nameless file on a FUSE filesystem (bindfs, whose daemon is another
 * process that could stall or change its pages) is refused; the same
 * kind of file on tmpfs is accepted. */
static void test_object_on_a_fuse_filesystem_is_refused(void)
{
    char src[64], mnt[64], path[160];
    const char *args[4];
    PRFileDesc *ends[2];
    PRFileMap *fm;
    struct stat st;
    int before, fd, shm;

    if (getuid() != 0 || access("/usr/bin/bindfs", X_OK) != 0 ||
        access("/dev/fuse", R_OK | W_OK) != 0) {
        pt_skip("needs root, /dev/fuse and bindfs to mount a FUSE filesystem");
        return;
    }
    snprintf(src, sizeof(src), "/tmp/%s-fuse-src", tag);
    snprintf(mnt, sizeof(mnt), "/tmp/%s-fuse-mnt", tag);
    CU_ASSERT_FATAL(mkdir(src, 0700) == 0 && mkdir(mnt, 0700) == 0);
    args[0] = src;
    args[1] = mnt;
    args[2] = NULL;
    if (pt_run_program("/usr/bin/bindfs", args, NULL, NULL, 0) != 0) {
        pt_skip("bindfs could not mount a FUSE filesystem here");
        rmdir(src);
        rmdir(mnt);
        return;
    }
    before = pt_count_fds();
    snprintf(path, sizeof(path), "%s/object", mnt);
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(ftruncate(fd, 4096), 0);
    CU_ASSERT_EQUAL(unlink(path), 0);
    CU_ASSERT_EQUAL(fstat(fd, &st), 0);
    CU_ASSERT_EQUAL(st.st_nlink, 0); /* nameless: only the filesystem tells */
    CU_ASSERT(S_ISREG(st.st_mode) && st.st_size == 4096);
    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    CU_ASSERT_EQUAL(send_raw_frame((int)PR_FileDesc2NativeHandle(ends[0]), fd, 4096), 0);
    close(fd);
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    /* the control: a nameless file on tmpfs passes the same checks */
    shm = open("/dev/shm", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (shm >= 0) {
        CU_ASSERT_EQUAL(ftruncate(shm, 4096), 0);
        CU_ASSERT_EQUAL(send_raw_frame((int)PR_FileDesc2NativeHandle(ends[0]), shm, 4096), 0);
        close(shm);
        fm = PR_ReceiveFileMap(ends[1], PR_SecondsToInterval(5));
        CU_ASSERT_PTR_NOT_NULL(fm);
        if (fm)
            PR_CloseFileMap(fm);
    }
    PR_Close(ends[0]);
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
    args[0] = "-u";
    args[1] = mnt;
    args[2] = NULL;
    if (pt_run_program("/usr/bin/fusermount3", args, NULL, NULL, 0) != 0) {
        args[0] = mnt;
        args[1] = NULL;
        (void)pt_run_program("/usr/bin/umount", args, NULL, NULL, 0);
    }
    CU_ASSERT_EQUAL(rmdir(mnt), 0);
    CU_ASSERT_EQUAL(rmdir(src), 0);
}

/* ---- the directory namespace ---------------------------------------------------------------- */

static void test_directory_namespace_is_private_to_its_user(void)
{
    char name[96], dir[64], path[160];
    PRFileDesc *l, *l2, *c, *s;
    struct stat st;

    PR_SetEnv("PRSHM_CHANNEL_NAMESPACE=directory");
    PR_SetEnv("XDG_RUNTIME_DIR="); /* /tmp/prshm-EUID, not a runtime dir */
    name_of("dir", name, sizeof(name));
    snprintf(dir, sizeof(dir), "/tmp/prshm-%lu", (unsigned long)geteuid());
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    l = PR_ListenFileMapChannel(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(lstat(dir, &st), 0);
    CU_ASSERT(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700 &&
              st.st_uid == geteuid());
    CU_ASSERT_EQUAL(lstat(path, &st), 0);
    CU_ASSERT(S_ISSOCK(st.st_mode));
    c = PR_ConnectFileMapChannel(name, PR_SecondsToInterval(5));
    s = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(5));
    CU_ASSERT_PTR_NOT_NULL(c);
    CU_ASSERT_PTR_NOT_NULL(s);
    if (c)
        PR_Close(c);
    if (s)
        PR_Close(s);
    CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel(name)); /* a live listener */
    CU_ASSERT_EQUAL(PR_GetError(), PR_ADDRESS_IN_USE_ERROR);
    PR_Close(l); /* leaves its socket file behind */
    CU_ASSERT_EQUAL(lstat(path, &st), 0);
    l2 = PR_ListenFileMapChannel(name); /* a dead one's file is replaced */
    CU_ASSERT_PTR_NOT_NULL(l2);
    /* a directory others could enter is refused on both sides */
    CU_ASSERT_EQUAL(chmod(dir, 0755), 0);
    CU_ASSERT_PTR_NULL(PR_ConnectFileMapChannel(name, PR_SecondsToInterval(1)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel("another"));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_EQUAL(chmod(dir, 0700), 0);
    if (l2)
        PR_Close(l2);
    unlink(path);
    (void)rmdir(dir); /* if nothing else of this user's is there */
    PR_SetEnv("PRSHM_CHANNEL_NAMESPACE=bogus");
    CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel(name));
    CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
    PR_SetEnv("PRSHM_CHANNEL_NAMESPACE=");
}

/* ---- bad input ---------------------------------------------------------------------------------- */

/* D1: another user can make /tmp/prshm-<uid> first.  A user the system
 * gives a runtime directory of its own (XDG_RUNTIME_DIR) keeps its
 * channels there, out of reach; without one the squat still denies
 * service, and is refused rather than used.  Root only: the squatter is
 * uid 65534, the victim a uid of this test's own (from its pid), so that
 * suites running side by side never share the victim's directory. */
static void test_squatted_tmp_directory_is_avoided_with_a_runtime_dir(void)
{
    char name[96], xdg[] = "/tmp/prshm-test-xdg-XXXXXX", out[128];
    char uid[16], victim_dir[48], sock[160];
    const char *squat[] = {"plant", "dir", victim_dir, "777", "1", NULL};
    const char *with[] = {"ch-dir-selftest", uid, xdg, name, NULL};
    const char *without[] = {"ch-dir-selftest", uid, "-", name, NULL};
    unsigned long victim = 20000 + (unsigned long)getpid() % 40000;

    if (getuid() != 0) {
        pt_skip("needs root to act as another uid and as 65534");
        return;
    }
    snprintf(uid, sizeof(uid), "%lu", victim);
    snprintf(victim_dir, sizeof(victim_dir), "/tmp/prshm-%lu", victim);
    name_of("xdg", name, sizeof(name));
    pt_remove_tree(victim_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(xdg));
    CU_ASSERT_EQUAL_FATAL(chown(xdg, (uid_t)victim, (gid_t)victim), 0);
    CU_ASSERT_EQUAL_FATAL(pt_run_helper(squat, NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(pt_run_helper(without, NULL, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "PR_NO_ACCESS_RIGHTS_ERROR\n");
    CU_ASSERT_EQUAL(pt_run_helper(with, NULL, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "served\n");
    if (strcmp(out, "served\n") != 0)
        printf("[with a runtime directory: %s] ", out);
    snprintf(sock, sizeof(sock), "%s/prshm/%s", xdg, name);
    CU_ASSERT_EQUAL(access(sock, F_OK), 0); /* the socket was there */
    pt_remove_tree(xdg);
    pt_remove_tree(victim_dir);
}

static void test_bad_input_gets_clear_errors(void)
{
    static const char *const bad_names[] = {
        "", ".hidden", "a/b", "a b", "semi;colon",
        "0123456789012345678901234567890123456789012345678901234567890123x",
    };
    int before = pt_count_fds();
    PRFileDesc *ends[2], *rd, *wr, *l;
    char name[96], path[64];
    PRFileMap *fm, *ro = NULL, *file;
    PRFileDesc *f;
    size_t i;
    char *m;

    CU_ASSERT_EQUAL(PR_NewFileMapChannel(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
        CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel(bad_names[i]));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
        CU_ASSERT_PTR_NULL(PR_ConnectFileMapChannel(bad_names[i], 0));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    }
    CU_ASSERT_PTR_NULL(PR_ListenFileMapChannel(NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_ConnectFileMapChannel(name_of("nobody", name, sizeof(name)),
                                                PR_SecondsToInterval(1)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_CONNECT_REFUSED_ERROR);
    CU_ASSERT_PTR_NULL(PR_AcceptFileMapChannel(NULL, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(NULL, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(NULL, NULL, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);

    CU_ASSERT_EQUAL_FATAL(PR_NewFileMapChannel(ends), PR_SUCCESS);
    fm = pt_parent_map(&m);
    CU_ASSERT_EQUAL(PR_SendFileMap(NULL, fm, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], NULL, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, (PRFileMapProtect)7, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, -1), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    /* nothing waiting: a timeout, at once or after a while */
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(ends[1], PR_INTERVAL_NO_WAIT));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_TIMEOUT_ERROR);
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(ends[1], PR_MillisecondsToInterval(50)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_TIMEOUT_ERROR);
    /* a read-only map, or one sealed against writes, is not sent
     * read-write */
    if (ro_ok) {
        char *sm;
        PRFileMap *sealed = pt_parent_map(&sm);

        ro = PR_RestrictFileMap(sealed, PR_PROT_READONLY);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
        CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], ro, PR_PROT_READWRITE, 0), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
        CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], sealed, PR_PROT_READWRITE, 0), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
        PR_CloseFileMap(ro);
        PR_MemUnmap(sm, 4096);
        PR_CloseFileMap(sealed);
    }
    /* a file map is no anonymous object */
    snprintf(path, sizeof(path), "/tmp/%s-file", tag);
    f = PR_Open(path, PR_RDWR | PR_CREATE_FILE, 0600);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    file = PR_CreateFileMap(f, 4096, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(file);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], file, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
    PR_CloseFileMap(file);
    PR_Close(f);
    unlink(path);
    /* a pipe is no channel; a listener has no peer */
    CU_ASSERT_EQUAL_FATAL(PR_CreatePipe(&rd, &wr), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_SendFileMap(wr, fm, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_SOCKET_ERROR);
    CU_ASSERT_PTR_NULL(PR_ReceiveFileMap(rd, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_SOCKET_ERROR);
    PR_Close(rd);
    PR_Close(wr);
    l = PR_ListenFileMapChannel(name_of("peerless", name, sizeof(name)));
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(PR_GetFileMapChannelPeer(l, NULL, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_CONNECTED_ERROR);
    CU_ASSERT_PTR_NULL(PR_AcceptFileMapChannel(l, PR_MillisecondsToInterval(50)));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_TIMEOUT_ERROR);
    CU_ASSERT_EQUAL(PR_SendFileMap(l, fm, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_CONNECTED_ERROR);
    PR_Close(l);
    /* the peer has gone */
    PR_Close(ends[1]);
    CU_ASSERT_EQUAL(PR_SendFileMap(ends[0], fm, PR_PROT_READWRITE, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_PIPE_ERROR);
    PR_Close(ends[0]);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("channels: handing maps to other processes", setup, NULL);

    PT_TEST(s, test_pair_carries_a_map_and_reports_its_maker_as_peer);
    PT_TEST(s, test_child_receives_read_write_through_its_end);
    PT_TEST(s, test_child_receives_read_only_through_its_end);
    PT_TEST(s, test_unrelated_processes_meet_by_name);
    PT_TEST(s, test_another_uid_connecting_first_gets_nothing);
    PT_TEST(s, test_peer_that_exited_is_never_served_by_its_pid);
    PT_TEST(s, test_broker_passes_a_read_only_map_on);
    PT_TEST(s, test_squatted_name_is_seen_by_the_peer_check);
    PT_TEST(s, test_read_only_receiver_cannot_write_by_any_path);
    PT_TEST(s, test_read_only_receiver_cannot_block_revocation);
    PT_TEST(s, test_read_only_receiver_of_another_uid_cannot_write);
    PT_TEST(s, test_revoke_reaches_a_receiver);
    PT_TEST(s, test_hostile_sender_is_refused_and_leaks_nothing);
    PT_TEST(s, test_ten_thousand_cycles_leak_nothing);
    PT_TEST(s, test_received_descriptors_never_reach_a_concurrent_child);
    PT_TEST(s, test_window_limits_what_the_receiver_maps);
    PT_TEST(s, test_received_map_works_with_every_call);
    PT_TEST(s, test_stream_socket_works_as_a_channel);
    PT_TEST(s, test_object_on_a_fuse_filesystem_is_refused);
    PT_TEST(s, test_directory_namespace_is_private_to_its_user);
    PT_TEST(s, test_squatted_tmp_directory_is_avoided_with_a_runtime_dir);
    PT_TEST(s, test_bad_input_gets_clear_errors);
}
