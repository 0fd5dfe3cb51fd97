/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm_md.h -- the one seam between the portable layer and the
 * machine-dependent shared-memory backends.
 *
 * Each backend is one file under pr/src/md that fills in an ops table;
 * configure decides which files are compiled; prshm_choose.c is the one
 * place that picks a backend at run time.  Steps that every backend
 * shares (sizing, mapping, export, import) live in the portable layer.
 */
#ifndef prshm_md_h___
#define prshm_md_h___

#include "prtypes.h"

struct pr_shm_backend {
    const char *name;
    /*
     * Create an empty anonymous object and return a close-on-exec
     * descriptor open read-write, or -1 with errno set.  dir is the
     * caller's dirName (may be NULL); only tmpfile uses it.
     */
    int (*create)(const char *dir);
    /*
     * A new close-on-exec descriptor to the object behind fd that is
     * open read-only, or -1 with errno set.  NULL where the backend
     * cannot make read-only sharing hold (the caller then refuses).
     */
    int (*reopen_readonly)(int fd);
};

#ifdef PRSHM_HAVE_MEMFD
extern const struct pr_shm_backend pr_backend_memfd;
#endif
#ifdef PRSHM_HAVE_SHMANON
extern const struct pr_shm_backend pr_backend_shmanon;
#endif
extern const struct pr_shm_backend pr_backend_tmpfile;
extern const struct pr_shm_backend pr_backend_tmpfile_named;

/*
 * Create an anonymous object with the chosen backend, falling back from
 * memfd to tmpfile when memfd is refused (ENOSYS, EPERM).  Returns the
 * descriptor, or -1 with the NSPR error set; *used gets the backend.
 */
int pr_shm_create(const char *dir, const struct pr_shm_backend **used);

/* The backend pr_shm_create would use now, or NULL with the error set. */
const struct pr_shm_backend *pr_shm_current(void);

/* A close-on-exec read-only descriptor to the object behind fd, through
 * /proc/self/fd where it is mounted, else a duplicate of fd (unix/reopen.c).
 * -1 with errno set. */
int pr_reopen_readonly_any(int fd);

/* Fill buf with len bytes from the system's strong random source;
 * 0, or -1 with errno set. */
int pr_random_bytes(void *buf, size_t len);

#endif /* prshm_md_h___ */
