/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * random.c -- the strong random source for names that must not be
 * guessed: getrandom where it exists, else getentropy, else
 * arc4random_buf, else /dev/urandom.  configure decides.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef HAVE_GETRANDOM
#include <sys/random.h>
#endif

#include "prshm_md.h"

int pr_random_bytes(void *buf, size_t len)
{
#if defined(HAVE_GETRANDOM)
    unsigned char *p = buf;

    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
#elif defined(HAVE_GETENTROPY)
    return getentropy(buf, len); /* len is at most 256 here */
#elif defined(HAVE_ARC4RANDOM_BUF)
    arc4random_buf(buf, len);
    return 0;
#else
    unsigned char *p = buf;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while (len > 0) {
        ssize_t n = read(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(fd);
            errno = n < 0 ? errno : EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    close(fd);
    return 0;
#endif
}
