/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_process.c -- PR_CreateProcess and inherited maps with real child
 * processes: both protocols, only the intended child, grandchildren,
 * read-only shares under attack (as root and as an unprivileged uid),
 * NSPR_INHERIT_FDS, bad input.  Runs once per backend like test_anonmap.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "runner.h"

extern char **environ;

static const char *helper;
static const char *backend;
static int fds_at_start;

static int setup(void)
{
    helper = getenv("PRSHM_TEST_HELPER");
    backend = PR_GetAnonFileMapBackend();
    fds_at_start = pt_count_fds();
    return helper && backend ? 0 : -1;
}

/* Run the helper with argv (after argv[0]) and attr; its exit code. */
static PRInt32 run(const char *const *args, const PRProcessAttr *attr,
                   char *const *envp)
{
    char *argv[16];
    PRProcess *p;
    PRInt32 code = -1;
    int i;

    argv[0] = (char *)(size_t)helper;
    for (i = 0; args[i]; i++)
        argv[i + 1] = (char *)(size_t)args[i];
    argv[i + 1] = NULL;
    p = PR_CreateProcess(helper, argv, envp, attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    return code;
}

/* Run argv with attr, stdout captured into out[outlen]; the exit code. */
static PRInt32 run_capture(char **argv, PRProcessAttr *attr, char *out,
                           size_t outlen)
{
    PRFileDesc *w;
    PRProcess *proc;
    PRInt32 code = -1;
    size_t len = 0;
    ssize_t n;
    int p[2];

    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    w = PR_ImportFile(p[1]);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    proc = PR_CreateProcess(argv[0], argv, NULL, attr);
    PR_Close(w);
    while (len + 1 < outlen && (n = read(p[0], out + len, outlen - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = '\0';
    close(p[0]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(proc);
    CU_ASSERT_EQUAL(PR_WaitProcess(proc, &code), PR_SUCCESS);
    return code;
}

static void dev_ino(PRFileMap *fm, char *dev, char *ino)
{
    char s[PR_FILEMAP_STRING_BUFSIZE];
    struct stat st;

    PR_ExportFileMapAsString(fm, sizeof(s), s);
    CU_ASSERT_EQUAL_FATAL(fstat(atoi(s), &st), 0);
    sprintf(dev, "%llu", (unsigned long long)st.st_dev);
    sprintf(ino, "%llu", (unsigned long long)st.st_ino);
}

/* ---- the two protocols --------------------------------------------------- */

static void test_protocol_1_child_reads_and_writes_back(void)
{
    const char *args[] = {"map-rw", "PRSHM_TEST_SHM", NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    char *m;
    PRFileMap *fm = pt_parent_map(&m);

    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SHM"), PR_SUCCESS);
    CU_ASSERT_EQUAL(run(args, attr, NULL), 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_protocol_2_anonfm_pattern_child_reads_and_writes_back(void)
{
    static char entry[PR_FILEMAP_STRING_BUFSIZE + 32];
    const char *args[] = {"map-env", "PRSHM_TEST_ANONFM", NULL};
    char str[PR_FILEMAP_STRING_BUFSIZE], *m;
    PRFileMap *fm = pt_parent_map(&m);

    CU_ASSERT_EQUAL(PR_ExportFileMapAsString(fm, sizeof(str), str), PR_SUCCESS);
    CU_ASSERT(fcntl(atoi(str), F_GETFD) & FD_CLOEXEC); /* never inheritable */
    snprintf(entry, sizeof(entry), "PRSHM_TEST_ANONFM=%s", str);
    PR_SetEnv(entry);
    CU_ASSERT_EQUAL(run(args, NULL, NULL), 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    unsetenv("PRSHM_TEST_ANONFM");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_protocol_2_string_in_envp_reaches_the_child(void)
{
    char entry[PR_FILEMAP_STRING_BUFSIZE + 32], str[PR_FILEMAP_STRING_BUFSIZE];
    char *envp[] = {entry, NULL}, *m;
    const char *args[] = {"map-env", "PRSHM_TEST_ANONFM", NULL};
    PRFileMap *fm = pt_parent_map(&m);

    PR_ExportFileMapAsString(fm, sizeof(str), str);
    snprintf(entry, sizeof(entry), "PRSHM_TEST_ANONFM=%s", str);
    CU_ASSERT_EQUAL(run(args, NULL, envp), 0);
    CU_ASSERT_STRING_EQUAL(m, "child wrote");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_unexported_map_is_not_passed_by_a_matching_string(void)
{
    char *path = PR_smprintf("%s/prshm-unexported.%d", getenv("TMPDIR") ?
                             getenv("TMPDIR") : "/tmp", (int)getpid());
    PRFileDesc *fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE, 0600);
    char entry[64], *envp[] = {entry, NULL}, dev[32], ino[32];
    const char *args[] = {"scan", dev, ino, NULL};
    PRFileMap *fm;
    struct stat st;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    /* NSPR's PR_Open (the overlay's runtime) leaves it inheritable */
    fcntl(PR_FileDesc2NativeHandle(fd), F_SETFD, FD_CLOEXEC);
    fm = PR_CreateFileMap(fd, 4096, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    fstat(PR_FileDesc2NativeHandle(fd), &st);
    sprintf(dev, "%llu", (unsigned long long)st.st_dev);
    sprintf(ino, "%llu", (unsigned long long)st.st_ino);
    snprintf(entry, sizeof(entry), "X=%d:1", (int)PR_FileDesc2NativeHandle(fd));
    CU_ASSERT_EQUAL(run(args, NULL, envp), 0); /* a guessed string gets nothing */
    PR_CloseFileMap(fm);
    PR_Close(fd);
    unlink(path);
    PR_smprintf_free(path);
}

/* ---- only the intended child ---------------------------------------- */

struct race {
    PRFileMap *fm;
    char dev[32], ino[32];
    int rounds;
    int failures;
};

static void *spawn_intended(void *arg)
{
    struct race *r = arg;
    const char *args[] = {"map-rw", "PRSHM_TEST_RACE", NULL};
    int i;

    for (i = 0; i < r->rounds; i++) {
        PRProcessAttr *attr = PR_NewProcessAttr();
        char *argv[] = {(char *)(size_t)helper, (char *)(size_t)args[0],
                        (char *)(size_t)args[1], NULL};
        PRProcess *p;
        PRInt32 code = -1;
        char *m = PR_MemMap(r->fm, 0, 4096);

        strcpy(m, "parent wrote");
        PR_ProcessAttrSetInheritableFileMap(attr, r->fm, "PRSHM_TEST_RACE");
        p = PR_CreateProcess(helper, argv, NULL, attr);
        if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS || code != 0 ||
            strcmp(m, "child wrote") != 0)
            __atomic_add_fetch(&r->failures, 1, __ATOMIC_RELAXED);
        PR_MemUnmap(m, 4096);
        PR_DestroyProcessAttr(attr);
    }
    return NULL;
}

/* Children that were not given the map: PR_CreateProcess, posix_spawn
 * directly, and system(); each scans its descriptors for the map. */
static void *spawn_others(void *arg)
{
    struct race *r = arg;
    char *argv[] = {(char *)(size_t)helper, "scan", r->dev, r->ino, NULL};
    char cmd[4200];
    int i;

    snprintf(cmd, sizeof(cmd), "'%s' scan %s %s", helper, r->dev, r->ino);
    for (i = 0; i < r->rounds; i++) {
        PRInt32 code = -1;
        PRProcess *p;
        pid_t pid;
        int status = -1;

        p = PR_CreateProcess(helper, argv, NULL, NULL);
        if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS || code != 0)
            __atomic_add_fetch(&r->failures, 1, __ATOMIC_RELAXED);
        if (posix_spawn(&pid, helper, NULL, NULL, argv, environ) != 0 ||
            waitpid(pid, &status, 0) != pid || status != 0)
            __atomic_add_fetch(&r->failures, 1, __ATOMIC_RELAXED);
        if (i % 10 == 0 && system(cmd) != 0)
            __atomic_add_fetch(&r->failures, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void test_only_the_intended_child_receives_the_map(void)
{
    struct race r;
    pthread_t t[4];
    char *m;
    int i;

    memset(&r, 0, sizeof(r));
    r.fm = pt_parent_map(&m);
    PR_MemUnmap(m, 4096);
    dev_ino(r.fm, r.dev, r.ino);
    r.rounds = getenv("PRSHM_TEST_ROUNDS") && atoi(getenv("PRSHM_TEST_ROUNDS")) > 0
                   ? atoi(getenv("PRSHM_TEST_ROUNDS")) : 60;
    pthread_create(&t[0], NULL, spawn_intended, &r);
    for (i = 1; i < 4; i++)
        pthread_create(&t[i], NULL, spawn_others, &r);
    for (i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("[%d intended, %d others] ", r.rounds,
           3 * (2 * r.rounds + (r.rounds + 9) / 10));
    CU_ASSERT_EQUAL(r.failures, 0);
    PR_CloseFileMap(r.fm);
}

static void test_grandchild_of_the_intended_child_does_not_hold_it(void)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    char dev[32], ino[32], *m;
    PRFileMap *fm = pt_parent_map(&m);
    const char *imported[] = {"map-then-spawn", "PRSHM_TEST_GC", dev, ino, "1", NULL};
    const char *untouched[] = {"map-then-spawn", "PRSHM_TEST_GC", dev, ino, "0", NULL};

    dev_ino(fm, dev, ino);
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_GC");
    CU_ASSERT_EQUAL(run(imported, attr, NULL), 0);
    /* even a child that never imports passes nothing on */
    CU_ASSERT_EQUAL(run(untouched, attr, NULL), 0);
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* ---- read-only shares under attack ------------------------------------- */

static void attack_read_only_share(const char *drop)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    char out[2048], *m, *line;
    PRFileMap *fm = pt_parent_map(&m), *ro;
    char *argv[] = {(char *)(size_t)helper, "hostile", "PRSHM_TEST_RO",
                    (char *)(size_t)drop, NULL};
    int denied = 0;

    ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    if (strncmp(backend, "tmpfile", 7) == 0) {
        CU_ASSERT_PTR_NULL(ro);
        CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
        goto out;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    PR_ProcessAttrSetInheritableFileMap(attr, ro, "PRSHM_TEST_RO");
    CU_ASSERT_EQUAL(run_capture(argv, attr, out, sizeof(out)), 0);
    /* every write path is denied; fchmod and the reopen itself are not
     * prevented (docs/security-model.md), but grant nothing */
    for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, "fchmod ", 7) || !strncmp(line, "reopen-rw ", 10))
            continue;
        if (!strstr(line, " denied"))
            printf("\n  %s as %s: %s\n", backend, *drop == '1' ? "nobody" : "same uid", line);
        CU_ASSERT_PTR_NOT_NULL(strstr(line, " denied"));
        denied++;
    }
    CU_ASSERT(denied >= 6);
    CU_ASSERT_STRING_EQUAL(m, "parent wrote"); /* nothing changed */
    strcpy(m, "still mine");                   /* the creator's old mapping */
    CU_ASSERT_STRING_EQUAL(m, "still mine");
    CU_ASSERT_PTR_NULL(PR_MemMap(fm, 0, 4096)); /* but no new writable one */
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    PR_CloseFileMap(ro);
out:
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

static void test_read_only_share_resists_same_uid_or_root(void)
{
    attack_read_only_share("0");
}

static void test_read_only_share_resists_an_unprivileged_uid(void)
{
    attack_read_only_share("1");
}

static void test_restrict_rejects_bad_input(void)
{
    char *m;
    PRFileMap *fm = pt_parent_map(&m), *same;

    CU_ASSERT_PTR_NULL(PR_RestrictFileMap(NULL, PR_PROT_READONLY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_RestrictFileMap(fm, (PRFileMapProtect)5));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    same = PR_RestrictFileMap(fm, PR_PROT_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(same);
    PR_CloseFileMap(same);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* ---- plain descriptors, stdio, exit codes ---------------------------------- */

static void test_inheritable_fd_reaches_pr_get_inherited_fd(void)
{
    char *path = PR_smprintf("%s/prshm-fd.%d", getenv("TMPDIR") ?
                             getenv("TMPDIR") : "/tmp", (int)getpid());
    PRFileDesc *fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0600);
    PRProcessAttr *attr = PR_NewProcessAttr();
    char *argv[] = {(char *)(size_t)helper, "fd", "greeting", NULL};
    char out[128];

    int flags;

    CU_ASSERT_PTR_NOT_NULL_FATAL(fd);
    PR_Write(fd, "hello child", 11);
    PR_Seek64(fd, 0, PR_SEEK_SET);
    flags = fcntl(PR_FileDesc2NativeHandle(fd), F_GETFD);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFD(attr, fd, "greeting"), PR_SUCCESS);
    CU_ASSERT_EQUAL(run_capture(argv, attr, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "hello child\n");
    /* the parent's descriptor is left as it was (close-on-exec with
     * prshm's PR_Open; NSPR's PR_Open leaves it inheritable) */
    CU_ASSERT_EQUAL(fcntl(PR_FileDesc2NativeHandle(fd), F_GETFD), flags);
    PR_DestroyProcessAttr(attr);
    PR_Close(fd);
    unlink(path);
    PR_smprintf_free(path);
}

static void test_exit_codes_and_signals_come_back(void)
{
    const char *seven[] = {"exit", "7", NULL};
    char *argv[] = {(char *)(size_t)helper, "sleep", NULL};
    PRProcess *p;
    PRInt32 code = -1;

    CU_ASSERT_EQUAL(run(seven, NULL, NULL), 7);
    p = PR_CreateProcess(helper, argv, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(PR_KillProcess(p), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 256); /* NSPR's code for a child a signal killed */
}

static void test_current_directory_is_applied(void)
{
    PRProcessAttr *attr = PR_NewProcessAttr();
    char *argv[] = {"/bin/sh", "-c", "pwd -P > prshm-cwd-probe", NULL};
    char buf[256] = "";
    PRProcess *p;
    PRInt32 code = -1;
    char *dir = pt_make_temp_dir(), *probe;
    FILE *f;

    CU_ASSERT_EQUAL(PR_ProcessAttrSetCurrentDirectory(attr, dir), PR_SUCCESS);
    p = PR_CreateProcess("/bin/sh", argv, NULL, attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    PR_WaitProcess(p, &code);
    probe = PR_smprintf("%s/prshm-cwd-probe", dir);
    f = fopen(probe, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof(buf), f));
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, strrchr(dir, '/')));
    PR_smprintf_free(probe);
    pt_remove_tree(dir);
    free(dir);
    PR_DestroyProcessAttr(attr);
}

static void test_detached_child_leaves_no_zombie(void)
{
    const char *argv[] = {NULL, "exit", "0", NULL};
    int i;

    argv[0] = helper;
    CU_ASSERT_EQUAL(PR_CreateProcessDetached(helper, (char *const *)(size_t)argv,
                                             NULL, NULL), PR_SUCCESS);
    /* up to 60 s: a child under valgrind on a loaded machine is slow to
     * start and end; the loop stops as soon as it has been reaped */
    for (i = 0; i < 6000; i++) {
        PR_Sleep(PR_MillisecondsToInterval(10));
        if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
            break;
    }
    CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1);
    CU_ASSERT_EQUAL(errno, ECHILD);
}

/* ---- bad input --------------------------------------------------------- */

static void test_bad_process_input_gives_documented_errors(void)
{
    char *argv[] = {"x", NULL}, *m;
    char *dir = pt_make_temp_dir(), *plain = PR_smprintf("%s/plain", dir);
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileMap *fm = pt_parent_map(&m);
    int before = pt_count_fds(), fd;

    fd = open(plain, O_WRONLY | O_CREAT, 0644);
    close(fd);
    CU_ASSERT_PTR_NULL(PR_CreateProcess(NULL, argv, NULL, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateProcess(helper, NULL, NULL, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateProcess("/nonexistent/prog", argv, NULL, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateProcess(plain, argv, NULL, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_CreateProcess(dir, argv, NULL, NULL));
    CU_ASSERT_EQUAL(PR_GetError(), PR_IS_DIRECTORY_ERROR);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(NULL, fm, "A"), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, NULL, "A"), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, ""), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFileMap(attr, fm, "A=B"), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFD(attr, NULL, "n"), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetInheritableFD(attr, PR_STDIN, "a:b"), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_ProcessAttrSetCurrentDirectory(attr, NULL), PR_FAILURE);
    PR_ProcessAttrSetStdioRedirect(attr, (PRSpecialFD)9, PR_STDOUT);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_WaitProcess(NULL, NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_KillProcess(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_DetachProcess(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_GetInheritedFileMap(NULL));
    CU_ASSERT_PTR_NULL(PR_GetInheritedFileMap("A=B"));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_GetInheritedFileMap("PRSHM_SURELY_UNSET"));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_GetOSError(), ENOENT);
    CU_ASSERT_PTR_NULL(PR_GetInheritedFD("nothing-here"));
    if (!pt_runtime_is_nspr()) /* NSPR's own says PR_UNKNOWN_ERROR */
        CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(pt_count_fds(), before);
    CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1); /* no zombie */
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    unlink(plain);
    PR_smprintf_free(plain);
    pt_remove_tree(dir);
    free(dir);
}

static void test_malformed_variables_in_the_child_are_refused(void)
{
    static const struct { const char *value; const char *want; } cases[] = {
        {"3:1x", "10"}, {"garbage", "10"}, {"-1:1", "10"}, {"999:1", "10"},
    };
    const char *args[] = {"map-rw", "PRSHM_TEST_BAD", NULL};
    char entry[64], *envp[] = {entry, NULL};
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(cases); i++) {
        snprintf(entry, sizeof(entry), "PRSHM_TEST_BAD=%s", cases[i].value);
        CU_ASSERT_EQUAL(run(args, NULL, envp), atoi(cases[i].want));
    }
    envp[0] = NULL; /* the variable missing altogether */
    CU_ASSERT_EQUAL(run(args, NULL, envp), 10);
}

/* ---- protocol 2 by the parent's own means ---------------------------------- */

/* NSPR's documented protocol 2 with children the parent starts itself:
 * with PRSHM_EXPORT=inheritable the export is inheritable, as NSPR's is;
 * without it the child's import finds the number closed, fails with
 * PR_BAD_DESCRIPTOR_ERROR and says on stderr what to do. */
static void test_protocol_2_by_the_parents_own_means(void)
{
    static const char *hows[] = {"fork-exec", "posix_spawn", "system"};
    const char *on[] = {"PRSHM_EXPORT=inheritable", NULL};
    char out[2048];
    size_t i;

    for (i = 0; i < 3; i++) {
        const char *args[] = {"own-magic", hows[i], NULL};

        CU_ASSERT_EQUAL(pt_run_helper(args, on, out, sizeof(out)), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "child 0\nmap written\n"));
        /* D2: the mode stays with the process that asked for it */
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "map written\n(unset)\n"));
        CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "child 10\nmap untouched\n"));
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "PRSHM_EXPORT=inheritable"));
        /* and where to read more: an installed man page, not a source path */
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "see prshm-sharing(3)"));
        if (!strstr(out, "child 10"))
            printf("[%s: %s] ", hows[i], out);
    }
}

/* ---- attacks from the security review (docs/security-model.md) ---------- */

static int rounds_or(int dflt, int scale)
{
    const char *env = getenv("PRSHM_TEST_ROUNDS");

    return env && atoi(env) > 0 ? scale * atoi(env) : dflt;
}

struct closer {
    pthread_barrier_t go, done;
    PRFileMap *victim;
    const char *decoy_path;
    int rounds;
};

/* Each round: close the exported map while the main thread spawns, and
 * open an unrelated file at once, which takes the freed number. */
static void *close_and_reuse(void *arg)
{
    struct closer *c = arg;
    int i;

    for (i = 0; i < c->rounds; i++) {
        volatile int spin = rand() % 20000;
        int decoy;

        pthread_barrier_wait(&c->go);
        while (spin > 0)
            spin = spin - 1;
        PR_CloseFileMap(c->victim);
        decoy = open(c->decoy_path, O_RDONLY | O_CLOEXEC);
        pthread_barrier_wait(&c->done);
        if (decoy >= 0)
            close(decoy);
    }
    return NULL;
}

/* F6: protocol 2 while another thread closes the map and opens another
 * file on its number: a child gets the map or nothing, never that file. */
static void test_protocol_2_never_hands_over_a_file_that_took_the_number(void)
{
    char *decoy_dir = pt_make_temp_dir(), path[4096], env[160];
    char *argv[] = {(char *)(size_t)helper, "p2-check", "PRSHM_TEST_P2", NULL};
    char *envp[] = {env, NULL};
    struct closer c;
    pthread_t t;
    int i, leaked = 0, fd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(decoy_dir);
    snprintf(path, sizeof(path), "%s/decoy", decoy_dir);
    fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    CU_ASSERT_EQUAL_FATAL(write(fd, "WRONG", 5), 5);
    close(fd);
    c.decoy_path = path;
    c.rounds = rounds_or(1000, 10);
    pthread_barrier_init(&c.go, NULL, 2);
    pthread_barrier_init(&c.done, NULL, 2);
    for (i = 0; i < c.rounds; i++) {
        char str[PR_FILEMAP_STRING_BUFSIZE], *m;
        PRProcess *p;
        PRInt32 code = -1;

        c.victim = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c.victim);
        m = PR_MemMap(c.victim, 0, 4096);
        strcpy(m, "good");
        PR_MemUnmap(m, 4096);
        PR_ExportFileMapAsString(c.victim, sizeof(str), str);
        snprintf(env, sizeof(env), "PRSHM_TEST_P2=%s", str);
        if (i == 0)
            pthread_create(&t, NULL, close_and_reuse, &c);
        pthread_barrier_wait(&c.go);
        p = PR_CreateProcess(helper, argv, envp, NULL);
        pthread_barrier_wait(&c.done);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
        if (code != 0)
            leaked++;
    }
    pthread_join(t, NULL);
    pthread_barrier_destroy(&c.go);
    pthread_barrier_destroy(&c.done);
    if (leaked)
        printf("[%d of %d children got the other file] ", leaked, c.rounds);
    CU_ASSERT_EQUAL(leaked, 0);
    pt_remove_tree(decoy_dir);
    free(decoy_dir);
}

/* F9: standard error inherited by name and a protocol-2 map on 3 go to
 * one child; each must land on its own number. */
static void test_stdio_inherited_by_name_and_protocol_2_get_distinct_numbers(void)
{
    const char *args[] = {"p2-collide", NULL};

    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, NULL, 0), 0);
}

/* F10: a map on the highest number RLIMIT_NOFILE allows still reaches a
 * child, by either protocol. */
static void test_map_on_the_highest_descriptor_number_reaches_the_child(void)
{
    const char *args[] = {"highfd", NULL};
    char out[128];

    if (pt_under_valgrind()) {
        pt_skip("valgrind keeps descriptors of its own near the limit");
        return;
    }

    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "protocol-1 0\nprotocol-2 0\n");
}

/* NSPR makes its descriptors non-blocking and its PR_CreateProcess makes
 * the ones it redirects to the child's stdio blocking again: a child that
 * reads a non-blocking stdin takes EAGAIN for the end of its input
 * (NSPR's pipepong did, under the overlay). */
static void test_redirected_stdio_reaches_the_child_blocking(void)
{
    char *argv[] = {(char *)(size_t)helper, "stdio-flags", NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *in_r, *in_w;
    char out[128];

    CU_ASSERT_PTR_NOT_NULL_FATAL(attr);
    CU_ASSERT_EQUAL_FATAL(PR_CreatePipe(&in_r, &in_w), PR_SUCCESS);
    CU_ASSERT_EQUAL(fcntl(PR_FileDesc2NativeHandle(in_r), F_SETFL, O_NONBLOCK), 0);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, in_r);
    CU_ASSERT_EQUAL(run_capture(argv, attr, out, sizeof(out)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "0 blocking\n1 blocking\n"));
    PR_DestroyProcessAttr(attr);
    PR_Close(in_r);
    PR_Close(in_w);
}

/* F18: spawning with a redirect must not overwrite or close a descriptor
 * the parent deliberately left inheritable. */
static void test_spawn_keeps_descriptors_the_parent_left_inheritable(void)
{
    const char *args[] = {"keep-inheritable", NULL};

    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, NULL, 0), 0);
}

/* F14: a variable left over from a closed map does not hand a later map
 * that reused the number to every child. */
static void test_stale_protocol_2_variable_does_not_hand_over_a_later_map(void)
{
    const char *args[] = {"p2-stale", NULL};
    char out[256];

    CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "inherited-stale 2\n")); /* closed */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "explicit 0\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "inherited-rewritten 2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "inherited-fresh 0\n"));
}

/* F7: the child-side list, sent by hand: never applied to 0-2, never when
 * malformed or made for another process, removed once read. */
static void test_inherited_list_is_checked_before_it_is_applied(void)
{
    const char *args[] = {"cloexec-report", "0", NULL};
    char old_style[64], new_style[128], out[128];
    const char *env[] = {old_style, NULL};
    struct stat st;

    CU_ASSERT_EQUAL_FATAL(fstat(0, &st), 0);
    snprintf(old_style, sizeof(old_style), "PRSHM_INHERITED_FDS=0,1,2");
    CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "0 inheritable\nlist unset\n");
    snprintf(new_style, sizeof(new_style), "PRSHM_INHERITED_FDS=%d:0.%llu.%llu",
             (int)getpid(), (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino);
    env[0] = new_style;
    CU_ASSERT_EQUAL(pt_run_helper(args, env, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, "0 inheritable\nlist unset\n");
}

/* F7: a shell between parent and grandchild passes the list on
 * untouched; the grandchild must not apply it to the unrelated
 * descriptor the shell put on that number. */
static void test_grandchild_behind_a_shell_ignores_the_list(void)
{
    char *argv[] = {"/bin/sh", "-c",
                    "n=${PRSHM_TEST_SHM%%:*}; eval \"exec $n</dev/null\"; "
                    "\"$0\" cloexec-report $n; :",
                    (char *)(size_t)helper, NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    char *m, out[128];
    PRFileMap *fm = pt_parent_map(&m);

    if (access("/bin/sh", X_OK) != 0) {
        pt_skip("no /bin/sh");
        goto out;
    }
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SHM");
    CU_ASSERT_EQUAL(run_capture(argv, attr, out, sizeof(out)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " inheritable\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "list unset\n"));
out:
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
}

/* G6: a parent that hands a map down and exits at once
 * (PR_CreateProcessDetached) must not leave it inheritable in the child,
 * whose parent is then no longer the pid the list names. */
static void test_child_of_a_parent_that_exited_keeps_no_map_inheritable(void)
{
    const char *args[] = {"detach-and-exit", helper, NULL};
    char out[128];
    int round;

    if (access("/bin/sh", X_OK) != 0) {
        pt_skip("no /bin/sh");
        return;
    }
    for (round = 0; round < 3; round++) {
        /* the grandchild holds our pipe: this returns when it is done */
        CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, " cloexec\nlist unset\n"));
        if (!strstr(out, " cloexec\n"))
            printf("[child said: %s] ", out);
    }
}

/* F7: a setuid program started by uid 65534 with a list made to pass
 * every other check ignores it (AT_SECURE).  Root only: it makes a
 * setuid-root copy of the helper. */
static void test_setuid_program_ignores_the_list(void)
{
    char *dir = pt_make_temp_dir(), copy[2048], cmd[8400], out[128];
    const char *lists[] = {"-", "5", NULL};
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    if (getuid() != 0) {
        pt_skip("making a setuid-root program needs root");
        goto out;
    }
    if (pt_under_valgrind()) {
        pt_skip("valgrind cannot run a setuid program");
        goto out;
    }
    if (getenv("PRSHM_TEST_UNDER_EMULATOR") && *getenv("PRSHM_TEST_UNDER_EMULATOR")) {
        /* binfmt_misc runs the interpreter as the caller: no AT_SECURE */
        pt_skip("an emulator through binfmt_misc does not run programs setuid");
        goto out;
    }
    chmod(dir, 0755);
    snprintf(copy, sizeof(copy), "%s/helper-setuid", dir);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && chown 0:0 '%s' && chmod 4755 '%s'",
             helper, copy, copy, copy);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    for (i = 0; lists[i]; i++) {
        const char *args[] = {"as-nobody", "5", lists[i], copy, "cloexec-report", "5", NULL};

        CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
        CU_ASSERT_STRING_EQUAL(out, "5 inheritable\nlist unset\n");
    }
out:
    pt_remove_tree(dir);
    free(dir);
}

struct hammer {
    int stop; /* accessed atomically */
};

static void *hammer_env(void *arg)
{
    struct hammer *h = arg;
    static char a[] = "PRSHM_TEST_HAMMER=a", b[] = "PRSHM_TEST_HAMMER=b";

    while (!__atomic_load_n(&h->stop, __ATOMIC_RELAXED)) {
        PR_SetEnv(a);
        (void)PR_GetEnv("PRSHM_TEST_HAMMER");
        PR_SetEnv(b);
    }
    return NULL;
}

static void *hammer_maps(void *arg)
{
    struct hammer *h = arg;
    char s[PR_FILEMAP_STRING_BUFSIZE];

    while (!__atomic_load_n(&h->stop, __ATOMIC_RELAXED)) {
        PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);

        if (fm) {
            PR_ExportFileMapAsString(fm, sizeof(s), s);
            PR_CloseFileMap(fm);
        }
    }
    return NULL;
}

/* F15: fork() while other threads hold prshm's locks: every child's own
 * prshm calls must still work (none may hang). */
static void test_fork_while_other_threads_hold_locks_never_hangs_the_child(void)
{
    struct hammer h = {0};
    pthread_t t[3];
    int i, rounds = rounds_or(2000, 20), hung = 0, failed = 0;

#if defined(__SANITIZE_ADDRESS__)
#define PT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PT_ASAN 1
#endif
#endif
#ifdef PT_ASAN
    /* clang 14's AddressSanitizer allocator holds locks of its own that
     * fork() does not release: a child forked while another thread is in
     * malloc can hang there (seen once in about 8,000 forks), whatever
     * prshm does.  The other cells run this test. */
    pt_skip("AddressSanitizer's allocator is not fork-safe with other threads");
    return;
#endif
    {
        const char *emulator = getenv("PRSHM_TEST_UNDER_EMULATOR");

        if (emulator && *emulator) {
            /* qemu-user 7.2 can leave a forked child waiting forever on a
             * lock of its own: the stuck child's futex lies in the
             * emulator's memory, not the program's (seen about once in
             * 2,000 forks under aarch64; docs/matrix.md) */
            pt_skip("qemu-user can hang a child forked from threads on its own locks");
            return;
        }
    }
    if (pt_runtime_is_nspr()) {
        /* prshm's calls take libnspr4's environment lock too (through
         * PR_DuplicateEnvironment and PR_GetEnvSecure), which NSPR does
         * not guard across fork: docs/migrating-from-nspr.md */
        pt_skip("over libnspr4, NSPR's own locks are not fork-safe");
        return;
    }
    pthread_create(&t[0], NULL, hammer_env, &h);
    pthread_create(&t[1], NULL, hammer_maps, &h);
    pthread_create(&t[2], NULL, hammer_maps, &h);
    for (i = 0; i < rounds && !hung; i++) {
        int status = 0, waited = 0, pp[2];
        char verdict = 0;
        pid_t pid, r;

        /* the child reports on a pipe, not by its exit status, which a
         * tool like valgrind may replace (the other threads' memory is
         * unreachable in a forked child) */
        CU_ASSERT_FATAL(pipe2(pp, O_CLOEXEC) == 0);
        pid = fork();
        if (pid == 0) {
            PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
            char s[PR_FILEMAP_STRING_BUFSIZE];

            (void)PR_GetEnv("PRSHM_TEST_HAMMER");
            if (fm && PR_ExportFileMapAsString(fm, sizeof(s), s) == PR_SUCCESS &&
                PR_CloseFileMap(fm) == PR_SUCCESS)
                (void)!write(pp[1], "k", 1);
            _exit(0);
        }
        close(pp[1]);
        CU_ASSERT_FATAL(pid > 0);
        /* a child that has not finished in 2 s is stuck on a lock */
        while ((r = waitpid(pid, &status, WNOHANG)) == 0 && waited < 2000) {
            usleep(1000);
            waited++;
        }
        if (r == 0) {
            hung = i + 1;
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        } else if (read(pp[0], &verdict, 1) != 1 || verdict != 'k') {
            failed++;
        }
        close(pp[0]);
    }
    __atomic_store_n(&h.stop, 1, __ATOMIC_RELAXED);
    for (i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    if (hung)
        printf("[child %d of %d hung] ", hung, rounds);
    CU_ASSERT_EQUAL(hung, 0);
    CU_ASSERT_EQUAL(failed, 0);
}

static void test_no_descriptor_leaked_by_this_suite(void)
{
    CU_ASSERT_EQUAL(pt_count_fds(), fds_at_start);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("processes and inherited maps", setup, NULL);

    PT_TEST(s, test_protocol_1_child_reads_and_writes_back);
    PT_TEST(s, test_protocol_2_anonfm_pattern_child_reads_and_writes_back);
    PT_TEST(s, test_protocol_2_string_in_envp_reaches_the_child);
    PT_TEST(s, test_unexported_map_is_not_passed_by_a_matching_string);
    PT_TEST(s, test_only_the_intended_child_receives_the_map);
    PT_TEST(s, test_grandchild_of_the_intended_child_does_not_hold_it);
    PT_TEST(s, test_read_only_share_resists_same_uid_or_root);
    PT_TEST(s, test_read_only_share_resists_an_unprivileged_uid);
    PT_TEST(s, test_restrict_rejects_bad_input);
    PT_TEST(s, test_inheritable_fd_reaches_pr_get_inherited_fd);
    PT_TEST(s, test_exit_codes_and_signals_come_back);
    PT_TEST(s, test_current_directory_is_applied);
    PT_TEST(s, test_detached_child_leaves_no_zombie);
    PT_TEST(s, test_bad_process_input_gives_documented_errors);
    PT_TEST(s, test_malformed_variables_in_the_child_are_refused);
    PT_TEST(s, test_protocol_2_by_the_parents_own_means);
    PT_TEST(s, test_protocol_2_never_hands_over_a_file_that_took_the_number);
    PT_TEST(s, test_stdio_inherited_by_name_and_protocol_2_get_distinct_numbers);
    PT_TEST(s, test_map_on_the_highest_descriptor_number_reaches_the_child);
    PT_TEST(s, test_spawn_keeps_descriptors_the_parent_left_inheritable);
    PT_TEST(s, test_redirected_stdio_reaches_the_child_blocking);
    PT_TEST(s, test_stale_protocol_2_variable_does_not_hand_over_a_later_map);
    PT_TEST(s, test_inherited_list_is_checked_before_it_is_applied);
    PT_TEST(s, test_grandchild_behind_a_shell_ignores_the_list);
    PT_TEST(s, test_child_of_a_parent_that_exited_keeps_no_map_inheritable);
    PT_TEST(s, test_setuid_program_ignores_the_list);
    PT_TEST(s, test_fork_while_other_threads_hold_locks_never_hangs_the_child);
    PT_TEST(s, test_no_descriptor_leaked_by_this_suite);
}
