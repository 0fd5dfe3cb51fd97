/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_seal.c -- seals and revocation, tested from the attacker's side
 * with real child processes.  Runs once per backend: memfd and shm_anon
 * take seals; tmpfile must refuse them and still revoke.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

static const char *helper;
static PRBool sealable;
static int fds_at_start;

static int setup(void)
{
    const char *b = PR_GetAnonFileMapBackend();

    helper = getenv("PRSHM_TEST_HELPER");
    sealable = b && strncmp(b, "tmpfile", 7) != 0;
    fds_at_start = pt_count_fds();
    return helper && b ? 0 : -1;
}

static PRFileMap *new_map(PRUint32 flags, char **m)
{
    PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE, flags);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    *m = PR_MemMap(fm, 0, 4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(*m);
    strcpy(*m, "secret");
    return fm;
}

/* Spawn the helper with fm handed down as VAR (protocol 1); stdout is
 * captured into out when out is not NULL.  Returns the process. */
static PRProcess *spawn_with(PRFileMap *fm, char **argv, int *out_fd)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *w = NULL;
    PRProcess *p;
    int pp[2];

    if (fm)
        PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SEAL");
    if (out_fd) {
        CU_ASSERT_EQUAL_FATAL(pipe(pp), 0);
        w = PR_ImportFile(pp[1]);
        PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
        *out_fd = pp[0];
    }
    p = PR_CreateProcess(helper, argv, NULL, attr);
    if (w)
        PR_Close(w);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    return p;
}

/* Run the hostile helper against fm (read-write share, same uid) and
 * return its report. */
static void attack(PRFileMap *fm, char *out, size_t len)
{
    char *argv[] = {(char *)(size_t)helper, "hostile", "PRSHM_TEST_SEAL", "0", NULL};
    PRInt32 code = -1;
    int fd;
    PRProcess *p = spawn_with(fm, argv, &fd);

    pt_read_to_end(fd, out, len);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
}

/* What the attack report says of one attempt: 1 denied, 0 allowed. */
static int denied(const char *report, const char *attempt)
{
    char key[64];
    const char *at;

    snprintf(key, sizeof(key), "%s ", attempt);
    at = strstr(report, key);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    return strncmp(at + strlen(key), "denied", 6) == 0;
}

/* ---- seals ----------------------------------------------------------- */

static void test_layout_seal_stops_resizing_by_anyone(void)
{
    char *m, out[2048];
    PRFileMap *fm = new_map(0, &m);
    char str[PR_FILEMAP_STRING_BUFSIZE];
    int fd;

    if (!sealable) {
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        goto out;
    }
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT), PR_SUCCESS);
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    fd = atoi(str);
    CU_ASSERT_NOT_EQUAL(ftruncate(fd, 0), 0); /* the creator included */
    CU_ASSERT_NOT_EQUAL(ftruncate(fd, 8192), 0);
    attack(fm, out, sizeof(out));
    CU_ASSERT(denied(out, "fd-shrink") && denied(out, "fd-grow"));
    CU_ASSERT(denied(out, "reopened-shrink") && denied(out, "reopened-grow"));
    /* contents stay writable for writers */
    CU_ASSERT(!denied(out, "fd-write") && !denied(out, "fd-mmap-write"));
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_write_seal_freezes_contents(void)
{
    char *m, out[2048];
    PRFileMap *fm = new_map(0, &m);
    PRUint32 seals = 0;

    if (!sealable) {
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_WRITE), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        PR_MemUnmap(m, 4096);
        PR_CloseFileMap(fm);
        return;
    }
    /* a writable mapping exists: the kernel says EBUSY, nothing changes */
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_WRITE | PR_FILEMAP_SEAL_SHRINK), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_IS_BUSY_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), EBUSY);
    CU_ASSERT_EQUAL(PR_GetFileMapSeals(fm, &seals), PR_SUCCESS);
    CU_ASSERT_EQUAL(seals, 0);
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_WRITE), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, 0, 4096)); /* no new writable mapping */
    attack(fm, out, sizeof(out));
    CU_ASSERT(denied(out, "fd-write") && denied(out, "fd-mmap-write"));
    CU_ASSERT(denied(out, "fd-mprotect-write") && denied(out, "fd-punch-hole"));
    CU_ASSERT(denied(out, "reopened-write") && denied(out, "reopened-mmap-write"));
    PR_CloseFileMap(fm);
}

/* FUTURE_WRITE alone still lets a holder with a read-write descriptor
 * truncate (the contents vanish); with LAYOUT it is a read-only object. */
static void test_future_write_seal_keeps_old_mappings_only(void)
{
    char *m, out[2048];
    PRFileMap *fm = new_map(0, &m);

    if (!sealable) {
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_FUTURE_WRITE), PR_FAILURE);
        goto out;
    }
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_FUTURE_WRITE |
                                       PR_FILEMAP_SEAL_LAYOUT), PR_SUCCESS);
    strcpy(m, "old mapping writes");
    attack(fm, out, sizeof(out));
    CU_ASSERT(denied(out, "fd-write") && denied(out, "fd-mmap-write"));
    CU_ASSERT(denied(out, "fd-shrink") && denied(out, "reopened-punch-hole"));
    CU_ASSERT(denied(out, "reopened-write") && denied(out, "reopened-mmap-write"));
    CU_ASSERT_STRING_EQUAL(m, "old mapping writes");
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_seals_accumulate_and_seal_seal_ends_them(void)
{
    char *m, str[PR_FILEMAP_STRING_BUFSIZE];
    PRFileMap *fm = new_map(0, &m), *imp;
    PRUint32 seals = 0;

    if (!sealable) {
        CU_ASSERT_EQUAL(PR_GetFileMapSeals(fm, &seals), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        goto out;
    }
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_SHRINK), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_SEAL), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_FUTURE_WRITE), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    /* an importer sees the same seals */
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    imp = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
    CU_ASSERT_EQUAL(PR_GetFileMapSeals(imp, &seals), PR_SUCCESS);
    CU_ASSERT_EQUAL(seals, PR_FILEMAP_SEAL_LAYOUT | PR_FILEMAP_SEAL_SEAL);
    PR_CloseFileMap(imp);
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_recipient_refuses_an_unsealed_map(void)
{
    char *argv[] = {(char *)(size_t)helper, "require-sealed", "PRSHM_TEST_SEAL", NULL};
    char *m;
    PRFileMap *fm = new_map(0, &m);
    PRInt32 code = -1;

    CU_ASSERT_EQUAL(PR_WaitProcess(spawn_with(fm, argv, NULL), &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, sealable ? 5 : 6); /* refused: unsealed / unsealable */
    if (sealable) {
        PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT);
        CU_ASSERT_EQUAL(PR_WaitProcess(spawn_with(fm, argv, NULL), &code), PR_SUCCESS);
        CU_ASSERT_EQUAL(code, 0);
    }
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_revocable_map_refuses_seals_that_would_block_revoke(void)
{
    char *m;
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);

    if (sealable) {
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_SHRINK), PR_SUCCESS);
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_FUTURE_WRITE), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_SEAL), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    }
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* ---- revoke ---------------------------------------------------------- */

/* Revoke while a child reads in a loop; what the child saw. */
static void revoke_under_reader(PRUint32 seals, const char *want)
{
    char *argv[] = {(char *)(size_t)helper, "reader", "PRSHM_TEST_SEAL", NULL};
    char *rargv[] = {(char *)(size_t)helper, "resurrect", "PRSHM_TEST_SEAL", NULL};
    char line[64], out[512];
    char *m;
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);
    PRFileMapInfo info;
    PRProcess *reader, *holder;
    PRInt32 code = -1;
    int rfd, hfd, done;
    ssize_t n;

    if (seals && sealable)
        CU_ASSERT_EQUAL(PR_SealFileMap(fm, seals), PR_SUCCESS);
    reader = spawn_with(fm, argv, &rfd);
    holder = spawn_with(fm, rargv, &hfd);
    n = read(rfd, line, 6); /* "ready\n": the reader sees the secret */
    CU_ASSERT_EQUAL(n, 6);
    n = read(hfd, line, 6);
    CU_ASSERT_EQUAL(n, 6);
    PR_MemUnmap(m, 4096);
    /* tmpfile takes no seals: the waiting holder may grow the object back
     * before revoke reads the result, and revoke then says it did not
     * hold (PR_NO_ACCESS_RIGHTS_ERROR), as documented; seen under qemu */
    done = PR_RevokeFileMap(fm) == PR_SUCCESS;
    if (sealable) {
        CU_ASSERT(done);
    } else {
        CU_ASSERT(done || PR_GetError() == PR_NO_ACCESS_RIGHTS_ERROR);
    }
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    /* the pages are gone; a reader that keeps touching a punched object
     * faults fresh zero pages back in, so measure that case without one
     * (test_revoke_releases_the_pages_of_a_shrink_sealed_map) */
    /* (tmpfile takes no seals: the waiting holder may already have grown
     * the object back and written to it, which is documented) */
    if (!(seals & PR_FILEMAP_SEAL_SHRINK) && sealable)
        CU_ASSERT_EQUAL(info.allocated, 0);
    CU_ASSERT(info.revoked == done);
    pt_read_to_end(rfd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(reader, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0); /* never "timeout": the old bytes went away */
    if (sealable) {
        CU_ASSERT_STRING_EQUAL(out, want);
    } else {
        /* tmpfile cannot be sealed: the waiting holder may grow it back
         * before the reader looks, with zeros or its own bytes */
        CU_ASSERT(!strcmp(out, "fault\n") || !strcmp(out, "zeros\n") ||
                  !strcmp(out, "other\n"));
    }
    if (!(seals & PR_FILEMAP_SEAL_SHRINK)) {
        /* a holder cannot resurrect the object */
        pt_read_to_end(hfd, out, sizeof(out));
        CU_ASSERT_EQUAL(PR_WaitProcess(holder, &code), PR_SUCCESS);
        if (sealable) {
            CU_ASSERT_PTR_NOT_NULL(strstr(out, "grow denied"));
            CU_ASSERT_PTR_NOT_NULL(strstr(out, "write denied"));
            CU_ASSERT_PTR_NOT_NULL(strstr(out, "mmap-write denied"));
            CU_ASSERT_EQUAL(info.size, 0);
            CU_ASSERT((info.seals & (PR_FILEMAP_SEAL_GROW | PR_FILEMAP_SEAL_SEAL)) ==
                      (PR_FILEMAP_SEAL_GROW | PR_FILEMAP_SEAL_SEAL));
        }
    } else {
        PR_KillProcess(holder); /* the size never reaches 0 here */
        PR_WaitProcess(holder, &code);
        close(hfd);
        CU_ASSERT_EQUAL(info.size, 4096);
    }
    if (done) {
        CU_ASSERT_PTR_NULL(PR_MemMap(fm, 0, 4096));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    }
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
}

static void test_revoke_makes_every_reader_fault(void)
{
    revoke_under_reader(0, "fault\n");
}

static void test_revoke_of_a_shrink_sealed_map_leaves_zeros(void)
{
    if (!sealable) {
        pt_skip("this backend takes no seals (the fault case covers it)");
        return;
    }
    revoke_under_reader(PR_FILEMAP_SEAL_SHRINK, "zeros\n");
}

static void test_revoke_releases_the_pages_of_a_shrink_sealed_map(void)
{
    char *m;
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);
    PRFileMapInfo info;

    if (!sealable) {
        pt_skip("this backend takes no seals");
        PR_MemUnmap(m, 4096);
        PR_CloseFileMap(fm);
        return;
    }
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_SHRINK), PR_SUCCESS);
    PR_GetFileMapInfo(fm, &info);
    CU_ASSERT(info.allocated >= 4096);
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.allocated, 0);
    CU_ASSERT_EQUAL(info.size, 4096);
    PR_CloseFileMap(fm);
}

static void test_revocable_mappings_are_not_inherited_across_fork(void)
{
    char *m;
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);
    PRFileMap *plain;
    char *p;
    int status = -1;
    pid_t pid;
    const char *emulator = getenv("PRSHM_TEST_UNDER_EMULATOR");

    if (pt_under_valgrind() || (emulator && *emulator)) {
        /* valgrind and qemu-user emulate fork's memory themselves and
         * ignore MADV_DONTFORK: nothing to measure there */
        char why[160];

        snprintf(why, sizeof(why), "%s ignores MADV_DONTFORK",
                 emulator && *emulator ? emulator : "valgrind");
        pt_skip(why);
        PR_MemUnmap(m, 4096);
        PR_CloseFileMap(fm);
        return;
    }
    plain = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    p = PR_MemMap(plain, 0, 4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    strcpy(p, "inherited");
    pid = fork();
    if (pid == 0) {
        /* the plain mapping is here; the revocable one must not be */
        unsigned char v;

        if (strcmp(p, "inherited") != 0)
            _exit(3);
        _exit(mincore(m, 4096, &v) == 0 ? 1 : (errno == ENOMEM ? 0 : 2));
    }
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    PR_MemUnmap(p, 4096);
    PR_CloseFileMap(plain);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_revoke_is_for_the_creator_of_a_revocable_map(void)
{
    char *m, str[PR_FILEMAP_STRING_BUFSIZE];
    PRFileMap *plain = new_map(0, &m), *fm, *imp;
    char *m2;

    CU_ASSERT_EQUAL(PR_RevokeFileMap(plain), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(plain);
    fm = new_map(PR_ANONFM_REVOCABLE, &m2);
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    imp = PR_ImportFileMapFromString(str);
    CU_ASSERT_PTR_NOT_NULL_FATAL(imp);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(imp), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_CloseFileMap(imp);
    PR_MemUnmap(m2, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_FAILURE); /* twice */
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR); /* seal after revoke */
    CU_ASSERT_PTR_NULL(PR_RestrictFileMap(fm, PR_PROT_READONLY));
    /* a revoked map cannot be handed to anyone again */
    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    {
        PRProcessAttr *attr = PR_NewProcessAttr();

        CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, "X"), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
        PR_DestroyProcessAttr(attr);
    }
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
}

static void test_bad_seal_and_revoke_input(void)
{
    char *m;
    PRFileMap *fm = new_map(0, &m);
    PRFileMapInfo info;
    PRUint32 seals;

    CU_ASSERT_PTR_NULL(PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE, 0x80));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SealFileMap(NULL, PR_FILEMAP_SEAL_GROW), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, 0x40), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, 0), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileMapSeals(NULL, &seals), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetFileMapSeals(fm, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(NULL, &info), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.size, 4096);
    CU_ASSERT_EQUAL(info.sealable, sealable);
    CU_ASSERT(info.creator && !info.revocable && !info.revoked);
    CU_ASSERT_STRING_EQUAL(info.backend, PR_GetAnonFileMapBackend());
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* ---- attacks from the security review (docs/security-model.md) ---------- */

/* Spawn the helper with fm as VAR; its stdin and stdout are pipes whose
 * other ends come back in *in_fd and *out_fd. */
static PRProcess *spawn_piped(PRFileMap *fm, char **argv, int *in_fd,
                              int *out_fd)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *r, *w;
    PRProcess *p;
    int ip[2], op[2];

    CU_ASSERT_EQUAL_FATAL(pipe(ip), 0);
    CU_ASSERT_EQUAL_FATAL(pipe(op), 0);
    r = PR_ImportFile(ip[0]);
    w = PR_ImportFile(op[1]);
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SEAL");
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, r);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    p = PR_CreateProcess(helper, argv, NULL, attr);
    PR_Close(r);
    PR_Close(w);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    *in_fd = ip[1];
    *out_fd = op[0];
    return p;
}

/* Run the helper with fm as VAR and its output into out; exit code. */
static PRInt32 run_with(PRFileMap *fm, char **argv, char *out, size_t len)
{
    PRInt32 code = -1;
    int fd;
    PRProcess *p = spawn_with(fm, argv, &fd);

    pt_read_to_end(fd, out, len);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    return code;
}

/* What a finished revoke leaves: size 0 and grow-sealed, or, when the
 * size was sealed, no pages at all. */
static PRBool revoked_for_good(PRFileMap *fm)
{
    PRFileMapInfo info;

    if (PR_GetFileMapInfo(fm, &info) != PR_SUCCESS || !info.revoked)
        return PR_FALSE;
    if (info.seals & PR_FILEMAP_SEAL_SHRINK)
        return info.allocated == 0;
    return info.size == 0 && (!info.sealable || (info.seals & PR_FILEMAP_SEAL_GROW));
}

/* Whether every "...-add-<seal>" line of a report says denied. */
static PRBool no_seal_added(const char *report)
{
    const char *line;

    for (line = report; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);

        if (memmem(line, len, "-add-", 5) && memmem(line, len, "ALLOWED", 7)) {
            printf("[%.*s] ", (int)len, line);
            return PR_FALSE;
        }
    }
    return PR_TRUE;
}

/* F1, F17: a read-only holder, as root or as uid 65534, adds seals
 * through its descriptor and through one reopened read-write via /proc;
 * every one is refused, and the creator's revoke then works. */
static void holder_adds_seals(const char *drop)
{
    char *argv[] = {(char *)(size_t)helper, "seal-attack", "PRSHM_TEST_SEAL",
                    (char *)(size_t)drop, NULL};
    char *m, out[2048];
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m), *ro;

    ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    if (!sealable) {
        CU_ASSERT_PTR_NULL(ro);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        goto out;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    CU_ASSERT_EQUAL(run_with(ro, argv, out, sizeof(out)), 0);
    CU_ASSERT(no_seal_added(out));
    CU_ASSERT(denied(out, "fd-add-shrink+seal") && denied(out, "fd-add-seal"));
    if (!denied(out, "reopen-rw"))
        CU_ASSERT(denied(out, "reopened-add-shrink+seal") &&
                  denied(out, "reopened-add-shrink") &&
                  denied(out, "reopened-add-seal"));
    PR_CloseFileMap(ro);
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT(revoked_for_good(fm));
out:
    if (!sealable)
        PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_read_only_holder_cannot_block_revoke_with_seals(void)
{
    holder_adds_seals("0");
}

static void test_unprivileged_read_only_holder_cannot_block_revoke(void)
{
    if (getuid() != 0) {
        printf("[as this uid only: dropping to 65534 needs root] ");
        holder_adds_seals("0");
        return;
    }
    holder_adds_seals("1");
}

/* F2: seal then restrict, or restrict then seal, with every seal set: a
 * revocable map either refuses a call or stays revocable. */
static void test_every_order_of_seal_and_restrict_keeps_it_revocable(void)
{
    static const PRUint32 bits[] = {
        PR_FILEMAP_SEAL_SHRINK, PR_FILEMAP_SEAL_GROW, PR_FILEMAP_SEAL_WRITE,
        PR_FILEMAP_SEAL_FUTURE_WRITE, PR_FILEMAP_SEAL_SEAL};
    unsigned set, order, refused = 0, kept = 0;

    for (set = 1; set < 32; set++) {
        PRUint32 seals = 0;
        unsigned b;

        for (b = 0; b < 5; b++)
            if (set & (1U << b))
                seals |= bits[b];
        for (order = 0; order < 2; order++) {
            PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE,
                                                 PR_ANONFM_REVOCABLE);
            PRFileMap *ro = NULL;
            PRStatus sealed = PR_FAILURE;

            CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
            if (order == 0)
                sealed = PR_SealFileMap(fm, seals);
            ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
            if (order == 1)
                sealed = PR_SealFileMap(fm, seals);
            if (sealed != PR_SUCCESS || !ro)
                refused++;
            else
                kept++;
            if (ro)
                PR_CloseFileMap(ro);
            if (PR_RevokeFileMap(fm) != PR_SUCCESS || !revoked_for_good(fm)) {
                PRFileMapInfo info;

                PR_GetFileMapInfo(fm, &info);
                printf("\n  seals 0x%x order %u: revoke fails (%s), seals now 0x%x",
                       (unsigned)seals, order, PR_ErrorToName(PR_GetError()),
                       (unsigned)info.seals);
                CU_FAIL("a revocable map became impossible to revoke");
            }
            PR_CloseFileMap(fm);
        }
    }
    if (sealable) {
        /* the review's case: layout, then restrict, is refused */
        PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE,
                                             PR_ANONFM_REVOCABLE);

        CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT), PR_SUCCESS);
        CU_ASSERT_PTR_NULL(PR_RestrictFileMap(fm, PR_PROT_READONLY));
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
        PR_CloseFileMap(fm);
        CU_ASSERT(kept > 0); /* some combinations are fine */
    }
    CU_ASSERT(refused > 0);
}

/* F3: a read-write holder seals the object against growing being sealed
 * (a final seal alone); revoke must not claim success. */
static void holder_seals_then_revoke(int os_seals, PRBool truncated)
{
    char mask[16], out[256];
    char *argv[] = {(char *)(size_t)helper, "add-seals", "PRSHM_TEST_SEAL", mask, NULL};
    char *m;
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);
    PRFileMapInfo info;

    if (!sealable)
        goto out;
    snprintf(mask, sizeof(mask), "%d", os_seals);
    CU_ASSERT_EQUAL(run_with(fm, argv, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "ok\n");
    strcpy(m, "secret");
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    CU_ASSERT(!info.revoked); /* the caller can see what holds */
    CU_ASSERT_EQUAL(info.size, truncated ? 0 : 4096);
    if (!truncated) { /* the contents are zeros even so */
        char str[PR_FILEMAP_STRING_BUFSIZE], c = 'x';

        PR_ExportFileMapAsString(fm, sizeof(str), str);
        CU_ASSERT_EQUAL(pread(atoi(str), &c, 1, 0), 1);
        CU_ASSERT_EQUAL(c, 0);
    }
    PR_CloseFileMap(fm);
    return;
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_revoke_fails_when_a_holder_sealed_without_grow(void)
{
    holder_seals_then_revoke(F_SEAL_SEAL, PR_TRUE);
}

static void test_revoke_fails_when_a_holder_sealed_shrink_and_future_write(void)
{
#ifdef F_SEAL_FUTURE_WRITE
    holder_seals_then_revoke(F_SEAL_SHRINK | F_SEAL_FUTURE_WRITE, PR_FALSE);
#endif
}

/* F4: a read-only holder pins the first page in two pipes (splice,
 * vmsplice); the creator writes after the holder's last look, then
 * revokes; the pipes must hold zeros. */
static void test_revoke_zeroes_pages_pinned_in_a_pipe(void)
{
    char *argv[] = {(char *)(size_t)helper, "pin", "PRSHM_TEST_SEAL",
                    getuid() == 0 ? "1" : "0", NULL};
    char *m, out[512] = "";
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m), *share;
    PRProcess *p;
    PRInt32 code = -1;
    int in, outfd;
    ssize_t n;

    share = sealable ? PR_RestrictFileMap(fm, PR_PROT_READONLY) : fm;
    CU_ASSERT_PTR_NOT_NULL_FATAL(share);
    strcpy(m, "seen by the holder");
    p = spawn_piped(share, argv, &in, &outfd);
    n = read(outfd, out, 7); /* "pinned\n" */
    CU_ASSERT_EQUAL(n, 7);
    strcpy(m, "written after the holder's last look");
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT_EQUAL(write(in, "go\n", 3), 3);
    close(in);
    pt_read_to_end(outfd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "splice zeros"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "vmsplice zeros"));
    if (strstr(out, "data"))
        printf("[holder read: %s] ", out);
    if (share != fm)
        PR_CloseFileMap(share);
    PR_CloseFileMap(fm);
}

/* F12: a broker restricts the map it imported; the descriptor it gets is
 * read-only where the backend can reopen, no shrink seal is added, and
 * the creator can still revoke.  A shrink-sealed one it cannot restrict. */
static void test_broker_restricting_an_imported_map_keeps_it_revocable(void)
{
    char *argv[] = {(char *)(size_t)helper, "broker", "PRSHM_TEST_SEAL", NULL};
    char *m, out[256];
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m);
    unsigned seals = 0;
    const char *at;

    CU_ASSERT_EQUAL(run_with(fm, argv, out, sizeof(out)), 0);
    if (!sealable) {
        CU_ASSERT_STRING_EQUAL(out, "PR_OPERATION_NOT_SUPPORTED_ERROR\n");
        goto out;
    }
    at = strstr(out, "seals ");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    seals = (unsigned)atoi(at + 6);
    CU_ASSERT(!(seals & PR_FILEMAP_SEAL_SHRINK));
    CU_ASSERT(seals & PR_FILEMAP_SEAL_SEAL);
    if (strcmp(PR_GetAnonFileMapBackend(), "memfd") == 0)
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "mode rdonly"));
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT(revoked_for_good(fm));
    PR_CloseFileMap(fm);
    /* layout-sealed: a future-write seal would make it unrevocable */
    fm = new_map(PR_ANONFM_REVOCABLE, &m);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT), PR_SUCCESS);
    CU_ASSERT_EQUAL(run_with(fm, argv, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "PR_INVALID_STATE_ERROR\n");
    PR_MemUnmap(m, 4096);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    PR_CloseFileMap(fm);
    return;
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* F17: memfd without /proc gives a read-write duplicate; its holder
 * still cannot add a seal (root only: a mount namespace hides /proc). */
static void test_restricted_duplicate_without_proc_cannot_add_seals(void)
{
    char *argv[] = {(char *)(size_t)helper, "noproc-restrict", NULL};
    char out[2048];
    PRProcess *p;
    PRInt32 code = -1;
    int fd;

    if (strcmp(PR_GetAnonFileMapBackend(), "memfd") != 0) {
        pt_skip("only memfd reopens through /proc (the seal tests cover the rest)");
        return;
    }
    p = spawn_with(NULL, argv, &fd);
    pt_read_to_end(fd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    if (strncmp(out, "unsupported: ", 13) == 0) {
        out[strcspn(out, "\n")] = '\0';
        pt_skip(out + 13);
        return;
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "mode rdwr"));
    CU_ASSERT_PTR_NULL(strstr(out, "ALLOWED"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "revoke ok"));
}

/* F13: the one thing a read-only holder of a revocable map can do is
 * destroy it: truncate through a /proc reopen (documented).  It can
 * still never write, and the creator's revoke still completes. */
static void test_read_only_holder_of_a_revocable_map_can_only_destroy_it(void)
{
    char *m, out[2048];
    PRFileMap *fm = new_map(PR_ANONFM_REVOCABLE, &m), *ro;

    if (!sealable)
        goto out;
    ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    PR_MemUnmap(m, 4096); /* a truncation would make it fault */
    attack(ro, out, sizeof(out));
    CU_ASSERT(denied(out, "fd-write") && denied(out, "fd-mmap-write") &&
              denied(out, "fd-grow"));
    if (!denied(out, "reopen-rw")) {
        CU_ASSERT(denied(out, "reopened-write") && denied(out, "reopened-grow"));
        CU_ASSERT(!denied(out, "reopened-shrink")); /* the documented exception */
    }
    PR_CloseFileMap(ro);
    CU_ASSERT_EQUAL(PR_RevokeFileMap(fm), PR_SUCCESS);
    CU_ASSERT(revoked_for_good(fm));
    PR_CloseFileMap(fm);
    return;
out:
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* G9: a seccomp filter that refuses process_vm_writev (Docker's default
 * profile does) leaves revoke zeroing a write-sealed map with plain
 * writes through the creator's view; a holder that truncates the map
 * meanwhile must not kill the creator with SIGBUS. */
static void test_revoke_under_seccomp_survives_a_truncating_holder(void)
{
    const char *args[] = {"revoke-seccomp", "40", NULL};
    const char *emulator = getenv("PRSHM_TEST_UNDER_EMULATOR");
    char out[256];

    if (!sealable) {
        pt_skip("this backend takes no seals, so revoke writes with pwrite");
        return;
    }
    if (emulator && *emulator) {
        pt_skip("seccomp filters see the emulator's host system calls");
        return;
    }
    if (pt_under_valgrind()) {
        pt_skip("valgrind does not run seccomp filters over its guest's calls");
        return;
    }
    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    if (!strcmp(out, "unsupported\n")) {
        pt_skip("no seccomp in this build");
        return;
    }
    CU_ASSERT_STRING_EQUAL(out, "survived 40 rounds, other errors 0\n");
}

static void test_no_descriptor_leaked_by_this_suite(void)
{
    CU_ASSERT_EQUAL(pt_count_fds(), fds_at_start);
    CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1); /* and no zombie */
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("seal and revoke", setup, NULL);

    PT_TEST(s, test_layout_seal_stops_resizing_by_anyone);
    PT_TEST(s, test_write_seal_freezes_contents);
    PT_TEST(s, test_future_write_seal_keeps_old_mappings_only);
    PT_TEST(s, test_seals_accumulate_and_seal_seal_ends_them);
    PT_TEST(s, test_recipient_refuses_an_unsealed_map);
    PT_TEST(s, test_revocable_map_refuses_seals_that_would_block_revoke);
    PT_TEST(s, test_revoke_makes_every_reader_fault);
    PT_TEST(s, test_revoke_of_a_shrink_sealed_map_leaves_zeros);
    PT_TEST(s, test_revoke_releases_the_pages_of_a_shrink_sealed_map);
    PT_TEST(s, test_revocable_mappings_are_not_inherited_across_fork);
    PT_TEST(s, test_revoke_is_for_the_creator_of_a_revocable_map);
    PT_TEST(s, test_bad_seal_and_revoke_input);
    PT_TEST(s, test_read_only_holder_cannot_block_revoke_with_seals);
    PT_TEST(s, test_unprivileged_read_only_holder_cannot_block_revoke);
    PT_TEST(s, test_every_order_of_seal_and_restrict_keeps_it_revocable);
    PT_TEST(s, test_revoke_fails_when_a_holder_sealed_without_grow);
    PT_TEST(s, test_revoke_fails_when_a_holder_sealed_shrink_and_future_write);
    PT_TEST(s, test_revoke_zeroes_pages_pinned_in_a_pipe);
    PT_TEST(s, test_broker_restricting_an_imported_map_keeps_it_revocable);
    PT_TEST(s, test_restricted_duplicate_without_proc_cannot_add_seals);
    PT_TEST(s, test_read_only_holder_of_a_revocable_map_can_only_destroy_it);
    PT_TEST(s, test_revoke_under_seccomp_survives_a_truncating_holder);
    PT_TEST(s, test_no_descriptor_leaked_by_this_suite);
}
