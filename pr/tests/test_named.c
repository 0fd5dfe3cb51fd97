/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * test_named.c -- NSPR's named shared memory and IPC semaphores on
 * prshm: the naming rules, O_EXCL, modes without the umask, sizes,
 * symbolic links, squatters and other users (root only: they run as uid
 * 65534), two processes that share both, atomics across processes, waits
 * through signals and deletion; and nothing left behind in /dev/shm.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"
#include "prshmsec.h"
#include "runner.h"

#define SHM_DIR "/dev/shm"

static char tag[64];     /* unique to this run: every name carries it */
static int fds_at_start;

static int setup(void)
{
    snprintf(tag, sizeof(tag), "prshm-test-%d", (int)getpid());
    fds_at_start = pt_count_fds();
    return 0;
}

/* An NSPR-style name "/tmp/<tag>/<what>" (a file-name-like name, as
 * NSPR's tests use; nothing is created at that path). */
static const char *name_of(const char *what, char *buf, size_t len)
{
    snprintf(buf, len, "/tmp/%s/%s", tag, what);
    return buf;
}

/* Where prshm puts that name: /dev/shm/%2Ftmp%2F<tag>%2F<what>. */
static const char *object_path(const char *what, const char *prefix,
                               char *buf, size_t len)
{
    snprintf(buf, len, SHM_DIR "/%s%%2Ftmp%%2F%s%%2F%s", prefix, tag, what);
    return buf;
}

static PRSharedMemory *create(const char *what, PRSize size, PRIntn mode)
{
    char name[256];

    return PR_OpenSharedMemory(name_of(what, name, sizeof(name)), size,
                               PR_SHM_CREATE | PR_SHM_EXCL, mode);
}

static void delete_shm(const char *what)
{
    char name[256];

    PR_DeleteSharedMemory(name_of(what, name, sizeof(name)));
}

/* ---- names --------------------------------------------------------------- */

static void test_name_becomes_one_escaped_component_of_dev_shm(void)
{
    char path[512], name[256];
    PRSharedMemory *shm = create("a.shm", 4096, 0600);
    struct stat st;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    CU_ASSERT_EQUAL(stat(object_path("a.shm", "", path, sizeof(path)), &st), 0);
    CU_ASSERT_EQUAL(st.st_size, 4096);
    /* nothing at the file-like path itself */
    CU_ASSERT_NOT_EQUAL(stat(name_of("a.shm", name, sizeof(name)), &st), 0);
    CU_ASSERT_EQUAL(PR_CloseSharedMemory(shm), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_DeleteSharedMemory(name), PR_SUCCESS);
    CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
}

static void test_bad_names_and_arguments_are_refused(void)
{
    char longname[400], escapee[256];
    PRSharedMemory *shm;
    struct stat st;

    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(NULL, 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory("", 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(".", 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory("..", 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(longname, 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NAME_TOO_LONG_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(longname, PR_SEM_CREATE, 0600, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NAME_TOO_LONG_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory("x", 0, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory("x", 4096, 0x40, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore("x", 0x40, 0600, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_EQUAL(PR_DeleteSharedMemory(".."), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_AttachSharedMemory(NULL, 0));
    CU_ASSERT_EQUAL(PR_CloseSharedMemory(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_WaitSemaphore(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_PostSemaphore(NULL), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    /* "..", "/" in odd places: all stay one component inside /dev/shm */
    snprintf(escapee, sizeof(escapee), "../../%s//../etc", tag);
    shm = PR_OpenSharedMemory(escapee, 4096, PR_SHM_CREATE | PR_SHM_EXCL, 0600);
    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    {
        char path[512];

        snprintf(path, sizeof(path), SHM_DIR "/..%%2F..%%2F%s%%2F%%2F..%%2Fetc", tag);
        CU_ASSERT_EQUAL(stat(path, &st), 0);
    }
    PR_CloseSharedMemory(shm);
    CU_ASSERT_EQUAL(PR_DeleteSharedMemory(escapee), PR_SUCCESS);
    /* a name is a C string: bytes after a NUL are no part of it */
    {
        char nul_name[300], plain[256], path[512];
        size_t n = strlen(name_of("nul", plain, sizeof(plain)));

        memcpy(nul_name, plain, n);
        memcpy(nul_name + n, "\0/../../etc/passwd", sizeof("\0/../../etc/passwd"));
        shm = PR_OpenSharedMemory(nul_name, 4096, PR_SHM_CREATE | PR_SHM_EXCL, 0600);
        CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
        CU_ASSERT_EQUAL(stat(object_path("nul", "", path, sizeof(path)), &st), 0);
        PR_CloseSharedMemory(shm);
        CU_ASSERT_EQUAL(PR_DeleteSharedMemory(plain), PR_SUCCESS);
    }
}

/* ---- create, open, sizes, modes ------------------------------------------- */

static void test_exclusive_create_and_missing_objects(void)
{
    char name[256];
    PRSharedMemory *shm = create("excl", 4096, 0600), *again;
    PRSem *sem;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    CU_ASSERT_PTR_NULL(create("excl", 4096, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_EXISTS_ERROR);
    again = PR_OpenSharedMemory(name_of("excl", name, sizeof(name)), 4096,
                                PR_SHM_CREATE, 0600);
    CU_ASSERT_PTR_NOT_NULL(again); /* without EXCL: the creator's own */
    PR_CloseSharedMemory(again);
    PR_CloseSharedMemory(shm);
    delete_shm("excl");
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name, 4096, 0, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    CU_ASSERT_EQUAL(PR_DeleteSharedMemory(name), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
    sem = PR_OpenSemaphore(name, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sem);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(name, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_EXISTS_ERROR);
    PR_CloseSemaphore(sem);
    CU_ASSERT_EQUAL(PR_DeleteSemaphore(name), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(name, 0, 0, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_NOT_FOUND_ERROR);
}

static void test_mode_is_exact_whatever_the_umask(void)
{
    static const PRIntn modes[] = {0600, 0640, 0666};
    mode_t old = umask(077);
    char path[512], name[256];
    struct stat st;
    size_t i;

    for (i = 0; i < PR_ARRAY_SIZE(modes); i++) {
        PRSharedMemory *shm = create("mode", 4096, modes[i]);
        PRSem *sem;

        CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
        CU_ASSERT_EQUAL(stat(object_path("mode", "", path, sizeof(path)), &st), 0);
        CU_ASSERT_EQUAL(st.st_mode & 0777, (mode_t)modes[i]);
        PR_CloseSharedMemory(shm);
        delete_shm("mode");
        sem = PR_OpenSemaphore(name_of("mode", name, sizeof(name)),
                               PR_SEM_CREATE | PR_SEM_EXCL, modes[i], 0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sem);
        CU_ASSERT_EQUAL(stat(object_path("mode", "sem.", path, sizeof(path)), &st), 0);
        CU_ASSERT_EQUAL(st.st_mode & 0777, (mode_t)modes[i]);
        PR_CloseSemaphore(sem);
        PR_DeleteSemaphore(name);
    }
    umask(old);
}

static void test_smaller_existing_object_is_an_error_not_sigbus(void)
{
    char name[256];
    PRSharedMemory *shm = create("small", 4096, 0600);

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name_of("small", name, sizeof(name)),
                                           3 * 4096, 0, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name, 3 * 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_CloseSharedMemory(shm);
    delete_shm("small");
}

static void test_symbolic_link_at_the_name_is_never_followed(void)
{
    char path[512], target[256], name[256];
    struct stat st;
    int fd;

    snprintf(target, sizeof(target), "/tmp/%s-target", tag);
    fd = open(target, O_RDWR | O_CREAT | O_EXCL, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    CU_ASSERT_EQUAL_FATAL(symlink(target, object_path("link", "", path, sizeof(path))), 0);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name_of("link", name, sizeof(name)),
                                           4096, PR_SHM_CREATE, 0666));
    CU_ASSERT(PR_GetError() == PR_LOOP_ERROR || PR_GetError() == PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name, 4096, 0, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_LOOP_ERROR);
    CU_ASSERT_EQUAL(stat(target, &st), 0);
    CU_ASSERT_EQUAL(st.st_size, 0); /* the target was never truncated */
    unlink(path);
    CU_ASSERT_EQUAL_FATAL(symlink(target, object_path("link", "sem.", path, sizeof(path))), 0);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(name, 0, 0, 0));
    CU_ASSERT_EQUAL(stat(target, &st), 0);
    CU_ASSERT_EQUAL(st.st_size, 0);
    unlink(path);
    unlink(target);
}

static void test_descriptor_is_close_on_exec(void)
{
    char path[512], link[64], got[512];
    PRSharedMemory *shm = create("cloexec", 4096, 0600);
    int fd, found = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    object_path("cloexec", "", path, sizeof(path));
    for (fd = 0; fd < 1024; fd++) {
        ssize_t n;

        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, got, sizeof(got) - 1);
        if (n <= 0)
            continue;
        got[n] = '\0';
        if (strcmp(got, path) == 0) {
            found++;
            CU_ASSERT(fcntl(fd, F_GETFD) & FD_CLOEXEC);
        }
    }
    CU_ASSERT_EQUAL(found, 1);
    PR_CloseSharedMemory(shm);
    delete_shm("cloexec");
}

static void test_read_only_attach_cannot_be_made_writable(void)
{
    PRSharedMemory *shm = create("ro", 4096, 0600);
    char *rw, *ro;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    rw = PR_AttachSharedMemory(shm, 0);
    ro = PR_AttachSharedMemory(shm, PR_SHM_READONLY);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rw);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ro);
    strcpy(rw, "shared");
    CU_ASSERT_STRING_EQUAL(ro, "shared");
    CU_ASSERT_NOT_EQUAL(mprotect(ro, 4096, PROT_READ | PROT_WRITE), 0);
    CU_ASSERT_EQUAL(errno, EACCES); /* a read-only descriptor behind it */
    CU_ASSERT_EQUAL(PR_DetachSharedMemory(shm, ro), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_DetachSharedMemory(shm, rw), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_AttachSharedMemory(shm, 0x40));
    CU_ASSERT_EQUAL(PR_GetError(), PR_INVALID_ARGUMENT_ERROR);
    PR_CloseSharedMemory(shm);
    delete_shm("ro");
}

static void test_named_object_reports_its_info_and_takes_no_seals(void)
{
    PRSharedMemory *shm = create("info", 8192, 0600);
    PRFileMap *fm;
    PRFileMapInfo info;
    char *m, *a;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    fm = PR_GetSharedMemoryFileMap(shm);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fm);
    CU_ASSERT_EQUAL(PR_GetFileMapInfo(fm, &info), PR_SUCCESS);
    CU_ASSERT_STRING_EQUAL(info.backend, "named");
    CU_ASSERT_EQUAL(info.size, 8192);
    CU_ASSERT(!info.revocable && !info.revoked);
    /* Linux: a tmpfs object is born with the final seal (only memfd can
     * be created without it); other systems: no seals at all */
    CU_ASSERT(!info.sealable || info.seals == PR_FILEMAP_SEAL_SEAL);
    CU_ASSERT_EQUAL(PR_SealFileMap(fm, PR_FILEMAP_SEAL_LAYOUT), PR_FAILURE);
    CU_ASSERT_EQUAL(PR_GetError(), info.sealable ? PR_NO_ACCESS_RIGHTS_ERROR
                                                 : PR_OPERATION_NOT_SUPPORTED_ERROR);
    CU_ASSERT_PTR_NULL(PR_RestrictFileMap(fm, PR_PROT_READONLY));
    CU_ASSERT_EQUAL(PR_GetError(), PR_OPERATION_NOT_SUPPORTED_ERROR);
    m = PR_MemMap(fm, 0, 8192);
    a = PR_AttachSharedMemory(shm, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    strcpy(m, "same object");
    CU_ASSERT_STRING_EQUAL(a, "same object");
    PR_MemUnmap(m, 8192);
    PR_DetachSharedMemory(shm, a);
    CU_ASSERT_EQUAL(PR_CloseFileMap(fm), PR_SUCCESS);
    CU_ASSERT_PTR_NULL(PR_GetSharedMemoryFileMap(NULL));
    PR_CloseSharedMemory(shm);
    delete_shm("info");
}

/* ---- between processes ------------------------------------------------------ */

static void test_two_processes_share_memory_under_semaphores(void)
{
    char shm_name[256], a_name[256], b_name[256];
    const char *args[] = {"sem-pong", shm_name, a_name, b_name, "1000", NULL};
    PRSharedMemory *shm = create("counter", sizeof(PRInt32), 0600);
    PRSem *a, *b;
    PRInt32 *counter;
    PRProcess *p;
    PRInt32 code = -1;
    char *argv[8];
    int i, ok = 1;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    name_of("counter", shm_name, sizeof(shm_name));
    a = PR_OpenSemaphore(name_of("sem-a", a_name, sizeof(a_name)), PR_SEM_CREATE, 0600, 1);
    b = PR_OpenSemaphore(name_of("sem-b", b_name, sizeof(b_name)), PR_SEM_CREATE, 0600, 0);
    counter = PR_AttachSharedMemory(shm, 0);
    CU_ASSERT_FATAL(a && b && counter);
    *counter = 0;
    argv[0] = (char *)(size_t)getenv("PRSHM_TEST_HELPER");
    for (i = 0; args[i]; i++)
        argv[i + 1] = (char *)(size_t)args[i];
    argv[i + 1] = NULL;
    p = PR_CreateProcess(argv[0], argv, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    for (i = 0; i < 1000 && ok; i++) {
        ok = PR_WaitSemaphore(a) == PR_SUCCESS && *counter == 2 * i;
        (*counter)++;
        ok = ok && PR_PostSemaphore(b) == PR_SUCCESS;
    }
    CU_ASSERT(ok);
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_EQUAL(*counter, 2000);
    PR_DetachSharedMemory(shm, counter);
    PR_CloseSharedMemory(shm);
    PR_CloseSemaphore(a);
    PR_CloseSemaphore(b);
    delete_shm("counter");
    PR_DeleteSemaphore(a_name);
    PR_DeleteSemaphore(b_name);
}

static void test_atomics_hold_across_processes(void)
{
    char name[256];
    const char *args[] = {"atomic-add", name, "20000", NULL};
    PRSharedMemory *shm = create("atomic", sizeof(PRInt32), 0600);
    PRInt32 *counter;
    char *argv[6];
    PRProcess *p[4];
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(shm);
    name_of("atomic", name, sizeof(name));
    counter = PR_AttachSharedMemory(shm, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(counter);
    argv[0] = (char *)(size_t)getenv("PRSHM_TEST_HELPER");
    for (i = 0; args[i]; i++)
        argv[i + 1] = (char *)(size_t)args[i];
    argv[i + 1] = NULL;
    for (i = 0; i < 4; i++)
        p[i] = PR_CreateProcess(argv[0], argv, NULL, NULL);
    for (i = 0; i < 20000; i++)
        PR_ATOMIC_INCREMENT(counter);
    for (i = 0; i < 4; i++) {
        PRInt32 code = -1;

        CU_ASSERT_PTR_NOT_NULL_FATAL(p[i]);
        CU_ASSERT_EQUAL(PR_WaitProcess(p[i], &code), PR_SUCCESS);
        CU_ASSERT_EQUAL(code, 0);
    }
    CU_ASSERT_EQUAL(*counter, 5 * 20000);
    PR_DetachSharedMemory(shm, counter);
    PR_CloseSharedMemory(shm);
    delete_shm("atomic");
}

/* Start the helper in mode sem-wait on sem_name with flag_name; its
 * stdout comes back in *out_fd. */
static PRProcess *start_waiter(const char *sem_name, const char *flag_name,
                               int *out_fd)
{
    char *argv[] = {(char *)(size_t)getenv("PRSHM_TEST_HELPER"), "sem-wait",
                    (char *)(size_t)sem_name, (char *)(size_t)flag_name, NULL};
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRFileDesc *w;
    PRProcess *p;
    char line[16];
    int pp[2];

    CU_ASSERT_EQUAL_FATAL(pipe(pp), 0);
    w = PR_ImportFile(pp[1]);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, w);
    p = PR_CreateProcess(argv[0], argv, NULL, attr);
    PR_Close(w);
    PR_DestroyProcessAttr(attr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(read(pp[0], line, 8), 8); /* "waiting\n" */
    *out_fd = pp[0];
    return p;
}

static void test_wait_goes_on_through_signals(void)
{
    char sem_name[256], flag_name[256], out[64];
    PRSharedMemory *shm = create("flag", sizeof(PRInt32), 0600);
    PRSem *sem = PR_OpenSemaphore(name_of("wait", sem_name, sizeof(sem_name)),
                                  PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0);
    PRInt32 *flag, code = -1;
    PRProcess *p;
    int fd;

    CU_ASSERT_FATAL(shm && sem);
    flag = PR_AttachSharedMemory(shm, 0);
    *flag = 0;
    p = start_waiter(sem_name, name_of("flag", flag_name, sizeof(flag_name)), &fd);
    PR_Sleep(PR_MillisecondsToInterval(400)); /* ~8 SIGALRMs meanwhile */
    *flag = 1;
    CU_ASSERT_EQUAL(PR_PostSemaphore(sem), PR_SUCCESS);
    pt_read_to_end(fd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_EQUAL(code, 0);
    CU_ASSERT_STRING_EQUAL(out, "woken\n");
    PR_DetachSharedMemory(shm, flag);
    PR_CloseSharedMemory(shm);
    delete_shm("flag");
    PR_CloseSemaphore(sem);
    PR_DeleteSemaphore(sem_name);
}

/* Deleting the name does not wake or strand a waiter: a new semaphore of
 * that name is another object; the old one still wakes it. */
static void test_semaphore_deleted_while_a_process_waits(void)
{
    char sem_name[256], flag_name[256], out[64];
    PRSharedMemory *shm = create("flag2", sizeof(PRInt32), 0600);
    PRSem *old = PR_OpenSemaphore(name_of("gone", sem_name, sizeof(sem_name)),
                                  PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0), *fresh;
    PRInt32 *flag, code = -1;
    PRProcess *p;
    int fd, status;

    CU_ASSERT_FATAL(shm && old);
    flag = PR_AttachSharedMemory(shm, 0);
    *flag = 0;
    p = start_waiter(sem_name, name_of("flag2", flag_name, sizeof(flag_name)), &fd);
    CU_ASSERT_EQUAL(PR_DeleteSemaphore(sem_name), PR_SUCCESS);
    fresh = PR_OpenSemaphore(sem_name, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fresh);
    CU_ASSERT_EQUAL(PR_PostSemaphore(fresh), PR_SUCCESS);
    PR_Sleep(PR_MillisecondsToInterval(300));
    CU_ASSERT_EQUAL(waitpid(-1, &status, WNOHANG), 0); /* still waiting */
    *flag = 1;
    CU_ASSERT_EQUAL(PR_PostSemaphore(old), PR_SUCCESS);
    pt_read_to_end(fd, out, sizeof(out));
    CU_ASSERT_EQUAL(PR_WaitProcess(p, &code), PR_SUCCESS);
    CU_ASSERT_STRING_EQUAL(out, "woken\n");
    PR_CloseSemaphore(old);
    PR_CloseSemaphore(fresh);
    PR_DeleteSemaphore(sem_name);
    PR_DetachSharedMemory(shm, flag);
    PR_CloseSharedMemory(shm);
    delete_shm("flag2");
}

/* ---- other users (root only: the attacker runs as uid 65534) --------------- */

/* What uid 65534 could do to a shm and a semaphore made with mode. */
static void attack_with_mode(PRIntn mode, const char *want_shm,
                             const char *want_sem)
{
    char name[256], out[512];
    const char *shm_args[] = {"shm-attack", name, "1", NULL};
    const char *sem_args[] = {"sem-attack", name, "1", NULL};
    PRSharedMemory *shm = create("victim", 4096, mode);
    PRSem *sem = PR_OpenSemaphore(name_of("victim", name, sizeof(name)),
                                  PR_SEM_CREATE | PR_SEM_EXCL, mode, 0);

    CU_ASSERT_FATAL(shm && sem);
    CU_ASSERT_EQUAL(pt_run_helper(shm_args, NULL, out, sizeof(out)), 0);
    if (strcmp(out, want_shm) != 0)
        printf("\n  mode %o shm: got\n%s  want\n%s", (unsigned)mode, out, want_shm);
    CU_ASSERT_STRING_EQUAL(out, want_shm);
    CU_ASSERT_EQUAL(pt_run_helper(sem_args, NULL, out, sizeof(out)), 0);
    CU_ASSERT_STRING_EQUAL(out, want_sem);
    PR_CloseSharedMemory(shm);
    PR_CloseSemaphore(sem);
    delete_shm("victim");
    PR_DeleteSemaphore(name);
}

static void test_another_user_per_mode(void)
{
    if (getuid() != 0) {
        pt_skip("needs root to act as uid 65534");
        return;
    }
    attack_with_mode(0600,
                     "open-rw denied\ntruncate denied\nattach-ro denied\n"
                     "attach-rw denied\ndelete denied\n",
                     "open denied\ndelete denied\n");
    attack_with_mode(0644,
                     "open-rw denied\ntruncate denied\nattach-ro ALLOWED\n"
                     "attach-rw denied\ndelete denied\n",
                     "open denied\ndelete denied\n");
    /* 0666 gives every user write access, resizing included: by design */
    attack_with_mode(0666,
                     "open-rw ALLOWED\ntruncate ALLOWED\nattach-ro denied\n"
                     "attach-rw denied\ndelete denied\n",
                     "open ALLOWED\ndelete denied\n");
}

static void test_squatted_name_is_never_adopted(void)
{
    char name[256];
    const char *shm_args[] = {"squat", "shm", name, NULL};
    const char *sem_args[] = {"squat", "sem", name, NULL};

    if (getuid() != 0) {
        pt_skip("needs root to act as uid 65534");
        return;
    }
    name_of("squat", name, sizeof(name));
    CU_ASSERT_EQUAL_FATAL(pt_run_helper(shm_args, NULL, NULL, 0), 0);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name, 4096, PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name, 4096, PR_SHM_CREATE | PR_SHM_EXCL, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_EXISTS_ERROR);
    CU_ASSERT_EQUAL(PR_DeleteSharedMemory(name), PR_SUCCESS); /* root may */
    CU_ASSERT_EQUAL_FATAL(pt_run_helper(sem_args, NULL, NULL, 0), 0);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(name, PR_SEM_CREATE, 0600, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    CU_ASSERT_PTR_NULL(PR_OpenSemaphore(name, PR_SEM_CREATE | PR_SEM_EXCL, 0600, 0));
    CU_ASSERT_EQUAL(PR_GetError(), PR_FILE_EXISTS_ERROR);
    CU_ASSERT_EQUAL(PR_DeleteSemaphore(name), PR_SUCCESS);
}

/* ---- hard links and FIFOs at a name (second review, G1-G3) ------------------
 * The attacker is uid 65534 when the suite runs as root, else this same
 * user: a second name on an object is refused whoever made it. */

/* Have the attacker run "plant" with args; its exit status. */
static int plant(const char *kind, const char *a, const char *b)
{
    const char *args[] = {"plant", kind, a, b, getuid() == 0 ? "1" : "0", NULL};

    return pt_run_helper(args, NULL, NULL, 0);
}

static void test_hard_link_to_a_public_object_is_never_adopted(void)
{
    char pub[256], priv[256], from[512], to[512];
    PRSharedMemory *board = create("board", 4096, 0666), *mine;
    void *m;

    CU_ASSERT_PTR_NOT_NULL_FATAL(board);
    object_path("board", "", from, sizeof(from));
    object_path("priv", "", to, sizeof(to));
    CU_ASSERT_EQUAL_FATAL(plant("link", from, to), 0);
    /* the victim's private object: the attacker's link must not pass for it */
    mine = PR_OpenSharedMemory(name_of("priv", priv, sizeof(priv)), 4096,
                               PR_SHM_CREATE, 0600);
    CU_ASSERT_PTR_NULL(mine);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    if (mine) {
        m = PR_AttachSharedMemory(mine, 0);
        if (m) {
            strcpy(m, "secret");
            PR_DetachSharedMemory(mine, m);
        }
        PR_CloseSharedMemory(mine);
    }
    unlink(to);
    /* with the link gone, the same call creates a fresh private object */
    mine = PR_OpenSharedMemory(priv, 4096, PR_SHM_CREATE, 0600);
    CU_ASSERT_PTR_NOT_NULL(mine);
    if (mine)
        PR_CloseSharedMemory(mine);
    PR_DeleteSharedMemory(priv);
    /* nor is an object of ours adopted with a wider mode than asked for */
    CU_ASSERT_PTR_NULL(PR_OpenSharedMemory(name_of("board", pub, sizeof(pub)), 4096,
                                           PR_SHM_CREATE, 0600));
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    mine = PR_OpenSharedMemory(pub, 4096, PR_SHM_CREATE, 0666);
    CU_ASSERT_PTR_NOT_NULL(mine);
    if (mine)
        PR_CloseSharedMemory(mine);
    PR_CloseSharedMemory(board);
    delete_shm("board");
}

static void test_hard_link_to_a_public_semaphore_is_never_adopted(void)
{
    char pub[256], lock[256], from[512], to[512];
    PRSem *board, *mine;

    board = PR_OpenSemaphore(name_of("pubsem", pub, sizeof(pub)),
                             PR_SEM_CREATE | PR_SEM_EXCL, 0666, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(board);
    object_path("pubsem", "sem.", from, sizeof(from));
    object_path("lock", "sem.", to, sizeof(to));
    CU_ASSERT_EQUAL_FATAL(plant("link", from, to), 0);
    mine = PR_OpenSemaphore(name_of("lock", lock, sizeof(lock)), PR_SEM_CREATE, 0600, 1);
    CU_ASSERT_PTR_NULL(mine);
    CU_ASSERT_EQUAL(PR_GetError(), PR_NO_ACCESS_RIGHTS_ERROR);
    if (mine)
        PR_CloseSemaphore(mine);
    unlink(to);
    mine = PR_OpenSemaphore(lock, PR_SEM_CREATE, 0600, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mine);
    /* a lock of its own: one post, one wait, and the opened-again
     * semaphore is the same one */
    {
        PRSem *again = PR_OpenSemaphore(lock, PR_SEM_CREATE, 0600, 0);

        CU_ASSERT_PTR_NOT_NULL_FATAL(again);
        CU_ASSERT_EQUAL(PR_WaitSemaphore(again), PR_SUCCESS);
        CU_ASSERT_EQUAL(PR_PostSemaphore(mine), PR_SUCCESS);
        CU_ASSERT_EQUAL(PR_WaitSemaphore(again), PR_SUCCESS);
        CU_ASSERT_EQUAL(PR_CloseSemaphore(again), PR_SUCCESS);
    }
    CU_ASSERT_EQUAL(PR_CloseSemaphore(mine), PR_SUCCESS);
    CU_ASSERT_EQUAL(PR_CloseSemaphore(board), PR_SUCCESS);
    PR_DeleteSemaphore(lock);
    PR_DeleteSemaphore(pub);
}

/* A victim of another uid (4242 as root; else this user, with a FIFO it
 * may only read) opens a name where the attacker planted a FIFO. */
static void test_fifo_at_a_name_never_blocks(void)
{
    char name[256], path[512], out[128];
    const char *uid = getuid() == 0 ? "4242" : "-";
    const char *kinds[] = {"shm", "sem"}, *prefixes[] = {"", "sem."};
    int k, c;

    for (k = 0; k < 2; k++) {
        name_of("fifo", name, sizeof(name));
        object_path("fifo", prefixes[k], path, sizeof(path));
        CU_ASSERT_EQUAL_FATAL(plant("fifo", path, getuid() == 0 ? "644" : "444"), 0);
        for (c = 0; c < 2; c++) {
            const char *args[] = {"open-as", uid, kinds[k], name, c ? "1" : "0", NULL};

            /* killed by its alarm (128 + SIGALRM) if it blocked */
            CU_ASSERT_EQUAL(pt_run_helper(args, NULL, out, sizeof(out)), 0);
            CU_ASSERT(strcmp(out, "opened\n") != 0 && out[0] != '\0');
        }
        unlink(path);
    }
}

/* ---- the end ---------------------------------------------------------------- */

static void test_nothing_left_in_dev_shm_and_no_descriptor_leaked(void)
{
    DIR *d = opendir(SHM_DIR);
    struct dirent *e;
    int left = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, tag)) {
            printf("[left behind: %s] ", e->d_name);
            left++;
        }
    closedir(d);
    CU_ASSERT_EQUAL(left, 0);
    CU_ASSERT_EQUAL(pt_count_fds(), fds_at_start);
    CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1);
}

void pt_register(void)
{
    CU_pSuite s = CU_add_suite("named shared memory and semaphores", setup, NULL);

    PT_TEST(s, test_name_becomes_one_escaped_component_of_dev_shm);
    PT_TEST(s, test_bad_names_and_arguments_are_refused);
    PT_TEST(s, test_exclusive_create_and_missing_objects);
    PT_TEST(s, test_mode_is_exact_whatever_the_umask);
    PT_TEST(s, test_smaller_existing_object_is_an_error_not_sigbus);
    PT_TEST(s, test_symbolic_link_at_the_name_is_never_followed);
    PT_TEST(s, test_descriptor_is_close_on_exec);
    PT_TEST(s, test_read_only_attach_cannot_be_made_writable);
    PT_TEST(s, test_named_object_reports_its_info_and_takes_no_seals);
    PT_TEST(s, test_two_processes_share_memory_under_semaphores);
    PT_TEST(s, test_atomics_hold_across_processes);
    PT_TEST(s, test_wait_goes_on_through_signals);
    PT_TEST(s, test_semaphore_deleted_while_a_process_waits);
    PT_TEST(s, test_another_user_per_mode);
    PT_TEST(s, test_squatted_name_is_never_adopted);
    PT_TEST(s, test_hard_link_to_a_public_object_is_never_adopted);
    PT_TEST(s, test_hard_link_to_a_public_semaphore_is_never_adopted);
    PT_TEST(s, test_fifo_at_a_name_never_blocks);
    PT_TEST(s, test_nothing_left_in_dev_shm_and_no_descriptor_leaked);
}
