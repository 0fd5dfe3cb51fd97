/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper.c -- the one child program the tests spawn.  argv[1] names a
 * mode; the exit status and standard output report what happened.
 *
 *   env NAME             print PR_GetEnv(NAME) ("(unset)" if NULL)
 *   log MODULE LEVEL MSG create MODULE, print its level, log MSG at LEVEL
 *   backend              print PR_GetAnonFileMapBackend() or the error name
 *   anon-open DIR DROP   PR_OpenAnonFileMap(DIR, 4096, read-write), after
 *                        dropping root to uid/gid 65534 when DROP is 1;
 *                        print "ok" or the NSPR error name
 *   map-rw VAR           protocol 1: PR_GetInheritedFileMap(VAR), check it
 *                        reads "parent wrote", write "child wrote" back;
 *                        exit 0, or 10+ for each kind of failure
 *   map-env VAR          the same, importing the string in VAR with
 *                        PR_ImportFileMapFromString (protocol 2)
 *   scan DEV INO         exit 1 if any open descriptor is the object
 *                        DEV:INO, else 0
 *   map-then-spawn VAR DEV INO IMPORT
 *                        import VAR (if IMPORT is 1), then run "scan DEV
 *                        INO" as a grandchild by PR_CreateProcess and by
 *                        system(); exit 1 if either grandchild held it
 *   hostile VAR DROP     given a read-only share in VAR, drop to uid 65534
 *                        if DROP is 1 and attack it with raw system calls;
 *                        print one "<attempt> denied|ALLOWED" per line
 *   fd NAME              PR_GetInheritedFD(NAME): print what it reads
 *   require-sealed VAR   protocol 1 import, then refuse (exit 5) unless the
 *                        object is layout-sealed; 0 if it is
 *   reader VAR           protocol 1 import; print "ready" once it reads
 *                        "secret", then keep reading until the bytes
 *                        fault ("fault"), turn to zeros ("zeros") or turn
 *                        to anything else ("other"); 10 s at most
 *   resurrect VAR        wait until the object in VAR has size 0, then try
 *                        to grow it and write; print "<try> denied|ALLOWED"
 *   seccomp-memfd ERRNO  make memfd_create fail with ERRNO (seccomp), then
 *                        create and use a map; print the backend it used or
 *                        the error name ("unsupported" without seccomp)
 *   rlimit-as            cap the address space, then map 1 GiB; print the
 *                        error name, then the backend if a small map works
 *   exact-fds VAR        exit 0 if the open descriptors are exactly 0, 1, 2
 *                        and the one named in $VAR ("-": none), which it
 *                        then imports and touches; else list them, exit 1
 *   fault-address        fault on a cut object and print "right" if the
 *                        SIGBUS names the address touched, else "wrong"
 *                        (qemu-user for s390x: no fault handler can work)
 *   stdio-flags          print "<fd> blocking" or "<fd> non-blocking" for
 *                        descriptors 0, 1 and 2
 *   exit CODE            exit with CODE
 *   sleep                sleep for a minute
 *
 * The attacker's modes of the security review are in helper_attacks.c;
 * named shared memory, semaphores, atomics and pipes in helper_named.c;
 * channels (handing maps to other processes) in helper_channel.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <time.h>
#include <grp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined(HAVE_LINUX_SECCOMP_H) && defined(HAVE_LINUX_FILTER_H)
#include <linux/filter.h>
#include <linux/seccomp.h>
#endif

#define FORCE_PR_LOG 1
#include "nspr.h"
#include "private/pprio.h"
#include "prshma.h"
#include "prproces.h"
#include "prshmsec.h"
#include "helper.h"

void helper_print_error(void)
{
    const char *name = PR_ErrorToName(PR_GetError());

    printf("%s\n", name ? name : "(no error)");
}

/* Drop supplementary groups before becoming nobody. */
static int setgroups_none(void)
{
    return setgroups(0, NULL);
}

static int mode_backend(int argc, char **argv)
{
    const char *name = PR_GetAnonFileMapBackend();
    char text[512];

    (void)argv;
    if (argc != 2)
        return 2;
    if (name) {
        printf("%s\n", name);
        return 0;
    }
    helper_print_error();
    if (PR_GetErrorTextLength() > 0 && PR_GetErrorTextLength() < (PRInt32)sizeof(text) &&
        PR_GetErrorText(text) > 0)
        printf("%s\n", text);
    return 0;
}

static int mode_anon_open(int argc, char **argv)
{
    PRFileMap *fm;

    if (argc != 4)
        return 2;
    if (strcmp(argv[3], "1") == 0 && getuid() == 0 &&
        (setgroups_none() != 0 || setgid(65534) != 0 || setuid(65534) != 0))
        return 3;
    fm = PR_OpenAnonFileMap(argv[2], 4096, PR_PROT_READWRITE);
    if (fm) {
        printf("ok\n");
        PR_CloseFileMap(fm);
    } else {
        helper_print_error();
    }
    return 0;
}

static int mode_env(int argc, char **argv)
{
    const char *v;

    if (argc != 3)
        return 2;
    v = PR_GetEnv(argv[2]);
    printf("%s\n", v ? v : "(unset)");
    return 0;
}

static int mode_log(int argc, char **argv)
{
    PRLogModuleInfo *m;

    if (argc != 5)
        return 2;
    m = PR_NewLogModule(argv[2]);
    if (!m)
        return 3;
    printf("level %d\n", (int)m->level);
    PR_LOG(m, (PRLogModuleLevel)atoi(argv[3]), ("%s", argv[4]));
    PR_LogFlush();
    return 0;
}

/* Map fm, imported from the string str (a fresh process takes its
 * descriptor over), and trade messages with the parent. */
static int trade(PRFileMap *fm, const char *str)
{
    char *m;

    if (!fm)
        return 10;
    if (!(fcntl(atoi(str), F_GETFD) & FD_CLOEXEC))
        return 11;
    m = PR_MemMap(fm, 0, 4096);
    if (!m)
        return 12;
    if (strcmp(m, "parent wrote") != 0)
        return 13;
    strcpy(m, "child wrote");
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return 0;
}

static int mode_map(int argc, char **argv, PRBool protocol1)
{
    const char *s;

    if (argc != 3)
        return 2;
    s = getenv(argv[2]);
    if (!s)
        return 10;
    return trade(protocol1 ? PR_GetInheritedFileMap(argv[2])
                           : PR_ImportFileMapFromString(s), s);
}

static int holds(dev_t dev, ino_t ino)
{
    struct stat st;
    int fd;

    for (fd = 0; fd < 4096; fd++)
        if (fstat(fd, &st) == 0 && st.st_dev == dev && st.st_ino == ino)
            return 1;
    return 0;
}

static int mode_scan(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    return holds((dev_t)strtoull(argv[2], NULL, 10),
                 (ino_t)strtoull(argv[3], NULL, 10));
}

static int mode_map_then_spawn(int argc, char **argv)
{
    char *args[] = {"helper", "scan", NULL, NULL, NULL};
    char self[4096], cmd[8300];
    PRFileMap *fm = NULL;
    PRProcess *p;
    PRInt32 code = -1;
    ssize_t n;
    int rc;

    if (argc != 6)
        return 2;
    if (strcmp(argv[5], "1") == 0 && !(fm = PR_GetInheritedFileMap(argv[2])))
        return 10;
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return 11;
    self[n] = '\0';
    args[2] = argv[3];
    args[3] = argv[4];
    p = PR_CreateProcess(self, args, NULL, NULL);
    if (!p || PR_WaitProcess(p, &code) != PR_SUCCESS)
        return 12;
    snprintf(cmd, sizeof(cmd), "'%s' scan %s %s", self, argv[3], argv[4]);
    rc = system(cmd);
    if (fm)
        PR_CloseFileMap(fm);
    return code != 0 || rc != 0;
}

static void report(const char *what, int rc)
{
    printf("%s %s\n", what, rc < 0 ? "denied" : "ALLOWED");
}

/* Every write path a holder of a read-only share might try. */
void helper_attack_fd(int fd, const char *how, off_t size)
{
    char name[64];
    void *m;
    int rc;

    snprintf(name, sizeof(name), "%s-mmap-write", how);
    m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    report(name, m == MAP_FAILED ? -1 : 0);
    if (m != MAP_FAILED) {
        strcpy(m, "ATTACKER");
        munmap(m, 4096);
    }
    snprintf(name, sizeof(name), "%s-mprotect-write", how);
    m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    rc = m == MAP_FAILED ? -1 : mprotect(m, 4096, PROT_READ | PROT_WRITE);
    report(name, rc);
    if (rc == 0)
        strcpy(m, "ATTACKER");
    if (m != MAP_FAILED)
        munmap(m, 4096);
    snprintf(name, sizeof(name), "%s-write", how);
    report(name, pwrite(fd, "ATTACKER", 8, 0) == 8 ? 0 : -1);
    snprintf(name, sizeof(name), "%s-shrink", how);
    report(name, ftruncate(fd, 0));
    snprintf(name, sizeof(name), "%s-grow", how);
    report(name, ftruncate(fd, size * 2));
    snprintf(name, sizeof(name), "%s-punch-hole", how);
    report(name, fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096));
}

static int mode_hostile(int argc, char **argv)
{
    const char *s;
    char path[64];
    struct stat st;
    int fd, rw;

    if (argc != 4 || !(s = getenv(argv[2])))
        return 2;
    fd = atoi(s);
    if (strcmp(argv[3], "1") == 0 && getuid() == 0 &&
        (setgroups_none() != 0 || setgid(65534) != 0 || setuid(65534) != 0))
        return 3;
    if (fstat(fd, &st) != 0)
        return 4;
    helper_attack_fd(fd, "fd", st.st_size);
    report("fchmod", fchmod(fd, 0666));
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    rw = open(path, O_RDWR);
    report("reopen-rw", rw);
    if (rw >= 0) {
        helper_attack_fd(rw, "reopened", st.st_size);
        close(rw);
    }
    fflush(stdout);
    return 0;
}

static int mode_fd(int argc, char **argv)
{
    PRFileDesc *fd;
    char buf[64] = "";

    if (argc != 3)
        return 2;
    fd = PR_GetInheritedFD(argv[2]);
    if (!fd) {
        helper_print_error();
        return 0;
    }
    if (!(fcntl(PR_FileDesc2NativeHandle(fd), F_GETFD) & FD_CLOEXEC))
        return 11;
    PR_Read(fd, buf, sizeof(buf) - 1);
    printf("%s\n", buf);
    PR_Close(fd);
    return 0;
}

static int mode_require_sealed(int argc, char **argv)
{
    PRFileMap *fm;
    PRUint32 seals = 0;
    int rc;

    if (argc != 3 || !(fm = PR_GetInheritedFileMap(argv[2])))
        return 2;
    if (PR_GetFileMapSeals(fm, &seals) != PR_SUCCESS)
        rc = 6;
    else
        rc = (seals & PR_FILEMAP_SEAL_LAYOUT) == PR_FILEMAP_SEAL_LAYOUT ? 0 : 5;
    PR_CloseFileMap(fm);
    return rc;
}

static sigjmp_buf fault_jump;

static void on_fault(int sig)
{
    (void)sig;
    siglongjmp(fault_jump, 1);
}

int helper_watch_revoke(PRFileMap *fm)
{
    volatile char *m;
    struct sigaction sa;
    time_t start = time(NULL);
    volatile PRBool ready = PR_FALSE;

    m = PR_MemMap(fm, 0, 4096);
    if (!m)
        return 3;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_fault;
    sigaction(SIGBUS, &sa, NULL);
    if (sigsetjmp(fault_jump, 1)) {
        printf("fault\n");
        return 0;
    }
    while (time(NULL) - start < 10) {
        char buf[7];
        int i;

        memcpy(buf, (const char *)m, 7);
        if (memcmp(buf, "secret", 7) == 0) {
            if (!ready) {
                printf("ready\n");
                fflush(stdout);
                ready = PR_TRUE;
            }
            continue;
        }
        /* a read can straddle the revocation (part old page, part new),
         * and revoke zeroes the pages before it cuts them off: what counts
         * is what the reads of the next half second see (a fault jumps
         * out; bytes other than zeros are reported at once) */
        for (i = 0; i < 500; i++) {
            usleep(1000);
            memcpy(buf, (const char *)m, 7);
            if (memcmp(buf, "\0\0\0\0\0\0\0", 7) != 0)
                break;
        }
        printf(memcmp(buf, "\0\0\0\0\0\0\0", 7) == 0 ? "zeros\n" : "other\n");
        return 0;
    }
    printf("timeout\n");
    return 1;
}

static int mode_reader(int argc, char **argv)
{
    PRFileMap *fm;
    int rc;

    if (argc != 3 || !(fm = PR_GetInheritedFileMap(argv[2])))
        return 2;
    rc = helper_watch_revoke(fm);
    PR_CloseFileMap(fm);
    return rc;
}

static int mode_resurrect(int argc, char **argv)
{
    const char *s;
    struct stat st;
    time_t start = time(NULL);
    void *m;
    int fd;

    if (argc != 3 || !(s = getenv(argv[2])))
        return 2;
    fd = atoi(s);
    printf("ready\n");
    fflush(stdout);
    while (fstat(fd, &st) == 0 && st.st_size != 0 && time(NULL) - start < 10)
        usleep(1000);
    if (st.st_size != 0)
        return 3;
    report("grow", ftruncate(fd, 4096));
    report("write", pwrite(fd, "RESURRECTED", 12, 0) == 12 ? 0 : -1);
    m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m != MAP_FAILED) {
        sigaction(SIGBUS, &(struct sigaction){.sa_handler = on_fault}, NULL);
        if (sigsetjmp(fault_jump, 1) == 0)
            strcpy(m, "RESURRECTED"); /* faults where the size is sealed at 0 */
        else
            m = MAP_FAILED;
    }
    report("mmap-write", m == MAP_FAILED ? -1 : 0);
    return 0;
}

/* Create, map and write a small map; print its backend or the error. */
static void try_small_map(void)
{
    PRFileMap *fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    char *m = fm ? PR_MemMap(fm, 0, 4096) : NULL;

    if (!m) {
        helper_print_error();
    } else {
        strcpy(m, "works");
        printf("%s\n", PR_GetAnonFileMapBackend());
        PR_MemUnmap(m, 4096);
    }
    if (fm)
        PR_CloseFileMap(fm);
}

#if defined(HAVE_LINUX_SECCOMP_H) && defined(HAVE_LINUX_FILTER_H)
/* A seccomp filter that makes system call nr fail with err from now on;
 * 0, or -1 (and "unsupported" printed) where the kernel has no seccomp. */
static int refuse_syscall(unsigned nr, unsigned err)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {PR_ARRAY_SIZE(filter), filter};

    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
        printf("unsupported\n");
        return -1;
    }
    return 0;
}
#endif

static int mode_seccomp_memfd(int argc, char **argv)
{
#if defined(HAVE_LINUX_SECCOMP_H) && defined(HAVE_LINUX_FILTER_H) && \
    defined(__NR_memfd_create)
    if (argc != 3)
        return 2;
    if (refuse_syscall(__NR_memfd_create, (unsigned)atoi(argv[2])) != 0)
        return 0;
    try_small_map();
    return 0;
#else
    (void)argc;
    (void)argv;
    printf("unsupported\n");
    return 0;
#endif
}

/* G9: with process_vm_writev refused by seccomp, revoke a read-only-shared
 * revocable map ROUNDS times while a forked holder truncates it at a
 * different moment each round; print how the revocations ended.  The
 * process must never die of SIGBUS. */
static int mode_revoke_seccomp(int argc, char **argv)
{
#if defined(HAVE_LINUX_SECCOMP_H) && defined(HAVE_LINUX_FILTER_H) && \
    defined(__NR_process_vm_writev)
    const size_t size = 8U << 20;
    int r, rounds, ok = 0, refused = 0, other = 0;

    if (argc != 3)
        return 2;
    rounds = atoi(argv[2]);
    if (refuse_syscall(__NR_process_vm_writev, EPERM) != 0)
        return 0;
    for (r = 0; r < rounds; r++) {
        PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, size, PR_PROT_READWRITE,
                                             PR_ANONFM_REVOCABLE), *ro;
        char s[64], *m = fm ? PR_MemMap(fm, 0, (PRUint32)size) : NULL;
        pid_t holder;

        if (!m)
            return 3;
        memset(m, 'x', size);
        PR_MemUnmap(m, (PRUint32)size);
        /* sealed against writes: revoke must zero through its own view */
        ro = PR_RestrictFileMap(fm, PR_PROT_READONLY);
        if (!ro || PR_ExportFileMapAsString(fm, sizeof(s), s) != PR_SUCCESS)
            return 3;
        fflush(stdout);
        holder = fork();
        if (holder == 0) {
            usleep((useconds_t)((r * 397) % 4000));
            _exit(ftruncate(atoi(s), 0) == 0 ? 0 : 1);
        }
        if (PR_RevokeFileMap(fm) == PR_SUCCESS)
            ok++;
        else if (PR_GetError() == PR_NO_ACCESS_RIGHTS_ERROR)
            refused++;
        else
            other++;
        waitpid(holder, NULL, 0);
        PR_CloseFileMap(ro);
        PR_CloseFileMap(fm);
    }
    printf("survived %d rounds, other errors %d\n", rounds, other);
    fprintf(stderr, "revoked %d, refused %d\n", ok, refused);
    return 0;
#else
    (void)argc;
    (void)argv;
    printf("unsupported\n");
    return 0;
#endif
}

static int mode_rlimit_as(void)
{
    struct rlimit rl = {256U << 20, 256U << 20};
    PRFileMap *fm;

    if (setrlimit(RLIMIT_AS, &rl) != 0)
        return 3;
    fm = PR_OpenAnonFileMap(NULL, 1U << 30, PR_PROT_READWRITE);
    if (!fm) {
        helper_print_error();
    } else {
        void *m = PR_MemMap(fm, 0, 1U << 30);

        if (m) {
            printf("mapped\n");
            PR_MemUnmap(m, 1U << 30);
        } else {
            helper_print_error();
        }
        PR_CloseFileMap(fm);
    }
    try_small_map();
    return 0;
}

/* Whether this process holds exactly 0, 1, 2 and extra (or no extra). */
static int exact_fds(int extra)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int bad = 0, seen = 0;

    if (!d)
        return 2;
    while ((e = readdir(d)) != NULL) {
        int fd;

        if (e->d_name[0] == '.')
            continue;
        fd = atoi(e->d_name);
        if (fd == dirfd(d))
            continue;
        if (fd <= 2 || fd == extra) {
            seen++;
            continue;
        }
        printf("unexpected descriptor %d\n", fd);
        bad = 1;
    }
    closedir(d);
    return bad || seen != 3 + (extra >= 0);
}

static int mode_exact_fds(int argc, char **argv)
{
    const char *s;
    PRFileMap *fm;
    char *m;
    int rc;

    if (argc != 3)
        return 2;
    s = strcmp(argv[2], "-") ? getenv(argv[2]) : NULL;
    rc = exact_fds(s ? atoi(s) : -1);
    if (rc || !s)
        return rc;
    fm = PR_GetInheritedFileMap(argv[2]);
    m = fm ? PR_MemMap(fm, 0, 4096) : NULL;
    if (!m)
        return 3;
    m[0] = 'c';
    PR_MemUnmap(m, 4096);
    PR_CloseFileMap(fm);
    return 0;
}

static uintptr_t probe_at;

static void probe_handler(int sig, siginfo_t *si, void *uc)
{
    static const char right[] = "right\n", wrong[] = "wrong\n";

    (void)sig;
    (void)uc;
    if ((uintptr_t)si->si_addr == probe_at)
        (void)!write(1, right, sizeof(right) - 1);
    else
        (void)!write(1, wrong, sizeof(wrong) - 1);
    _exit(0);
}

static int mode_fault_address(void)
{
    struct sigaction sa;
    char path[] = "/tmp/prshm-probe-XXXXXX";
    long page = sysconf(_SC_PAGESIZE);
    int fd = mkstemp(path);
    volatile char *m;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = probe_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    if (fd < 0 || unlink(path) != 0 || ftruncate(fd, 2 * (off_t)page) != 0)
        return 2;
    m = mmap(NULL, 2 * (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED || ftruncate(fd, 0) != 0)
        return 2;
    probe_at = (uintptr_t)(m + page + 100);
    (void)m[page + 100];
    return 3; /* no fault at all */
}

int main(int argc, char **argv)
{
    int rc;

    if (argc < 2)
        return 2;
    if (strcmp(argv[1], "env") == 0)
        return mode_env(argc, argv);
    if (strcmp(argv[1], "log") == 0)
        return mode_log(argc, argv);
    if (strcmp(argv[1], "backend") == 0)
        return mode_backend(argc, argv);
    if (strcmp(argv[1], "anon-open") == 0)
        return mode_anon_open(argc, argv);
    if (strcmp(argv[1], "map-rw") == 0)
        return mode_map(argc, argv, PR_TRUE);
    if (strcmp(argv[1], "map-env") == 0)
        return mode_map(argc, argv, PR_FALSE);
    if (strcmp(argv[1], "scan") == 0)
        return mode_scan(argc, argv);
    if (strcmp(argv[1], "map-then-spawn") == 0)
        return mode_map_then_spawn(argc, argv);
    if (strcmp(argv[1], "hostile") == 0)
        return mode_hostile(argc, argv);
    if (strcmp(argv[1], "fd") == 0)
        return mode_fd(argc, argv);
    if (strcmp(argv[1], "require-sealed") == 0)
        return mode_require_sealed(argc, argv);
    if (strcmp(argv[1], "reader") == 0)
        return mode_reader(argc, argv);
    if (strcmp(argv[1], "resurrect") == 0)
        return mode_resurrect(argc, argv);
    if (strcmp(argv[1], "seccomp-memfd") == 0)
        return mode_seccomp_memfd(argc, argv);
    if (strcmp(argv[1], "revoke-seccomp") == 0)
        return mode_revoke_seccomp(argc, argv);
    if (strcmp(argv[1], "rlimit-as") == 0)
        return mode_rlimit_as();
    if (strcmp(argv[1], "exact-fds") == 0)
        return mode_exact_fds(argc, argv);
    if (strcmp(argv[1], "fault-address") == 0)
        return mode_fault_address();
    if (strcmp(argv[1], "stdio-flags") == 0) {
        int fd;

        for (fd = 0; fd < 3; fd++)
            printf("%d %s\n", fd,
                   (fcntl(fd, F_GETFL) & O_NONBLOCK) ? "non-blocking" : "blocking");
        return 0;
    }
    if (strcmp(argv[1], "exit") == 0 && argc == 3)
        return atoi(argv[2]);
    if (strcmp(argv[1], "sleep") == 0) {
        sleep(60);
        return 0;
    }
    rc = helper_attack_mode(argc, argv);
    if (rc < 0)
        rc = helper_named_mode(argc, argv);
    if (rc < 0)
        rc = helper_channel_mode(argc, argv);
    if (rc < 0)
        rc = helper_survive_mode(argc, argv);
    if (rc >= 0)
        return rc;
    fprintf(stderr, "helper: unknown mode %s\n", argv[1]);
    return 2;
}
