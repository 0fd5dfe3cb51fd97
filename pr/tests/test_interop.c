/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_interop.c -- prshm and the real NSPR 4.35 share maps both ways:
 * a child linked with libnspr4 imports prshm's strings (protocol 1's
 * variable and protocol 2's export), and a prshm child imports a map a
 * libnspr4 parent exported.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nspr.h"
#include "prprf.h"
#include "prproces.h"
#include "prshma.h"
#include "runner.h"

static const char *peer, *helper;

static int setup(void)
{
    peer = getenv("PRSHM_TEST_NSPR_PEER");
    helper = getenv("PRSHM_TEST_HELPER");
    return peer && helper ? 0 : -1;
}

static PRInt32 run_peer(char **argv, char *const *envp, PRProcessAttr *attr)
{
    PRProcess *p = PR_CreateProcess(peer, argv, envp, attr);
    PRInt32 code = -1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    return code;
}

static void test_nspr_child_imports_a_prshm_export(void)
{
    char entry[PR_FILEMAP_STRING_BUFSIZE + 32], str[PR_FILEMAP_STRING_BUFSIZE];
    char *envp[] = {entry, NULL}, *m;
    char *argv[] = {(char *)(size_t)peer, "import", "PRSHM_INTEROP", NULL};
    PRFileMap *fm = pt_parent_map(&m);

    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_SUCCESS);
    snprintf(entry, sizeof(entry), "PRSHM_INTEROP=%s", str);
    CU_ASSERT_EQUAL(run_peer(argv, envp, NULL), 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_nspr_child_imports_a_protocol_1_variable(void)
{
    char *argv[] = {(char *)(size_t)peer, "import", "PRSHM_INTEROP1", NULL};
    /* NSPR's own allocations are not this suite's to check for leaks:
     * the peer runs with LeakSanitizer off whatever the environment says */
    char *envp[] = {"ASAN_OPTIONS=detect_leaks=0", NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    char *m;
    PRFileMap *fm = pt_parent_map(&m);

    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_INTEROP1");
    CU_ASSERT_EQUAL(run_peer(argv, envp, attr), 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* Run the peer with argv; its stdout into out. */
static PRInt32 peer_output(char **argv, char *out, size_t len)
{
    const char *args[30];
    int i;

    for (i = 1; argv[i] && i < 29; i++)
        args[i - 1] = argv[i];
    args[i - 1] = NULL;
    return pt_run_program(peer, args, NULL, out, len);
}

/* PR_VersionCheck reads a version exactly as NSPR does. */
static void test_version_check_agrees_with_nspr(void)
{
    static const char *versions[] = {
        "4.35", "4.35.0", "4.34", "4.0", "4", "4.35.1", "4.36", "5.0",
        "3.99", "", "4.", "4.35.", "4.x", "a", "4.35.0.0", " 4.35", "4.-1",
        "4.99999999999", "4,26", "4.35beta", "4.35 ", "04.35", "4.035",
    };
    char *argv[32], out[256], ours[256] = "";
    size_t i;

    argv[0] = (char *)(size_t)peer;
    argv[1] = "vercheck";
    for (i = 0; i < PR_ARRAY_SIZE(versions); i++) {
        argv[i + 2] = (char *)(size_t)versions[i];
        strcat(ours, PR_VersionCheck(versions[i]) ? "1\n" : "0\n");
    }
    argv[i + 2] = NULL;
    CU_ASSERT_EQUAL(peer_output(argv, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(ours, out);
}

/* PR_snprintf prints the fidelity cases exactly as NSPR does. */
static void test_formatting_agrees_with_nspr(void)
{
    char *argv[] = {(char *)(size_t)peer, "format", NULL};
    char out[2048], ours[2048] = "", buf[256];

#define FIDELITY_CASE(fmt, ...)                        \
    PR_snprintf(buf, sizeof(buf), fmt, __VA_ARGS__); \
    strcat(ours, buf);                               \
    strcat(ours, "\n");
#include "fidelity.h"
#undef FIDELITY_CASE
    CU_ASSERT_EQUAL(peer_output(argv, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(ours, out);
}

static void test_prshm_child_imports_an_nspr_export(void)
{
    char *argv[] = {(char *)(size_t)peer, "export-spawn",
                    (char *)(size_t)helper, NULL};

    CU_ASSERT_EQUAL(run_peer(argv, NULL, NULL), 0);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("interoperability with NSPR 4.35", setup, NULL);

    PT_TEST(s, test_nspr_child_imports_a_prshm_export);
    PT_TEST(s, test_nspr_child_imports_a_protocol_1_variable);
    PT_TEST(s, test_prshm_child_imports_an_nspr_export);
    PT_TEST(s, test_version_check_agrees_with_nspr);
    PT_TEST(s, test_formatting_agrees_with_nspr);
}
