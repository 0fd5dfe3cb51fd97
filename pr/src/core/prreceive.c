/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prreceive.c -- receiving a map from a channel, and the checks made on
 * what arrives before it becomes a map: the frame, exactly one
 * descriptor, its kind, name, filesystem, size and seals.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "prcore.h"
#include "prshm_md.h"
#include "prshmsec.h"
#include "prchannel.h"

#define RIGHTS_ROOM 8 /* descriptors one receive makes room for; more is
                         an attack and is cut short (MSG_CTRUNC) */

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
                (void)pr_chan_set_cloexec(fd);
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
                if (pr_chan_wait(fd, POLLIN, deadline) != 0)
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
    deadline = pr_chan_deadline(timeout);
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
    fm->told_revocable = PR_TRUE;
    fm->win_off = f.offset;
    fm->win_len = f.length;
    return fm;
}
