/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_getopt.c -- PL_CreateOptState / PL_GetNextOpt.
 */
#include "config.h"

#include <string.h>

#include "nspr.h"
#include "plgetopt.h"
#include "runner.h"

struct seen {
    PLOptStatus st;
    char option;
    const char *value;
};

/* Run the parser to the end; returns how many results were stored. */
static int parse(int argc, char **argv, const char *opts, struct seen *out,
                 int max)
{
    PLOptState *o = PL_CreateOptState(argc, argv, opts);
    int n = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    while (n < max) {
        out[n].st = PL_GetNextOpt(o);
        if (out[n].st == PL_OPT_EOL)
            break;
        out[n].option = o->option;
        out[n].value = o->value;
        n++;
    }
    PL_DestroyOptState(o);
    return n;
}

static void test_options_values_and_words(void)
{
    char *argv[] = {"prog", "-a", "-b", "val", "-cinline", "word", "--",
                    "-x", NULL};
    struct seen r[10];
    int n = parse(8, argv, "ab:c:", r, 10);

    CU_ASSERT_EQUAL_FATAL(n, 5);
    CU_ASSERT(r[0].st == PL_OPT_OK && r[0].option == 'a' && !r[0].value);
    CU_ASSERT(r[1].option == 'b' && strcmp(r[1].value, "val") == 0);
    CU_ASSERT(r[2].option == 'c' && strcmp(r[2].value, "inline") == 0);
    CU_ASSERT(r[3].option == 0 && strcmp(r[3].value, "word") == 0);
    CU_ASSERT(r[4].option == 0 && strcmp(r[4].value, "-x") == 0);
}

static void test_grouped_letters(void)
{
    char *argv[] = {"prog", "-avb", "x", NULL};
    struct seen r[10];
    int n = parse(3, argv, "ab:v", r, 10);

    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT(r[0].option == 'a' && r[1].option == 'v');
    CU_ASSERT(r[2].option == 'b' && strcmp(r[2].value, "x") == 0);
}

static void test_unknown_letter_and_missing_value_are_bad(void)
{
    char *argv[] = {"prog", "-z", "-b", NULL};
    struct seen r[10];
    int n = parse(3, argv, "b:", r, 10);

    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT(r[0].st == PL_OPT_BAD && r[0].option == 'z');
    CU_ASSERT(r[1].st == PL_OPT_BAD && r[1].option == 'b');
}

static void test_colon_is_not_an_option_letter(void)
{
    char *argv[] = {"prog", "-:", "-", NULL};
    struct seen r[10];
    int n = parse(3, argv, "a:", r, 10);

    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(r[0].st, PL_OPT_BAD);
    CU_ASSERT(r[1].st == PL_OPT_OK && r[1].option == 0 &&
              strcmp(r[1].value, "-") == 0);
}

static void test_bad_arguments_are_rejected(void)
{
    char *argv[] = {"prog", NULL};

    CU_ASSERT_PTR_NULL(PL_CreateOptState(1, argv, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PL_CreateOptState(-1, argv, "a"));
    CU_ASSERT_PTR_NULL(PL_CreateOptState(2, NULL, "a"));
    CU_ASSERT_EQUAL(PL_GetNextOpt(NULL), PL_OPT_BAD);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PL_DestroyOptState(NULL);
}

static void test_no_arguments_is_end_of_list(void)
{
    PLOptState *o = PL_CreateOptState(0, NULL, "a");

    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_EQUAL(PL_GetNextOpt(o), PL_OPT_EOL);
    CU_ASSERT_EQUAL(PL_GetNextOpt(o), PL_OPT_EOL);
    PL_DestroyOptState(o);
}

void pt_register(void)
{
    CU_pSuite s = pt_suite("getopt");

    PT_TEST(s, test_options_values_and_words);
    PT_TEST(s, test_grouped_letters);
    PT_TEST(s, test_unknown_letter_and_missing_value_are_bad);
    PT_TEST(s, test_colon_is_not_an_option_letter);
    PT_TEST(s, test_bad_arguments_are_rejected);
    PT_TEST(s, test_no_arguments_is_end_of_list);
}
