/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prchannel.c -- sending a map over a channel (prshmsec.h,
 * docs/handles.md): at most the rights asked for, to the peer asked for,
 * one descriptor per message with SCM_RIGHTS.  prchannel.h lists the
 * files that do the rest.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "prcore.h"
#include "prshm_md.h"
#include "prshmsec.h"
#include "prchannel.h"

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
            if (pr_chan_wait(fd, POLLOUT, -1) != 0)
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
        if (pr_chan_peer(fd, &pid, &uid) != PR_SUCCESS)
            return PR_FAILURE;
        if (pid < 0) {
            PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, 0);
            return PR_FAILURE;
        }
        /* the number alone is not the process: the one that connected
         * may have exited and its pid gone to the process meant (or to
         * any other); where the kernel can tell, a peer that has exited
         * is never served */
        if (pid != peerPid || pr_chan_peer_gone(fd) == 1) {
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
