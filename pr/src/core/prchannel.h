/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prchannel.h -- what the channel files of the core share (prshmsec.h,
 * docs/handles.md): prframe.c (frames), prchansock.c (sockets and
 * waiting), prrendezvous.c (names, listen, accept, connect, pairs),
 * prpeer.c (who is at the other end), prchannel.c (sending), prreceive.c
 * (receiving and the receipt checks).
 */
#ifndef prchannel_h___
#define prchannel_h___

#include <sys/socket.h>

#include "prcore.h"
#include "prinrval.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#ifndef MSG_CMSG_CLOEXEC
#define MSG_CMSG_CLOEXEC 0
#endif

/* Milliseconds on the monotonic clock. */
long long pr_chan_now_ms(void);

/* The deadline of timeout in pr_chan_now_ms() terms; -1 for none. */
long long pr_chan_deadline(PRIntervalTime timeout);

/* Wait until fd has events (or an error the next call will report) or
 * the deadline passes; 0, or -1 with the error set. */
int pr_chan_wait(int fd, short events, long long deadline);

/* The native socket behind ch, which must be an AF_UNIX stream or
 * seqpacket socket (its type into *type); -1 with the error set. */
int pr_channel_fd(PRFileDesc *ch, int *type);

/* Set FD_CLOEXEC on fd; 0, or -1 with errno. */
int pr_chan_set_cloexec(int fd);

/* A new close-on-exec AF_UNIX socket: seqpacket (message boundaries),
 * or stream where the system has no seqpacket; -1 with errno. */
int pr_chan_new_socket(void);

/* A PRFileDesc for a channel socket; closes fd on failure. */
PRFileDesc *pr_chan_wrap(int fd);

/* The process at the other end of the connected socket fd, as the kernel
 * recorded it (*pid -1 where the system does not say); PR_FAILURE with
 * the error set for a listener or an unconnected socket. */
PRStatus pr_chan_peer(int fd, PRInt32 *pid, PRUint32 *uid);

/* Whether the process that connected (or made) the other end of fd has
 * exited since: 1 gone, 0 alive, -1 the system cannot tell (no
 * SO_PEERPIDFD: before Linux 6.5, and elsewhere).  The pid the kernel
 * recorded is a number that outlives its process; the pidfd is not. */
int pr_chan_peer_gone(int fd);

#endif /* prchannel_h___ */
