/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * runner.h -- what every CUnit test program shares: registration, the
 * helper child process, descriptor counting.
 */
#ifndef PRSHM_TESTS_RUNNER_H
#define PRSHM_TESTS_RUNNER_H

#include <stddef.h>
#include <CUnit/CUnit.h>

#include "prio.h"

/* Defined by each test program: add its suites and tests. */
void pt_register(void);

/* Mark the running test as skipped, with the reason (it must then
 * return without asserting anything that could fail). */
void pt_skip(const char *reason);

/* Whether this program runs under valgrind (its preload is in
 * LD_PRELOAD): valgrind emulates fork, exit and descriptors itself. */
int pt_under_valgrind(void);

/* Add a suite (aborts the program if CUnit cannot). */
CU_pSuite pt_suite(const char *name);
#define PT_TEST(suite, fn) CU_add_test((suite), #fn, (fn))

/*
 * Run the helper program ($PRSHM_TEST_HELPER) with args (NULL-terminated,
 * without argv[0]) and extra environment entries env (NULL-terminated,
 * "NAME=VALUE", added to a copy of ours; may be NULL).  Its standard
 * output is stored NUL-terminated in out[outlen] (may be NULL).
 * Returns its exit status, 128 + signal if it was killed, or -1.
 */
int pt_run_helper(const char *const *args, const char *const *env,
                  char *out, size_t outlen);

/* Read fd to its end into out[outlen] (NUL-terminated; what does not
 * fit is read and dropped; out may be NULL), then close fd. */
void pt_read_to_end(int fd, char *out, size_t outlen);

/* The same for any program. */
int pt_run_program(const char *program, const char *const *args,
                   const char *const *env, char *out, size_t outlen);

/* A fresh one-page read-write anonymous map holding "parent wrote",
 * mapped at *m (the map and mapping are the caller's to release). */
PRFileMap *pt_parent_map(char **m);

/* Whether prshm runs over NSPR's libnspr4 here (the overlay's suites),
 * where the runtime's own calls (PR_Open, PR_GetInheritedFD, the
 * environment) behave as NSPR's do. */
int pt_runtime_is_nspr(void);

/* Open descriptors of this process (entries of /proc/self/fd, or a
 * probe of every descriptor number where /proc is missing). */
int pt_count_fds(void);

/* A fresh private directory for a test; free() the result after
 * removing it with pt_remove_tree. */
char *pt_make_temp_dir(void);
void pt_remove_tree(const char *path);

#endif
