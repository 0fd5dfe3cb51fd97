/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prrendezvous.c -- where channels meet: names (Linux's abstract namespace,
 * or a private directory), listen, accept, connect, and connected pairs.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "prcore.h"
#include "prenv.h"
#include "prinrval.h"
#include "prchannel.h"
#include "prshmsec.h"

#define NAME_MAX_LEN 64

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

/* Where this user's channels live: "prshm" in the runtime directory the
 * system gives the user ($XDG_RUNTIME_DIR, /run/user/UID under systemd),
 * when it is a directory of this user closed to others -- no other user
 * can make it first; else /tmp/prshm-EUID, which another user can take
 * first (a denial of service, never a way in). */
static void channel_dir_path(char *dir, size_t len)
{
    const char *x = PR_GetEnvSecure("XDG_RUNTIME_DIR");
    struct stat st;
    int n;

    if (x && x[0] == '/' && stat(x, &st) == 0 && S_ISDIR(st.st_mode) &&
        st.st_uid == geteuid() && !(st.st_mode & 077)) {
        n = snprintf(dir, len, "%s/prshm", x);
        if (n > 0 && (size_t)n < len)
            return;
    }
    (void)snprintf(dir, len, "/tmp/prshm-%lu", (unsigned long)geteuid());
}

/* This user's channel directory in dir: made 0700 if create, and in any
 * case checked to be a real directory of this user that no one else can
 * enter; 0, or -1 with the error set. */
static int channel_dir(char *dir, size_t len, PRBool create)
{
    struct stat st;

    channel_dir_path(dir, len);
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
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
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
    int fd = pr_chan_new_socket(), rc;

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
    fd = pr_chan_new_socket();
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
    return pr_chan_wrap(fd);
}

PR_IMPLEMENT(PRFileDesc *) PR_AcceptFileMapChannel(PRFileDesc *listener,
                                                   PRIntervalTime timeout)
{
    long long deadline = pr_chan_deadline(timeout);
    int type, lfd = pr_channel_fd(listener, &type), fd;

    if (lfd < 0)
        return NULL;
    for (;;) {
        if (pr_chan_wait(lfd, POLLIN, deadline) != 0)
            return NULL;
#if defined(HAVE_ACCEPT4) && defined(SOCK_CLOEXEC)
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
#else
        fd = accept(lfd, NULL, NULL);
        if (fd >= 0 && pr_chan_set_cloexec(fd) != 0) {
            close(fd);
            fd = -1;
        }
#endif
        if (fd >= 0)
            return pr_chan_wrap(fd);
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
    fd = pr_chan_new_socket();
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
    return pr_chan_wrap(fd);
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
        if (rc == 0 && (pr_chan_set_cloexec(sv[0]) != 0 || pr_chan_set_cloexec(sv[1]) != 0)) {
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
