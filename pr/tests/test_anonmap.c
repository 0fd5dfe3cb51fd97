/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_anonmap.c -- anonymous maps, file maps, export and import.
 * make check runs this program once per backend (PRSHM_BACKEND=memfd,
 * tmpfile, tmpfile-named, shm_anon) through run-with-backend.sh.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

static char *dir;
static const char *backend;
static int fds_at_start;
static long page;

static int setup(void)
{
    dir = pt_make_temp_dir();
    backend = PR_GetAnonFileMapBackend();
    fds_at_start = pt_count_fds();
    page = sysconf(_SC_PAGESIZE);
    return dir && backend ? 0 : -1;
}

static int teardown(void)
{
    pt_remove_tree(dir);
    free(dir);
    return 0;
}

static PRBool is_tmpfile(void)
{
    return strncmp(backend, "tmpfile", 7) == 0;
}

/* The descriptor behind fm, read from its export string. */
static int fd_of(PRFileMap *fm)
{
    char buf[PR_FILEMAP_STRING_BUFSIZE];

    CU_ASSERT_EQUAL_FATAL(PR_ExportFileMapAsString(fm, sizeof(buf), buf), PR_SUCCESS);
    return atoi(buf);
}

/* ---- the backend ------------------------------------------------------ */

static void test_backend_in_use_is_the_one_requested(void)
{
    const char *want = getenv("PRSHM_BACKEND");

    CU_ASSERT_PTR_NOT_NULL_FATAL(backend);
    if (want && *want) {
        CU_ASSERT_STRING_EQUAL(backend, want);
    }
    printf("[backend %s] ", backend);
}

static void test_descriptor_is_close_on_exec(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 4096, PR_PROT_READWRITE);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT(fcntl(fd_of(fm), F_GETFD) & FD_CLOEXEC);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
}

/* Where the object lives, as /proc shows it. */
static void test_object_lives_where_the_backend_says(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 4096, PR_PROT_READWRITE);
    char link[64], target[PATH_MAX] = "";
    ssize_t n;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd_of(fm));
    n = readlink(link, target, sizeof(target) - 1);
    if (n > 0) {
        target[n] = '\0';
        if (is_tmpfile()) {
            CU_ASSERT_EQUAL(strncmp(target, dir, strlen(dir)), 0);
            CU_ASSERT_PTR_NOT_NULL(strstr(target, "(deleted)"));
        } else {
            CU_ASSERT_EQUAL(strncmp(target, "/memfd:", 7), 0);
        }
    }
    PR_CloseFileMap(fm);
}

/* Names that appeared in dir while n maps were created: 0 or -1. */
static int watch_creation(char names[][NAME_MAX + 1], int *nnames,
                          int *creates, int *deletes, int n)
{
    char buf[8192] __attribute__((aligned(8)));
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    PRFileMap *fm[4];
    ssize_t len;
    int i;

    *nnames = *creates = *deletes = 0;
    if (in < 0 || inotify_add_watch(in, dir, IN_ALL_EVENTS) < 0)
        return -1;
    for (i = 0; i < n; i++)
        fm[i] = PR_OpenAnonFileMap(dir, 8192, PR_PROT_READWRITE);
    for (i = 0; i < n; i++)
        CU_ASSERT_PTR_NOT_NULL(fm[i]);
    while ((len = read(in, buf, sizeof(buf))) > 0) {
        char *p = buf;

        while (p < buf + len) {
            struct inotify_event *e = (struct inotify_event *)(void *)p;

            /* O_TMPFILE files show up in open/modify/close events under
             * their inode number ("#123"), but never as an entry: only
             * IN_CREATE, IN_MOVED_TO and IN_DELETE concern entries. */
            if (e->len > 0) {
                if (e->mask & (IN_CREATE | IN_MOVED_TO)) {
                    (*creates)++;
                    if (*nnames < 8)
                        snprintf(names[(*nnames)++], NAME_MAX + 1, "%s", e->name);
                }
                if (e->mask & IN_DELETE)
                    (*deletes)++;
            }
            p += sizeof(*e) + e->len;
        }
    }
    for (i = 0; i < n; i++)
        if (fm[i])
            PR_CloseFileMap(fm[i]);
    close(in);
    return 0;
}

static PRBool unguessable(const char *name)
{
    size_t i;

    if (strncmp(name, ".prshm-", 7) != 0 || strlen(name) != 7 + 32)
        return PR_FALSE;
    for (i = 7; name[i]; i++)
        if (!strchr("0123456789abcdef", name[i]))
            return PR_FALSE;
    return PR_TRUE;
}

static void test_inotify_sees_what_the_backend_promises(void)
{
    char names[8][NAME_MAX + 1];
    int nnames, creates, deletes;

    CU_ASSERT_EQUAL_FATAL(watch_creation(names, &nnames, &creates, &deletes, 3), 0);
    if (strcmp(backend, "tmpfile-named") == 0) {
        /* created and deleted at once, under three different random names */
        CU_ASSERT_EQUAL(creates, 3);
        CU_ASSERT_EQUAL(deletes, 3);
        CU_ASSERT_EQUAL_FATAL(nnames, 3);
        CU_ASSERT(unguessable(names[0]) && unguessable(names[1]) && unguessable(names[2]));
        CU_ASSERT_STRING_NOT_EQUAL(names[0], names[1]);
        CU_ASSERT_STRING_NOT_EQUAL(names[1], names[2]);
    } else {
        /* memfd, SHM_ANON and O_TMPFILE never make a directory entry */
        CU_ASSERT_EQUAL(creates, 0);
        CU_ASSERT_EQUAL(deletes, 0);
    }
}

/* ---- sharing bytes ------------------------------------------------- */

static void test_bytes_cross_mappings_and_imports(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 3 * page, PR_PROT_READWRITE);
    PRFileMap *imp;
    char str[PR_FILEMAP_STRING_BUFSIZE];
    char *a, *b, *c;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    a = PR_MemMap(fm, 0, 3 * page);
    b = PR_MemMap(fm, page, 2 * page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(a[2 * page + 5], 0); /* zero-filled */
    strcpy(a + page + 10, "through the first mapping");
    CU_ASSERT_STRING_EQUAL(b + 10, "through the first mapping");
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_SUCCESS);
    imp = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
    c = PR_MemMap(imp, page, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c + 10, "through the first mapping");
    strcpy(c + 100, "and back");
    CU_ASSERT_STRING_EQUAL(a + page + 100, "and back");
    CU_ASSERT_EQUAL(PR_MemUnmap(c, page), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_MemUnmap(b, 2 * page), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_MemUnmap(a, 3 * page), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_CloseFileMap(imp), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
}

static void test_read_only_view_sees_writes_and_write_copy_stays_private(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, page, PR_PROT_READWRITE);
    PRFileMap *ro, *wc;
    char str[PR_FILEMAP_STRING_BUFSIZE], *w, *r, *p;
    int fd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    fd = fd_of(fm);
    snprintf(str, sizeof(str), "%d:%d", fd, PR_PROT_READONLY);
    ro = PR_ImportFileMapFromString(str);
    snprintf(str, sizeof(str), "%d:%d", fd, PR_PROT_WRITECOPY);
    wc = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    CU_ASSERT_PTR_NOT_NULL_FATAL(wc);
    w = PR_MemMap(fm, 0, page);
    r = PR_MemMap(ro, 0, page);
    p = PR_MemMap(wc, 0, page);
    CU_ASSERT_FATAL(w && r && p);
    strcpy(w, "shared");
    CU_ASSERT_STRING_EQUAL(r, "shared");
    CU_ASSERT_STRING_EQUAL(p, "shared");
    strcpy(p, "private");
    CU_ASSERT_STRING_EQUAL(w, "shared");
    CU_ASSERT_STRING_EQUAL(r, "shared");
    PR_MemUnmap(w, page);
    PR_MemUnmap(r, page);
    PR_MemUnmap(p, page);
    PR_CloseFileMap(wc);
    PR_CloseFileMap(ro);
    PR_CloseFileMap(fm);
}

static void test_large_map_and_offsets_past_4_gib(void)
{
    PRFileMap *fm, *again;
    char str[PR_FILEMAP_STRING_BUFSIZE], *a, *b;
    PROffset64 off;

    if (sizeof(void *) < 8 || sizeof(PRSize) < 8) {
        /* 32-bit: a range the process cannot hold fails cleanly */
        fm = PR_OpenAnonFileMap(dir, 0x80000000U, PR_PROT_READWRITE);
        CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
        a = PR_MemMap(fm, 0, 0x80000000U);
        if (!a) {
            CU_ASSERT_EQUAL(PR_GetError(), PR_OUT_OF_MEMORY_ERROR);
        } else {
            PR_MemUnmap(a, 0x80000000U);
        }
        PR_CloseFileMap(fm);
        return;
    }
    fm = PR_OpenAnonFileMap(dir, (PRSize)5 << 30, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    off = (PR_INT64(4) << 30) + 4096;
    off -= off % page;
    a = PR_MemMap(fm, off, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    strcpy(a, "beyond 4 GiB");
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_SUCCESS);
    again = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    b = PR_MemMap(again, off, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_STRING_EQUAL(b, "beyond 4 GiB");
    /* what a 32-bit offset would have reached instead */
    PR_MemUnmap(b, page);
    b = PR_MemMap(again, off & 0xffffffff, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_STRING_NOT_EQUAL(b, "beyond 4 GiB");
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, (PR_INT64(5) << 30) - page, 2 * page));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_MemUnmap(b, page);
    PR_MemUnmap(a, page);
    PR_CloseFileMap(again);
    PR_CloseFileMap(fm);
}

/* ---- bad input ------------------------------------------------------- */

/* Size 0 makes a map, as NSPR's does; PR_MemMap then has nothing to map
 * (NSPR maps past the end and the first touch dies of SIGBUS). */
static void test_open_takes_size_zero_and_rejects_bad_prot(void)
{
    int before = pt_count_fds();
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 0, PR_PROT_READWRITE);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, 0, page));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_OpenAnonFileMap(dir, 4096, (PRFileMapProtect)3));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    if (sizeof(PRSize) >= 8) { /* beyond any file offset */
        CU_ASSERT_PTR_NULL(PR_OpenAnonFileMap(dir, (PRSize)-1, PR_PROT_READWRITE));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    }
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

static void test_mem_map_rejects_bad_ranges(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 2 * page, PR_PROT_READWRITE);
    static const struct { PROffset64 off; PRUint32 len; } bad[] = {
        {0, 0}, {1, 4096}, {-4096, 4096}, {0, 0xffffffffU},
    };
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    for (i = 0; i < PR_ARRAY_SIZE(bad); i++) {
        CU_ASSERT_PTR_NULL(PR_MemMap(fm, bad[i].off, bad[i].len));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    }
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, page, (PRUint32)page + 1)); /* past end */
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, 2 * page, (PRUint32)page));
    CU_ASSERT_PTR_NULL(PR_MemMap(NULL, 0, 4096));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_MemUnmap(NULL, 4096), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    {
        static char unaligned_target[2 * 4096];
        char *unaligned = unaligned_target + 1;

        if ((size_t)unaligned % (size_t)page == 0)
            unaligned++;
        CU_ASSERT_EQUAL(PR_MemUnmap(unaligned, 4096), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    }
    CU_ASSERT_EQUAL(PR_SyncMemMap(NULL, NULL, 4096), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_CloseFileMap(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_CloseFileMap(fm);
}

static void test_export_overflow_writes_nothing(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 4096, PR_PROT_READWRITE);
    char want[PR_FILEMAP_STRING_BUFSIZE], buf[PR_FILEMAP_STRING_BUFSIZE];
    size_t len, i;
    int untouched = 1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    snprintf(want, sizeof(want), "%d:1", fd_of(fm));
    len = strlen(want);
    memset(buf, '#', sizeof(buf));
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, len, buf), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BUFFER_OVERFLOW_ERROR);
    for (i = 0; i < sizeof(buf); i++)
        untouched &= buf[i] == '#';
    CU_ASSERT(untouched);
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, 0, buf), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, len + 1, buf), PR_SUCCESS);
    CU_ASSERT_STRING_EQUAL(buf, want);
    CU_ASSERT_EQUAL(buf[len + 1], '#');
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(NULL, sizeof(buf), buf), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(buf), NULL), PR_FAILURE);
    PR_CloseFileMap(fm);
}

struct bad_import {
    const char *what;
    char str[64];
    PRErrorCode err;
};

static void check_bad_import(const struct bad_import *b, const char *s)
{
    int before = pt_count_fds();
    PRFileMap *fm;

    PR_SetError(0, 0);
    fm = PR_ImportFileMapFromString(s);
    if (fm) {
        printf("\n  import of %s (\"%s\") succeeded\n", b->what, s ? s : "NULL");
        PR_CloseFileMap(fm);
    }
    CU_ASSERT_PTR_NULL(fm);
    if (PR_GetError() != b->err)
        printf("\n  %s: got %s, want %s\n", b->what,
               PR_ErrorToName(PR_GetError()), PR_ErrorToName(b->err));
    CU_ASSERT_EQUAL(PR_GetError(), b->err);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
}

static void test_import_rejects_each_bad_string(void)
{
    struct bad_import t[40] = {
        {"empty", "", PR_INVALID_ARGUMENT_ERROR},
        {"no colon", "3", PR_INVALID_ARGUMENT_ERROR},
        {"no prot", "3:", PR_INVALID_ARGUMENT_ERROR},
        {"no fd", ":1", PR_INVALID_ARGUMENT_ERROR},
        {"negative fd", "-1:1", PR_INVALID_ARGUMENT_ERROR},
        {"prot 3", "3:3", PR_INVALID_ARGUMENT_ERROR},
        {"trailing byte", "3:1x", PR_INVALID_ARGUMENT_ERROR},
        {"leading space", " 3:1", PR_INVALID_ARGUMENT_ERROR},
        {"huge fd", "99999999999:1", PR_INVALID_ARGUMENT_ERROR},
        {"fd past INT_MAX", "2147483648:1", PR_INVALID_ARGUMENT_ERROR},
        {"trailing space", "3:1 ", PR_INVALID_ARGUMENT_ERROR},
        {"trailing newline", "3:1\n", PR_INVALID_ARGUMENT_ERROR},
        {"plus sign", "+3:1", PR_INVALID_ARGUMENT_ERROR},
        {"two colons", "3::1", PR_INVALID_ARGUMENT_ERROR},
        {"negative prot", "3:-1", PR_INVALID_ARGUMENT_ERROR},
        {"hex fd", "0x3:1", PR_INVALID_ARGUMENT_ERROR},
        {"two-digit prot", "3:12", PR_INVALID_ARGUMENT_ERROR},
        {"letters", "abc", PR_INVALID_ARGUMENT_ERROR},
    };
    int n = 18, p[2], sv[2], closed, dirfd, devnull, rdonly, wronly, opath, i;
    char *path = PR_smprintf("%s/plain", dir);

    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    devnull = open("/dev/null", O_RDWR);
    rdonly = open(path, O_RDWR | O_CREAT, 0600);
    CU_ASSERT_EQUAL(write(rdonly, "data", 4), 4);
    close(rdonly);
    rdonly = open(path, O_RDONLY);
    wronly = open(path, O_WRONLY);
#ifdef O_PATH
    opath = open(path, O_PATH);
#else
    opath = -1;
#endif
    closed = dup(0); /* a number no descriptor uses once closed */
    close(closed);
#define ADD(w, e, ...) \
    do { t[n].what = w; t[n].err = e; \
         snprintf(t[n].str, sizeof(t[n].str), __VA_ARGS__); n++; } while (0)
    ADD("closed fd", PR_BAD_DESCRIPTOR_ERROR, "%d:1", closed);
    ADD("pipe", PR_BAD_DESCRIPTOR_ERROR, "%d:0", p[0]);
    ADD("socket", PR_BAD_DESCRIPTOR_ERROR, "%d:1", sv[0]);
    ADD("directory", PR_BAD_DESCRIPTOR_ERROR, "%d:0", dirfd);
    ADD("/dev/null", PR_BAD_DESCRIPTOR_ERROR, "%d:1", devnull);
    ADD("O_RDONLY fd asked read-write", PR_NO_ACCESS_RIGHTS_ERROR, "%d:1", rdonly);
    ADD("O_WRONLY fd asked read-only", PR_NO_ACCESS_RIGHTS_ERROR, "%d:0", wronly);
    if (opath >= 0)
        ADD("O_PATH fd", PR_BAD_DESCRIPTOR_ERROR, "%d:0", opath);
#undef ADD
    for (i = 0; i < n; i++)
        check_bad_import(&t[i], t[i].str);
    check_bad_import(&(struct bad_import){"NULL", "", PR_INVALID_ARGUMENT_ERROR}, NULL);
    CU_ASSERT(n >= 25);
    /* a failed import leaves the descriptor alone: still open, still inheritable */
    CU_ASSERT_EQUAL(fcntl(rdonly, F_GETFD), 0);
    for (i = 18; i < n; i++) {
        int fd = atoi(t[i].str);

        if (fd != closed)
            close(fd);
    }
    close(p[1]);
    close(sv[1]);
    unlink(path);
    PR_smprintf_free(path);
}

static void test_import_takes_over_a_foreign_descriptor(void)
{
    char *path = PR_smprintf("%s/foreign", dir);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    char str[32], *m;
    PRFileMap *fm;

    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(ftruncate(fd, page), 0);
    CU_ASSERT_EQUAL(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
    snprintf(str, sizeof(str), "%d:1", fd);
    fm = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT(fcntl(fd, F_GETFD) & FD_CLOEXEC); /* no longer leaks to children */
    m = PR_MemMap(fm, 0, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    strcpy(m, "imported");
    PR_MemUnmap(m, page);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(fcntl(fd, F_GETFD), -1); /* closed with the map */
    unlink(path);
    PR_smprintf_free(path);
}

static void test_importing_the_same_string_twice_gives_independent_maps(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, page, PR_PROT_READWRITE);
    PRFileMap *one, *two;
    char str[PR_FILEMAP_STRING_BUFSIZE], *a, *b;
    int before = pt_count_fds();

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    one = PR_ImportFileMapFromString(str);
    two = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(two);
    CU_ASSERT_EQUAL(pt_count_fds(), before + 2); /* each its own duplicate */
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_CloseFileMap(one), PR_SUCCESS);
    a = PR_MemMap(two, 0, page); /* still usable after the others closed */
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    strcpy(a, "survivor");
    b = PR_MemMap(two, 0, page);
    CU_ASSERT_STRING_EQUAL(b, "survivor");
    PR_MemUnmap(a, page);
    PR_MemUnmap(b, page);
    CU_ASSERT_EQUAL(PR_CloseFileMap(two), PR_SUCCESS);
    CU_ASSERT_EQUAL(pt_count_fds(), before - 1);
}

/* ---- dirName ---------------------------------------------------------- */

static void test_unusable_dir_name_per_backend(void)
{
    char *file = PR_smprintf("%s/regular", dir);
    PRFileMap *fm;
    int fd = open(file, O_RDWR | O_CREAT, 0600);

    close(fd);
    fm = PR_OpenAnonFileMap("/nonexistent/prshm", 4096, PR_PROT_READWRITE);
    if (!is_tmpfile()) {
        CU_ASSERT_PTR_NOT_NULL(fm); /* dirName is not used */
        PR_CloseFileMap(fm);
    } else {
        CU_ASSERT_PTR_NULL(fm);
        CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
        CU_ASSERT_PTR_NULL(PR_OpenAnonFileMap(file, 4096, PR_PROT_READWRITE));
        CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_DIRECTORY_ERROR);
    }
    unlink(file);
    PR_smprintf_free(file);
}

static void test_unwritable_dir_name_is_no_access_rights(void)
{
    const char *args[] = {"anon-open", NULL, "1", NULL};
    char *locked = PR_smprintf("%s/locked", dir), out[128];

    CU_ASSERT_EQUAL_FATAL(mkdir(locked, 0555), 0);
    chmod(dir, 0755); /* let the unprivileged child reach it */
    args[1] = locked;
    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    if (is_tmpfile()) {
        CU_ASSERT_STRING_EQUAL(out, "PR_NO_ACCESS_RIGHTS_ERROR\n");
    } else {
        CU_ASSERT_STRING_EQUAL(out, "ok\n");
    }
    rmdir(locked);
    PR_smprintf_free(locked);
}

static void test_null_dir_name_uses_tmpdir(void)
{
    static char tmpdir_entry[PATH_MAX + 8];
    char *old = getenv("TMPDIR"), saved[PATH_MAX] = "";
    char link[64], target[PATH_MAX] = "";
    PRFileMap *fm;

    if (old)
        snprintf(saved, sizeof(saved), "%s", old);
    snprintf(tmpdir_entry, sizeof(tmpdir_entry), "TMPDIR=%s", dir);
    PR_SetEnv(tmpdir_entry);
    fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd_of(fm));
    if (readlink(link, target, sizeof(target) - 1) > 0 && is_tmpfile()) {
        CU_ASSERT_EQUAL(strncmp(target, dir, strlen(dir)), 0);
    }
    PR_CloseFileMap(fm);
    if (old)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
}

/* ---- file maps over regular files --------------------------------------- */

static PRFileDesc *file_with(const char *name, const char *text, PRIntn flags)
{
    char *path = PR_smprintf("%s/%s", dir, name);
    PRFileDesc *fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0600);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    PR_Write(fd, text, (PRInt32)strlen(text));
    PR_Close(fd);
    fd = PR_Open(path, flags, 0);
    PR_smprintf_free(path);
    return fd;
}

/* NSPR's rules: a size past the end grows the file for a read-write map
 * (one byte written at size - 1, which moves the file's offset there) and
 * is PR_NO_ACCESS_RIGHTS_ERROR for the others; size 0 looks at nothing;
 * PR_MemMap maps what mmap maps, past the size given and past the end of
 * the file (NSS's PR_EmulateSendFile passes 0, then maps the file). */
static void test_file_map_grows_a_short_file_only_for_read_write(void)
{
    PRFileDesc *fd = file_with("short", "abc", PR_RDWR);
    PRFileInfo64 info;
    PRFileMap *fm;
    char *m;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(fd, 2 * page, PR_PROT_READONLY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(fd, 4, PR_PROT_WRITECOPY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_GetOpenFileInfo64(fd, &info);
    CU_ASSERT_EQUAL(info.size, 3);

    fm = PR_CreateFileMap(fd, 0, PR_PROT_READONLY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    m = PR_MemMap(fm, 0, 2 * page); /* past the end, never touched there */
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(memcmp(m, "abc", 3), 0);
    PR_MemUnmap(m, 2 * page);
    PR_CloseFileMap(fm);

    fm = PR_CreateFileMap(fd, 2 * page, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    PR_GetOpenFileInfo64(fd, &info);
    CU_ASSERT_EQUAL(info.size, 2 * page);
    CU_ASSERT_EQUAL(PR_Seek64(fd, 0, PR_SEEK_CUR), 2 * page);
    m = PR_MemMap(fm, page, page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    strcpy(m, "synced");
    CU_ASSERT_EQUAL(PR_SyncMemMap(fd, m, page), PR_SUCCESS);
    PR_MemUnmap(m, page);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
    /* the caller still owns fd: it is open and reads what the map wrote */
    {
        char buf[8] = "";

        CU_ASSERT_EQUAL(PR_Seek64(fd, page, PR_SEEK_SET), page);
        CU_ASSERT_EQUAL(PR_Read(fd, buf, 6), 6);
        CU_ASSERT_EQUAL(memcmp(buf, "synced", 6), 0);
    }
    PR_Close(fd);
}

static void test_write_copy_file_map_leaves_the_file_alone(void)
{
    PRFileDesc *fd = file_with("wc", "original", PR_RDONLY);
    PRFileMap *fm;
    char *m, buf[16] = "";

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    fm = PR_CreateFileMap(fd, 8, PR_PROT_WRITECOPY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    m = PR_MemMap(fm, 0, 8);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    memcpy(m, "modified", 8);
    PR_MemUnmap(m, 8);
    PR_CloseFileMap(fm);
    PR_Seek64(fd, 0, PR_SEEK_SET);
    PR_Read(fd, buf, 8);
    CU_ASSERT_STRING_EQUAL(buf, "original");
    PR_Close(fd);
}

static void test_create_file_map_rejects_bad_input(void)
{
    PRFileDesc *ro = file_with("ro", "x", PR_RDONLY);
    PRFileMap *fm;

    /* as NSPR: made; the mapping is what the descriptor refuses */
    fm = PR_CreateFileMap(ro, 1, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, 0, page));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_CloseFileMap(fm);
    /* growing needs a write, which the descriptor refuses */
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(ro, 4096, PR_PROT_READWRITE));
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    /* prshm's own: an error where NSPR would crash or grow to 4 GiB */
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(NULL, 4096, PR_PROT_READONLY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(ro, -1, PR_PROT_READWRITE));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(ro, 1, (PRFileMapProtect)9));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    /* NSPR's: a negative size is a size past the end */
    CU_ASSERT_PTR_NULL(PR_CreateFileMap(ro, -1, PR_PROT_READONLY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_Close(ro);
}

static void test_populate_faults_every_page_in_at_once(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 64 * page, PR_PROT_READWRITE);
    unsigned char vec[64];
    char *m;
    int i, resident = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT_PTR_NULL(PR_MemMapEx(fm, 0, 64 * page, 0x80));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    m = PR_MemMapEx(fm, 0, 64 * page, PR_MEMMAP_POPULATE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL_FATAL(mincore(m, 64 * page, vec), 0);
    for (i = 0; i < 64; i++)
        resident += vec[i] & 1;
    if (getenv("PRSHM_TEST_UNDER_EMULATOR") && *getenv("PRSHM_TEST_UNDER_EMULATOR")) {
        /* qemu-user accepts madvise advice and ignores it */
        printf("[residency not checked: qemu-user ignores MADV_POPULATE] ");
    } else {
        CU_ASSERT_EQUAL(resident, 64); /* before any touch */
    }
    m[63 * page] = 'x';
    PR_MemUnmap(m, 64 * page);
    PR_CloseFileMap(fm);
}

static void test_alignment_is_the_page_size(void)
{
    CU_ASSERT_EQUAL(PR_GetMemMapAlignment(), page);
}

/* ---- attacks from the security review ------------------------------------ */

struct import_race {
    pthread_barrier_t go;
    const char *str;
};

static void *import_at_once(void *arg)
{
    struct import_race *r = arg;

    pthread_barrier_wait(&r->go);
    return PR_ImportFileMapFromString(r->str);
}

/* F5: two threads import one string at the same moment.  A descriptor no
 * live map holds is taken over by exactly one of them; the other gets a
 * duplicate.  Never the same number twice (a double close later). */
static void test_concurrent_imports_never_share_a_descriptor(void)
{
    const char *env = getenv("PRSHM_TEST_ROUNDS");
    int rounds = env && atoi(env) > 0 ? 20 * atoi(env) : 2000, i, same = 0;
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    int fds = pt_count_fds();

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    for (i = 0; i < rounds; i++) {
        struct import_race r;
        char str[PR_FILEMAP_STRING_BUFSIZE];
        pthread_t t[2];
        void *got[2];
        /* a raw descriptor to the object, held by no map: what a child
         * holds before it imports what its parent handed down */
        int raw = fcntl(fd_of(fm), F_DUPFD_CLOEXEC, 0);

        CU_ASSERT_FATAL(raw >= 0);
        snprintf(str, sizeof(str), "%d:1", raw);
        memset(&r, 0, sizeof(r));
        r.str = str;
        pthread_barrier_init(&r.go, NULL, 2);
        pthread_create(&t[0], NULL, import_at_once, &r);
        pthread_create(&t[1], NULL, import_at_once, &r);
        pthread_join(t[0], &got[0]);
        pthread_join(t[1], &got[1]);
        pthread_barrier_destroy(&r.go);
        CU_ASSERT_PTR_NOT_NULL_FATAL(got[0]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(got[1]);
        if (fd_of(got[0]) == fd_of(got[1]))
            same++;
        CU_ASSERT(fd_of(got[0]) == raw || fd_of(got[1]) == raw);
        PR_CloseFileMap(got[0]);
        PR_CloseFileMap(got[1]);
    }
    if (same)
        printf("[%d of %d rounds shared a descriptor] ", same, rounds);
    CU_ASSERT_EQUAL(same, 0);
    PR_CloseFileMap(fm);
    CU_ASSERT_EQUAL(pt_count_fds(), fds - 1);
}

/* F11: a holder of the same uid (or root) tries to give the object a name
 * with linkat(), through /proc and through the descriptor itself; the
 * object must stay nameless on every backend. */
static void test_holder_cannot_give_the_object_a_name(void)
{
    const char *helper = getenv("PRSHM_TEST_HELPER");
    char *argv[] = {(char *)(size_t)helper, "link", "PRSHM_TEST_MAP", dir, NULL};
    PRFileMap *fm = PR_OpenAnonFileMap(dir, 4096, PR_PROT_READWRITE);
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *w;
    PRProcess *p;
    PRInt32 code = -1;
    char out[256];
    size_t got;
    ssize_t n;
    int pp[2];

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT_EQUAL_FATAL(pipe(pp), 0);
    w = PR_ImportFile(pp[1]);
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_MAP");
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    p = PR_CreateProcess(helper, argv, NULL, attr);
    PR_Close(w);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* to the end: the output may come in more than one write */
    for (got = 0; got + 1 < sizeof(out) &&
                  (n = read(pp[0], out + got, sizeof(out) - 1 - got)) > 0;)
        got += (size_t)n;
    out[got] = '\0';
    close(pp[0]);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "linkat-proc denied"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "linkat-empty-path denied"));
    PR_CloseFileMap(fm);
}

static void test_no_descriptor_leaked_by_this_suite(void)
{
    CU_ASSERT_EQUAL(pt_count_fds(), fds_at_start);
}

/* PR_GetPrshmVersion is the release this library was built as, and
 * PR_GetPrshmRuntime says "nspr" exactly when NSPR's error calls come
 * from libnspr4 (the overlay), else "prshm". */
static void test_version_and_runtime_name_the_loaded_library(void)
{
    Dl_info where;
    int from_nspr;

    CU_ASSERT_STRING_EQUAL(PR_GetPrshmVersion(), PACKAGE_VERSION);
    CU_ASSERT_FATAL(dladdr((void *)(size_t)PR_GetError, &where) != 0);
    from_nspr = where.dli_fname && strstr(where.dli_fname, "libnspr4") != NULL;
    CU_ASSERT_STRING_EQUAL(PR_GetPrshmRuntime(), from_nspr ? "nspr" : "prshm");
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("anonymous maps", setup, teardown);

    PT_TEST(s, test_backend_in_use_is_the_one_requested);
    PT_TEST(s, test_descriptor_is_close_on_exec);
    PT_TEST(s, test_object_lives_where_the_backend_says);
    PT_TEST(s, test_inotify_sees_what_the_backend_promises);
    PT_TEST(s, test_bytes_cross_mappings_and_imports);
    PT_TEST(s, test_read_only_view_sees_writes_and_write_copy_stays_private);
    PT_TEST(s, test_large_map_and_offsets_past_4_gib);
    PT_TEST(s, test_open_takes_size_zero_and_rejects_bad_prot);
    PT_TEST(s, test_mem_map_rejects_bad_ranges);
    PT_TEST(s, test_export_overflow_writes_nothing);
    PT_TEST(s, test_import_rejects_each_bad_string);
    PT_TEST(s, test_import_takes_over_a_foreign_descriptor);
    PT_TEST(s, test_importing_the_same_string_twice_gives_independent_maps);
    PT_TEST(s, test_unusable_dir_name_per_backend);
    PT_TEST(s, test_unwritable_dir_name_is_no_access_rights);
    PT_TEST(s, test_null_dir_name_uses_tmpdir);
    PT_TEST(s, test_file_map_grows_a_short_file_only_for_read_write);
    PT_TEST(s, test_write_copy_file_map_leaves_the_file_alone);
    PT_TEST(s, test_create_file_map_rejects_bad_input);
    PT_TEST(s, test_populate_faults_every_page_in_at_once);
    PT_TEST(s, test_alignment_is_the_page_size);
    PT_TEST(s, test_concurrent_imports_never_share_a_descriptor);
    PT_TEST(s, test_holder_cannot_give_the_object_a_name);
    PT_TEST(s, test_version_and_runtime_name_the_loaded_library);
    PT_TEST(s, test_no_descriptor_leaked_by_this_suite);
}
