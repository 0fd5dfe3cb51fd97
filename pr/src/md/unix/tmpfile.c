/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * tmpfile.c -- the backend for every POSIX system: a file in a
 * directory.  Where the file system supports O_TMPFILE the file never
 * has a name, nor can it be given one (O_EXCL); otherwise it gets a name
 * made from the system's strong random source, is created O_EXCL with
 * mode 0600 and is unlinked at once.  dirName NULL means $TMPDIR, else /tmp.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "prenv.h"
#include "prshm_md.h"

#define NAME_ATTEMPTS 64

static const char *pick_dir(const char *dir)
{
    const char *env;

    if (dir)
        return dir;
    env = PR_GetEnvSecure("TMPDIR");
    return env && *env ? env : "/tmp";
}

/* A path "<dir>/.prshm-<32 hex digits>" in buf, or -1 with errno. */
static int random_path(char *buf, size_t len, const char *dir)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char r[16];
    char hex[33];
    size_t i;
    int n;

    if (pr_random_bytes(r, sizeof(r)) != 0)
        return -1;
    for (i = 0; i < sizeof(r); i++) {
        hex[2 * i] = digits[r[i] >> 4];
        hex[2 * i + 1] = digits[r[i] & 15];
    }
    hex[32] = '\0';
    n = snprintf(buf, len, "%s/.prshm-%s", dir, hex);
    if (n < 0 || (size_t)n >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

static int create_named(const char *dir)
{
    char path[PATH_MAX];
    int attempt, fd;

    for (attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
        if (random_path(path, sizeof(path), dir) != 0)
            return -1;
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0600);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return -1;
        if (unlink(path) != 0) {
            int err = errno;

            close(fd);
            errno = err;
            return -1;
        }
        return fd;
    }
    errno = EEXIST;
    return -1;
}

static int tmpfile_create_named(const char *dir)
{
    return create_named(pick_dir(dir));
}

static int tmpfile_create(const char *dir)
{
#ifdef O_TMPFILE
    int fd;

    dir = pick_dir(dir);
    /* O_EXCL: the file can never be given a name, not even by linkat()
     * through /proc from a holder of the same uid or root */
    fd = open(dir, O_TMPFILE | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    /* The file system (or kernel) lacks O_TMPFILE: fall back to a name. */
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        return -1;
    return create_named(dir);
#else
    return tmpfile_create_named(dir);
#endif
}

const struct pr_shm_backend pr_backend_tmpfile = {
    "tmpfile",
    tmpfile_create,
    NULL, /* a file's owner and root can always reopen it read-write */
};

const struct pr_shm_backend pr_backend_tmpfile_named = {
    "tmpfile-named",
    tmpfile_create_named,
    NULL,
};
