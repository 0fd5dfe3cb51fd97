/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prproces.c -- child processes over posix_spawn.
 *
 * Every descriptor a child should get is placed by spawn file actions in
 * two steps -- first copied above every number in use, then moved to its
 * number in the child -- so no copy overwrites another's source, and the
 * result never carries close-on-exec (dup2 clears it).  In the parent
 * nothing changes: descriptors stay close-on-exec.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "primpl.h"
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
    return PR_NEWZAP(PRProcessAttr);
}

PR_IMPLEMENT(void) PR_ResetProcessAttr(PRProcessAttr *attr)
{
    size_t i;

    if (!attr)
        return;
    for (i = 0; i < attr->ninherit; i++)
        PR_Free(attr->inherit[i].name);
    PR_Free(attr->inherit);
    PR_Free(attr->cwd);
    memset(attr, 0, sizeof(*attr));
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
    if (!attr || !redirectFd || (unsigned)stdioFd > PR_StandardError) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return;
    }
    attr->stdio[stdioFd] = redirectFd;
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
    PROsfd src, dst;
};

struct spawn_plan {
    struct placement *p;
    size_t n;
    char **env;    /* the child's environment: pointers, not owned */
    size_t nenv, capenv;
    char **dup;    /* our snapshot of this process's environment */
    char **owned;  /* entries the plan made */
    size_t nowned;
};

static void free_plan(struct spawn_plan *plan)
{
    size_t i;

    for (i = 0; plan->dup && plan->dup[i]; i++)
        PR_Free(plan->dup[i]);
    for (i = 0; i < plan->nowned; i++)
        PR_Free(plan->owned[i]);
    PR_Free(plan->dup);
    PR_Free(plan->owned);
    PR_Free(plan->env);
    PR_Free(plan->p);
}

static PRStatus plan_place(struct spawn_plan *plan, PROsfd src, PROsfd dst)
{
    struct placement *p = PR_Realloc(plan->p, (PRUint32)((plan->n + 1) *
                                                         sizeof(*p)));

    if (!p)
        return PR_FAILURE;
    p[plan->n].src = src;
    p[plan->n].dst = dst;
    plan->p = p;
    plan->n++;
    return PR_SUCCESS;
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

/* Protocol 2: the value of e names an exported live map; hand it over. */
static PRStatus pass_exported(struct spawn_plan *plan, const char *e)
{
    const char *value = strchr(e, '=');
    PRFileMapProtect prot;
    int fd;

    if (!value || pr_parse_export_string(value + 1, &fd, &prot) != 0 ||
        !pr_is_exported(fd, prot))
        return PR_SUCCESS;
    return plan_place(plan, fd, fd);
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
        if (pass_exported(plan, src[i]) != PR_SUCCESS)
            return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* Number for an inherited descriptor in the child: its own, unless that
 * is a stdio number, then one above everything else. */
static PROsfd child_number(PROsfd src, PROsfd *spare)
{
    return src > 2 ? src : (*spare)++;
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

static PRStatus plan_attr(struct spawn_plan *plan, const PRProcessAttr *attr)
{
    char *fds = NULL;
    PROsfd spare = 3;
    PRStatus rc = PR_SUCCESS;
    size_t i;
    int s;

    for (i = 0; i < attr->ninherit; i++)
        if (attr->inherit[i].osfd >= spare)
            spare = attr->inherit[i].osfd + 1;
    for (s = 0; s < 3 && rc == PR_SUCCESS; s++)
        if (attr->stdio[s])
            rc = plan_place(plan, attr->stdio[s]->osfd, s);
    for (i = 0; i < attr->ninherit && rc == PR_SUCCESS; i++) {
        const struct pr_inherit *in = &attr->inherit[i];
        PROsfd dst = child_number(in->osfd, &spare);

        rc = plan_place(plan, in->osfd, dst);
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

/* PRSHM_INHERITED_FDS: every descriptor above stdio the child gets. */
static PRStatus plan_inherited_list(struct spawn_plan *plan)
{
    char *list = NULL, *s;
    size_t i;

    for (i = 0; i < plan->n; i++) {
        if (plan->p[i].dst <= 2)
            continue;
        s = list ? PR_smprintf("%s,%d", list, (int)plan->p[i].dst)
                 : PR_smprintf("%s=%d", PR_INHERITED_LIST_VAR, (int)plan->p[i].dst);
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
    if (plan_base_env(plan, envp, attr) != PR_SUCCESS ||
        (attr && plan_attr(plan, attr) != PR_SUCCESS) ||
        plan_inherited_list(plan) != PR_SUCCESS) {
        free_plan(plan);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/* File actions: copy every source above all numbers in use, then move
 * each copy to its place, then close the copies. */
static int add_actions(posix_spawn_file_actions_t *fa,
                       const struct spawn_plan *plan, const char *cwd)
{
    PROsfd high = 3;
    size_t i;
    int rc = 0;

    for (i = 0; i < plan->n; i++) {
        if (plan->p[i].src >= high)
            high = plan->p[i].src + 1;
        if (plan->p[i].dst >= high)
            high = plan->p[i].dst + 1;
    }
    for (i = 0; i < plan->n && rc == 0; i++)
        rc = posix_spawn_file_actions_adddup2(fa, plan->p[i].src,
                                              high + (PROsfd)i);
    for (i = 0; i < plan->n && rc == 0; i++)
        rc = posix_spawn_file_actions_adddup2(fa, high + (PROsfd)i,
                                              plan->p[i].dst);
    for (i = 0; i < plan->n && rc == 0; i++)
        rc = posix_spawn_file_actions_addclose(fa, high + (PROsfd)i);
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
    if (exitCode)
        *exitCode = WIFEXITED(status) ? WEXITSTATUS(status)
                                      : 128 + WTERMSIG(status);
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
