/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper_channel.c -- the helper's modes for channels (test_channel.c):
 * receivers, a client that meets its server by name, a squatter, and a
 * hostile sender.
 *
 *   ch-recv NAME DROP ACTION  take the channel end inherited as NAME
 *                         (PR_GetInheritedFD), become uid 65534 if DROP is
 *                         1, receive one map, print the error name on
 *                         failure, else do ACTION:
 *                           read    print "got <text>" (the window's first
 *                                   bytes) and "info <backend> <prot>
 *                                   <size> <window offset> <length>
 *                                   <revocable>"; a read-write map then
 *                                   gets "child wrote" at the window
 *                           attack  every write path on the descriptor and
 *                                   on one reopened through /proc, and
 *                                   every seal; "<attempt> denied|ALLOWED"
 *                           reader  print "ready" once the map reads
 *                                   "secret", then "fault", "zeros" or
 *                                   "other" when that changes (10 s)
 *   ch-connect NAME DROP  become uid 65534 if DROP is 1, print "pid <pid>",
 *                         connect to NAME, print "peer-uid <uid>", receive
 *                         one map: "received <text>" or the error name
 *   ch-dir-selftest UID XDG NAME  as UID (root only), XDG_RUNTIME_DIR set
 *                         to XDG ("-": unset), directory namespace: listen
 *                         on NAME and serve a map to a forked child;
 *                         "served" or the error's name
 *   ch-handoff NAME       connect to NAME, hand the channel to a forked
 *                         child that waits for a map ("received <text>" or
 *                         the error), print "pid <pid>" and exit at once
 *   ch-listen NAME DROP   become uid 65534 if DROP is 1, listen on NAME,
 *                         print "listening" (or the error), accept one
 *                         connection (10 s) and wait until it closes
 *   ch-hostile NAME KIND...  over the inherited end NAME, send one
 *                         hostile message per KIND (send_kind); print
 *                         "remove <path>" for each file, object or
 *                         directory the receiver is to remove after it
 *                         has looked (the last line is the directory)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prshmsec.h"
#include "helper.h"

static int drop_if(const char *flag)
{
    if (strcmp(flag, "1") != 0 || getuid() != 0)
        return 0;
    return setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
           setuid(65534) != 0 ? -1 : 0;
}

/* The native descriptor of a map, through its export string. */
static int map_fd(PRFileMap *fm)
{
    char s[64];

    return PR_ExportFileMapAsString(fm, sizeof(s), s) == PR_SUCCESS ? atoi(s) : -1;
}

static PRFileDesc *inherited(const char *name)
{
    PRFileDesc *ch = PR_GetInheritedFD(name);

    if (!ch)
        helper_print_error();
    return ch;
}

static int recv_read(PRFileMap *fm)
{
    PRFileMapInfo info;
    char *m;

    if (PR_GetFileMapInfo(fm, &info) != PR_SUCCESS ||
        !(m = PR_MemMap(fm, info.windowOffset, 4096))) {
        helper_print_error();
        return 3;
    }
    printf("got %.32s\n", m);
    printf("info %s %d %lld %lld %lld %d\n", info.backend, (int)info.prot,
           (long long)info.size, (long long)info.windowOffset,
           (long long)info.windowLength, (int)info.revocable);
    if (info.prot == PR_PROT_READWRITE)
        strcpy(m, "child wrote");
    PR_MemUnmap(m, 4096);
    return 0;
}

static int recv_attack(PRFileMap *fm)
{
    int fd = map_fd(fm), rw;
    char path[64];
    struct stat st;
    char *m;

    if (fd < 0 || fstat(fd, &st) != 0)
        return 3;
    /* through the API: a read-only map gives a read-only mapping */
    m = PR_MemMap(fm, 0, 4096);
    printf("api-mprotect-write %s\n",
           m && mprotect(m, 4096, PROT_READ | PROT_WRITE) == 0 ? "ALLOWED" : "denied");
    if (m)
        PR_MemUnmap(m, 4096);
    helper_attack_fd(fd, "fd", st.st_size);
    helper_try_seals(fd, "fd");
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    rw = open(path, O_RDWR);
    if (rw >= 0) {
        helper_attack_fd(rw, "reopened", st.st_size);
        helper_try_seals(rw, "reopened");
        close(rw);
    }
    return 0;
}

static int mode_recv(int argc, char **argv)
{
    PRFileDesc *ch;
    PRFileMap *fm;
    int rc;

    if (argc != 5 || !(ch = inherited(argv[2])))
        return 2;
    if (drop_if(argv[3]) != 0)
        return 2;
    fm = PR_ReceiveFileMap(ch, PR_SecondsToInterval(10));
    if (!fm) {
        helper_print_error();
        PR_Close(ch);
        return 0;
    }
    if (strcmp(argv[4], "read") == 0)
        rc = recv_read(fm);
    else if (strcmp(argv[4], "attack") == 0)
        rc = recv_attack(fm);
    else if (strcmp(argv[4], "reader") == 0)
        rc = helper_watch_revoke(fm);
    else
        rc = 2;
    fflush(stdout);
    PR_CloseFileMap(fm);
    PR_Close(ch);
    return rc;
}

static int mode_connect(int argc, char **argv)
{
    PRFileDesc *ch;
    PRFileMap *fm;
    PRUint32 uid = 0;
    char *m;

    if (argc != 4 || drop_if(argv[3]) != 0)
        return 2;
    printf("pid %d\n", (int)getpid());
    fflush(stdout);
    ch = PR_ConnectFileMapChannel(argv[2], PR_SecondsToInterval(5));
    if (!ch) {
        helper_print_error();
        return 0;
    }
    if (PR_GetFileMapChannelPeer(ch, NULL, &uid) == PR_SUCCESS)
        printf("peer-uid %u\n", (unsigned)uid);
    fflush(stdout);
    fm = PR_ReceiveFileMap(ch, PR_SecondsToInterval(5));
    if (!fm) {
        helper_print_error();
    } else if ((m = PR_MemMap(fm, 0, 4096)) != NULL) {
        printf("received %.32s\n", m);
        PR_MemUnmap(m, 4096);
    }
    if (fm)
        PR_CloseFileMap(fm);
    PR_Close(ch);
    return 0;
}

/* Connect to NAME, leave the channel to a forked child that waits for a
 * map on it (printing "received <text>" or the error), print our pid and
 * exit at once: the pid the server sees belongs to a process gone. */
static int mode_handoff(int argc, char **argv)
{
    PRFileDesc *ch;
    pid_t child;

    if (argc != 3)
        return 2;
    ch = PR_ConnectFileMapChannel(argv[2], PR_SecondsToInterval(5));
    if (!ch) {
        helper_print_error();
        return 3;
    }
    fflush(stdout);
    child = fork();
    if (child < 0)
        return 3;
    if (child == 0) {
        PRFileMap *fm = PR_ReceiveFileMap(ch, PR_SecondsToInterval(5));
        char *m;

        if (!fm) {
            helper_print_error();
        } else if ((m = PR_MemMap(fm, 0, 4096)) != NULL) {
            printf("received %.32s\n", m);
            PR_MemUnmap(m, 4096);
        }
        fflush(stdout);
        _exit(0);
    }
    printf("pid %d\n", (int)getpid());
    PR_Close(ch); /* the child keeps its own */
    return 0;
}

/* As UID (root only), with XDG_RUNTIME_DIR set to XDG unless it is "-",
 * in the directory namespace: listen on NAME, and from a forked child
 * connect and receive a map the parent sends; print "served" or the
 * error's name. */
static int mode_dir_selftest(int argc, char **argv)
{
    PRFileDesc *l, *ch;
    PRFileMap *fm;
    pid_t child;
    int status = -1;

    if (argc != 5)
        return 2;
    if (getuid() == 0) {
        uid_t uid = (uid_t)atoi(argv[2]);

        if (setgroups(0, NULL) != 0 || setgid(uid) != 0 || setuid(uid) != 0)
            return 2;
    }
    if (strcmp(argv[3], "-") != 0)
        setenv("XDG_RUNTIME_DIR", argv[3], 1);
    else
        unsetenv("XDG_RUNTIME_DIR");
    setenv("PRSHM_CHANNEL_NAMESPACE", "directory", 1);
    l = PR_ListenFileMapChannel(argv[4]);
    if (!l) {
        helper_print_error();
        return 0;
    }
    fflush(stdout);
    child = fork();
    if (child == 0) {
        /* long limits: under valgrind on a loaded machine */
        ch = PR_ConnectFileMapChannel(argv[4], PR_SecondsToInterval(30));
        fm = ch ? PR_ReceiveFileMap(ch, PR_SecondsToInterval(30)) : NULL;
        status = fm ? 0 : 1;
        if (!fm)
            fprintf(stderr, "helper: the child: %s\n", PR_ErrorToName(PR_GetError()));
        /* released first: valgrind checks the child's leaks too */
        if (fm)
            PR_CloseFileMap(fm);
        if (ch)
            PR_Close(ch);
        PR_Close(l);
        _exit(status);
    }
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(30));
    fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    if (!ch || !fm || PR_SendFileMap(ch, fm, PR_PROT_READWRITE, 0) != PR_SUCCESS)
        helper_print_error();
    else {
        waitpid(child, &status, 0);
        printf(WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "served\n" : "not received\n");
    }
    if (fm)
        PR_CloseFileMap(fm);
    if (ch)
        PR_Close(ch);
    PR_Close(l);
    return 0;
}

static int mode_listen(int argc, char **argv)
{
    PRFileDesc *l, *ch;

    if (argc != 4 || drop_if(argv[3]) != 0)
        return 2;
    l = PR_ListenFileMapChannel(argv[2]);
    if (!l) {
        helper_print_error();
        return 0;
    }
    printf("listening\n");
    fflush(stdout);
    ch = PR_AcceptFileMapChannel(l, PR_SecondsToInterval(10));
    if (ch) {
        /* hold the connection until the other side closes it */
        if (!PR_ReceiveFileMap(ch, PR_SecondsToInterval(10)))
            printf("closed\n");
        PR_Close(ch);
    }
    PR_Close(l);
    return 0;
}

/* ---- a hostile sender --------------------------------------------------- */

struct frame {
    PRUint32 magic, word, flags, reserved;
    PRInt64 size, offset, length;
};

static void frame_of(struct frame *f, int prot, PRInt64 size)
{
    f->magic = 0x314d5250U;
    f->word = 1U | ((PRUint32)prot << 16);
    f->flags = 0;
    f->reserved = 0;
    f->size = size;
    f->offset = 0;
    f->length = size;
}

/* Send len bytes of buf with the n descriptors fds (in one SCM_RIGHTS,
 * or one message each if split). */
static int send_raw(int ch, const void *buf, size_t len, const int *fds,
                    int n, int split)
{
    char ctl[CMSG_SPACE(sizeof(int) * 256) * 2];
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *c;
    int i;

    memset(&msg, 0, sizeof(msg));
    memset(ctl, 0, sizeof(ctl));
    iov.iov_base = (void *)(size_t)buf;
    iov.iov_len = len;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (n > 0) {
        msg.msg_control = ctl;
        msg.msg_controllen = split ? CMSG_SPACE(sizeof(int)) * (size_t)n
                                   : CMSG_SPACE(sizeof(int) * (size_t)n);
        c = CMSG_FIRSTHDR(&msg);
        for (i = 0; i < (split ? n : 1); i++) {
            int count = split ? 1 : n;

            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)count);
            memcpy(CMSG_DATA(c), fds + i, sizeof(int) * (size_t)count);
            c = CMSG_NXTHDR(&msg, c);
        }
    }
    return sendmsg(ch, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

static int new_memfd(size_t size, const char *text)
{
    int fd = memfd_create("hostile", MFD_CLOEXEC | MFD_ALLOW_SEALING);

    if (fd < 0 || ftruncate(fd, (off_t)size) != 0 ||
        pwrite(fd, text, strlen(text) + 1, 0) < 0)
        return -1;
    return fd;
}

/* One hostile message of kind; 0 if it was sent. */
static int send_kind(int ch, const char *kind, const char *tmp)
{
    struct frame f;
    int fds[201], n = 1, split = 0, i, rc;
    size_t len = sizeof(f);
    char junk[100], path[256];

    frame_of(&f, PR_PROT_READONLY, 4096);
    fds[0] = -1;
    if (strcmp(kind, "pipe") == 0) {
        int p[2];

        if (pipe(p) != 0)
            return -1;
        fds[0] = p[0];
        close(p[1]);
    } else if (strcmp(kind, "dir") == 0) {
        fds[0] = open("/", O_RDONLY | O_DIRECTORY);
    } else if (strcmp(kind, "devnull") == 0) {
        fds[0] = open("/dev/null", O_RDWR);
    } else if (strcmp(kind, "fifo") == 0) {
        snprintf(path, sizeof(path), "%s/fifo", tmp);
        if (mkfifo(path, 0600) != 0)
            return -1;
        fds[0] = open(path, O_RDWR | O_NONBLOCK);
        unlink(path);
    } else if (strcmp(kind, "socket") == 0) {
        int sv[2];

        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
            return -1;
        fds[0] = sv[0];
        close(sv[1]);
    } else if (strcmp(kind, "named") == 0) {
        snprintf(path, sizeof(path), "/prshm-hostile-%d", (int)getpid());
        fds[0] = shm_open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fds[0] < 0 || ftruncate(fds[0], 4096) != 0)
            return -1;
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
        rc = send_raw(ch, &f, len, fds, 1, 0);
        close(fds[0]);
        /* the name must exist when the receiver looks: it removes it */
        printf("remove /dev/shm%s\n", path);
        return rc;
    } else if (strcmp(kind, "file") == 0) {
        snprintf(path, sizeof(path), "%s/file", tmp);
        fds[0] = open(path, O_RDWR | O_CREAT, 0600);
        if (fds[0] < 0 || ftruncate(fds[0], 4096) != 0)
            return -1;
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
        rc = send_raw(ch, &f, len, fds, 1, 0);
        close(fds[0]);
        printf("remove %s\n", path);
        return rc;
    } else if (strcmp(kind, "opath") == 0) {
#ifdef O_PATH
        fds[0] = open("/etc/passwd", O_PATH);
#else
        fds[0] = open("/etc/passwd", O_RDONLY);
#endif
    } else if (strcmp(kind, "small") == 0) {
        fds[0] = new_memfd(4096, "small");
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
        f.size = f.length = 1 << 20;
    } else if (strcmp(kind, "ro-lie") == 0) {
        fds[0] = new_memfd(4096, "unsealed"); /* writable, announced read-only */
    } else if (strcmp(kind, "rw-lie") == 0) {
        int rw = new_memfd(4096, "readonly");

        snprintf(path, sizeof(path), "/proc/self/fd/%d", rw);
        fds[0] = open(path, O_RDONLY);
        close(rw);
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
    } else if (strcmp(kind, "extra200") == 0 || strcmp(kind, "two-cmsgs") == 0) {
        fds[0] = new_memfd(4096, "extra");
        n = strcmp(kind, "extra200") == 0 ? 201 : 2;
        split = n == 2;
        for (i = 1; i < n; i++)
            fds[i] = open("/dev/null", O_RDONLY);
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
    } else if (strcmp(kind, "nofd") == 0) {
        n = 0;
    } else {
        /* malformed frames around a good object */
        fds[0] = new_memfd(4096, "malformed");
        f.word = 1U | ((PRUint32)PR_PROT_READWRITE << 16);
        if (strcmp(kind, "garbage") == 0) {
            for (i = 0; i < (int)sizeof(f); i++)
                ((unsigned char *)&f)[i] = (unsigned char)(rand() & 0xff);
        } else if (strcmp(kind, "short") == 0) {
            len = 20;
        } else if (strcmp(kind, "long") == 0) {
            memset(junk, 0, sizeof(junk));
            memcpy(junk, &f, sizeof(f));
            rc = send_raw(ch, junk, sizeof(junk), fds, 1, 0);
            close(fds[0]);
            return rc;
        } else if (strcmp(kind, "bad-magic") == 0) {
            f.magic ^= 1;
        } else if (strcmp(kind, "bad-version") == 0) {
            f.word = 2U | ((PRUint32)PR_PROT_READWRITE << 16);
        } else if (strcmp(kind, "bad-prot") == 0) {
            f.word = 1U | (7U << 16);
        } else if (strcmp(kind, "bad-flags") == 0) {
            f.flags = 0x80;
        } else if (strcmp(kind, "bad-reserved") == 0) {
            f.reserved = 1;
        } else if (strcmp(kind, "bad-window") == 0) {
            f.offset = 1;
            f.length = 4095;
        } else if (strcmp(kind, "window-past-end") == 0) {
            f.offset = 4096;
            f.length = 4096;
        } else if (strcmp(kind, "zero-size") == 0) {
            f.size = f.length = 0;
        } else if (strcmp(kind, "max-size") == 0) {
            /* the int64 edges: an object far larger than it is */
            f.size = INT64_MAX;
        } else if (strcmp(kind, "window-overflow") == 0) {
            f.size = INT64_MAX;
            f.offset = INT64_MAX & ~(int64_t)4095;
            f.length = 8192; /* offset + length overflows */
        } else if (strcmp(kind, "negative-size") == 0) {
            f.size = -4096;
        } else if (strcmp(kind, "negative-window") == 0) {
            f.offset = -4096;
        } else if (strcmp(kind, "good") != 0) {
            return -1;
        }
    }
    if (n > 0 && fds[0] < 0)
        return -1;
    rc = send_raw(ch, &f, len, fds, n, split);
    for (i = 0; i < n; i++)
        close(fds[i]);
    return rc;
}

static int mode_hostile(int argc, char **argv)
{
    char tmp[] = "/tmp/prshm-hostile-XXXXXX";
    PRFileDesc *ch;
    int fd, i, rc = 0;

    if (argc < 4 || !(ch = inherited(argv[2])) || !mkdtemp(tmp))
        return 2;
    fd = (int)PR_FileDesc2NativeHandle(ch);
    for (i = 3; i < argc; i++)
        if (send_kind(fd, argv[i], tmp) != 0) {
            printf("could not send %s: %s\n", argv[i], strerror(errno));
            rc = 1;
        }
    printf("remove %s\n", tmp);
    PR_Close(ch);
    return rc;
}

int helper_channel_mode(int argc, char **argv)
{
    if (strcmp(argv[1], "ch-recv") == 0)
        return mode_recv(argc, argv);
    if (strcmp(argv[1], "ch-connect") == 0)
        return mode_connect(argc, argv);
    if (strcmp(argv[1], "ch-dir-selftest") == 0)
        return mode_dir_selftest(argc, argv);
    if (strcmp(argv[1], "ch-handoff") == 0)
        return mode_handoff(argc, argv);
    if (strcmp(argv[1], "ch-listen") == 0)
        return mode_listen(argc, argv);
    if (strcmp(argv[1], "ch-hostile") == 0)
        return mode_hostile(argc, argv);
    return -1;
}
