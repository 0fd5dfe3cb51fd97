/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshma.c -- anonymous maps: create, export, import.  The backend only
 * makes an empty object; sizing and checks are done here, once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prcore.h"
#include "prenv.h"
#include "prlog.h"
#include "prmem.h"
#include "prprf.h"
#include "prshm_md.h"
#include "prshma.h"
#include "prshmsec.h"

/* Whether a size can be a file offset (off_t is 64-bit: AC_SYS_LARGEFILE).
 * A function, so 32-bit hosts compare without an always-false warning. */
static PRBool fits_file_offset(PRUint64 v)
{
    return v <= (PRUint64)PR_INT64_MAX;
}

PR_IMPLEMENT(PRFileMap *) PR_OpenAnonFileMap(const char *dirName,
                                             PRSize size,
                                             PRFileMapProtect prot)
{
    return PR_OpenAnonFileMapEx(dirName, size, prot, 0);
}

PR_IMPLEMENT(PRFileMap *) PR_OpenAnonFileMapEx(const char *dirName,
                                               PRSize size,
                                               PRFileMapProtect prot,
                                               PRUint32 flags)
{
    const struct pr_shm_backend *backend;
    PRFileMap *fm;
    int fd, err;

    /* size 0 is a map, as in NSPR: one that PR_MemMap cannot map */
    if (!fits_file_offset(size) ||
        (unsigned)prot > PR_PROT_WRITECOPY || (flags & ~PR_ANONFM_REVOCABLE)) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    fd = pr_shm_create(dirName, &backend);
    if (fd < 0)
        return NULL;
    if (ftruncate(fd, (off_t)size) != 0) {
        err = errno;
        close(fd);
        pr_set_os_error(err);
        return NULL;
    }
    fm = pr_new_file_map(fd, PR_TRUE, (PRInt64)size, prot, PR_FALSE);
    if (!fm) {
        close(fd);
        return NULL;
    }
    fm->backend = backend;
    fm->creator = PR_TRUE;
    fm->flags = flags;
    if ((flags & PR_ANONFM_REVOCABLE) && pr_make_scrub_view(fm) != PR_SUCCESS) {
        PRErrorCode code = PR_GetError();
        PRInt32 os = PR_GetOSError();

        PR_CloseFileMap(fm);
        PR_SetError(code, os);
        return NULL;
    }
    return fm;
}

/* Serialize "<fd>:<prot>"; PR_BUFFER_OVERFLOW_ERROR when it does not fit. */
static PRStatus pr_export_string(PROsfd osfd, PRFileMapProtect prot,
                                 PRSize bufsize, char *buf)
{
    char tmp[PR_FILEMAP_STRING_BUFSIZE];
    int n = snprintf(tmp, sizeof(tmp), "%d:%d", (int)osfd, (int)prot);

    if (n < 0 || (PRSize)n >= bufsize) {
        PR_SetError(PR_BUFFER_OVERFLOW_ERROR, 0);
        return PR_FAILURE;
    }
    memcpy(buf, tmp, (size_t)n + 1);
    return PR_SUCCESS;
}

/*
 * The entries of this process's environment that hold the export string
 * str as a token already (NULL-terminated copies, or NULL when there are
 * none or no memory).  Protocol 2 never honours them for this map: they
 * were written for an earlier map that had the same number.
 */
static char **entries_holding(const char *str)
{
    char **env = PR_DuplicateEnvironment(), **out = NULL;
    size_t i, n = 0;

    for (i = 0; env && env[i]; i++) {
        if (pr_entry_names_export(env[i], str))
            env[n++] = env[i];
        else
            PR_Free(env[i]);
    }
    if (env) {
        env[n] = NULL;
        out = n ? env : NULL;
        if (!out)
            PR_Free(env);
    }
    return out;
}

PRStatus pr_set_inheritable(PROsfd fd)
{
    int flags = fcntl(fd, F_GETFD);

    if (flags < 0 || fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) != 0) {
        pr_set_os_error(errno);
        return PR_FAILURE;
    }
    return PR_SUCCESS;
}

/*
 * PRSHM_EXPORT=inheritable makes every export of this process leave the
 * descriptor inheritable, as NSPR does, for programs that start their
 * children by their own means.  It is for the process that asked only:
 * read when the library is loaded and then removed from the environment,
 * so no program this process starts, by any means, inherits the mode
 * (and with it a leak of every map it exports).  Ignored in setuid and
 * setgid programs.  Any other value is ignored, with a log line.
 */
static pthread_once_t export_once = PTHREAD_ONCE_INIT;
static PRBool export_inheritable;
static char export_value[32]; /* what the variable held at load */

__attribute__((constructor)) static void take_export_mode(void)
{
    const char *v = getenv("PRSHM_EXPORT");

    if (!v)
        return;
    if (pr_secure_getenv("PRSHM_EXPORT"))
        (void)snprintf(export_value, sizeof(export_value), "%s", v);
    (void)unsetenv("PRSHM_EXPORT");
}

static void read_export_mode(void)
{
    if (strcmp(export_value, "inheritable") == 0)
        export_inheritable = PR_TRUE;
    else if (export_value[0])
        pr_log(PR_LOG_WARNING, "PRSHM_EXPORT=%s is not a mode; "
               "\"inheritable\" is the only one", export_value);
}

PR_IMPLEMENT(PRStatus) PR_ExportFileMapAsString(PRFileMap *fm,
                                                PRSize bufsize, char *buf)
{
    if (!fm || !buf) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (fm->revoked) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    if (pr_windowed(fm)) { /* the string cannot carry the window */
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EPERM);
        return PR_FAILURE;
    }
    if (pr_export_string(fm->osfd, fm->prot, bufsize, buf) != PR_SUCCESS)
        return PR_FAILURE;
    pthread_once(&export_once, read_export_mode);
    if (export_inheritable && pr_set_inheritable(fm->osfd) != PR_SUCCESS)
        return PR_FAILURE;
    pr_registry_export(fm, fm->exported ? NULL : entries_holding(buf));
    return PR_SUCCESS;
}

/* Read "<digits>:<0-2>" at s, up to len bytes; canonical requires the
 * form export writes (no leading zero).  0, or -1 when it is not one. */
static int parse_export(const char *s, size_t len, PRBool canonical, int *fd,
                        PRFileMapProtect *prot)
{
    long long v = 0;
    size_t i = 0;

    if (len == 0 || s[0] < '0' || s[0] > '9')
        return -1;
    if (canonical && s[0] == '0' && len > 1 && s[1] != ':')
        return -1;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i++] - '0');
        if (v > INT_MAX)
            return -1;
    }
    if (len != i + 2 || s[i] != ':' || s[i + 1] < '0' || s[i + 1] > '2')
        return -1;
    *fd = (int)v;
    *prot = (PRFileMapProtect)(s[i + 1] - '0');
    return 0;
}

int pr_parse_export_string(const char *s, int *fd, PRFileMapProtect *prot)
{
    return s ? parse_export(s, strlen(s), PR_FALSE, fd, prot) : -1;
}

static PRBool token_char(char c)
{
    return (c >= '0' && c <= '9') || c == ':';
}

int pr_next_export_token(const char *s, size_t *pos, int *fd,
                         PRFileMapProtect *prot)
{
    size_t i = *pos, start;

    while (s[i]) {
        while (s[i] && !token_char(s[i]))
            i++;
        start = i;
        while (token_char(s[i]))
            i++;
        if (i > start &&
            parse_export(s + start, i - start, PR_TRUE, fd, prot) == 0) {
            *pos = i;
            return 1;
        }
    }
    *pos = i;
    return 0;
}

PRBool pr_entry_names_export(const char *entry, const char *str)
{
    const char *value = strchr(entry, '=');
    PRFileMapProtect prot, want_prot;
    size_t pos = 0;
    int fd, want_fd;

    if (!value || pr_parse_export_string(str, &want_fd, &want_prot) != 0)
        return PR_FALSE;
    value++;
    while (pr_next_export_token(value, &pos, &fd, &prot))
        if (fd == want_fd && prot == want_prot)
            return PR_TRUE;
    return PR_FALSE;
}

/* Check the descriptor can back a map with prot; 0 or -1 (error set). */
static int check_import_fd(int fd, PRFileMapProtect prot, struct stat *st)
{
    int flags;

    if (pr_check_object_fd(fd, &flags, st) != 0)
        return -1;
    if (!pr_access_allows(flags, prot)) {
        PR_SetError(PR_NO_ACCESS_RIGHTS_ERROR, EACCES);
        return -1;
    }
    return 0;
}

/*
 * The import found the number closed: the usual cause is a parent that
 * started this process by its own means (fork+exec, posix_spawn,
 * system()) from a map exported close-on-exec.  Say so once per process,
 * on standard error: that parent needs PRSHM_EXPORT=inheritable.
 */
static void explain_closed_descriptor(const char *str, int fd)
{
    static int said; /* accessed atomically */
    char *msg;

    if (__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
        return;
    msg = PR_smprintf("prshm: cannot import \"%s\": descriptor %d is not open "
                      "in this process. A parent that starts its children "
                      "by its own means (fork and exec, posix_spawn, system) "
                      "must export with PRSHM_EXPORT=inheritable in its "
                      "environment, or use PR_CreateProcess; see "
                      "prshm-sharing(3), PRSHM_EXPORT\n", str, fd);
    if (msg) {
        (void)!write(2, msg, strlen(msg));
        PR_smprintf_free(msg);
    }
}

PR_IMPLEMENT(PRFileMap *) PR_ImportFileMapFromString(const char *fmstring)
{
    PRFileMapProtect prot;
    struct stat st;
    PRFileMap *fm;
    PROsfd own;
    int fd;

    if (pr_parse_export_string(fmstring, &fd, &prot) != 0) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    if (check_import_fd(fd, prot, &st) != 0) {
        if (PR_GetOSError() == EBADF)
            explain_closed_descriptor(fmstring, fd);
        return NULL;
    }
    own = pr_registry_adopt(fd);
    if (own < 0)
        return NULL;
    fm = pr_new_file_map(own, PR_TRUE, (PRInt64)st.st_size, prot, PR_TRUE);
    if (!fm) {
        PRFileMap undo = {0};

        undo.osfd = own;
        pr_registry_remove(&undo);
        if (own != fd)
            close(own);
    }
    return fm;
}
