/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_format.c -- PR_snprintf and friends: NSPR's size rules, buffer
 * limits, heap results, output to descriptors, bad formats.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "runner.h"

#define CHECK_FMT(want, ...)                                       \
    do {                                                           \
        char buf_[256];                                            \
        PRUint32 n_ = PR_snprintf(buf_, sizeof(buf_), __VA_ARGS__); \
        CU_ASSERT_STRING_EQUAL(buf_, want);                        \
        CU_ASSERT_EQUAL(n_, strlen(want));                         \
    } while (0)

static void test_integer_conversions_use_nspr_sizes(void)
{
    CHECK_FMT("42", "%d", 42);
    CHECK_FMT("-7", "%i", -7);
    CHECK_FMT("1", "%hd", 65537);          /* PRInt16 */
    CHECK_FMT("65535", "%hu", -1);
    CHECK_FMT("-1", "%ld", (PRInt32)-1);    /* %l is 32 bits in NSPR */
    CHECK_FMT("4294967295", "%lu", (PRUint32)0xffffffffU);
    CHECK_FMT("-9223372036854775808", "%lld", PR_INT64_MIN);
    CHECK_FMT("18446744073709551615", "%llu", PR_UINT64_MAX);
    CHECK_FMT("123456789012", "%qd", PR_INT64(123456789012));
    CHECK_FMT("7fffffffffffffff", "%llx", PR_INT64_MAX);
    CHECK_FMT("4096", "%zu", (PRSize)4096);
    CHECK_FMT("ff FF 17", "%x %X %o", 255, 255, 15);
}

static void test_flags_width_and_precision(void)
{
    CHECK_FMT("   42", "%5d", 42);
    CHECK_FMT("42   |", "%-5d|", 42);
    CHECK_FMT("00042", "%05d", 42);
    CHECK_FMT("+42", "%+d", 42);
    CHECK_FMT("0x1f", "%#x", 31);
    CHECK_FMT("  007", "%*.*d", 5, 3, 7);
    CHECK_FMT("7    |", "%*d|", -5, 7);
    CHECK_FMT("ab", "%.2s", "abcdef");
    CHECK_FMT("   ab", "%5.2s", "abcdef");
    CHECK_FMT("x  |", "%-3c|", 'x');
}

static void test_strings_characters_floats_and_percent(void)
{
    CHECK_FMT("hello world", "%s %s", "hello", "world");
    CHECK_FMT("(null)", "%s", (char *)NULL);
    CHECK_FMT("Z", "%c", 'Z');
    CHECK_FMT("1.500000", "%f", 1.5);
    CHECK_FMT("2.50e+00", "%.2e", 2.5);
    CHECK_FMT("0.1", "%g", 0.1);
    CHECK_FMT("100%", "%d%%", 100);
}

/* As NSPR: hex digits without "0x", and 0 for NULL (test_interop
 * compares with NSPR itself). */
static void test_pointer_prints_as_nspr_does(void)
{
    char want[64], got[64];
    int x;

    snprintf(want, sizeof(want), "%lx", (unsigned long)(uintptr_t)&x);
    PR_snprintf(got, sizeof(got), "%p", (void *)&x);
    CU_ASSERT_STRING_EQUAL(got, want);
    CHECK_FMT("0", "%p", (void *)0);
    CHECK_FMT("[      beef]", "[%10p]", (void *)0xbeef);
}

static void test_snprintf_truncates_and_returns_stored_length(void)
{
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    CU_ASSERT_EQUAL(PR_snprintf(buf, 4, "%s", "hello"), 3);
    CU_ASSERT_STRING_EQUAL(buf, "hel");
    CU_ASSERT_EQUAL(buf[4], 'x'); /* nothing written past outlen */
    CU_ASSERT_EQUAL(PR_snprintf(buf, 1, "%d", 12345), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");
    buf[0] = 'q';
    CU_ASSERT_EQUAL(PR_snprintf(buf, 0, "%d", 1), 0);
    CU_ASSERT_EQUAL(buf[0], 'q');
    CU_ASSERT_EQUAL(PR_snprintf(buf, 4, "%100d", 1), 3);
    CU_ASSERT_STRING_EQUAL(buf, "   ");
}

static void test_bad_formats_fail_with_invalid_argument(void)
{
    static const char *bad[] = {"%y", "%n", "%", "abc %", "%1$d", "%S",
                                "%lc", "%llp", "%hs", "%99999999999d"};
    char buf[32];
    size_t i;
    int n;

    for (i = 0; i < PR_ARRAY_SIZE(bad); i++) {
        PR_SetError(0, 0);
        CU_ASSERT_EQUAL(PR_snprintf(buf, sizeof(buf), bad[i], &n), (PRUint32)-1);
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
        CU_ASSERT_PTR_NULL(PR_smprintf(bad[i], &n));
    }
    CU_ASSERT_EQUAL(PR_snprintf(buf, sizeof(buf), NULL), (PRUint32)-1);
    CU_ASSERT_EQUAL(PR_snprintf(NULL, 5, "x"), (PRUint32)-1);
    CU_ASSERT_PTR_NULL(PR_smprintf(NULL));
}

static void test_smprintf_grows_to_any_length(void)
{
    char *s = PR_smprintf("%5000d|%s|%-3000s|", 1, "mid", "end");

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(strlen(s), 5000 + 1 + 3 + 1 + 3000 + 1);
    CU_ASSERT_EQUAL(s[4999], '1');
    CU_ASSERT_EQUAL(strncmp(s + 5000, "|mid|end", 8), 0);
    PR_smprintf_free(s);
    s = PR_smprintf("%s", "");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "");
    PR_smprintf_free(s);
}

static void test_fprintf_writes_to_a_descriptor(void)
{
    int p[2];
    PRFileDesc *fd;
    char buf[64] = "";
    ssize_t n;

    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    fd = PR_ImportFile(p[1]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    CU_ASSERT_EQUAL(PR_fprintf(fd, "%s=%lld\n", "size", PR_INT64(5368709120)), 16);
    PR_Close(fd);
    n = read(p[0], buf, sizeof(buf) - 1);
    close(p[0]);
    CU_ASSERT_EQUAL(n, 16);
    CU_ASSERT_STRING_EQUAL(buf, "size=5368709120\n");
    CU_ASSERT_EQUAL(PR_fprintf(NULL, "x"), (PRUint32)-1);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
}

void pt_register(void)
{
    CU_pSuite s = pt_suite("formatting");

    PT_TEST(s, test_integer_conversions_use_nspr_sizes);
    PT_TEST(s, test_flags_width_and_precision);
    PT_TEST(s, test_strings_characters_floats_and_percent);
    PT_TEST(s, test_pointer_prints_as_nspr_does);
    PT_TEST(s, test_snprintf_truncates_and_returns_stored_length);
    PT_TEST(s, test_bad_formats_fail_with_invalid_argument);
    PT_TEST(s, test_smprintf_grows_to_any_length);
    PT_TEST(s, test_fprintf_writes_to_a_descriptor);
}
