/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_badinput.c -- the bad-input table of docs/bad-input.md, one row
 * per entry of ROWS below: each call must fail with exactly the NSPR
 * error listed, leave no descriptor behind and not crash.
 * check-bad-input.sh checks that this table and the document's table
 * have the same rows with the same errors.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nspr.h"
#include "plgetopt.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

static char *dir, *plain_path;
static PRFileDesc *ro_file;

/* ---- fixtures that some rows need ------------------------------------ */
static PRFileMap *anon(PRUint32 flags)
{
    return PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE, flags);
}

/* Run call(fm) on a fresh map, then release it; PR_TRUE if call failed. */
#define WITH_MAP(flags, failed_expr)                                   \
    ({                                                                 \
        PRFileMap *fm = anon(flags);                                   \
        PRBool failed_ = (failed_expr);                                \
        PRErrorCode e_ = PR_GetError();                                \
        PR_CloseFileMap(fm);                                           \
        PR_SetError(e_, 0);                                            \
        failed_;                                                       \
    })

static PRBool export_tiny(PRFileMap *fm)
{
    char buf[1];

    return PR_ExportFileMapAsString(fm, sizeof(buf), buf) == PR_FAILURE;
}

static PRBool import_fd_string(int fd, int prot)
{
    char s[32];
    PRFileMap *fm;

    snprintf(s, sizeof(s), "%d:%d", fd, prot);
    fm = PR_ImportFileMapFromString(s);
    if (fm)
        PR_CloseFileMap(fm);
    return fm == NULL;
}

static PRBool import_closed(void)
{
    int fd = dup(0);

    close(fd);
    return import_fd_string(fd, 1);
}

static PRBool import_pipe(void)
{
    int p[2];
    PRBool failed;
    PRErrorCode e;

    if (pipe(p) != 0)
        return PR_FALSE;
    failed = import_fd_string(p[0], 0);
    e = PR_GetError();
    close(p[0]);
    close(p[1]);
    PR_SetError(e, 0);
    return failed;
}

static PRBool map_past_end(PRFileMap *fm)
{
    return PR_MemMap(fm, 0, 8192) == NULL;
}

/* fm was made (as in NSPR); whether mapping its first page failed, with
 * the error kept past closing it. */
static PRBool map_is_refused(PRFileMap *fm)
{
    PRBool failed;
    PRErrorCode e;

    if (!fm)
        return PR_FALSE;
    failed = PR_MemMap(fm, 0, 4096) == NULL;
    e = PR_GetError();
    PR_CloseFileMap(fm);
    PR_SetError(e, 0);
    return failed;
}

static PRBool seal_write_while_mapped(PRFileMap *fm)
{
    void *m = PR_MemMap(fm, 0, 4096);
    PRBool failed = PR_SealFileMap(fm, PR_FILEMAP_SEAL_WRITE) == PR_FAILURE;
    PRErrorCode e = PR_GetError();

    PR_MemUnmap(m, 4096);
    PR_SetError(e, 0);
    return failed;
}

static PRBool revoked_then(int what)
{
    PRFileMap *fm = anon(PR_ANONFM_REVOCABLE);
    PRBool failed;
    PRErrorCode e;

    PR_RevokeFileMap(fm);
    if (what == 0)
        failed = PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW) == PR_FAILURE;
    else if (what == 1)
        failed = PR_RevokeFileMap(fm) == PR_FAILURE;
    else
        failed = PR_MemMap(fm, 0, 4096) == NULL;
    e = PR_GetError();
    PR_CloseFileMap(fm);
    PR_SetError(e, 0);
    return failed;
}

static PRBool revoke_imported(void)
{
    PRFileMap *fm = anon(PR_ANONFM_REVOCABLE), *imp;
    char s[PR_FILEMAP_STRING_BUFSIZE];
    PRBool failed;
    PRErrorCode e;

    PR_ExportFileMapAsString(fm, sizeof(s), s);
    imp = PR_ImportFileMapFromString(s);
    failed = PR_RevokeFileMap(imp) == PR_FAILURE;
    e = PR_GetError();
    PR_CloseFileMap(imp);
    PR_CloseFileMap(fm);
    PR_SetError(e, 0);
    return failed;
}

static PRBool on_file_map(int what)
{
    PRFileMap *fm = PR_CreateFileMap(ro_file, 1, PR_PROT_READONLY);
    PRBool failed;
    PRErrorCode e;

    if (what == 0)
        failed = PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW) == PR_FAILURE;
    else
        failed = PR_RestrictFileMap(fm, PR_PROT_READONLY) == NULL;
    e = PR_GetError();
    PR_CloseFileMap(fm);
    PR_SetError(e, 0);
    return failed;
}

static PRBool with_attr(int what)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileMap *fm = anon(0);
    PRBool failed;
    PRErrorCode e;

    if (what == 0)
        failed = PR_ProcessAttrSetInheritableFileMap(attr, fm, "") == PR_FAILURE;
    else if (what == 1)
        failed = PR_ProcessAttrSetInheritableFD(attr, NULL, "n") == PR_FAILURE;
    else
        failed = PR_ProcessAttrSetCurrentDirectory(attr, NULL) == PR_FAILURE;
    e = PR_GetError();
    PR_CloseFileMap(fm);
    PR_DestroyProcessAttr(attr);
    PR_SetError(e, 0);
    return failed;
}

static PRBool spawn(const char *path)
{
    char *argv[] = {"x", NULL};

    return PR_CreateProcess(path, argv, NULL, NULL) == NULL;
}

static PRBool snprintf_n(void)
{
    char buf[8];
    int n;

    return PR_snprintf(buf, sizeof(buf), "%n", &n) == (PRUint32)-1;
}

static PRBool getopt_null(void)
{
    char *argv[] = {"x", NULL};

    return PL_CreateOptState(1, argv, NULL) == NULL;
}

static PRBool read_negative(void)
{
    char c;

    return PR_Read(PR_STDIN, &c, -1) == -1;
}

/*
 * The table: X(row, expected NSPR error, expression that is true when the
 * call failed).  Keep it in the same order as docs/bad-input.md.
 */
#define ROWS(X)                                                                        \
    X(1, PR_INVALID_ARGUMENT_ERROR, map_is_refused(PR_OpenAnonFileMap(NULL, 0, PR_PROT_READWRITE))) \
    X(2, PR_INVALID_ARGUMENT_ERROR, PR_OpenAnonFileMap(NULL, 4096, (PRFileMapProtect)3) == NULL) \
    X(3, PR_INVALID_ARGUMENT_ERROR, PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE, 0x80) == NULL) \
    X(4, PR_INVALID_ARGUMENT_ERROR, PR_MemMap(NULL, 0, 4096) == NULL)                   \
    X(5, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, PR_MemMap(fm, 0, 0) == NULL))           \
    X(6, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, PR_MemMap(fm, 1, 4096) == NULL))        \
    X(7, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, map_past_end(fm)))                      \
    X(8, PR_INVALID_ARGUMENT_ERROR, PR_MemUnmap(NULL, 4096) == PR_FAILURE)              \
    X(9, PR_INVALID_ARGUMENT_ERROR, PR_CloseFileMap(NULL) == PR_FAILURE)                \
    X(10, PR_INVALID_ARGUMENT_ERROR, PR_CreateFileMap(NULL, 4096, PR_PROT_READONLY) == NULL) \
    X(11, PR_NO_ACCESS_RIGHTS_ERROR, PR_CreateFileMap(ro_file, -1, PR_PROT_READONLY) == NULL) \
    X(12, PR_NO_ACCESS_RIGHTS_ERROR, map_is_refused(PR_CreateFileMap(ro_file, 1, PR_PROT_READWRITE))) \
    X(13, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, PR_ExportFileMapAsString(fm, 16, NULL) == PR_FAILURE)) \
    X(14, PR_BUFFER_OVERFLOW_ERROR, WITH_MAP(0, export_tiny(fm)))                       \
    X(15, PR_INVALID_ARGUMENT_ERROR, PR_ImportFileMapFromString(NULL) == NULL)          \
    X(16, PR_INVALID_ARGUMENT_ERROR, PR_ImportFileMapFromString("3:3") == NULL)         \
    X(17, PR_BAD_DESCRIPTOR_ERROR, import_closed())                                     \
    X(18, PR_BAD_DESCRIPTOR_ERROR, import_pipe())                                       \
    X(19, PR_NO_ACCESS_RIGHTS_ERROR, import_fd_string(PR_FileDesc2NativeHandle(ro_file), 1)) \
    X(20, PR_INVALID_ARGUMENT_ERROR, PR_GetInheritedFileMap(NULL) == NULL)              \
    X(21, PR_INVALID_ARGUMENT_ERROR, PR_GetInheritedFileMap("A=B") == NULL)             \
    X(22, PR_INVALID_ARGUMENT_ERROR, PR_GetInheritedFileMap("PRSHM_UNSET_VAR") == NULL) \
    X(23, PR_INVALID_ARGUMENT_ERROR, PR_GetInheritedFD("") == NULL)                     \
    X(24, PR_INVALID_ARGUMENT_ERROR, PR_GetInheritedFD("a:b") == NULL)                  \
    X(25, PR_INVALID_ARGUMENT_ERROR, with_attr(0))                                      \
    X(26, PR_INVALID_ARGUMENT_ERROR, with_attr(1))                                      \
    X(27, PR_INVALID_ARGUMENT_ERROR, with_attr(2))                                      \
    X(28, PR_INVALID_ARGUMENT_ERROR, spawn(NULL))                                       \
    X(29, PR_FILE_NOT_FOUND_ERROR, spawn("/nonexistent/program"))                       \
    X(30, PR_IS_DIRECTORY_ERROR, spawn(dir))                                            \
    X(31, PR_NO_ACCESS_RIGHTS_ERROR, spawn(plain_path))                                 \
    X(32, PR_INVALID_ARGUMENT_ERROR, PR_WaitProcess(NULL, NULL) == PR_FAILURE)          \
    X(33, PR_INVALID_ARGUMENT_ERROR, PR_KillProcess(NULL) == PR_FAILURE)                \
    X(34, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, PR_SealFileMap(fm, 0x40) == PR_FAILURE)) \
    X(35, PR_INVALID_STATE_ERROR, revoked_then(0))                                      \
    X(36, PR_FILE_IS_BUSY_ERROR, WITH_MAP(0, seal_write_while_mapped(fm)))              \
    X(37, PR_INVALID_STATE_ERROR, WITH_MAP(0, PR_RevokeFileMap(fm) == PR_FAILURE))      \
    X(38, PR_INVALID_STATE_ERROR, revoked_then(1))                                      \
    X(39, PR_NO_ACCESS_RIGHTS_ERROR, revoke_imported())                                 \
    X(40, PR_INVALID_STATE_ERROR, revoked_then(2))                                      \
    X(41, PR_INVALID_ARGUMENT_ERROR, PR_RestrictFileMap(NULL, PR_PROT_READONLY) == NULL) \
    X(42, PR_INVALID_ARGUMENT_ERROR, WITH_MAP(0, PR_GetFileMapInfo(fm, NULL) == PR_FAILURE)) \
    X(43, PR_OPERATION_NOT_SUPPORTED_ERROR, on_file_map(0))                             \
    X(44, PR_OPERATION_NOT_SUPPORTED_ERROR, on_file_map(1))                             \
    X(45, PR_INVALID_ARGUMENT_ERROR, PR_Open(NULL, PR_RDONLY, 0) == NULL)               \
    X(46, PR_INVALID_ARGUMENT_ERROR, PR_Open(plain_path, PR_RDONLY | PR_RDWR, 0) == NULL) \
    X(47, PR_INVALID_ARGUMENT_ERROR, read_negative())                                   \
    X(48, PR_BAD_DESCRIPTOR_ERROR, PR_Close(NULL) == PR_FAILURE)                        \
    X(49, PR_INVALID_ARGUMENT_ERROR, PR_GetSpecialFD((PRSpecialFD)7) == NULL)           \
    X(50, PR_BAD_DESCRIPTOR_ERROR, PR_ImportFile(-1) == NULL)                           \
    X(51, PR_INVALID_ARGUMENT_ERROR, PR_SetEnv("NOEQUALS") == PR_FAILURE)               \
    X(52, PR_INVALID_ARGUMENT_ERROR, PR_Sleep(PR_INTERVAL_NO_TIMEOUT) == PR_FAILURE)    \
    X(53, PR_INVALID_ARGUMENT_ERROR, snprintf_n())                                      \
    X(54, PR_INVALID_ARGUMENT_ERROR, getopt_null())                                     \
    X(55, PR_INVALID_ARGUMENT_ERROR, PR_NewLogModule("") == NULL)

static int setup(void)
{
    int fd;

    dir = pt_make_temp_dir();
    plain_path = PR_smprintf("%s/plain", dir);
    fd = open(plain_path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0 || write(fd, "x", 1) != 1)
        return -1;
    close(fd);
    ro_file = PR_Open(plain_path, PR_RDONLY, 0);
    return ro_file ? 0 : -1;
}

static int teardown(void)
{
    PR_Close(ro_file);
    pt_remove_tree(dir);
    free(dir);
    PR_smprintf_free(plain_path);
    return 0;
}

static void check_row(int row, PRErrorCode want, PRBool failed, int fds_before)
{
    PRErrorCode got = PR_GetError();

    printf("\nrow %d %s", row, failed ? (PR_ErrorToName(got) ? PR_ErrorToName(got)
                                                             : "(none)")
                                      : "SUCCEEDED");
    CU_ASSERT(failed);
    CU_ASSERT_EQUAL(got, want);
    CU_ASSERT_EQUAL(pt_count_fds(), fds_before);
}

static void test_every_row_gives_its_documented_error(void)
{
    int before;
    PRBool failed;

#define RUN_ROW(row, err, expr)                 \
    before = pt_count_fds();                    \
    PR_SetError(0, 0);                          \
    failed = (expr);                            \
    check_row(row, err, failed, before);
    ROWS(RUN_ROW)
#undef RUN_ROW
    printf("\n");
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("bad input", setup, teardown);

    PT_TEST(s, test_every_row_gives_its_documented_error);
}
