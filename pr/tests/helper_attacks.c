/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper_attacks.c -- the helper's modes that play the attacker of the
 * security review (docs/security-model.md, "Attacks and results"), and
 * the scenarios that need a process of their own.  Each prints one
 * "<attempt> denied|ALLOWED" line per attempt, or reports by exit code.
 *
 *   seal-attack VAR DROP  given the map in VAR (protocol 1), drop to uid
 *                         65534 if DROP is 1, then try to add every seal
 *                         through the descriptor and through one reopened
 *                         read-write via /proc
 *   add-seals VAR MASK    add the kernel seals MASK (decimal) through the
 *                         map in VAR; print "ok" or the errno name
 *   pin VAR DROP          pin the map's first page into two pipes
 *                         (splice from the descriptor, vmsplice from a
 *                         read-only mapping), print "pinned", wait for a
 *                         line on stdin, then print what each pipe holds:
 *                         "<how> zeros" or "<how> data: <text>"
 *   broker VAR            import the map in VAR and restrict it read-only;
 *                         print "mode rdonly|rdwr" and "seals <mask>", or
 *                         the error name
 *   noproc-restrict       (root) hide /proc in a new mount namespace, then
 *                         restrict a revocable map and attack the
 *                         restricted descriptor's seals; print results
 *   link VAR DIR          try to give the object in VAR a name in DIR
 *                         (linkat through /proc, and AT_EMPTY_PATH)
 *   p2-collide            protocol 2 on descriptor 3 plus standard error
 *                         inherited by name, to one grandchild; exit 0 when
 *                         it got both, each the right object
 *   collide-check SHM LOG DEV INO
 *                         the grandchild's side of p2-collide
 *   highfd                with RLIMIT_NOFILE at 64, a map on descriptor 63
 *                         handed down by both protocols; exit 0 when both
 *                         grandchildren read it
 *   keep-inheritable      a descriptor left inheritable on 3, and a
 *                         redirect of stdout to stderr; exit 0 when the
 *                         grandchild still has the same object on 3
 *   fd-identity FD DEV INO  exit 0 if FD is the object DEV:INO, 1 if it is
 *                         another object, 2 if it is closed
 *   p2-stale              a stale protocol-2 variable whose number a later
 *                         export reuses; print what each grandchild got
 *   cloexec-report FD     print "FD cloexec|inheritable|closed" and
 *                         "list set|unset" (PRSHM_INHERITED_FDS)
 *   detach-and-exit HELPER  hand a map (protocol 1) to HELPER
 *                         cloexec-report, started detached behind a shell
 *                         that waits 0.3 s, and exit at once
 *   own-magic HOW         protocol 2 by the parent's own means: export a
 *                         map into PRSHM_TEST_P2 and start "map-env" by
 *                         HOW (fork-exec, posix_spawn or system), with
 *                         the child's stderr on our stdout; print
 *                         "child <exit code>"
 *   p2-check VAR          import the string in VAR: exit 0 when nothing
 *                         came (the import fails) or the map holds "good",
 *                         1 when it holds anything else
 *   as-nobody FD LIST PATH ARG...
 *                         (root) open /dev/null inheritable on FD, become
 *                         uid 65534, set PRSHM_INHERITED_FDS to LIST
 *                         ("-" for one that passes every other check:
 *                         "<parent pid>:FD.<dev>.<ino>") and exec PATH
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prproces.h"
#include "prshma.h"
#include "prshmsec.h"
#include "helper.h"

static void report(const char *what, int rc)
{
    printf("%s %s\n", what, rc < 0 ? "denied" : "ALLOWED");
}

/* The descriptor named by the export string in $var, or -1. */
static int fd_from_env(const char *var)
{
    const char *s = getenv(var);

    return s ? atoi(s) : -1;
}

static int drop_if(const char *flag)
{
    if (strcmp(flag, "1") != 0 || getuid() != 0)
        return 0;
    return setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
           setuid(65534) != 0 ? -1 : 0;
}

static const struct { const char *name; int seal; } seals[] = {
    {"shrink", F_SEAL_SHRINK},
    {"grow", F_SEAL_GROW},
    {"write", F_SEAL_WRITE},
#ifdef F_SEAL_FUTURE_WRITE
    {"future-write", F_SEAL_FUTURE_WRITE},
#endif
    {"seal", F_SEAL_SEAL},
    {"shrink+seal", F_SEAL_SHRINK | F_SEAL_SEAL},
};

void helper_try_seals(int fd, const char *how)
{
    char name[64];
    size_t i;

    for (i = 0; i < sizeof(seals) / sizeof(seals[0]); i++) {
        snprintf(name, sizeof(name), "%s-add-%s", how, seals[i].name);
        report(name, fcntl(fd, F_ADD_SEALS, seals[i].seal));
    }
}

static int mode_seal_attack(int argc, char **argv)
{
    char path[64];
    int fd, rw;

    if (argc != 4 || (fd = fd_from_env(argv[2])) < 0)
        return 2;
    if (drop_if(argv[3]) != 0)
        return 3;
    helper_try_seals(fd, "fd");
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    rw = open(path, O_RDWR);
    report("reopen-rw", rw);
    if (rw >= 0) {
        helper_try_seals(rw, "reopened");
        close(rw);
    }
    return 0;
}

static int mode_add_seals(int argc, char **argv)
{
    int fd;

    if (argc != 4 || (fd = fd_from_env(argv[2])) < 0)
        return 2;
    if (fcntl(fd, F_ADD_SEALS, atoi(argv[3])) == 0)
        printf("ok\n");
    else
        printf("errno %d\n", errno);
    return 0;
}

/* What a pipe holds: "zeros", or the text up to the first NUL. */
static void report_pipe(const char *how, int rd)
{
    char buf[4096];
    ssize_t n = read(rd, buf, sizeof(buf));
    ssize_t i;

    for (i = 0; i < n && buf[i] == '\0'; i++)
        ;
    if (n <= 0)
        printf("%s empty\n", how);
    else if (i == n)
        printf("%s zeros\n", how);
    else
        printf("%s data: %.40s\n", how, buf + i);
}

static int mode_pin(int argc, char **argv)
{
    int fd, sp[2], vp[2];
    char line[16];
    struct iovec iov;
    loff_t off = 0;
    void *m;

    if (argc != 4 || (fd = fd_from_env(argv[2])) < 0)
        return 2;
    if (drop_if(argv[3]) != 0)
        return 3;
    m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED || pipe(sp) != 0 || pipe(vp) != 0)
        return 4;
    iov.iov_base = m;
    iov.iov_len = 4096;
    if (splice(fd, &off, sp[1], NULL, 4096, 0) != 4096 ||
        vmsplice(vp[1], &iov, 1, 0) != 4096)
        return 5;
    printf("pinned\n");
    fflush(stdout);
    if (!fgets(line, sizeof(line), stdin))
        return 6;
    report_pipe("splice", sp[0]);
    report_pipe("vmsplice", vp[0]);
    return 0;
}

static int mode_broker(int argc, char **argv)
{
    PRFileMap *fm, *ro;
    PRFileMapInfo info;
    char s[PR_FILEMAP_STRING_BUFSIZE];
    int flags;

    if (argc != 3 || !(fm = PR_GetInheritedFileMap(argv[2])))
        return 2;
    ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
    if (!ro) {
        helper_print_error();
        PR_CloseFileMap(fm);
        return 0;
    }
    PR_ExportFileMapAsString(ro, sizeof(s), s);
    flags = fcntl(atoi(s), F_GETFL);
    printf("mode %s\n", (flags & O_ACCMODE) == O_RDONLY ? "rdonly" : "rdwr");
    if (PR_GetFileMapInfo(ro, &info) == PR_SUCCESS)
        printf("seals %u\n", (unsigned)info.seals);
    PR_CloseFileMap(ro);
    PR_CloseFileMap(fm);
    return 0;
}

/* Whether a sanitizer runtime that reads /proc/self/maps is linked in. */
static int sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    return 1;
#else
    return 0;
#endif
#else
    return 0;
#endif
}

static int mode_noproc_restrict(void)
{
    PRFileMap *fm, *ro;
    char s[PR_FILEMAP_STRING_BUFSIZE];
    int fd;

    if (sanitized()) {
        /* the sanitizers' runtimes read /proc/self/maps as they go */
        printf("unsupported: a sanitizer runtime needs /proc\n");
        return 0;
    }
    if (getuid() != 0 || unshare(CLONE_NEWNS) != 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("none", "/proc", "tmpfs", 0, NULL) != 0) {
        printf("unsupported: hiding /proc needs root and mount namespaces\n");
        return 0;
    }
    fm = PR_OpenAnonFileMapEx(NULL, 4096, PR_PROT_READWRITE, PR_ANONFM_REVOCABLE);
    ro = fm ? PR_RestrictFileMap(fm, PR_PROT_READONLY) : NULL;
    if (!ro) {
        helper_print_error();
        return 0;
    }
    PR_ExportFileMapAsString(ro, sizeof(s), s);
    fd = atoi(s);
    printf("mode %s\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY ? "rdonly" : "rdwr");
    helper_try_seals(fd, "fd");
    PR_CloseFileMap(ro);
    printf("revoke %s\n", PR_RevokeFileMap(fm) == PR_SUCCESS ? "ok" : "failed");
    PR_CloseFileMap(fm);
    return 0;
}

static int mode_link(int argc, char **argv)
{
    char from[64], to[4096];
    int fd, dir;

    if (argc != 4 || (fd = fd_from_env(argv[2])) < 0)
        return 2;
    dir = open(argv[3], O_RDONLY | O_DIRECTORY);
    if (dir < 0)
        return 3;
    snprintf(from, sizeof(from), "/proc/self/fd/%d", fd);
    report("linkat-proc", linkat(AT_FDCWD, from, dir, "via-proc", AT_SYMLINK_FOLLOW));
    report("linkat-empty-path", linkat(fd, "", dir, "via-fd", AT_EMPTY_PATH));
    snprintf(to, sizeof(to), "%s/via-proc", argv[3]);
    unlink(to);
    snprintf(to, sizeof(to), "%s/via-fd", argv[3]);
    unlink(to);
    close(dir);
    return 0;
}

/* This program's path, for grandchildren. */
static const char *self_path(void)
{
    static char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

    if (n <= 0)
        return NULL;
    self[n] = '\0';
    return self;
}

/* Run this program with args (argv[1..]), envp and attr; its exit code. */
static int run_self(char **args, char *const *envp, const PRProcessAttr *attr)
{
    char *argv[12];
    PRProcess *p;
    PRInt32 code = -1;
    int i;

    argv[0] = (char *)(size_t)self_path();
    for (i = 0; args[i] && i < 10; i++)
        argv[i + 1] = args[i];
    argv[i + 1] = NULL;
    if (!argv[0])
        return -1;
    p = PR_CreateProcess(argv[0], argv, envp, attr);
    if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS)
        return -1;
    return code;
}

static void format_id(int fd, char *dev, char *ino)
{
    struct stat st;

    if (fstat(fd, &st) != 0)
        memset(&st, 0, sizeof(st));
    sprintf(dev, "%llu", (unsigned long long)st.st_dev);
    sprintf(ino, "%llu", (unsigned long long)st.st_ino);
}

/* A map holding "good", exported as *str; NULL on failure. */
static PRFileMap *good_map(char *str, char **m)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);

    *m = fm ? PR_MemMap(fm, 0, 4096) : NULL;
    if (!*m || PR_ExportFileMapAsString(fm, PR_FILEMAP_STRING_BUFSIZE, str) !=
                   PR_SUCCESS)
        return NULL;
    strcpy(*m, "good");
    return fm;
}

static int mode_p2_collide(void)
{
    char str[PR_FILEMAP_STRING_BUFSIZE], env[160], dev[32], ino[32], *m;
    char *envp[] = {env, NULL};
    char *args[] = {"collide-check", "PRSHM_TEST_P2", "PRSHM_TEST_LOG", dev, ino, NULL};
    PRProcessAttr *attr;
    PRFileMap *fm;
    int code = 11, fd;

    /* keep only 0, 1, 2 (a test driver may pass more): the map lands on 3 */
    for (fd = 3; fd < 1024; fd++)
        (void)close(fd);
    if (!(fm = good_map(str, &m)) || atoi(str) != 3)
        return 10;
    snprintf(env, sizeof(env), "PRSHM_TEST_P2=%s", str);
    format_id(2, dev, ino);
    attr = PR_NewProcessAttr();
    if (attr && PR_ProcessAttrSetInheritableFD(attr, PR_STDERR, "PRSHM_TEST_LOG") == PR_SUCCESS)
        code = run_self(args, envp, attr);
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return code;
}

static int mode_collide_check(int argc, char **argv)
{
    PRFileMap *fm;
    PRFileDesc *log;
    struct stat st;
    char *m;
    int rc = 0;

    if (argc != 6)
        return 2;
    fm = PR_GetInheritedFileMap(argv[2]);
    if (!fm)
        return 20;
    m = PR_MemMap(fm, 0, 4096);
    if (!m || strcmp(m, "good") != 0)
        rc = 21; /* the map's number holds something else */
    if (m)
        PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    log = PR_GetInheritedFD(argv[3]);
    if (!log)
        return rc ? rc : 22;
    if (fstat(PR_FileDesc2NativeHandle(log), &st) != 0 ||
        (unsigned long long)st.st_dev != strtoull(argv[4], NULL, 10) ||
        (unsigned long long)st.st_ino != strtoull(argv[5], NULL, 10))
        rc = rc ? rc : 23; /* the log's number holds something else */
    PR_Close(log);
    return rc;
}

static int mode_highfd(void)
{
    struct rlimit rl = {64, 64};
    char str[PR_FILEMAP_STRING_BUFSIZE], env[160], *m;
    char *envp[] = {env, NULL};
    char *p1[] = {"map-rw", "PRSHM_TEST_P1", NULL};
    char *p2[] = {"map-env", "PRSHM_TEST_P2", NULL};
    PRProcessAttr *attr;
    PRFileMap *fm;
    int fd, c1, c2;

    if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 10;
    for (fd = 3; fd < 63; fd++)
        if (dup2(0, fd) != fd)
            return 11;
    if (!(fm = good_map(str, &m)) || atoi(str) != 63)
        return 12;
    strcpy(m, "parent wrote");
    for (fd = 3; fd < 63; fd++)
        close(fd);
    snprintf(env, sizeof(env), "PRSHM_TEST_P2=%s", str);
    attr = PR_NewProcessAttr();
    PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_P1");
    c1 = run_self(p1, NULL, attr);
    strcpy(m, "parent wrote");
    c2 = run_self(p2, envp, NULL);
    printf("protocol-1 %d\nprotocol-2 %d\n", c1, c2);
    PR_DestroyProcessAttr(attr);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return c1 != 0 || c2 != 0;
}

static int mode_keep_inheritable(void)
{
    char dev[32], ino[32];
    char *args[] = {"fd-identity", "3", dev, ino, NULL};
    PRProcessAttr *attr;
    int fd = open("/dev/null", O_RDONLY), code;

    /* descriptor 3 left inheritable on purpose (socket activation, a map
     * exported NSPR's way...) */
    if (fd < 0 || (fd != 3 && dup2(fd, 3) != 3))
        return 10;
    format_id(3, dev, ino);
    attr = PR_NewProcessAttr();
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, PR_STDERR);
    code = run_self(args, NULL, attr);
    PR_DestroyProcessAttr(attr);
    return code;
}

static int mode_fd_identity(int argc, char **argv)
{
    struct stat st;

    if (argc != 5)
        return 3;
    if (fstat(atoi(argv[2]), &st) != 0)
        return 2;
    return (unsigned long long)st.st_dev == strtoull(argv[3], NULL, 10) &&
                   (unsigned long long)st.st_ino == strtoull(argv[4], NULL, 10)
               ? 0 : 1;
}

static int mode_p2_stale(void)
{
    static char stale[160], again[160], fresh[160], env[160];
    char a_str[PR_FILEMAP_STRING_BUFSIZE], b_str[PR_FILEMAP_STRING_BUFSIZE];
    char num[16], dev[32], ino[32], *m;
    char *args[] = {"fd-identity", num, dev, ino, NULL};
    char *envp[] = {env, NULL};
    PRFileMap *a, *b;

    /* map A is exported into a variable, and closed; B reuses its number
     * and is exported for one child only */
    if (!(a = good_map(a_str, &m)))
        return 10;
    snprintf(stale, sizeof(stale), "PRSHM_TEST_STALE=%s", a_str);
    PR_SetEnv(stale);
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(a);
    if (!(b = good_map(b_str, &m)) || strcmp(a_str, b_str) != 0)
        return 11;
    snprintf(num, sizeof(num), "%d", atoi(b_str));
    format_id(atoi(b_str), dev, ino);
    printf("inherited-stale %d\n", run_self(args, NULL, NULL));
    snprintf(env, sizeof(env), "PRSHM_TEST_STALE=%s", b_str);
    printf("explicit %d\n", run_self(args, envp, NULL));
    /* the same entry written again is still the stale one; a variable set
     * after the export is honoured */
    snprintf(again, sizeof(again), "PRSHM_TEST_STALE=%s", b_str);
    PR_SetEnv(again);
    printf("inherited-rewritten %d\n", run_self(args, NULL, NULL));
    snprintf(fresh, sizeof(fresh), "PRSHM_TEST_FRESH=%s", b_str);
    PR_SetEnv(fresh);
    printf("inherited-fresh %d\n", run_self(args, NULL, NULL));
    PR_CloseFileMap(b);
    return 0;
}

static int mode_cloexec_report(int argc, char **argv)
{
    int flags;

    if (argc != 3)
        return 2;
    flags = fcntl(atoi(argv[2]), F_GETFD);
    printf("%s %s\n", argv[2], flags < 0 ? "closed"
                              : (flags & FD_CLOEXEC) ? "cloexec" : "inheritable");
    printf("list %s\n", getenv("PRSHM_INHERITED_FDS") ? "set" : "unset");
    return 0;
}

/* Hand a map to a child (protocol 1) started detached through a shell
 * that waits until this process has exited, then exit at once: the
 * child's parent is gone when its prshm starts. */
static int mode_detach_and_exit(int argc, char **argv)
{
    char *cargv[] = {"sh", "-c",
                     "sleep 0.3; n=${PRSHM_TEST_SHM%%:*}; exec \"$0\" cloexec-report $n",
                     NULL, NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);

    if (argc != 3 || !attr || !fm ||
        PR_ProcessAttrSetInheritableFileMap(attr, fm, "PRSHM_TEST_SHM") != PR_SUCCESS)
        return 2;
    cargv[3] = argv[2];
    if (PR_CreateProcessDetached("/bin/sh", cargv, NULL, attr) != PR_SUCCESS)
        return 3;
    /* exit at once, long before the child's shell runs its program */
    PR_DestroyProcessAttr(attr);
    PR_CloseFileMap(fm);
    return 0;
}

static int mode_as_nobody(int argc, char **argv)
{
    char list[128];
    struct stat st;
    int fd, null;

    if (argc < 5 || getuid() != 0)
        return 2;
    fd = atoi(argv[2]);
    null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, fd) != fd || fstat(fd, &st) != 0)
        return 3;
    if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
        return 4;
    /* the program exec'd keeps our pid, so its parent is ours */
    if (strcmp(argv[3], "-") == 0)
        snprintf(list, sizeof(list), "PRSHM_INHERITED_FDS=%d:%d.%llu.%llu",
                 (int)getppid(), fd, (unsigned long long)st.st_dev,
                 (unsigned long long)st.st_ino);
    else
        snprintf(list, sizeof(list), "PRSHM_INHERITED_FDS=%s", argv[3]);
    putenv(list);
    execv(argv[4], argv + 4);
    return 5;
}

static int mode_p2_check(int argc, char **argv)
{
    char str[PR_FILEMAP_STRING_BUFSIZE], buf[4];
    const char *s;
    PRFileMap *fm;
    int rc;

    if (argc != 3 || !(s = getenv(argv[2])))
        return 2;
    fm = PR_ImportFileMapFromString(s);
    if (!fm)
        return 0;
    PR_ExportFileMapAsString(fm, sizeof(str), str);
    rc = pread(atoi(str), buf, 4, 0) == 4 && memcmp(buf, "good", 4) == 0 ? 0 : 1;
    PR_CloseFileMap(fm);
    return rc;
}

static int mode_own_magic(int argc, char **argv)
{
    static char env[160];
    char str[PR_FILEMAP_STRING_BUFSIZE], cmd[4200], *m;
    char *args[] = {NULL, "map-env", "PRSHM_TEST_P2", NULL};
    extern char **environ;
    PRFileMap *fm;
    int status = -1;
    pid_t pid = -1;

    if (argc != 3 || !(args[0] = (char *)(size_t)self_path()))
        return 2;
    if (!(fm = good_map(str, &m)))
        return 10;
    strcpy(m, "parent wrote");
    snprintf(env, sizeof(env), "PRSHM_TEST_P2=%s", str);
    putenv(env);
    fflush(stdout);
    dup2(1, 2);
    if (strcmp(argv[2], "fork-exec") == 0) {
        pid = fork();
        if (pid == 0) {
            execv(args[0], args);
            _exit(127);
        }
    } else if (strcmp(argv[2], "posix_spawn") == 0) {
        if (posix_spawn(&pid, args[0], NULL, NULL, args, environ) != 0)
            pid = -1;
    } else if (strcmp(argv[2], "system") == 0) {
        snprintf(cmd, sizeof(cmd), "'%s' map-env PRSHM_TEST_P2", args[0]);
        status = system(cmd);
    } else {
        return 2;
    }
    if (pid > 0)
        waitpid(pid, &status, 0);
    printf("child %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    printf("map %s\n", strcmp(m, "child wrote") == 0 ? "written" : "untouched");
    /* the mode is this process's own: no program it starts inherits it */
    fflush(stdout);
    snprintf(cmd, sizeof(cmd), "'%s' env PRSHM_EXPORT", args[0]);
    (void)!system(cmd);
    PR_CloseFileMap(fm);
    return 0;
}

int helper_attack_mode(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } modes[] = {
        {"seal-attack", mode_seal_attack},
        {"add-seals", mode_add_seals},
        {"pin", mode_pin},
        {"broker", mode_broker},
        {"link", mode_link},
        {"collide-check", mode_collide_check},
        {"fd-identity", mode_fd_identity},
        {"cloexec-report", mode_cloexec_report},
        {"detach-and-exit", mode_detach_and_exit},
        {"as-nobody", mode_as_nobody},
        {"p2-check", mode_p2_check},
        {"own-magic", mode_own_magic},
    };
    size_t i;

    for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
        if (strcmp(argv[1], modes[i].name) == 0)
            return modes[i].fn(argc, argv);
    if (strcmp(argv[1], "noproc-restrict") == 0)
        return mode_noproc_restrict();
    if (strcmp(argv[1], "p2-collide") == 0)
        return mode_p2_collide();
    if (strcmp(argv[1], "highfd") == 0)
        return mode_highfd();
    if (strcmp(argv[1], "keep-inheritable") == 0)
        return mode_keep_inheritable();
    if (strcmp(argv[1], "p2-stale") == 0)
        return mode_p2_stale();
    return -1;
}
