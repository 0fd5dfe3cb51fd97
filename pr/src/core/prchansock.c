/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prchansock.c -- channel sockets: making them close-on-exec, checking a
 * PRFileDesc is one, wrapping one, and waiting on one with a deadline.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "prcore.h"
#include "prchannel.h"
#include "prshmsec.h"
#include "prinrval.h"

long long pr_chan_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The deadline of timeout in pr_chan_now_ms() terms; -1 for none. */
long long pr_chan_deadline(PRIntervalTime timeout)
{
    if (timeout == PR_INTERVAL_NO_TIMEOUT)
        return -1;
    return pr_chan_now_ms() + (long long)PR_IntervalToMilliseconds(timeout);
}

/* Wait until fd has events (or an error the next call will report) or
 * the deadline passes; 0, or -1 with the error set. */
int pr_chan_wait(int fd, short events, long long deadline)
{
    for (;;) {
        struct pollfd p;
        int ms = -1, rc;

        if (deadline >= 0) {
            long long left = deadline - pr_chan_now_ms();

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
int pr_channel_fd(PRFileDesc *ch, int *type)
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

int pr_chan_set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    return flags < 0 ? -1 : fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/* A new close-on-exec AF_UNIX socket: seqpacket (message boundaries),
 * or stream where the system has no seqpacket; -1 with errno. */
int pr_chan_new_socket(void)
{
    static const int types[] = {SOCK_SEQPACKET, SOCK_STREAM};
    size_t i;
    int fd = -1;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
#ifdef SOCK_CLOEXEC
        fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
#else
        fd = socket(AF_UNIX, types[i], 0);
        if (fd >= 0 && pr_chan_set_cloexec(fd) != 0) {
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
PRFileDesc *pr_chan_wrap(int fd)
{
    PRFileDesc *d = PR_ImportTCPSocket(fd);

    if (!d)
        close(fd);
    return d;
}
