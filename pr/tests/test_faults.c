/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_faults.c -- fault injection: descriptor exhaustion, address-space
 * exhaustion, a full file system, memfd refused by seccomp, a child that
 * dies before importing, a child reaped behind prshm's back.  Each fault
 * must give the documented NSPR error or fallback, leak nothing, and
 * leave the process usable.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

static const char *emulator;

static int setup(void)
{
    emulator = getenv("PRSHM_TEST_UNDER_EMULATOR");
    if (emulator && !*emulator)
        emulator = NULL;
    return 0;
}

static PRBool under_sanitizer_or_valgrind(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return PR_TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    return PR_TRUE;
#endif
#endif
    return pt_under_valgrind() ? PR_TRUE : PR_FALSE;
}

static void test_descriptor_exhaustion_gives_table_full_then_recovers(void)
{
    struct rlimit saved, rl;
    int fillers[64], n = 0, before = pt_count_fds();
    PRFileMap *fm;

    CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_NOFILE, &saved), 0);
    rl = saved;
    rl.rlim_cur = (rlim_t)before + 16;
    CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &rl), 0);
    while (n < 64 && (fillers[n] = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0)
        n++;
    CU_ASSERT(n < 64); /* the table is full */
    PR_SetError(0, 0);
    fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NULL(fm);
    CU_ASSERT_EQUAL(PR_GetError(), PR_PROC_DESC_TABLE_FULL_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), EMFILE);
    while (n > 0)
        close(fillers[--n]);
    setrlimit(RLIMIT_NOFILE, &saved);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
    fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE); /* usable again */
    CU_ASSERT_PTR_NOT_NULL(fm);
    PR_CloseFileMap(fm);
}

static void test_address_space_exhaustion_gives_out_of_memory(void)
{
    const char *args[] = {"rlimit-as", NULL};
    char out[256];

    if (under_sanitizer_or_valgrind() || emulator) {
        pt_skip("the address-space limit would hit the sanitizer's "
                "or emulator's own reservations");
        return;
    }
    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    /* mapping 1 GiB fails cleanly, and a small map still works after */
    CU_ASSERT_EQUAL(strncmp(out, "PR_OUT_OF_MEMORY_ERROR\n", 23), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nmemfd\n"));
}

static void test_full_file_system_gives_no_device_space(void)
{
    const char *args[] = {"anon-open", NULL, "0", NULL};
    const char *env[] = {"PRSHM_BACKEND=tmpfile", NULL};
    char *dir = pt_make_temp_dir(), out[256];

    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    if (emulator || mount("tmpfs", dir, "tmpfs", 0, "size=64k,nr_inodes=1") != 0) {
        char why[160];

        snprintf(why, sizeof(why), "cannot mount a tiny tmpfs here (%s)",
                 emulator ? emulator : strerror(errno));
        pt_skip(why);
        pt_remove_tree(dir);
        free(dir);
        return;
    }
    args[1] = dir;
    CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "PR_NO_DEVICE_SPACE_ERROR\n");
    env[0] = "PRSHM_BACKEND=tmpfile-named";
    CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "PR_NO_DEVICE_SPACE_ERROR\n");
    umount(dir);
    pt_remove_tree(dir);
    free(dir);
}

static void memfd_refused(const char *errno_text)
{
    const char *args[] = {"seccomp-memfd", errno_text, NULL};
    const char *forced[] = {"PRSHM_BACKEND=memfd", NULL};
    char out[256];

    if (emulator) {
        char why[160];

        snprintf(why, sizeof(why), "seccomp filters see %s's host system calls", emulator);
        pt_skip(why);
        return;
    }
    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    if (!strcmp(out, "unsupported\n")) {
        pt_skip("no seccomp in this build");
        return;
    }
    CU_ASSERT_STRING_EQUAL(out, "tmpfile\n"); /* the automatic fallback */
    CU_ASSERT_EQUAL(pt_run_helper(args, forced, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "PR_OPERATION_NOT_SUPPORTED_ERROR\n");
}

static void test_memfd_enosys_falls_back_to_tmpfile(void)
{
    memfd_refused("38"); /* ENOSYS on Linux */
}

static void test_memfd_eperm_falls_back_to_tmpfile(void)
{
    memfd_refused("1"); /* EPERM */
}

/* A PRSHM_BACKEND this build does not have is refused with an error
 * whose text (PR_GetErrorText) names the value and the backends there
 * are, with no log variable needed. */
static void test_unknown_backend_names_the_value_and_the_choices(void)
{
    static const char *const values[] = {"memfd2", "MEMFD", "tmp file"};
    const char *args[] = {"backend", NULL};
    char env0[64], out[512], want[128];
    const char *env[] = {env0, NULL};
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(values); i++) {
        snprintf(env0, sizeof(env0), "PRSHM_BACKEND=%s", values[i]);
        CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
        snprintf(want, sizeof(want),
                 "PR_OPERATION_NOT_SUPPORTED_ERROR\nPRSHM_BACKEND=%s is not one of "
                 "the backends of this build; its backends are:", values[i]);
        CU_ASSERT_NSTRING_EQUAL(out, want, strlen(want));
        CU_ASSERT_PTR_NOT_NULL(strstr(out, " tmpfile"));
        CU_ASSERT_PTR_NOT_NULL(strstr(out, " tmpfile-named\n"));
    }
}

/* The error text follows NSPR's rules: set after the error, removed by
 * PR_SetError and by a length of 0, copied with its NUL, per thread. */
static void *text_in_another_thread(void *arg)
{
    (void)arg;
    return (void *)(size_t)PR_GetErrorTextLength();
}

static void test_error_text_follows_nsprs_rules(void)
{
    char buf[4096], big[3000];
    pthread_t th;
    void *other = NULL;

    PR_SetError(PR_IO_ERROR, 5);
    CU_ASSERT_EQUAL(PR_GetErrorTextLength(), 0);
    memset(buf, 'x', sizeof(buf));
    CU_ASSERT_EQUAL(PR_GetErrorText(buf), 0);
    CU_ASSERT_EQUAL(buf[0], 'x'); /* untouched */
    PR_SetErrorText(5, "hello world");
    CU_ASSERT_EQUAL(PR_GetErrorTextLength(), 5);
    CU_ASSERT_EQUAL(PR_GetErrorText(buf), 5);
    CU_ASSERT_STRING_EQUAL(buf, "hello");
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_ERROR); /* the code stays */
    CU_ASSERT_EQUAL(pthread_create(&th, NULL, text_in_another_thread, NULL), 0);
    pthread_join(th, &other);
    CU_ASSERT_EQUAL((size_t)other, 0);
    memset(big, 'b', sizeof(big));
    PR_SetErrorText((PRIntn)sizeof(big), big);
    CU_ASSERT_EQUAL(PR_GetErrorText(buf), (PRInt32)sizeof(big));
    CU_ASSERT_EQUAL(buf[sizeof(big) - 1], 'b');
    CU_ASSERT_EQUAL(buf[sizeof(big)], '\0');
    PR_SetErrorText(0, "ignored");
    CU_ASSERT_EQUAL(PR_GetErrorTextLength(), 0);
    PR_SetErrorText(3, "abc");
    PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
    CU_ASSERT_EQUAL(PR_GetErrorTextLength(), 0);
}

static void test_child_dying_before_import_leaks_nothing(void)
{
    char *argv[] = {(char *)(size_t)getenv("PRSHM_TEST_HELPER"), "exit", "3", NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    int before = pt_count_fds();
    char *m;
    PRFileMap *fm = pt_parent_map(&m);
    PRProcess *p;
    PRInt32 code = -1;

    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_NEVER_IMPORTED");
    p = PR_CreateProcess(argv[0], argv, NULL, attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 3);
    CU_ASSERT_STRING_EQUAL(m, "parent wrote"); /* the map is unharmed */
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
    CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1); /* no zombie */
}

static void test_wait_on_a_child_reaped_elsewhere_is_invalid_state(void)
{
    char *argv[] = {(char *)(size_t)getenv("PRSHM_TEST_HELPER"), "exit", "0", NULL};
    PRProcess *p = PR_CreateProcess(argv[0], argv, NULL, NULL);
    PRInt32 code = -1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT(waitpid(-1, NULL, 0) > 0); /* someone else reaps it */
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), ECHILD);
    p = PR_CreateProcess(argv[0], argv, NULL, NULL); /* still usable */
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("fault injection", setup, NULL);

    PT_TEST(s, test_descriptor_exhaustion_gives_table_full_then_recovers);
    PT_TEST(s, test_address_space_exhaustion_gives_out_of_memory);
    PT_TEST(s, test_full_file_system_gives_no_device_space);
    PT_TEST(s, test_memfd_enosys_falls_back_to_tmpfile);
    PT_TEST(s, test_memfd_eperm_falls_back_to_tmpfile);
    PT_TEST(s, test_unknown_backend_names_the_value_and_the_choices);
    PT_TEST(s, test_error_text_follows_nsprs_rules);
    PT_TEST(s, test_child_dying_before_import_leaks_nothing);
    PT_TEST(s, test_wait_on_a_child_reaped_elsewhere_is_invalid_state);
}
