/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prpeer.c -- who is at the other end of a channel: the credentials the
 * kernel recorded when it was connected or made.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#ifdef __FreeBSD__
#include <sys/param.h> /* __FreeBSD_version */
#endif
#if defined(LOCAL_PEERCRED) || defined(__FreeBSD__)
#include <sys/ucred.h>
#endif
#include <unistd.h>

#include "prcore.h"
#include "prchannel.h"
#include "prshmsec.h"

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

PRStatus pr_chan_peer(int fd, PRInt32 *pid, PRUint32 *uid)
{
    if (listening(fd)) { /* the kernel would report the listener itself */
        PR_SetError(PR_NOT_CONNECTED_ERROR, ENOTCONN);
        return PR_FAILURE;
    }
    return kernel_peer(fd, pid, uid);
}

/* Linux 6.5 gives a pidfd of the process that connected (or made) the
 * other end; older headers lack the number, which is the generic one on
 * the architectures prshm is built for. */
#if defined(__linux__) && !defined(SO_PEERPIDFD) &&                          \
    (defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) ||     \
     defined(__arm__) || defined(__s390x__) || defined(__riscv))
#define SO_PEERPIDFD 77
#endif

int pr_chan_peer_gone(int fd)
{
#if defined(__linux__) && defined(SO_PEERPIDFD)
    struct pollfd p;
    socklen_t len = sizeof(int);
    int pidfd = -1, rc;

    if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &len) != 0) {
        /* an older kernel cannot tell; otherwise the process has no task
         * left (EINVAL, ESRCH): it has exited and been reaped */
        return errno == ENOPROTOOPT || errno == EOPNOTSUPP ? -1 : 1;
    }
    /* a pidfd is readable once its process has exited (a zombie too) */
    p.fd = pidfd;
    p.events = POLLIN;
    p.revents = 0;
    do
        rc = poll(&p, 1, 0);
    while (rc < 0 && errno == EINTR);
    close(pidfd);
    return rc != 0 ? 1 : 0;
#else
    (void)fd;
    return -1;
#endif
}

PR_IMPLEMENT(PRStatus) PR_GetFileMapChannelPeer(PRFileDesc *ch, PRInt32 *pid,
                                                PRUint32 *uid)
{
    PRInt32 p;
    PRUint32 u;
    int type, fd = pr_channel_fd(ch, &type);

    if (fd < 0 || pr_chan_peer(fd, &p, &u) != PR_SUCCESS)
        return PR_FAILURE;
    if (pid)
        *pid = p;
    if (uid)
        *uid = u;
    return PR_SUCCESS;
}
