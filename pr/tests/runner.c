/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * runner.c -- main() for every CUnit test program, and the helpers in
 * runner.h.  The program reports in TAP, one test point per CUnit test
 * (skips marked "# SKIP reason"), for automake's TAP driver.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/Basic.h>
#include <CUnit/TestRun.h>

#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

extern char **environ;

CU_pSuite pt_suite(const char *name)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);

    if (!s) {
        fprintf(stderr, "cannot add suite %s: %s\n", name, CU_get_error_msg());
        exit(99);
    }
    return s;
}

static char **merged_env(const char *const *extra)
{
    size_t n = 0, m = 0, i;
    char **env;

    while (environ[n])
        n++;
    while (extra && extra[m])
        m++;
    env = calloc(n + m + 1, sizeof(char *));
    if (!env)
        return NULL;
    for (i = 0; i < m; i++)
        env[i] = (char *)(size_t)extra[i];
    for (i = 0; i < n; i++)
        env[m + i] = environ[i];
    return env;
}

void pt_read_to_end(int fd, char *out, size_t outlen)
{
    size_t len = 0;
    char sink[256];

    for (;;) {
        char *dst = out && len + 1 < outlen ? out + len : sink;
        size_t room = out && len + 1 < outlen ? outlen - 1 - len : sizeof(sink);
        ssize_t n = read(fd, dst, room);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (dst != sink)
            len += (size_t)n;
    }
    if (out && outlen)
        out[len] = '\0';
    close(fd);
}

int pt_run_helper(const char *const *args, const char *const *env,
                  char *out, size_t outlen)
{
    const char *helper = getenv("PRSHM_TEST_HELPER");

    return pt_run_program(helper ? helper : "./pr/tests/helper", args, env,
                          out, outlen);
}

int pt_run_program(const char *helper, const char *const *args,
                   const char *const *env, char *out, size_t outlen)
{
    char *argv[32];
    char **envp;
    posix_spawn_file_actions_t fa;
    int pipefd[2], status, i;
    pid_t pid;

    argv[0] = (char *)(size_t)helper;
    for (i = 0; args && args[i] && i < 30; i++)
        argv[i + 1] = (char *)(size_t)args[i];
    argv[i + 1] = NULL;
    envp = merged_env(env);
    if (!envp || pipe2(pipefd, O_CLOEXEC) != 0) {
        free(envp);
        return -1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    if (posix_spawn(&pid, helper, &fa, NULL, argv, envp) != 0)
        pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    free(envp);
    close(pipefd[1]);
    if (pid > 0)
        pt_read_to_end(pipefd[0], out, outlen);
    else
        close(pipefd[0]);
    if (pid < 0)
        return -1;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

PRFileMap *pt_parent_map(char **m)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);

    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    *m = PR_MemMap(fm, 0, 4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(*m);
    strcpy(*m, "parent wrote");
    return fm;
}

int pt_runtime_is_nspr(void)
{
    return strcmp(PR_GetPrshmRuntime(), "nspr") == 0;
}

int pt_count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    if (!d) {
        struct rlimit rl;
        int fd;

        getrlimit(RLIMIT_NOFILE, &rl);
        for (fd = 0; fd < (int)rl.rlim_cur && fd < 65536; fd++)
            if (fcntl(fd, F_GETFD) >= 0)
                n++;
        return n;
    }
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory stream's own descriptor */
}

char *pt_make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *path;

    if (!base || !*base)
        base = "/tmp";
    path = malloc(strlen(base) + 32);
    if (!path)
        return NULL;
    sprintf(path, "%s/prshm-test.XXXXXX", base);
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

void pt_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char child[PATH_MAX];

    if (d) {
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
            pt_remove_tree(child);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* ---- TAP output ---------------------------------------------------------
 * Each CUnit test is one TAP test point, so automake's TAP driver counts
 * passes, failures and skips one by one. */

static unsigned tap_number, tap_failed, tap_skipped;
static char skip_reason[256];

void pt_skip(const char *reason)
{
    snprintf(skip_reason, sizeof(skip_reason), "%s", reason);
}

int pt_under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");

    return preload && strstr(preload, "vgpreload") != NULL;
}

/* One TAP line "<ok> <n> - <text>", on a line of its own whatever a test
 * printed before it. */
static void tap_line(const char *ok, unsigned n, const char *text)
{
    fflush(stdout);
    printf("\n%s %u - %s\n", ok, n, text);
    fflush(stdout);
}

static void on_test_start(const CU_pTest test, const CU_pSuite suite)
{
    (void)test;
    (void)suite;
    skip_reason[0] = '\0';
}

static void on_test_complete(const CU_pTest test, const CU_pSuite suite,
                             const CU_pFailureRecord failures)
{
    const CU_FailureRecord *f;
    char text[512];

    (void)suite;
    tap_number++;
    if (failures) {
        tap_failed++;
        tap_line("not ok", tap_number, test->pName);
        for (f = failures; f; f = f->pNext)
            printf("# %s:%u: %s\n", f->strFileName ? f->strFileName : "?",
                   f->uiLineNumber, f->strCondition ? f->strCondition : "?");
    } else if (skip_reason[0]) {
        tap_skipped++;
        snprintf(text, sizeof(text), "%s # SKIP %s", test->pName, skip_reason);
        tap_line("ok", tap_number, text);
    } else {
        tap_line("ok", tap_number, test->pName);
    }
}

/* A suite whose set-up failed: every test in it fails. */
static void on_suite_init_failure(const CU_pSuite suite)
{
    CU_pTest t;
    char text[512];

    for (t = suite->pTest; t; t = t->pNext) {
        tap_number++;
        tap_failed++;
        snprintf(text, sizeof(text), "%s (the suite's set-up failed)", t->pName);
        tap_line("not ok", tap_number, text);
    }
}

int main(void)
{
    unsigned total;

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        return 99;
    }
    pt_register();
    total = CU_get_registry()->uiNumberOfTests;
    printf("1..%u\n", total);
    fflush(stdout);
    CU_set_test_start_handler(on_test_start);
    CU_set_test_complete_handler(on_test_complete);
    CU_set_suite_init_failure_handler(on_suite_init_failure);
    CU_run_all_tests();
    printf("\n# %u passed, %u failed, %u skipped\n",
           tap_number - tap_failed - tap_skipped, tap_failed, tap_skipped);
    CU_cleanup_registry();
    if (tap_number != total)
        return 99;
    return tap_failed ? 1 : 0;
}
