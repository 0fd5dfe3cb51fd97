/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fuzz_frame.c -- libFuzzer harness for what PR_ReceiveFileMap takes in.
 * The input's first byte says what travels with the rest of it: bit 0 a
 * memfd, bit 1 a second one, bit 2 a memfd of one page (else empty),
 * bit 3 a future-write seal on it.  The rest is one message on a
 * seqpacket channel; it is also handed to the frame parser directly.  A
 * descriptor left open by any failure path aborts the run.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "prcore.h"
#include "prshmsec.h"

static PRFileDesc *ends[2];
static int lowest_free = -1;

static int new_memfd(unsigned mode)
{
    int fd = memfd_create("fuzz", MFD_CLOEXEC | MFD_ALLOW_SEALING);

    if (fd >= 0 && (mode & 4))
        (void)!ftruncate(fd, 4096);
    if (fd >= 0 && (mode & 8))
        (void)fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE);
    return fd;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char ctl[CMSG_SPACE(2 * sizeof(int))];
    struct pr_map_frame f;
    struct msghdr msg;
    struct iovec iov;
    struct cmsghdr *c;
    int fds[2] = {-1, -1}, n = 0, probe;
    unsigned mode;
    PRFileMap *fm;

    if (!ends[0]) {
        if (PR_NewFileMapChannel(ends) != PR_SUCCESS)
            abort();
        lowest_free = dup(0);
        close(lowest_free);
    }
    (void)pr_parse_map_frame(data, size, &f);
    if (size < 1 || size > 200)
        return 0;
    mode = data[0];
    if (mode & 1)
        fds[n++] = new_memfd(mode);
    if (mode & 2)
        fds[n++] = new_memfd(mode);
    memset(&msg, 0, sizeof(msg));
    iov.iov_base = (void *)(size_t)(data + 1);
    iov.iov_len = size - 1;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (n > 0) {
        msg.msg_control = ctl;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n);
        c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)n);
    }
    if (sendmsg((int)PR_FileDesc2NativeHandle(ends[0]), &msg, MSG_DONTWAIT) >= 0) {
        fm = PR_ReceiveFileMap(ends[1], PR_INTERVAL_NO_WAIT);
        if (fm) {
            PRFileMapInfo info;

            if (PR_GetFileMapInfo(fm, &info) == PR_SUCCESS) {
                void *m = PR_MemMap(fm, info.windowOffset, 4096);

                if (m)
                    PR_MemUnmap(m, 4096);
            }
            PR_CloseFileMap(fm);
        }
    }
    while (n > 0)
        close(fds[--n]);
    /* nothing received may stay open */
    probe = dup(0);
    if (probe != lowest_free)
        abort();
    close(probe);
    return 0;
}
