/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_runtime.c -- errors, memory, environment, initialisation and
 * versions, interval time, thread identity, 64-bit macros.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nspr.h"
#include "runner.h"

/* ---- error state -------------------------------------------------- */

static void *set_error_in_thread(void *arg)
{
    PR_SetError(PR_IO_ERROR, EIO);
    *(PRErrorCode *)arg = PR_GetError();
    return NULL;
}

static void test_error_state_is_per_thread(void)
{
    pthread_t t;
    PRErrorCode other = 0;

    PR_SetError(PR_INVALID_ARGUMENT_ERROR, EINVAL);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, set_error_in_thread, &other), 0);
    pthread_join(t, NULL);
    CU_ASSERT_EQUAL(other, PR_IO_ERROR);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), EINVAL);
}

static void test_every_error_code_has_a_distinct_name_and_text(void)
{
    PRErrorCode c;

    for (c = PR_NSPR_ERROR_BASE; c <= PR_MAX_ERROR; c++) {
        const char *name = PR_ErrorToName(c);
        const char *text = PR_ErrorToString(c, PR_LANGUAGE_I_DEFAULT);
        PRErrorCode d;

        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        CU_ASSERT_EQUAL(strncmp(name, "PR_", 3), 0);
        CU_ASSERT_STRING_EQUAL(name + strlen(name) - 6, "_ERROR");
        CU_ASSERT(text && strlen(text) > 5);
        CU_ASSERT_STRING_NOT_EQUAL(text, "Unknown error code");
        for (d = PR_NSPR_ERROR_BASE; d < c; d++)
            CU_ASSERT_STRING_NOT_EQUAL(PR_ErrorToName(d), name);
    }
}

static void test_error_names_match_their_numbers(void)
{
    CU_ASSERT_STRING_EQUAL(PR_ErrorToName(PR_OUT_OF_MEMORY_ERROR), "PR_OUT_OF_MEMORY_ERROR");
    CU_ASSERT_STRING_EQUAL(PR_ErrorToName(-5987), "PR_INVALID_ARGUMENT_ERROR");
    CU_ASSERT_STRING_EQUAL(PR_ErrorToName(-5965), "PR_OPERATION_NOT_SUPPORTED_ERROR");
    CU_ASSERT_STRING_EQUAL(PR_ErrorToName(-5931), "PR_INVALID_STATE_ERROR");
    CU_ASSERT_STRING_EQUAL(PR_ErrorToName(PR_MAX_ERROR), "PR_MAX_ERROR");
}

static void test_unknown_error_codes_are_reported_as_unknown(void)
{
    CU_ASSERT_PTR_NULL(PR_ErrorToName(0));
    CU_ASSERT_PTR_NULL(PR_ErrorToName(PR_NSPR_ERROR_BASE - 1));
    CU_ASSERT_PTR_NULL(PR_ErrorToName(PR_MAX_ERROR + 1));
    CU_ASSERT_STRING_EQUAL(PR_ErrorToString(12345, PR_LANGUAGE_EN), "Unknown error code");
}

/* ---- memory -------------------------------------------------------- */

static void test_calloc_zeroes_and_realloc_keeps_contents(void)
{
    unsigned char *p = PR_Calloc(100, 3);
    int i, zero = 1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    for (i = 0; i < 300; i++)
        zero &= p[i] == 0;
    CU_ASSERT(zero);
    memset(p, 0xab, 300);
    p = PR_Realloc(p, 100000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p[299], 0xab);
    PR_Free(p);
    PR_Free(NULL);
}

static void test_zero_size_allocations_give_distinct_pointers(void)
{
    void *a = PR_Malloc(0), *b = PR_Malloc(0), *c = PR_Calloc(0, 8);

    CU_ASSERT_PTR_NOT_NULL(a);
    CU_ASSERT_PTR_NOT_NULL(b);
    CU_ASSERT_PTR_NOT_NULL(c);
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    PR_Free(a);
    PR_Free(b);
    PR_Free(c);
}

static void test_impossible_allocation_sets_out_of_memory(void)
{
    void *p;

    PR_SetError(0, 0);
    p = PR_Calloc(0xffffffffU, 0xffffffffU);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(PR_GetError(), PR_OUT_OF_MEMORY_ERROR);
    PR_Free(p);
}

struct pair { int a; double b; };

static void test_new_and_delete_macros(void)
{
    struct pair *p = PR_NEWZAP(struct pair);
    struct pair *q = PR_NEW(struct pair);

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(q);
    CU_ASSERT_EQUAL(p->a, 0);
    PR_DELETE(p);
    CU_ASSERT_PTR_NULL(p);
    PR_FREEIF(q);
    CU_ASSERT_PTR_NULL(q);
    PR_FREEIF(q); /* NULL: nothing happens */
}

/* ---- environment --------------------------------------------------- */

static void test_setenv_then_getenv(void)
{
    static char entry[] = "PRSHM_TEST_VAR=hello";

    CU_ASSERT_EQUAL(PR_SetEnv(entry), PR_SUCCESS);
    CU_ASSERT_STRING_EQUAL(PR_GetEnv("PRSHM_TEST_VAR"), "hello");
    CU_ASSERT_STRING_EQUAL(PR_GetEnvSecure("PRSHM_TEST_VAR"), "hello");
    CU_ASSERT_PTR_NULL(PR_GetEnv("PRSHM_TEST_SURELY_UNSET"));
    CU_ASSERT_PTR_NULL(PR_GetEnv(NULL));
    CU_ASSERT_PTR_NULL(PR_GetEnvSecure(NULL));
}

static void test_setenv_rejects_malformed_strings(void)
{
    const char *bad[] = {NULL, "", "NOEQUALS", "=value"};
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(bad); i++) {
        PR_SetError(0, 0);
        CU_ASSERT_EQUAL(PR_SetEnv(bad[i]), PR_FAILURE);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    }
}

static void test_duplicate_environment_is_a_full_copy(void)
{
    static char entry[] = "PRSHM_TEST_DUP=copied";
    char **env, **e;
    int found = 0;

    PR_SetEnv(entry);
    env = PR_DuplicateEnvironment();
    CU_ASSERT_PTR_NOT_NULL_FATAL(env);
    for (e = env; *e; e++) {
        if (strcmp(*e, "PRSHM_TEST_DUP=copied") == 0)
            found = 1;
        CU_ASSERT_PTR_NOT_EQUAL(*e, entry);
        PR_Free(*e);
    }
    PR_Free(env);
    CU_ASSERT(found);
}

static void *env_worker(void *arg)
{
    static char entries[4][32]; /* putenv keeps them: they must outlive us */
    long id = (long)arg;
    char *entry = entries[id];
    char name[32], want[32];
    int i, ok = 1;

    PR_snprintf(entry, sizeof(entries[0]), "PRSHM_TEST_T%ld=v%ld", id, id);
    PR_snprintf(name, sizeof(name), "PRSHM_TEST_T%ld", id);
    PR_snprintf(want, sizeof(want), "v%ld", id);
    PR_SetEnv(entry);
    for (i = 0; i < 2000; i++) {
        const char *v = PR_GetEnv(name);
        char **dup = (i % 100) ? NULL : PR_DuplicateEnvironment();

        ok &= v && strcmp(v, want) == 0;
        if (dup) {
            char **e;

            for (e = dup; *e; e++)
                PR_Free(*e);
            PR_Free(dup);
        }
    }
    return (void *)(long)ok;
}

static void test_environment_calls_are_thread_safe(void)
{
    pthread_t t[4];
    void *ok;
    long i;

    for (i = 0; i < 4; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, env_worker, (void *)i), 0);
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], &ok);
        CU_ASSERT_EQUAL(ok, (void *)1L);
    }
}

static void test_child_sees_parent_environment(void)
{
    const char *args[] = {"env", "PRSHM_CHILD_VAR", NULL};
    const char *env[] = {"PRSHM_CHILD_VAR=from-parent", NULL};
    char out[128];

    CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "from-parent\n");
}

/* ---- initialisation and versions ------------------------------------ */

static void test_init_and_cleanup_toggle_initialized(void)
{
    PR_Init(PR_USER_THREAD, PR_PRIORITY_NORMAL, 0);
    CU_ASSERT_EQUAL(PR_Initialized(), PR_TRUE);
    CU_ASSERT_EQUAL(PR_Cleanup(), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_Initialized(), PR_FALSE);
}

static void test_version_is_nspr_4_35(void)
{
    CU_ASSERT_STRING_EQUAL(PR_GetVersion(), "4.35");
    CU_ASSERT_STRING_EQUAL(PR_VERSION, "4.35");
    CU_ASSERT_EQUAL(PR_VMAJOR * 100 + PR_VMINOR, 435);
    CU_ASSERT_PTR_NOT_NULL(strchr(PRSHM_VERSION, '.'));
}

static void test_version_check_table(void)
{
    /* NSPR's reading: the digits each part has; the first character that
     * does not fit ends the version (test_interop compares with NSPR) */
    static const struct { const char *v; PRBool ok; } cases[] = {
        {"4.35", PR_TRUE}, {"4.35.0", PR_TRUE}, {"4.34", PR_TRUE},
        {"4.0", PR_TRUE}, {"4", PR_TRUE}, {"4.35.1", PR_FALSE},
        {"4.36", PR_FALSE}, {"5.0", PR_FALSE}, {"3.99", PR_FALSE},
        {"", PR_FALSE}, {"4.", PR_TRUE}, {"4.35.", PR_TRUE},
        {"4.x", PR_TRUE}, {"a", PR_FALSE}, {"4.35.0.0", PR_TRUE},
        {" 4.35", PR_FALSE}, {"4.-1", PR_TRUE}, {"4.99999999999", PR_FALSE},
        {"4,26", PR_TRUE}, {"4.35beta", PR_TRUE}, {"4.35 ", PR_TRUE},
    };
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(cases); i++)
        CU_ASSERT_EQUAL(PR_VersionCheck(cases[i].v), cases[i].ok);
    CU_ASSERT_EQUAL(PR_VersionCheck(NULL), PR_FALSE);
}

/* ---- atomics, stacks, PR_Initialize ------------------------------------- */

static void test_atomic_operations_return_what_nspr_documents(void)
{
    PRInt32 v = -2;

    CU_ASSERT_EQUAL(PR_AtomicIncrement(&v), -1);
    CU_ASSERT_EQUAL(PR_AtomicAdd(&v, 4), 3);
    CU_ASSERT_EQUAL(PR_AtomicDecrement(&v), 2);
    CU_ASSERT_EQUAL(PR_AtomicSet(&v, 7), 2);
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT_EQUAL(PR_ATOMIC_INCREMENT(&v), 8);
    CU_ASSERT_EQUAL(PR_ATOMIC_ADD(&v, -10), -2);
    CU_ASSERT_EQUAL(PR_ATOMIC_SET(&v, 5), -2);
    CU_ASSERT_EQUAL(PR_ATOMIC_DECREMENT(&v), 4);
}

static PRInt32 shared_counter;

static void *add_many(void *arg)
{
    int i;

    (void)arg;
    for (i = 0; i < 100000; i++)
        PR_AtomicIncrement(&shared_counter);
    return NULL;
}

static void test_atomic_increment_loses_nothing_between_threads(void)
{
    pthread_t t[4];
    int i;

    shared_counter = 0;
    for (i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, add_many, NULL);
    for (i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    CU_ASSERT_EQUAL(shared_counter, 400000);
}

struct item {
    PRStackElem link; /* first, as NSPR requires */
    int value;
};

static void test_stack_is_last_in_first_out(void)
{
    PRStack *stack = PR_CreateStack("test");
    struct item a = {{NULL}, 1}, b = {{NULL}, 2};

    CU_ASSERT_PTR_NOT_NULL_FATAL(stack);
    CU_ASSERT_PTR_NULL(PR_StackPop(stack));
    PR_StackPush(stack, &a.link);
    PR_StackPush(stack, &b.link);
    CU_ASSERT_EQUAL(PR_DestroyStack(stack), PR_FAILURE); /* not empty */
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_STATE_ERROR);
    CU_ASSERT_EQUAL(((struct item *)PR_StackPop(stack))->value, 2);
    CU_ASSERT_EQUAL(((struct item *)PR_StackPop(stack))->value, 1);
    CU_ASSERT_PTR_NULL(PR_StackPop(stack));
    CU_ASSERT_EQUAL(PR_DestroyStack(stack), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_CreateStack(NULL));
    CU_ASSERT_EQUAL(PR_DestroyStack(NULL), PR_FAILURE);
}

static PRIntn primordial(PRIntn argc, char **argv)
{
    return PR_Initialized() && argc == 2 && strcmp(argv[1], "x") == 0 ? 42 : 1;
}

static void test_initialize_runs_main_between_init_and_cleanup(void)
{
    char *argv[] = {"prog", "x", NULL};

    CU_ASSERT_EQUAL(PR_Initialize(primordial, 2, argv, 0), 42);
    CU_ASSERT_FALSE(PR_Initialized());
    CU_ASSERT_EQUAL(PR_Initialize(NULL, 0, NULL, 0), -1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
}

static void test_process_exit_ends_at_once(void)
{
    int status = 0, p[2];
    char buf[8] = "";
    pid_t pid;

    if (pt_under_valgrind()) {
        /* valgrind runs glibc's __libc_freeres when the program ends,
         * and that flushes stdio even after _exit */
        pt_skip("valgrind flushes stdio at exit through __libc_freeres");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    pid = fork();
    if (pid == 0) {
        /* buffered stdio output and atexit work must not happen */
        FILE *f = fdopen(p[1], "w");

        fputs("lost", f);
        PR_ProcessExit(7);
    }
    close(p[1]);
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 7);
    CU_ASSERT_EQUAL(read(p[0], buf, sizeof(buf)), 0);
    close(p[0]);
}

/* ---- interval time ---------------------------------------------------- */

static void test_ticks_per_second_is_within_nspr_bounds(void)
{
    PRUint32 tps = PR_TicksPerSecond();

    CU_ASSERT(tps >= PR_INTERVAL_MIN && tps <= PR_INTERVAL_MAX);
    CU_ASSERT_EQUAL(PR_SecondsToInterval(3), 3 * tps);
    CU_ASSERT_EQUAL(PR_IntervalToSeconds(PR_SecondsToInterval(7)), 7);
    CU_ASSERT_EQUAL(PR_IntervalToMilliseconds(PR_MillisecondsToInterval(1500)), 1500);
    CU_ASSERT_EQUAL(PR_IntervalToMicroseconds(PR_MicrosecondsToInterval(250000)), 250000);
    CU_ASSERT_EQUAL(PR_MillisecondsToInterval(1000), tps);
    CU_ASSERT_EQUAL(PR_MicrosecondsToInterval(1000000), tps);
    /* NSPR's: milliseconds, so a day fits (it wraps after 49.7 days),
     * and conversions round to the nearest */
    CU_ASSERT_EQUAL(tps, 1000);
    CU_ASSERT_EQUAL(PR_SecondsToInterval(86400), 86400000U);
    CU_ASSERT_EQUAL(PR_MicrosecondsToInterval(499), 0);
    CU_ASSERT_EQUAL(PR_MicrosecondsToInterval(500), 1);
    CU_ASSERT_EQUAL(PR_IntervalToMicroseconds(1), 1000);
}

static void test_conversions_do_not_overflow_before_truncation(void)
{
    /* 4e9 ms in 64-bit ticks, then cut to 32 bits like the tick count */
    PRUint64 tps = PR_TicksPerSecond();
    PRUint64 want = ((PRUint64)4000000000U * tps + 500) / 1000;

    CU_ASSERT_EQUAL(PR_MillisecondsToInterval(4000000000U), (PRUint32)want);
    CU_ASSERT_EQUAL(PR_IntervalToMicroseconds(4000000000U),
                    (PRUint32)(((PRUint64)4000000000U * 1000000 + tps / 2) / tps));
}

static void test_sleep_lasts_at_least_the_interval(void)
{
    struct timespec a, b;
    PRIntervalTime t0, t1;
    long ms;

    clock_gettime(CLOCK_MONOTONIC, &a);
    t0 = PR_IntervalNow();
    CU_ASSERT_EQUAL(PR_Sleep(PR_MillisecondsToInterval(30)), PR_SUCCESS);
    t1 = PR_IntervalNow();
    clock_gettime(CLOCK_MONOTONIC, &b);
    ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    CU_ASSERT(ms >= 30);
    CU_ASSERT(PR_IntervalToMilliseconds((PRIntervalTime)(t1 - t0)) >= 29);
    CU_ASSERT_EQUAL(PR_Sleep(PR_INTERVAL_NO_WAIT), PR_SUCCESS);
}

static void test_sleep_forever_is_refused(void)
{
    CU_ASSERT_EQUAL(PR_Sleep(PR_INTERVAL_NO_TIMEOUT), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
}

/* ---- threads and 64-bit macros -------------------------------------- */

static void *current_thread(void *arg)
{
    (void)arg;
    return PR_GetCurrentThread();
}

static void test_current_thread_identifies_each_thread(void)
{
    pthread_t t;
    void *other;
    PRThread *me = PR_GetCurrentThread();

    CU_ASSERT_PTR_NOT_NULL(me);
    CU_ASSERT_PTR_EQUAL(PR_GetCurrentThread(), me);
    pthread_create(&t, NULL, current_thread, NULL);
    pthread_join(t, &other);
    CU_ASSERT_PTR_NOT_NULL(other);
    CU_ASSERT_PTR_NOT_EQUAL(other, me);
}

static void test_ll_macros_do_64_bit_arithmetic(void)
{
    PRInt64 a, b, r;
    PRUint64 q, m;
    PRInt32 i;

    LL_I2L(a, 3000000);
    LL_I2L(b, 4000000);
    LL_MUL(r, a, b);
    CU_ASSERT(LL_EQ(r, PR_INT64(12000000000000)));
    LL_SHR(r, r, 3);
    CU_ASSERT(LL_CMP(r, ==, PR_INT64(1500000000000)));
    LL_UDIVMOD(&q, &m, PR_UINT64(17), PR_UINT64(5));
    CU_ASSERT(q == 3 && m == 2);
    LL_L2I(i, LL_INIT(0, 0x7fffffff));
    CU_ASSERT_EQUAL(i, 0x7fffffff);
    CU_ASSERT(LL_EQ(LL_MaxInt(), LL_MAXINT));
    CU_ASSERT(LL_EQ(LL_MinInt(), LL_MININT));
    CU_ASSERT(LL_IS_ZERO(LL_Zero()));
    CU_ASSERT(LL_MaxUint() == LL_MAXUINT);
    CU_ASSERT_EQUAL(sizeof(PRInt64), 8);
}

/* ---- PR_CallOnce and PR_Now --------------------------------------------- */

static int once_runs; /* accessed atomically */
static PRCallOnceType once_ok, once_bad, once_arg;

static PRStatus PR_CALLBACK count_once(void)
{
    __atomic_add_fetch(&once_runs, 1, __ATOMIC_SEQ_CST);
    PR_Sleep(PR_MillisecondsToInterval(20)); /* the others must wait */
    return PR_SUCCESS;
}

static PRStatus PR_CALLBACK fail_once(void)
{
    PR_SetError(PR_IO_ERROR, 0);
    return PR_FAILURE;
}

static PRStatus PR_CALLBACK set_arg(void *arg)
{
    *(int *)arg = 42;
    return PR_SUCCESS;
}

static void *call_once_thread(void *arg)
{
    (void)arg;
    return (void *)(size_t)(PR_CallOnce(&once_ok, count_once) == PR_SUCCESS &&
                            __atomic_load_n(&once_runs, __ATOMIC_SEQ_CST) == 1);
}

static void test_call_once_runs_once_and_keeps_its_result(void)
{
    pthread_t t[8];
    void *ok;
    int i, v = 0;

    for (i = 0; i < 8; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, call_once_thread, NULL), 0);
    for (i = 0; i < 8; i++) {
        pthread_join(t[i], &ok);
        CU_ASSERT(ok != NULL); /* every caller saw it done, by one run */
    }
    CU_ASSERT_EQUAL(once_runs, 1);
    /* a failure is kept; later calls say PR_CALL_ONCE_ERROR, as NSPR */
    CU_ASSERT_EQUAL(PR_CallOnce(&once_bad, fail_once), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_IO_ERROR);
    CU_ASSERT_EQUAL(PR_CallOnce(&once_bad, count_once), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_CALL_ONCE_ERROR);
    CU_ASSERT_EQUAL(once_runs, 1);
    CU_ASSERT_EQUAL(PR_CallOnceWithArg(&once_arg, set_arg, &v), PR_SUCCESS);
    CU_ASSERT_EQUAL(v, 42);
    CU_ASSERT_EQUAL(PR_CallOnce(NULL, count_once), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_CallOnceWithArg(&once_arg, NULL, &v), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
}

static void test_now_is_the_real_time_in_microseconds(void)
{
    time_t before = time(NULL);
    PRTime now = PR_Now();
    time_t after = time(NULL);

    CU_ASSERT(now / PR_USEC_PER_SEC >= (PRTime)before);
    CU_ASSERT(now / PR_USEC_PER_SEC <= (PRTime)after);
    CU_ASSERT(PR_Now() >= now);
}

void pt_register(void)
{
    CU_pSuite s;

    s = pt_suite("once and now");
    PT_TEST(s, test_call_once_runs_once_and_keeps_its_result);
    PT_TEST(s, test_now_is_the_real_time_in_microseconds);
    s = pt_suite("errors");
    PT_TEST(s, test_error_state_is_per_thread);
    PT_TEST(s, test_every_error_code_has_a_distinct_name_and_text);
    PT_TEST(s, test_error_names_match_their_numbers);
    PT_TEST(s, test_unknown_error_codes_are_reported_as_unknown);

    s = pt_suite("memory");
    PT_TEST(s, test_calloc_zeroes_and_realloc_keeps_contents);
    PT_TEST(s, test_zero_size_allocations_give_distinct_pointers);
    PT_TEST(s, test_impossible_allocation_sets_out_of_memory);
    PT_TEST(s, test_new_and_delete_macros);

    s = pt_suite("environment");
    PT_TEST(s, test_setenv_then_getenv);
    PT_TEST(s, test_setenv_rejects_malformed_strings);
    PT_TEST(s, test_duplicate_environment_is_a_full_copy);
    PT_TEST(s, test_environment_calls_are_thread_safe);
    PT_TEST(s, test_child_sees_parent_environment);

    s = pt_suite("init and versions");
    PT_TEST(s, test_init_and_cleanup_toggle_initialized);
    PT_TEST(s, test_version_is_nspr_4_35);
    PT_TEST(s, test_version_check_table);
    PT_TEST(s, test_atomic_operations_return_what_nspr_documents);
    PT_TEST(s, test_atomic_increment_loses_nothing_between_threads);
    PT_TEST(s, test_stack_is_last_in_first_out);
    PT_TEST(s, test_initialize_runs_main_between_init_and_cleanup);
    PT_TEST(s, test_process_exit_ends_at_once);

    s = pt_suite("interval time");
    PT_TEST(s, test_ticks_per_second_is_within_nspr_bounds);
    PT_TEST(s, test_conversions_do_not_overflow_before_truncation);
    PT_TEST(s, test_sleep_lasts_at_least_the_interval);
    PT_TEST(s, test_sleep_forever_is_refused);

    s = pt_suite("threads and 64-bit integers");
    PT_TEST(s, test_current_thread_identifies_each_thread);
    PT_TEST(s, test_ll_macros_do_64_bit_arithmetic);
}
