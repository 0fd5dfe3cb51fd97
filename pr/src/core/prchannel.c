/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prchannel.c -- handing a map to one specific other process (prshmsec.h,
 * docs/handles.md): channels over AF_UNIX sockets, one descriptor per
 * message with SCM_RIGHTS, the peer checked by the sender, the object
 * checked by the receiver.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif
#ifdef __FreeBSD__
#include <sys/param.h> /* __FreeBSD_version */
#endif
#if defined(LOCAL_PEERCRED) || defined(__FreeBSD__)
#include <sys/ucred.h>
#endif

#include "prcore.h"
#include "prenv.h"
#include "prinrval.h"
#include "prshm_md.h"
#include "prshmsec.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#ifndef MSG_CMSG_CLOEXEC
#define MSG_CMSG_CLOEXEC 0
#endif

#define FRAME_MAGIC 0x314d5250U /* "PRM1" on a little-endian host */
#define FRAME_VERSION 1U
#define NAME_MAX_LEN 64
#define RIGHTS_ROOM 8 /* descriptors one receive makes room for; more is
                         an attack and is cut short (MSG_CTRUNC) */

/* ---- frames ------------------------------------------------------------ */

static void put32(unsigned char *p, PRUint32 v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, PRInt64 v) { memcpy(p, &v, 8); }
static PRUint32 get32(const unsigned char *p) { PRUint32 v; memcpy(&v, p, 4); return v; }
static PRInt64 get64(const unsigned char *p) { PRInt64 v; memcpy(&v, p, 8); return v; }

void pr_format_map_frame(const struct pr_map_frame *f,
                         unsigned char buf[PR_FRAME_LEN])
{
    put32(buf, FRAME_MAGIC);
    put32(buf + 4, FRAME_VERSION | ((PRUint32)f->prot << 16));
    put32(buf + 8, f->flags);
    put32(buf + 12, 0);
    put64(buf + 16, f->size);
    put64(buf + 24, f->offset);
    put64(buf + 32, f->length);
}

int pr_parse_map_frame(const unsigned char *buf, size_t len,
                       struct pr_map_frame *f)
{
    PRUint32 word;
    PRInt32 page = PR_GetMemMapAlignment();

    if (!buf || len != PR_FRAME_LEN || get32(buf) != FRAME_MAGIC)
        return -1;
    word = get32(buf + 4);
    if ((word & 0xffffU) != FRAME_VERSION || (word >> 16) > PR_PROT_WRITECOPY)
        return -1;
    f->prot = (PRFileMapProtect)(word >> 16);
    f->flags = get32(buf + 8);
    f->size = get64(buf + 16);
    f->offset = get64(buf + 24);
    f->length = get64(buf + 32);
    if ((f->flags & ~PR_FRAME_REVOCABLE) || get32(buf + 12) != 0)
        return -1;
    if (f->size <= 0 || f->offset < 0 || f->length <= 0 ||
        f->offset % page != 0 || f->offset > f->size ||
        f->length > f->size - f->offset)
        return -1;
    return 0;
}

/* ---- waiting ------------------------------------------------------------- */

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline of timeout in now_ms() terms; -1 for none. */
static long long deadline_of(PRIntervalTime timeout)
{
    if (timeout == PR_INTERVAL_NO_TIMEOUT)
        return -1;
    return now_ms() + (long long)PR_IntervalToMilliseconds(timeout);
}

/* Wait until fd has events (or an error the next call will report) or
 * the deadline passes; 0, or -1 with the error set. */
static int wait_for(int fd, short events, long long deadline)
{
    for (;;) {
        struct pollfd p;
        int ms = -1, rc;

        if (deadline >= 0) {
            long long left = deadline - now_ms();

            ms = left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
        }
        p.fd = fd;
        p.events = events;
        p.revents = 0;
        rc = poll(&p, 1, ms);
        if (rc > 0)
            return 0;
        if (rc == 0) {
            PR_SetError(PR_IO_TIMEOUT_ERROR, ETIMEDOUT);
            return -1;
        }
        if (errno != EINTR) {
            pr_set_os_error(errno);
            return -1;
        }
    }
}

/* ---- sockets --------------------------------------------------------------- */

/* The native socket behind ch, which must be an AF_UNIX stream or
 * seqpacket socket; -1 with the error set. */
static int channel_fd(PRFileDesc *ch, int *type)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss), tlen = sizeof(*type);
    int fd;

    memset(&ss, 0, sizeof(ss));
    if (!ch) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    fd = (int)PR_FileDesc2NativeHandle(ch);
    if (fd < 0)
        return -1;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, type, &tlen) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
        pr_set_os_error(errno);
        return -1;
    }
    if (ss.ss_family != AF_UNIX ||
        (*type != SOCK_STREAM && *type != SOCK_SEQPACKET)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    return fd;
}

static int set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* A new close-on-exec AF_UNIX socket: seqpacket (message boundaries),
 * or stream where the system has no seqpacket; -1 with errno. */
static int new_socket(void)
{
    static const int types[] = {SOCK_SEQPACKET, SOCK_STREAM};
    size_t i;
    int fd = -1;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
#ifdef SOCK_CLOEXEC
        fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
#else
        fd = socket(AF_UNIX, types[i], 0);
        if (fd >= 0 && set_cloexec(fd) != 0) {
            close(fd);
            fd = -1;
        }
#endif
        if (fd >= 0 || (errno != EPROTONOSUPPORT && errno != ESOCKTNOSUPPORT &&
                        errno != EPROTOTYPE))
            break;
    }
    return fd;
}

/* A PRFileDesc for a channel socket; closes fd on failure. */
static PRFileDesc *wrap(int fd)
{
    PRFileDesc *d = PR_ImportTCPSocket(fd);

    if (!d)
        close(fd);
    return d;
}

/* ---- names ------------------------------------------------------------------ */

static PRBool name_valid(const char *name)
{
    size_t i;

    if (!name || !name[0] || name[0] == '.')
        return PR_FALSE;
    for (i = 0; name[i]; i++) {
        char c = name[i];

        if (i >= NAME_MAX_LEN ||
            !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return PR_FALSE;
    }
    return PR_TRUE;
}

/* Whether names live in a directory (else the abstract namespace); -1
 * with the error set for an unknown PRSHM_CHANNEL_NAMESPACE. */
static int use_directory(void)
{
    const char *v = PR_GetEnvSecure("PRSHM_CHANNEL_NAMESPACE");

    if (!v || !*v) {
#ifdef __linux__
        return 0;
#else
        return 1;
#endif
    }
    if (strcmp(v, "directory") == 0)
        return 1;
#ifdef __linux__
    if (strcmp(v, "abstract") == 0)
        return 0;
#endif
    PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
    return -1;
}

/* This user's channel directory in dir: made 0700 if create, and in any
 * case checked to be a real directory of this user that no one else can
 * enter; 0, or -1 with the error set. */
static int channel_dir(char *dir, size_t len, PRBool create)
{
    struct stat st;

    (void)snprintf(dir, len, "/tmp/prshm-%lu", (unsigned long)geteuid());
    if (create && mkdir(dir, 0700) != 0 && errno != EEXIST) {
        pr_set_os_error(errno);
        return -1;
    }
    if (lstat(dir, &st) != 0) {
        /* no directory: no listener of this user */
        PR_SetError(errno == ENOENT ? PR_CONNECT_REFUSED_ERROR
                                    : pr_map_errno(errno), errno);
        return -1;
    }
    if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077)) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EPERM);
        return -1;
    }
    return 0;
}

/* The socket address of name; *is_path says whether it is a file.
 * 0, or -1 with the error set. */
static int channel_address(const char *name, struct sockaddr_un *sa,
                           socklen_t *len, PRBool listening, PRBool *is_path)
{
    char dir[64];
    int directory, n;

    if (!name_valid(name)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return -1;
    }
    directory = use_directory();
    if (directory < 0)
        return -1;
    memset(sa, 0, sizeof(*sa));
    sa->sun_family = AF_UNIX;
    *is_path = directory ? PR_TRUE : PR_FALSE;
    if (directory) {
        if (channel_dir(dir, sizeof(dir), listening) != 0)
            return -1;
        n = snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, name);
        *len = (socklen_t)sizeof(*sa);
    } else {
        /* abstract: a leading NUL, and the length says where it ends */
        n = snprintf(sa->sun_path + 1, sizeof(sa->sun_path) - 1, "prshm/%s", name);
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
    }
    if (n < 0 || (size_t)n >= sizeof(sa->sun_path) - 1) {
        PR_SetError(PR_NAME_TOO_LONG_ERROR, ENAMETOOLONG);
        return -1;
    }
    return 0;
}

/* Whether a listener answers at the socket file sa (a stale file left by
 * one that died does not). */
static PRBool someone_listens(const struct sockaddr_un *sa, socklen_t len)
{
    int fd = new_socket(), rc;

    if (fd < 0)
        return PR_TRUE; /* cannot tell: do not remove it */
    rc = connect(fd, (const struct sockaddr *)sa, len);
    close(fd);
    return rc == 0 || errno != ECONNREFUSED;
}

PR_IMPLEMENT(PRFileDesc *) PR_ListenFileMapChannel(const char *name)
{
    struct sockaddr_un sa;
    socklen_t len;
    PRBool is_path;
    int fd, rc;

    if (channel_address(name, &sa, &len, PR_TRUE, &is_path) != 0)
        return NULL;
    fd = new_socket();
    if (fd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    rc = bind(fd, (struct sockaddr *)&sa, len);
    if (rc != 0 && errno == EADDRINUSE && is_path && !someone_listens(&sa, len)) {
        /* our own directory: only we could have left the file there */
        (void)unlink(sa.sun_path);
        rc = bind(fd, (struct sockaddr *)&sa, len);
    }
    if (rc != 0 || listen(fd, SOMAXCONN) != 0) {
        int err = errno;

        close(fd);
        pr_set_os_error(err);
        return NULL;
    }
    return wrap(fd);
}

PR_IMPLEMENT(PRFileDesc *) PR_AcceptFileMapChannel(PRFileDesc *listener,
                                                   PRIntervalTime timeout)
{
    long long deadline = deadline_of(timeout);
    int type, lfd = channel_fd(listener, &type), fd;

    if (lfd < 0)
        return NULL;
    for (;;) {
        if (wait_for(lfd, POLLIN, deadline) != 0)
            return NULL;
#if defined(HAVE_ACCEPT4) && defined(SOCK_CLOEXEC)
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
#else
        fd = accept(lfd, NULL, NULL);
        if (fd >= 0 && set_cloexec(fd) != 0) {
            close(fd);
            fd = -1;
        }
#endif
        if (fd >= 0)
            return wrap(fd);
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK &&
            errno != ECONNABORTED) {
            pr_set_os_error(errno);
            return NULL;
        }
    }
}

PR_IMPLEMENT(PRFileDesc *) PR_ConnectFileMapChannel(const char *name,
                                                    PRIntervalTime timeout)
{
    struct sockaddr_un sa;
    struct timeval tv = {0, 0};
    socklen_t len;
    PRBool is_path;
    int fd, rc, err;

    if (channel_address(name, &sa, &len, PR_FALSE, &is_path) != 0)
        return NULL;
    fd = new_socket();
    if (fd < 0) {
        pr_set_os_error(errno);
        return NULL;
    }
    /* a connect to a listener whose queue is full waits: at most the
     * send timeout, or not at all with PR_INTERVAL_NO_WAIT */
    if (timeout == PR_INTERVAL_NO_WAIT) {
        rc = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    } else if (timeout != PR_INTERVAL_NO_TIMEOUT) {
        PRUint32 ms = PR_IntervalToMilliseconds(timeout);

        tv.tv_sec = (time_t)(ms / 1000);
        tv.tv_usec = (suseconds_t)(ms % 1000) * 1000 + (ms == 0);
        rc = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    } else {
        rc = 0;
    }
    if (rc == 0) {
        do
            rc = connect(fd, (struct sockaddr *)&sa, len);
        while (rc != 0 && errno == EINTR);
    }
    err = errno;
    if (rc == 0 && timeout == PR_INTERVAL_NO_WAIT) { /* back to blocking */
        rc = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        err = errno;
    } else if (rc == 0 && timeout != PR_INTERVAL_NO_TIMEOUT) {
        struct timeval none = {0, 0}; /* and no send timeout after all */

        rc = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, sizeof(none));
        err = errno;
    }
    if (rc != 0) {
        close(fd);
        if (err == ECONNREFUSED || err == ENOENT)
            PR_SetError(PR_CONNECT_REFUSED_ERROR, err);
        else if (err == EAGAIN || err == EWOULDBLOCK || err == EINPROGRESS)
            PR_SetError(PR_IO_TIMEOUT_ERROR, err);
        else
            pr_set_os_error(err);
        return NULL;
    }
    return wrap(fd);
}

/* A connected close-on-exec pair, seqpacket where the system has it;
 * 0, or -1 with errno. */
static int new_pair(int sv[2])
{
    static const int types[] = {SOCK_SEQPACKET, SOCK_STREAM};
    size_t i;
    int rc = -1;

    for (i = 0; rc != 0 && i < sizeof(types) / sizeof(types[0]); i++) {
#ifdef SOCK_CLOEXEC
        rc = socketpair(AF_UNIX, types[i] | SOCK_CLOEXEC, 0, sv);
#else
        rc = socketpair(AF_UNIX, types[i], 0, sv);
        if (rc == 0 && (set_cloexec(sv[0]) != 0 || set_cloexec(sv[1]) != 0)) {
            int err = errno;

            close(sv[0]);
            close(sv[1]);
            errno = err;
            return -1;
        }
#endif
    }
    return rc;
}

PR_IMPLEMENT(PRStatus) PR_NewFileMapChannel(PRFileDesc *ends[2])
{
    int sv[2];

    if (!ends) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (new_pair(sv) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    ends[0] = PR_ImportTCPSocket(sv[0]);
    ends[1] = ends[0] ? PR_ImportTCPSocket(sv[1]) : NULL;
    if (!ends[1]) {
        PRErrorCode code = PR_GetError();
        PRInt32 oserr = PR_GetOSError();

        if (ends[0])
            PR_Close(ends[0]);
        else
            close(sv[0]);
        close(sv[1]);
        ends[0] = NULL;
        PR_SetError(code, oserr);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* ---- peers -------------------------------------------------------------------- */

/* Whether fd is a listening socket (which has no peer). */
static PRBool listening(int fd)
{
#ifdef SO_ACCEPTCONN
    int on = 0;
    socklen_t len = sizeof(on);

    return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on;
#else
    (void)fd;
    return PR_FALSE;
#endif
}

/* What the kernel recorded of the other end of the connected socket fd. */
static PRStatus kernel_peer(int fd, PRInt32 *pid, PRUint32 *uid)
{
#if defined(__linux__) && defined(SO_PEERCRED)
    struct ucred cr;
    socklen_t len = sizeof(cr);

    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    if (cr.pid <= 0) { /* not connected */
        PR_SetError(PR_NOT_CONNECTED_ERROR, ENOTCONN);
        return PR_FAILURE;
    }
    *pid = (PRInt32)cr.pid;
    *uid = (PRUint32)cr.uid;
    return PR_SUCCESS;
#elif defined(LOCAL_PEERCRED)
    struct xucred xu;
    socklen_t len = sizeof(xu);

    if (getsockopt(fd, 0 /* SOL_LOCAL */, LOCAL_PEERCRED, &xu, &len) != 0) {
        PR_SetError(errno == EINVAL ? PR_NOT_CONNECTED_ERROR : pr_map_errno(errno),
                    errno);
        return PR_FAILURE;
    }
    *uid = (PRUint32)xu.cr_uid;
#if defined(__FreeBSD__) && __FreeBSD_version >= 1300000
    *pid = (PRInt32)xu.cr_pid;
#else
    *pid = -1;
#endif
    return PR_SUCCESS;
#elif defined(HAVE_GETPEEREID)
    uid_t u;
    gid_t g;

    if (getpeereid(fd, &u, &g) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    *uid = (PRUint32)u;
    *pid = -1;
    return PR_SUCCESS;
#else
    (void)fd;
    (void)pid;
    (void)uid;
    PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
    return PR_FAILURE;
#endif
}

static PRStatus peer_of(int fd, PRInt32 *pid, PRUint32 *uid)
{
    if (listening(fd)) { /* the kernel would report the listener itself */
        PR_SetError(PR_NOT_CONNECTED_ERROR, ENOTCONN);
        return PR_FAILURE;
    }
    return kernel_peer(fd, pid, uid);
}

PR_IMPLEMENT(PRStatus) PR_GetFileMapChannelPeer(PRFileDesc *ch, PRInt32 *pid,
                                                PRUint32 *uid)
{
    PRInt32 p;
    PRUint32 u;
    int type, fd = channel_fd(ch, &type);

    if (fd < 0 || peer_of(fd, &p, &u) != PR_SUCCESS)
        return PR_FAILURE;
    if (pid)
        *pid = p;
    if (uid)
        *uid = u;
    return PR_SUCCESS;
}

/* ---- sending ------------------------------------------------------------------ */

/* Send the frame with passfd attached; PR_SUCCESS or PR_FAILURE. */
static PRStatus send_frame(int fd, const unsigned char *buf, int passfd)
{
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } ctl;
    size_t done = 0;

    while (done < PR_FRAME_LEN) {
        struct msghdr msg;
        struct iovec iov;
        ssize_t n;

        memset(&msg, 0, sizeof(msg));
        iov.iov_base = (void *)(size_t)(buf + done);
        iov.iov_len = PR_FRAME_LEN - done;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        if (done == 0) { /* the descriptor goes with the first byte */
            struct cmsghdr *c;

            memset(&ctl, 0, sizeof(ctl));
            msg.msg_control = ctl.space;
            msg.msg_controllen = sizeof(ctl.space);
            c = CMSG_FIRSTHDR(&msg);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(c), &passfd, sizeof(int));
        }
        n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            done += (size_t)n;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (wait_for(fd, POLLOUT, -1) != 0)
                return PR_FAILURE;
        } else if (errno == EINVAL || errno == EOPNOTSUPP) {
            /* a socket that cannot carry descriptors: not a local one */
            PR_SetError(PR_INVALID_ARGUMENT_ERROR, errno);
            return PR_FAILURE;
        } else if (errno != EINTR) {
            pr_set_os_error(errno);
            return PR_FAILURE;
        }
    }
    return PR_SUCCESS;
}

/* Whether fm's object has no name: made by one of our anonymous backends
 * (which give it none), or, for anything else, a link count of 0 now. */
static PRBool anonymous(const PRFileMap *fm)
{
    struct stat st;

    if (fm->backend && fm->backend->create)
        return PR_TRUE;
    return fstat(fm->osfd, &st) == 0 && st.st_nlink == 0;
}

PR_IMPLEMENT(PRStatus) PR_SendFileMapWindow(PRFileDesc *ch, PRFileMap *fm,
                                            PRFileMapProtect prot,
                                            PRInt32 peerPid, PROffset64 offset,
                                            PRInt64 length)
{
    unsigned char buf[PR_FRAME_LEN];
    struct pr_map_frame f;
    PRFileMap *ro = NULL;
    PRInt32 pid;
    PRUint32 uid;
    PRStatus rc;
    int fd;

    if (!ch || !fm || (unsigned)prot > PR_PROT_WRITECOPY || peerPid < 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    /* the channel is checked by sendmsg itself: no socket, no connection,
     * or no local socket (SCM_RIGHTS refused) each have their error */
    fd = (int)PR_FileDesc2NativeHandle(ch);
    if (fd < 0)
        return PR_FAILURE;
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (offset < 0 || length <= 0 || offset % PR_GetMemMapAlignment() != 0 ||
        !pr_window_holds(fm, offset, length)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (!fm->owns_fd || !anonymous(fm)) { /* a file, or a named object */
        PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
        return PR_FAILURE;
    }
    /* a map that cannot be written, or that this process sealed against
     * writes, is not sent writable (the receiver refuses one that another
     * holder sealed) */
    if (prot == PR_PROT_READWRITE &&
        (fm->prot != PR_PROT_READWRITE || fm->write_sealed)) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return PR_FAILURE;
    }
    if (peerPid > 0) {
        if (peer_of(fd, &pid, &uid) != PR_SUCCESS)
            return PR_FAILURE;
        if (pid < 0) {
            PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
            return PR_FAILURE;
        }
        if (pid != peerPid) {
            PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EPERM);
            return PR_FAILURE;
        }
    }
    if (prot != PR_PROT_READWRITE) {
        ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
        if (!ro)
            return PR_FAILURE;
    }
    f.prot = prot;
    f.flags = (fm->flags & PR_ANONFM_REVOCABLE) ? PR_FRAME_REVOCABLE : 0;
    f.size = fm->size;
    f.offset = offset;
    f.length = length;
    pr_format_map_frame(&f, buf);
    rc = send_frame(fd, buf, ro ? ro->osfd : fm->osfd);
    if (ro) {
        PRErrorCode code = PR_GetError();
        PRInt32 oserr = PR_GetOSError();

        PR_CloseFileMap(ro);
        if (rc != PR_SUCCESS)
            PR_SetError(code, oserr);
    }
    return rc;
}

PR_IMPLEMENT(PRStatus) PR_SendFileMap(PRFileDesc *ch, PRFileMap *fm,
                                      PRFileMapProtect prot, PRInt32 peerPid)
{
    PRInt64 off = 0, len = 0;

    if (fm)
        pr_window_of(fm, &off, &len);
    return PR_SendFileMapWindow(ch, fm, prot, peerPid, off, len);
}

/* ---- receiving ---------------------------------------------------------------- */

/* Take the descriptors a receive brought: the first into *got if it is
 * still empty, every other one closed.  0 when that was at most one in
 * all and nothing was cut short, else -1. */
static int take_rights(struct msghdr *msg, int *got)
{
    struct cmsghdr *c;
    int bad = (msg->msg_flags & MSG_CTRUNC) != 0;

    for (c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
        const unsigned char *data = CMSG_DATA(c);
        size_t n, i;

        if (c->cmsg_level != SOL_SOCKET || c->cmsg_len < CMSG_LEN(0))
            continue;
#ifdef SCM_PIDFD
        if (c->cmsg_type != SCM_RIGHTS && c->cmsg_type != SCM_PIDFD)
            continue;
#else
        if (c->cmsg_type != SCM_RIGHTS)
            continue;
#endif
        n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (i = 0; i < n; i++) {
            int fd;

            memcpy(&fd, data + i * sizeof(int), sizeof(int));
            if (MSG_CMSG_CLOEXEC == 0)
                (void)set_cloexec(fd);
            if (*got < 0 && c->cmsg_type == SCM_RIGHTS) {
                *got = fd;
            } else {
                close(fd);
                bad = 1;
            }
        }
    }
    return bad ? -1 : 0;
}

/* Whether fd is a seqpacket socket (one record per message); -1 with the
 * error set when it is no socket. */
static int is_seqpacket(int fd)
{
    socklen_t len;
    int type;

    len = sizeof(type);
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
        pr_set_os_error(errno);
        return -1;
    }
    return type == SOCK_SEQPACKET;
}

/*
 * Receive one frame into buf and its descriptor into *got; 0, or -1 with
 * the error set and everything that arrived closed.  A frame normally
 * comes whole in one receive, on a stream as on a seqpacket socket; only
 * a short one asks which the channel is: on a stream the rest follows, on
 * seqpacket it is a short record.  A longer record is cut (MSG_TRUNC).
 */
static int receive_frame(int fd, long long deadline, unsigned char *buf,
                         int *got)
{
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int) * RIGHTS_ROOM)];
    } ctl;
    size_t have = 0;
    int seqpacket = -1;

    *got = -1;
    while (have < PR_FRAME_LEN) {
        struct msghdr msg;
        struct iovec iov;
        ssize_t n;
        int bad;

        memset(&msg, 0, sizeof(msg));
        iov.iov_base = buf + have;
        iov.iov_len = PR_FRAME_LEN - have;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = ctl.space;
        msg.msg_controllen = sizeof(ctl.space);
        n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (wait_for(fd, POLLIN, deadline) != 0)
                    goto fail;
            } else if (errno != EINTR) {
                pr_set_os_error(errno);
                goto fail;
            }
            continue;
        }
        bad = take_rights(&msg, got);
        if (n == 0 && !bad && msg.msg_controllen == 0) {
            PR_SetError(PR_END_OF_FILE_ERROR, 0);
            goto fail;
        }
        have += (size_t)n;
        if (bad || (msg.msg_flags & MSG_TRUNC))
            goto malformed;
        if (have < PR_FRAME_LEN) {
            if (seqpacket < 0 && (seqpacket = is_seqpacket(fd)) < 0)
                goto fail;
            if (seqpacket)
                goto malformed;
        }
    }
    if (*got < 0)
        goto malformed;
    return 0;
malformed:
    PR_SetError(PR_IO_ERROR, EBADMSG);
fail:
    if (*got >= 0)
        close(*got);
    *got = -1;
    return -1;
}

/* Whether the object behind fd lives on a filesystem that another process
 * serves, whose pages could stall or change under the receiver. */
static PRBool served_elsewhere(int fd)
{
#ifdef __linux__
    struct statfs sf;

    if (fstatfs(fd, &sf) != 0)
        return PR_FALSE;
    switch ((PRUint32)sf.f_type) {
    case 0x65735546U: /* FUSE */
    case 0x6969U:     /* NFS */
    case 0xFF534D42U: /* CIFS */
    case 0xFE534D42U: /* SMB2 */
        return PR_TRUE;
    default:
        return PR_FALSE;
    }
#else
    (void)fd;
    return PR_FALSE;
#endif
}

/* The receiver's checks of what arrived; 0, or -1 with the error set. */
static int check_received(int fd, const struct pr_map_frame *f)
{
    const PRUint32 no_writes = PR_FILEMAP_SEAL_WRITE | PR_FILEMAP_SEAL_FUTURE_WRITE;
    PRUint32 seals = 0;
    PRBool sealable;
    struct stat st;
    int flags;

    if (pr_check_object_fd(fd, &flags, &st) != 0)
        return -1;
    /* an anonymous memory object: one that has no name in any directory,
     * served by no other process (an object that takes seals lives in
     * memory: only shmem and hugetlbfs have them) */
    if (st.st_nlink != 0) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
    sealable = pr_get_seals(fd, &seals) == PR_SUCCESS;
    if (!sealable && served_elsewhere(fd)) {
        PR_SetError(PR_BAD_DESCRIPTOR_ERROR, 0);
        return -1;
    }
    if ((PRUint64)st.st_size < (PRUint64)f->size) {
        PR_SetError(PR_RANGE_ERROR, 0);
        return -1;
    }
    if (f->prot == PR_PROT_READWRITE) {
        if (!pr_access_allows(flags, PR_PROT_READWRITE) || (seals & no_writes)) {
            PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
            return -1;
        }
    } else if (!pr_access_allows(flags, PR_PROT_READONLY) || !sealable ||
               !(seals & no_writes)) {
        /* announced read-only: nobody may gain write access to it */
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return -1;
    }
    return 0;
}

/* Received maps: re-restricted through /proc where it is mounted. */
static const struct pr_shm_backend received_backend = {
    "received", NULL, pr_reopen_readonly_any
};

PR_IMPLEMENT(PRFileMap *) PR_ReceiveFileMap(PRFileDesc *ch,
                                            PRIntervalTime timeout)
{
    unsigned char buf[PR_FRAME_LEN];
    long long deadline;
    struct pr_map_frame f;
    PRFileMap *fm;
    int fd, got;

    if (!ch) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    fd = (int)PR_FileDesc2NativeHandle(ch);
    if (fd < 0)
        return NULL;
    deadline = deadline_of(timeout);
    if (receive_frame(fd, deadline, buf, &got) != 0)
        return NULL;
    if (pr_parse_map_frame(buf, PR_FRAME_LEN, &f) != 0) {
        close(got);
        PR_SetError(PR_IO_ERROR, EBADMSG);
        return NULL;
    }
    if (check_received(got, &f) != 0) {
        PRErrorCode code = PR_GetError();
        PRInt32 oserr = PR_GetOSError();

        close(got);
        PR_SetError(code, oserr);
        return NULL;
    }
    fm = pr_new_file_map(got, PR_TRUE, f.size, f.prot, PR_FALSE);
    if (!fm) {
        close(got);
        return NULL;
    }
    fm->backend = &received_backend;
    fm->flags = (f.flags & PR_FRAME_REVOCABLE) ? PR_ANONFM_REVOCABLE : 0;
    fm->win_off = f.offset;
    fm->win_len = f.length;
    return fm;
}
