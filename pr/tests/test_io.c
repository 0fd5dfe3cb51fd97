/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_io.c -- PRFileDesc: open, read, write, seek, info, sync, close,
 * the special descriptors, native handles; every error path, no leaks.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "runner.h"

static char *dir;
static int fds_before;

static int setup(void)
{
    dir = pt_make_temp_dir();
    fds_before = pt_count_fds();
    return dir ? 0 : -1;
}

static int teardown(void)
{
    pt_remove_tree(dir);
    free(dir);
    return 0;
}

static char *path_in_dir(const char *name)
{
    return PR_smprintf("%s/%s", dir, name);
}

static void test_write_seek_read_round_trip(void)
{
    char *path = path_in_dir("rt");
    PRFileDesc *fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_EXCL, 0600);
    char buf[16] = "";
    PRFileInfo64 info;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_Write(fd, "hello world", 11), 11);
    CU_ASSERT_EQUAL(PR_Sync(fd), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Seek64(fd, 6, PR_SEEK_SET), 6);
    CU_ASSERT_EQUAL(PR_Read(fd, buf, sizeof(buf)), 5);
    CU_ASSERT_STRING_EQUAL(buf, "world");
    CU_ASSERT_EQUAL(PR_Read(fd, buf, sizeof(buf)), 0);
    CU_ASSERT_EQUAL(PR_Seek64(fd, -5, PR_SEEK_END), 6);
    CU_ASSERT_EQUAL(PR_Seek64(fd, PR_INT64(5) << 30, PR_SEEK_CUR), (PR_INT64(5) << 30) + 6);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo64(fd, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.type, PR_FILE_FILE);
    CU_ASSERT_EQUAL(info.size, 11);
    CU_ASSERT(info.modifyTime > PR_INT64(1600000000) * PR_USEC_PER_SEC);
    CU_ASSERT_EQUAL(PR_Close(fd), PR_SUCCESS);
    /* PR_EXCL on an existing file */
    CU_ASSERT_PTR_NULL(PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_EXCL, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_EXISTS_ERROR);
    PR_smprintf_free(path);
}

static void test_opened_descriptors_are_close_on_exec(void)
{
    char *path = path_in_dir("cloexec");
    PRFileDesc *fd = PR_Open(path, PR_WRONLY | PR_CREATE_FILE, 0600);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT(fcntl(PR_FileDesc2NativeHandle(fd), F_GETFD) & FD_CLOEXEC);
    PR_Close(fd);
    PR_smprintf_free(path);
}

static void test_open_errors_map_to_nspr_codes(void)
{
    char *missing = path_in_dir("no/such/file");

    CU_ASSERT_PTR_NULL(PR_Open(missing, PR_RDONLY, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_PTR_NULL(PR_Open(dir, PR_RDWR, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IS_DIRECTORY_ERROR);
    CU_ASSERT_PTR_NULL(PR_Open(NULL, PR_RDONLY, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_Open(dir, 0, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_Open(dir, PR_RDONLY | PR_RDWR, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_Open(dir, PR_RDONLY | 0x100, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_smprintf_free(missing);
}

static void test_io_calls_reject_null_and_bad_sizes(void)
{
    char buf[4];
    PRFileInfo64 info;
    PRFileDesc *fd = PR_Open("/dev/null", PR_RDWR, 0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_Read(NULL, buf, 4), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_EQUAL(PR_Write(NULL, buf, 4), -1);
    CU_ASSERT_EQUAL(PR_Read(fd, buf, -1), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_Read(fd, NULL, 4), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_Write(fd, NULL, 0), 0);
    CU_ASSERT_EQUAL(PR_Seek64(NULL, 0, PR_SEEK_SET), -1);
    CU_ASSERT_EQUAL(PR_Seek64(fd, 0, (PRSeekWhence)7), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo64(fd, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo64(NULL, &info), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo64(fd, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.type, PR_FILE_OTHER);
    CU_ASSERT_EQUAL(PR_Sync(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_Close(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(NULL), -1);
    PR_Close(fd);
}

static void test_seek_on_a_pipe_is_no_seek_device(void)
{
    int p[2];
    PRFileDesc *fd;

    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    close(p[1]);
    fd = PR_ImportFile(p[0]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_Seek64(fd, 0, PR_SEEK_SET), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_SEEK_DEVICE_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), ESPIPE);
    PR_Close(fd);
}

static void test_special_descriptors(void)
{
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(PR_STDIN), 0);
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(PR_STDOUT), 1);
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(PR_STDERR), 2);
    CU_ASSERT_PTR_EQUAL(PR_STDOUT, PR_GetSpecialFD(PR_StandardOutput));
    CU_ASSERT_PTR_NULL(PR_GetSpecialFD((PRSpecialFD)3));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_GetSpecialFD((PRSpecialFD)-1));
}

static void test_import_file_takes_ownership_and_sets_cloexec(void)
{
    int osfd = open("/dev/null", O_RDONLY);
    PRFileDesc *fd;

    CU_ASSERT_FATAL(osfd >= 0);
    CU_ASSERT_EQUAL(fcntl(osfd, F_GETFD) & FD_CLOEXEC, 0);
    fd = PR_ImportFile(osfd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(fd), osfd);
    CU_ASSERT(fcntl(osfd, F_GETFD) & FD_CLOEXEC);
    CU_ASSERT_EQUAL(PR_Close(fd), PR_SUCCESS);
    CU_ASSERT_EQUAL(fcntl(osfd, F_GETFD), -1); /* closed */
    CU_ASSERT_PTR_NULL(PR_ImportFile(osfd));
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_PTR_NULL(PR_ImportFile(-1));
}

/* PR_ImportTCPSocket takes a socket like PR_ImportFile, and refuses
 * anything else without taking it. */
static void test_import_tcp_socket_takes_sockets_only(void)
{
    int sv[2], osfd = open("/dev/null", O_RDONLY);
    PRFileDesc *fd;

    CU_ASSERT_FATAL(osfd >= 0);
    CU_ASSERT_PTR_NULL(PR_ImportTCPSocket(osfd));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NOT_SOCKET_ERROR);
    CU_ASSERT(fcntl(osfd, F_GETFD) >= 0); /* still the caller's */
    close(osfd);
    CU_ASSERT_PTR_NULL(PR_ImportTCPSocket(osfd));
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_PTR_NULL(PR_ImportTCPSocket(-1));
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);

    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    fd = PR_ImportTCPSocket(sv[0]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_FileDesc2NativeHandle(fd), sv[0]);
    CU_ASSERT(fcntl(sv[0], F_GETFD) & FD_CLOEXEC);
    CU_ASSERT_EQUAL(PR_Write(fd, "x", 1), 1);
    CU_ASSERT_EQUAL(PR_Close(fd), PR_SUCCESS);
    CU_ASSERT_EQUAL(fcntl(sv[0], F_GETFD), -1); /* closed */
    close(sv[1]);
}

/* ---- pipes ------------------------------------------------------------- */

static void test_pipe_ends_are_close_on_exec_and_carry_bytes(void)
{
    PRFileDesc *r = NULL, *w = NULL;
    char buf[16] = "";

    CU_ASSERT_EQUAL_FATAL(PR_CreatePipe(&r, &w), PR_SUCCESS);
    CU_ASSERT(fcntl(PR_FileDesc2NativeHandle(r), F_GETFD) & FD_CLOEXEC);
    CU_ASSERT(fcntl(PR_FileDesc2NativeHandle(w), F_GETFD) & FD_CLOEXEC);
    CU_ASSERT_EQUAL(PR_Available(r), 0);
    CU_ASSERT_EQUAL(PR_Write(w, "hello", 6), 6);
    CU_ASSERT_EQUAL(PR_Available(r), 6);
    CU_ASSERT_EQUAL(PR_Available64(r), 6);
    CU_ASSERT_EQUAL(PR_Read(r, buf, sizeof(buf)), 6);
    CU_ASSERT_STRING_EQUAL(buf, "hello");
    CU_ASSERT_EQUAL(PR_SetFDInheritable(w, PR_TRUE), PR_SUCCESS);
    CU_ASSERT_FALSE(fcntl(PR_FileDesc2NativeHandle(w), F_GETFD) & FD_CLOEXEC);
    CU_ASSERT_EQUAL(PR_SetFDInheritable(w, PR_FALSE), PR_SUCCESS);
    CU_ASSERT(fcntl(PR_FileDesc2NativeHandle(w), F_GETFD) & FD_CLOEXEC);
    PR_Close(r);
    PR_Close(w);
    CU_ASSERT_EQUAL(PR_CreatePipe(NULL, &w), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_SetFDInheritable(NULL, PR_TRUE), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_EQUAL(PR_Available(NULL), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
}

static void test_available_on_a_file_counts_from_the_offset(void)
{
    char *tmp = pt_make_temp_dir(), path[4096];
    PRFileDesc *fd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
    snprintf(path, sizeof(path), "%s/f", tmp);
    fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE, 0600);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    PR_Write(fd, "0123456789", 10);
    PR_Seek64(fd, 4, PR_SEEK_SET);
    CU_ASSERT_EQUAL(PR_Available(fd), 6);
    PR_Seek64(fd, 20, PR_SEEK_SET);
    CU_ASSERT_EQUAL(PR_Available(fd), 0);
    PR_Close(fd);
    pt_remove_tree(tmp);
    free(tmp);
}

/* NSPR's pipeping pattern: the child's stdin and stdout are pipes. */
static void test_child_on_pipes_answers_ping_with_pong(void)
{
    char *argv[] = {(char *)(size_t)getenv("PRSHM_TEST_HELPER"), "pong", NULL};
    PRFileDesc *in[2], *out[2];
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRProcess *p;
    PRInt32 code = -1;
    char buf[8];
    int i, ok = 1;

    CU_ASSERT_EQUAL_FATAL(PR_CreatePipe(&in[0], &in[1]), PR_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(PR_CreatePipe(&out[0], &out[1]), PR_SUCCESS);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, out[0]);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, in[1]);
    p = PR_CreateProcess(argv[0], argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    PR_Close(out[0]);
    PR_Close(in[1]);
    for (i = 0; i < 10 && ok; i++) {
        memset(buf, 0, sizeof(buf));
        ok = PR_Write(out[1], "ping", 5) == 5 && PR_Read(in[0], buf, 5) == 5 &&
             strcmp(buf, "pong") == 0;
    }
    CU_ASSERT(ok);
    PR_Close(in[0]);
    PR_Close(out[1]);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
}

/* The file calls a program that uses maps reaches for: names, sizes,
 * access, and the 32-bit forms with NSPR's PR_FILE_TOO_BIG_ERROR. */
static void test_file_names_info_access_and_32_bit_forms(void)
{
    char *path = path_in_dir("info"), *missing = path_in_dir("missing");
    PRFileDesc *fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE, 0600);
    PRFileInfo info;
    PRFileInfo64 info64;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_Write(fd, "abc", 3), 3);
    CU_ASSERT_EQUAL(PR_Seek(fd, 1, PR_SEEK_SET), 1);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo(fd, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.type, PR_FILE_FILE);
    CU_ASSERT_EQUAL(info.size, 3);
    CU_ASSERT_EQUAL(PR_GetFileInfo(path, &info), PR_SUCCESS);
    CU_ASSERT_EQUAL(info.size, 3);
    CU_ASSERT_EQUAL(PR_GetFileInfo(path, NULL), PR_SUCCESS); /* as NSPR */
    CU_ASSERT_EQUAL(PR_GetFileInfo64(dir, &info64), PR_SUCCESS);
    CU_ASSERT_EQUAL(info64.type, PR_FILE_DIRECTORY);
    /* past 2 GiB (a sparse file): the 32-bit forms refuse */
    CU_ASSERT_EQUAL(PR_Seek64(fd, 3LL << 30, PR_SEEK_SET), 3LL << 30);
    CU_ASSERT_EQUAL(PR_Write(fd, "z", 1), 1);
    CU_ASSERT_EQUAL(PR_Seek(fd, 0, PR_SEEK_CUR), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_TOO_BIG_ERROR);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo(fd, &info), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_TOO_BIG_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileInfo64(path, &info64), PR_SUCCESS);
    CU_ASSERT_EQUAL(info64.size, (3LL << 30) + 1);
    CU_ASSERT_EQUAL(PR_Close(fd), PR_SUCCESS);

    CU_ASSERT_EQUAL(PR_Access(path, PR_ACCESS_EXISTS), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Access(path, PR_ACCESS_READ_OK), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Access(path, PR_ACCESS_WRITE_OK), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Access(path, (PRAccessHow)7), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_Delete(path), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Access(path, PR_ACCESS_EXISTS), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_Delete(missing), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileInfo(missing, &info), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_Delete(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_Access(NULL, PR_ACCESS_EXISTS), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileInfo64(NULL, &info64), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetFileInfo64(missing, &info64), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_GetOpenFileInfo(NULL, &info), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    CU_ASSERT_EQUAL(PR_Seek(NULL, 0, PR_SEEK_SET), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_BAD_DESCRIPTOR_ERROR);
    PR_smprintf_free(path);
    PR_smprintf_free(missing);
}

static void test_no_descriptor_leaked_by_this_suite(void)
{
    CU_ASSERT_EQUAL(pt_count_fds(), fds_before);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("file descriptors", setup, teardown);

    PT_TEST(s, test_write_seek_read_round_trip);
    PT_TEST(s, test_opened_descriptors_are_close_on_exec);
    PT_TEST(s, test_open_errors_map_to_nspr_codes);
    PT_TEST(s, test_io_calls_reject_null_and_bad_sizes);
    PT_TEST(s, test_seek_on_a_pipe_is_no_seek_device);
    PT_TEST(s, test_special_descriptors);
    PT_TEST(s, test_import_file_takes_ownership_and_sets_cloexec);
    PT_TEST(s, test_import_tcp_socket_takes_sockets_only);
    PT_TEST(s, test_pipe_ends_are_close_on_exec_and_carry_bytes);
    PT_TEST(s, test_available_on_a_file_counts_from_the_offset);
    PT_TEST(s, test_child_on_pipes_answers_ping_with_pong);
    PT_TEST(s, test_file_names_info_access_and_32_bit_forms);
    PT_TEST(s, test_no_descriptor_leaked_by_this_suite);
}
