/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prproces.c -- child processes over posix_spawn.
 *
 * Every descriptor a child should get is first duplicated in the parent
 * (close-on-exec, at a number nothing else uses), and one spawn file
 * action per descriptor moves that duplicate to its number in the child,
 * where dup2 leaves it inheritable.  A number the child should get that
 * nothing fixes is a duplicate the plan holds open until the spawn, so
 * it can collide with nothing -- not with another placement, not with a
 * descriptor the parent left inheritable on purpose -- and no number
 * above the ones in use is ever needed.  In the parent nothing changes:
 * its descriptors stay close-on-exec, and the duplicates are closed once
 * the child exists.
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

#include "prcore.h"
#include "prenv.h"
#include "prmem.h"
#include "prprf.h"
#include "prproces.h"

extern char **environ;

struct PRProcess {
    pid_t pid;
};

/* ---- attributes -------------------------------------------------------- */
PR_IMPLEMENT(PRProcessAttr *) PR_NewProcessAttr(void)
{
    PRProcessAttr *attr = PR_NEWZAP(PRProcessAttr);

    if (attr)
        attr->stdio[0] = attr->stdio[1] = attr->stdio[2] = -1;
    return attr;
}

PR_IMPLEMENT(void) PR_ResetProcessAttr(PRProcessAttr *attr)
{
    size_t i;

    if (!attr)
        return;
    for (i = 0; i < attr->ninherit; i++) {
        if (attr->inherit[i].is_map)
            close(attr->inherit[i].osfd); /* the attribute's own duplicate */
        PR_Free(attr->inherit[i].name);
    }
    PR_Free(attr->inherit);
    PR_Free(attr->cwd);
    memset(attr, 0, sizeof(*attr));
    attr->stdio[0] = attr->stdio[1] = attr->stdio[2] = -1;
}

PR_IMPLEMENT(void) PR_DestroyProcessAttr(PRProcessAttr *attr)
{
    PR_ResetProcessAttr(attr);
    PR_Free(attr);
}

PR_IMPLEMENT(void) PR_ProcessAttrSetStdioRedirect(PRProcessAttr *attr,
                                                  PRSpecialFD stdioFd,
                                                  PRFileDesc *redirectFd)
{
    PROsfd osfd;

    if (!attr || !redirectFd || (unsigned)stdioFd > PR_StandardError) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return;
    }
    osfd = PR_FileDesc2NativeHandle(redirectFd);
    if (osfd >= 0)
        attr->stdio[stdioFd] = osfd;
}

PR_IMPLEMENT(PRStatus) PR_ProcessAttrSetCurrentDirectory(PRProcessAttr *attr,
                                                         const char *dir)
{
    char *copy;

    if (!attr || !dir) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    copy = PR_smprintf("%s", dir);
    if (!copy)
        return PR_FAILURE;
    PR_Free(attr->cwd);
    attr->cwd = copy;
    return PR_SUCCESS;
}

/* ---- the child's descriptors ----------------------------------------- */
struct placement {
    PROsfd src;  /* the plan's duplicate, moved to dst in the child */
    PROsfd dst;  /* the number in the child */
};

struct spawn_plan {
    struct placement *p;
    size_t n, cap;
    PROsfd *held;  /* other duplicates the plan keeps open until the spawn */
    size_t nheld, capheld;
    char **env;    /* the child's environment: pointers, not owned */
    size_t nenv, capenv;
    char **dup;    /* our snapshot of this process's environment */
    char **owned;  /* entries the plan made */
    size_t nowned;
};

static void free_plan(struct spawn_plan *plan)
{
    size_t i;

    for (i = 0; i < plan->n; i++)
        close(plan->p[i].src);
    for (i = 0; i < plan->nheld; i++)
        close(plan->held[i]);
    for (i = 0; plan->dup && plan->dup[i]; i++)
        PR_Free(plan->dup[i]);
    for (i = 0; i < plan->nowned; i++)
        PR_Free(plan->owned[i]);
    PR_Free(plan->dup);
    PR_Free(plan->owned);
    PR_Free(plan->env);
    PR_Free(plan->p);
    PR_Free(plan->held);
}

/* Grow an array of elem-sized items to hold one more; PR_FAILURE when out
 * of memory (error set). */
static PRStatus grow(void *arrayp, size_t n, size_t *cap, size_t elem)
{
    void **array = arrayp, *a;
    size_t c = *cap ? 2 * *cap : 8;

    if (n < *cap)
        return PR_SUCCESS;
    if (c * elem > PR_UINT32_MAX) {
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return PR_FAILURE;
    }
    a = PR_Realloc(*array, (PRUint32)(c * elem));
    if (!a)
        return PR_FAILURE;
    *array = a;
    *cap = c;
    return PR_SUCCESS;
}

/* A close-on-exec duplicate of fd numbered 3 or above, owned by the plan
 * (kept open until the spawn is over); -1 with the error set. */
static PROsfd plan_dup(struct spawn_plan *plan, PROsfd fd)
{
    PROsfd d;

    if (grow(&plan->held, plan->nheld, &plan->capheld, sizeof(PROsfd)) !=
        PR_SUCCESS)
        return -1;
    d = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (d < 0) {
        pr_set_os_error(errno);
        return -1;
    }
    plan->held[plan->nheld++] = d;
    return d;
}

static PRBool plan_has_dst(const struct spawn_plan *plan, PROsfd dst)
{
    size_t i;

    for (i = 0; i < plan->n; i++)
        if (plan->p[i].dst == dst)
            return PR_TRUE;
    return PR_FALSE;
}

/* Place the plan's own duplicate src (which the plan then owns) at dst. */
static PRStatus plan_place(struct spawn_plan *plan, PROsfd src, PROsfd dst)
{
    if (grow(&plan->p, plan->n, &plan->cap, sizeof(*plan->p)) != PR_SUCCESS) {
        close(src);
        return PR_FAILURE;
    }
    plan->p[plan->n].src = src;
    plan->p[plan->n].dst = dst;
    plan->n++;
    return PR_SUCCESS;
}

/* Place a duplicate of the caller's descriptor fd at dst. */
static PRStatus plan_place_dup(struct spawn_plan *plan, PROsfd fd, PROsfd dst)
{
    PROsfd src = fcntl(fd, F_DUPFD_CLOEXEC, 3);

    if (src < 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return plan_place(plan, src, dst);
}

/* Append an entry the caller or the snapshot owns. */
static void plan_putenv(struct spawn_plan *plan, char *entry)
{
    plan->env[plan->nenv++] = entry;
    plan->env[plan->nenv] = NULL;
}

/* Append an entry the plan made (and frees); NULL means no memory. */
static PRStatus plan_setenv(struct spawn_plan *plan, char *entry)
{
    if (!entry)
        return PR_FAILURE;
    plan->owned[plan->nowned++] = entry;
    plan_putenv(plan, entry);
    return PR_SUCCESS;
}

/* Whether the environment entry e sets a variable the plan decides. */
static PRBool overridden(const char *e, const PRProcessAttr *attr)
{
    size_t i, len = strcspn(e, "=");

    if ((len == strlen(PR_INHERIT_FDS_VAR) &&
         !strncmp(e, PR_INHERIT_FDS_VAR, len)) ||
        (len == strlen(PR_INHERITED_LIST_VAR) &&
         !strncmp(e, PR_INHERITED_LIST_VAR, len)))
        return PR_TRUE;
    for (i = 0; attr && i < attr->ninherit; i++)
        if (attr->inherit[i].is_map && strlen(attr->inherit[i].name) == len &&
            !strncmp(e, attr->inherit[i].name, len))
            return PR_TRUE;
    return PR_FALSE;
}

/*
 * Protocol 2: every export string that stands as a token in the value of
 * e and names a live map that gave it out hands that map to the child at
 * the same number.  inherited: e comes from this process's environment
 * (envp NULL), where entries that held the string before the map's export
 * are stale and never honoured.
 */
static PRStatus pass_exported(struct spawn_plan *plan, const char *e,
                              PRBool inherited)
{
    const char *value = strchr(e, '=');
    PRFileMapProtect prot;
    size_t pos = 0;
    int fd;

    while (value && pr_next_export_token(value + 1, &pos, &fd, &prot)) {
        PROsfd src;

        if (plan_has_dst(plan, fd))
            continue;
        src = pr_registry_claim(fd, prot, inherited ? e : NULL);
        if (src == -2) {
            pr_set_os_error(errno);
            return PR_FAILURE;
        }
        if (src >= 0 && plan_place(plan, src, fd) != PR_SUCCESS)
            return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/*
 * Start the child's environment from envp (or a snapshot of ours), minus
 * what the plan decides itself, with room for every entry the plan adds:
 * one per inherited map, NSPR_INHERIT_FDS and PRSHM_INHERITED_FDS.
 */
static PRStatus plan_base_env(struct spawn_plan *plan, char *const *envp,
                              const PRProcessAttr *attr)
{
    char *const *src;
    size_t n = 0, extra = 2 + (attr ? attr->ninherit : 0), i;

    if (!envp && !(plan->dup = PR_DuplicateEnvironment()))
        return PR_FAILURE;
    src = envp ? envp : plan->dup;
    while (src[n])
        n++;
    plan->capenv = n + extra + 1;
    plan->env = PR_Calloc((PRUint32)plan->capenv, sizeof(char *));
    plan->owned = PR_Calloc((PRUint32)extra, sizeof(char *));
    if (!plan->env || !plan->owned)
        return PR_FAILURE;
    for (i = 0; i < n; i++) {
        if (overridden(src[i], attr))
            continue;
        plan_putenv(plan, src[i]);
        if (pass_exported(plan, src[i], envp == NULL) != PR_SUCCESS)
            return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/*
 * A descriptor redirected to the child's stdin, stdout or stderr is made
 * blocking, as NSPR's PR_CreateProcess does in the child: NSPR makes every
 * descriptor it creates non-blocking, and a child reading a non-blocking
 * stdin takes EAGAIN for the end of its input.  The flag belongs to the
 * open file, which parent and child share, so clearing it here is what
 * NSPR's child does too (the parent's descriptor is blocking afterwards
 * under both).
 */
static void make_blocking(PROsfd fd)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags >= 0 && (flags & O_NONBLOCK))
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
}

/* The redirected standard descriptors; they come before everything. */
static PRStatus plan_stdio(struct spawn_plan *plan, const PRProcessAttr *attr)
{
    int s;

    for (s = 0; s < 3; s++) {
        if (attr->stdio[s] < 0)
            continue;
        if (attr->stdio[s] != s)
            make_blocking(attr->stdio[s]);
        if (plan_place_dup(plan, attr->stdio[s], s) != PR_SUCCESS)
            return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* Append "name:type:0xfd" to an NSPR_INHERIT_FDS value (freed). */
static char *append_fd_entry(char *fds, const char *name, PRDescType type,
                             PROsfd fd)
{
    char *s = fds ? PR_smprintf("%s:%s:%d:0x%x", fds, name, (int)type,
                                (unsigned)fd)
                  : PR_smprintf("%s:%d:0x%x", name, (int)type, (unsigned)fd);

    PR_smprintf_free(fds);
    return s;
}

/*
 * The number in the child for an attribute's descriptor: its own when it
 * is above stdio (it is open here, so nothing else can be placed there),
 * else a number the plan reserves by holding a duplicate open.
 */
static PROsfd child_number(struct spawn_plan *plan, PROsfd osfd)
{
    return osfd > 2 ? osfd : plan_dup(plan, osfd);
}

static PRStatus plan_attr(struct spawn_plan *plan, const PRProcessAttr *attr)
{
    char *fds = NULL;
    PRStatus rc = PR_SUCCESS;
    size_t i;

    for (i = 0; i < attr->ninherit && rc == PR_SUCCESS; i++) {
        const struct pr_inherit *in = &attr->inherit[i];
        PROsfd dst = child_number(plan, in->osfd);

        if (dst < 0)
            rc = PR_FAILURE;
        else if (!plan_has_dst(plan, dst))
            rc = plan_place_dup(plan, in->osfd, dst);
        if (rc == PR_SUCCESS && in->is_map)
            rc = plan_setenv(plan, PR_smprintf("%s=%d:%d", in->name, (int)dst,
                                               (int)in->prot));
        if (rc == PR_SUCCESS && !in->is_map) {
            fds = append_fd_entry(fds, in->name, in->type, dst);
            rc = fds ? PR_SUCCESS : PR_FAILURE;
        }
    }
    if (rc == PR_SUCCESS && fds)
        rc = plan_setenv(plan, PR_smprintf("%s=%s", PR_INHERIT_FDS_VAR, fds));
    PR_smprintf_free(fds);
    return rc;
}

/*
 * A duplicate lands on the lowest free number, which may be a number the
 * child should get that became free after it was planned (an exported
 * map closed meanwhile); moving another duplicate there first would
 * overwrite it.  Move every such source to a number no placement uses.
 */
static PRStatus plan_separate(struct spawn_plan *plan)
{
    size_t i;

    for (i = 0; i < plan->n; i++) {
        while (plan_has_dst(plan, plan->p[i].src)) {
            PROsfd d = plan_dup(plan, plan->p[i].src);

            if (d < 0)
                return PR_FAILURE;
            plan->held[plan->nheld - 1] = plan->p[i].src; /* closed later */
            plan->p[i].src = d;
        }
    }
    return PR_SUCCESS;
}

/* PRSHM_INHERITED_FDS: "<our pid>:<fd>.<dev>.<ino>,..." for every
 * descriptor above stdio the child gets (prinherit.c checks it). */
static PRStatus plan_inherited_list(struct spawn_plan *plan)
{
    char *list = NULL, *s;
    struct stat st;
    size_t i;

    for (i = 0; i < plan->n; i++) {
        if (plan->p[i].dst <= 2)
            continue;
        if (fstat(plan->p[i].src, &st) != 0) {
            pr_set_os_error(errno);
            PR_smprintf_free(list);
            return PR_FAILURE;
        }
        s = list ? PR_smprintf("%s,%d.%llu.%llu", list, (int)plan->p[i].dst,
                               (unsigned long long)st.st_dev,
                               (unsigned long long)st.st_ino)
                 : PR_smprintf("%s=%d:%d.%llu.%llu", PR_INHERITED_LIST_VAR,
                               (int)getpid(), (int)plan->p[i].dst,
                               (unsigned long long)st.st_dev,
                               (unsigned long long)st.st_ino);
        PR_smprintf_free(list);
        if (!s)
            return PR_FAILURE;
        list = s;
    }
    return list ? plan_setenv(plan, list) : PR_SUCCESS;
}

static PRStatus build_plan(struct spawn_plan *plan, char *const *envp,
                           const PRProcessAttr *attr)
{
    memset(plan, 0, sizeof(*plan));
    if ((attr && plan_stdio(plan, attr) != PR_SUCCESS) ||
        plan_base_env(plan, envp, attr) != PR_SUCCESS ||
        (attr && plan_attr(plan, attr) != PR_SUCCESS) ||
        plan_separate(plan) != PR_SUCCESS ||
        plan_inherited_list(plan) != PR_SUCCESS) {
        free_plan(plan);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* File actions: move each duplicate to its number; the duplicates are
 * close-on-exec, so the child keeps only the moved copies. */
static int add_actions(posix_spawn_file_actions_t *fa,
                       const struct spawn_plan *plan, const char *cwd)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < plan->n && rc == 0; i++)
        rc = posix_spawn_file_actions_adddup2(fa, plan->p[i].src,
                                              plan->p[i].dst);
    if (rc == 0 && cwd) {
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR_NP
        rc = posix_spawn_file_actions_addchdir_np(fa, cwd);
#else
        rc = ENOTSUP;
#endif
    }
    return rc;
}

/* The NSPR error for a failed spawn of path. */
static void set_spawn_error(int err, const char *path)
{
    struct stat st;

    if (err == EACCES && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        PR_SetError(PR_IS_DIRECTORY_ERROR, err);
        return;
    }
    if (err == ENOTSUP) {
        PR_SetError(PR_OPERATION_NOT_SUPPORTED_ERROR, err);
        return;
    }
    pr_set_os_error(err);
}

static int spawn(pid_t *pid, const char *path, char *const *argv,
                 const struct spawn_plan *plan, const PRProcessAttr *attr)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t sa;
    sigset_t none;
    int rc;

    if (posix_spawn_file_actions_init(&fa) != 0)
        return ENOMEM;
    if (posix_spawnattr_init(&sa) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return ENOMEM;
    }
    sigemptyset(&none);
    rc = posix_spawnattr_setsigmask(&sa, &none);
    if (rc == 0)
        rc = posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK);
    if (rc == 0)
        rc = add_actions(&fa, plan, attr ? attr->cwd : NULL);
    if (rc == 0)
        rc = posix_spawn(pid, path, &fa, &sa, argv, plan->env);
    posix_spawnattr_destroy(&sa);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

/* Check path before spawning, so every C library (and valgrind, whose
 * posix_spawn cannot report a failed exec) gives the same errors. */
static PRStatus check_program(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    if (S_ISDIR(st.st_mode)) {
        PR_SetError(PR_IS_DIRECTORY_ERROR, EISDIR);
        return PR_FAILURE;
    }
    if (access(path, X_OK) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRProcess *) PR_CreateProcess(const char *path,
                                           char *const *argv,
                                           char *const *envp,
                                           const PRProcessAttr *attr)
{
    struct spawn_plan plan;
    PRProcess *proc;
    pid_t pid;
    int rc;

    if (!path || !argv) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (check_program(path) != PR_SUCCESS)
        return NULL;
    proc = PR_NEW(PRProcess);
    if (!proc)
        return NULL;
    if (build_plan(&plan, envp, attr) != PR_SUCCESS) {
        PR_Free(proc);
        return NULL;
    }
    rc = spawn(&pid, path, argv, &plan, attr);
    free_plan(&plan);
    if (rc != 0) {
        set_spawn_error(rc, path);
        PR_Free(proc);
        return NULL;
    }
    proc->pid = pid;
    return proc;
}

/* ---- after the spawn ------------------------------------------------- */
static void *reap(void *arg)
{
    pid_t pid = (pid_t)(size_t)arg;

    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return NULL;
}

PR_IMPLEMENT(PRStatus) PR_DetachProcess(PRProcess *process)
{
    pthread_attr_t ta;
    pthread_t t;
    int rc;

    if (!process) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    pthread_attr_init(&ta);
    pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
    (void)pthread_attr_setstacksize(&ta, (size_t)64 * 1024);
    rc = pthread_create(&t, &ta, reap, (void *)(size_t)process->pid);
    pthread_attr_destroy(&ta);
    if (rc != 0) {
        PR_SetError(PR_INSUFFICIENT_RESOURCES_ERROR, rc);
        return PR_FAILURE;
    }
    PR_Free(process);
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_CreateProcessDetached(const char *path,
                                                char *const *argv,
                                                char *const *envp,
                                                const PRProcessAttr *attr)
{
    PRProcess *p = PR_CreateProcess(path, argv, envp, attr);

    if (!p)
        return PR_FAILURE;
    if (PR_DetachProcess(p) != PR_SUCCESS) {
        /* cannot leave a zombie: wait for it here instead */
        PR_WaitProcess(p, NULL);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_WaitProcess(PRProcess *process, PRInt32 *exitCode)
{
    int status;
    pid_t r;

    if (!process) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    do {
        r = waitpid(process->pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    PR_Free(process);
    if (r < 0) {
        PR_SetError(errno == ECHILD ? PR_INVALID_STATE_ERROR
                                    : pr_map_errno(errno), errno);
        return PR_FAILURE;
    }
    /* a child killed by a signal: 256, NSPR's value (its callers, under
     * the overlay, compare with it) */
    if (exitCode)
        *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 256;
    return PR_SUCCESS;
}

PR_IMPLEMENT(PRStatus) PR_KillProcess(PRProcess *process)
{
    if (!process) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (kill(process->pid, SIGKILL) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}
