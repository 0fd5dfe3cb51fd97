/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_log.c -- NSPR_LOG_MODULES and NSPR_LOG_FILE, read by a real child
 * process (levels are read once per process), and the in-process calls.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORCE_PR_LOG 1
#include "nspr.h"
#include "runner.h"

static char *dir;
static char logpath[512];

static int setup(void)
{
    dir = pt_make_temp_dir();
    if (!dir)
        return -1;
    snprintf(logpath, sizeof(logpath), "%s/log.txt", dir);
    return 0;
}

static int teardown(void)
{
    pt_remove_tree(dir);
    free(dir);
    return 0;
}

static void read_log(char *buf, size_t len)
{
    int fd = open(logpath, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;

    buf[n > 0 ? n : 0] = '\0';
    if (fd >= 0)
        close(fd);
    unlink(logpath);
}

/* Run the helper's log mode; returns its stdout in out. */
static int run_log_child(const char *modules, const char *module,
                         const char *level, const char *msg, char *out,
                         size_t outlen)
{
    char modvar[256], filevar[600];
    const char *args[] = {"log", module, level, msg, NULL};
    const char *env[3] = {filevar, NULL, NULL};

    snprintf(filevar, sizeof(filevar), "NSPR_LOG_FILE=%s", logpath);
    if (modules) {
        snprintf(modvar, sizeof(modvar), "NSPR_LOG_MODULES=%s", modules);
        env[1] = modvar;
    }
    return pt_run_helper(args, env, out, outlen);
}

static void test_module_level_comes_from_nspr_log_modules(void)
{
    char out[64], log[1024];

    CU_ASSERT_EQUAL(run_log_child("other:1,gizmo:3", "gizmo", "3",
                                  "visible-line", out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "level 3\n");
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "visible-line\n"));
}

static void test_messages_above_the_level_are_not_logged(void)
{
    char out[64], log[1024];

    CU_ASSERT_EQUAL(run_log_child("gizmo:2", "gizmo", "4", "hidden-line",
                                  out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "level 2\n");
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NULL(strstr(log, "hidden-line"));
}

static void test_all_sets_every_module_and_5_means_debug(void)
{
    char out[64], log[1024];

    CU_ASSERT_EQUAL(run_log_child("all:5", "anything", "4", "debug-line",
                                  out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "level 4\n");
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "debug-line"));
}

static void test_unset_modules_log_nothing(void)
{
    char out[64], log[1024];

    CU_ASSERT_EQUAL(run_log_child(NULL, "gizmo", "1", "never", out,
                                  sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "level 0\n");
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NULL(strstr(log, "never"));
}

static void test_timestamp_option_prefixes_utc_time(void)
{
    char out[64], log[1024];

    CU_ASSERT_EQUAL(run_log_child("timestamp,gizmo:4", "gizmo", "1",
                                  "stamped", out, sizeof(out)), 0);
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, " UTC - "));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "stamped"));
}

static void test_new_log_module_rejects_bad_names(void)
{
    CU_ASSERT_PTR_NULL(PR_NewLogModule(NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_NewLogModule(""));
}

static void test_set_log_file_and_log_print(void)
{
    char log[1024], bad[600];
    PRLogModuleInfo *m = PR_NewLogModule("inproc");

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->name, "inproc");
    snprintf(bad, sizeof(bad), "%s/missing/dir/log", dir);
    CU_ASSERT_EQUAL(PR_SetLogFile(bad), PR_FALSE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_SetLogFile(logpath), PR_TRUE);
    PR_LogPrint("value=%lld", PR_INT64(1) << 40);
    m->level = PR_LOG_ERROR;
    PR_LOG(m, PR_LOG_ERROR, ("shown %d", 1));
    PR_LOG(m, PR_LOG_DEBUG, ("not shown"));
    PR_LogFlush();
    CU_ASSERT_EQUAL(PR_SetLogFile(NULL), PR_TRUE);
    read_log(log, sizeof(log));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "value=1099511627776\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "shown 1\n"));
    CU_ASSERT_PTR_NULL(strstr(log, "not shown"));
    PR_SetLogBuffering(4096);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("logging", setup, teardown);

    PT_TEST(s, test_module_level_comes_from_nspr_log_modules);
    PT_TEST(s, test_messages_above_the_level_are_not_logged);
    PT_TEST(s, test_all_sets_every_module_and_5_means_debug);
    PT_TEST(s, test_unset_modules_log_nothing);
    PT_TEST(s, test_timestamp_option_prefixes_utc_time);
    PT_TEST(s, test_new_log_module_rejects_bad_names);
    PT_TEST(s, test_set_log_file_and_log_print);
}
