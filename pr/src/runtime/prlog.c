/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prlog.c -- log modules configured from NSPR_LOG_MODULES and written to
 * NSPR_LOG_FILE (or stderr), one write() per line.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "prrt.h"
#include "prenv.h"
#include "prlog.h"
#include "prmem.h"
#include "prprf.h"
#include "prthread.h"

struct setting {
    char name[64];
    PRLogModuleLevel level;
};

#define MAX_SETTINGS 32

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static struct setting settings[MAX_SETTINGS];
static int nsettings;
static PRBool timestamps, append_mode;
static int log_fd = -1; /* -1: logging off, as NSPR until configured */
static PRLogModuleInfo *modules;

static PRLogModuleLevel clamp_level(long n)
{
    if (n < 0)
        return PR_LOG_NONE;
    return n > PR_LOG_DEBUG ? PR_LOG_DEBUG : (PRLogModuleLevel)n;
}

/* Record one "name[:level]" entry of NSPR_LOG_MODULES. */
static void parse_entry(const char *entry, size_t len)
{
    const char *colon = memchr(entry, ':', len);
    size_t namelen = colon ? (size_t)(colon - entry) : len;
    long level = PR_LOG_DEBUG;

    if (namelen == 0 || namelen >= sizeof(settings[0].name))
        return;
    if (colon)
        level = strtol(colon + 1, NULL, 10);
    if (namelen == 9 && memcmp(entry, "timestamp", 9) == 0) {
        timestamps = PR_TRUE;
        return;
    }
    if (namelen == 6 && memcmp(entry, "append", 6) == 0) {
        append_mode = PR_TRUE;
        return;
    }
    if ((namelen == 4 && memcmp(entry, "sync", 4) == 0) ||
        (namelen == 7 && memcmp(entry, "bufsize", 7) == 0))
        return;
    if (nsettings == MAX_SETTINGS)
        return;
    memcpy(settings[nsettings].name, entry, namelen);
    settings[nsettings].name[namelen] = '\0';
    settings[nsettings].level = clamp_level(level);
    nsettings++;
}

static int open_log(const char *name)
{
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;

    flags |= append_mode ? O_APPEND : O_TRUNC;
    return open(name, flags, 0644);
}

void pr_log_parse_modules(const char *spec)
{
    while (spec && *spec) {
        size_t len = strcspn(spec, ",; ");

        if (len)
            parse_entry(spec, len);
        spec += len;
        spec += strspn(spec, ",; ");
    }
}

/* As NSPR: nothing is written unless NSPR_LOG_MODULES is set (then to
 * NSPR_LOG_FILE, else standard error) or PR_SetLogFile names a file. */
static void log_init(void)
{
    const char *modules_env = PR_GetEnvSecure("NSPR_LOG_MODULES");
    const char *file = PR_GetEnvSecure("NSPR_LOG_FILE");
    int fd = 2;

    if (!modules_env || !*modules_env)
        return;
    pr_log_parse_modules(modules_env);
    if (file && *file && (fd = open_log(file)) < 0)
        fd = 2;
    __atomic_store_n(&log_fd, fd, __ATOMIC_RELEASE);
}

static PRLogModuleLevel configured_level(const char *name)
{
    PRLogModuleLevel level = PR_LOG_NONE;
    int i;

    for (i = 0; i < nsettings; i++) {
        if (strcmp(settings[i].name, name) == 0 ||
            strcmp(settings[i].name, "all") == 0)
            level = settings[i].level;
    }
    return level;
}

PR_IMPLEMENT(PRLogModuleInfo *) PR_NewLogModule(const char *name)
{
    PRLogModuleInfo *m;
    char *copy;
    size_t len;

    if (!name || !*name) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    pthread_once(&log_once, log_init);
    len = strlen(name) + 1;
    m = len > PR_UINT32_MAX ? NULL : PR_NEWZAP(PRLogModuleInfo);
    copy = m ? PR_Malloc((PRUint32)len) : NULL;
    if (!copy) {
        PR_Free(m);
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
        return NULL;
    }
    memcpy(copy, name, len);
    m->name = copy;
    pthread_mutex_lock(&log_lock);
    m->level = configured_level(copy);
    m->next = modules;
    modules = m;
    pthread_mutex_unlock(&log_lock);
    return m;
}

PR_IMPLEMENT(PRBool) PR_SetLogFile(const char *name)
{
    int fd = 2, old;

    pthread_once(&log_once, log_init);
    if (name) {
        fd = open_log(name);
        if (fd < 0) {
            pr_set_os_error(errno);
            return PR_FALSE;
        }
    }
    pthread_mutex_lock(&log_lock);
    old = log_fd;
    __atomic_store_n(&log_fd, fd, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&log_lock);
    if (old > 2)
        close(old);
    return PR_TRUE;
}

PR_IMPLEMENT(void) PR_SetLogBuffering(PRIntn buffer_size)
{
    (void)buffer_size;
}

static void write_line(const char *line, size_t len)
{
    pthread_mutex_lock(&log_lock);
    while (log_fd >= 0 && len > 0) {
        ssize_t n = write(log_fd, line, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        line += n;
        len -= (size_t)n;
    }
    pthread_mutex_unlock(&log_lock);
}

static void log_vprint(const char *fmt, va_list ap)
{
    char prefix[96] = "", *msg, *line;
    size_t len;

    pthread_once(&log_once, log_init);
    if (__atomic_load_n(&log_fd, __ATOMIC_ACQUIRE) < 0)
        return; /* logging was never enabled */
    if (timestamps) {
        struct timespec ts;
        struct tm tm;

        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        (void)strftime(prefix, 32, "%Y-%m-%d %H:%M:%S", &tm);
        PR_snprintf(prefix + strlen(prefix), 16, ".%06ld UTC - ",
                    (long)(ts.tv_nsec / 1000));
    }
    msg = PR_vsmprintf(fmt, ap);
    if (!msg)
        return;
    len = strlen(msg);
    line = PR_smprintf("%s%d[%p]: %s%s", prefix, (int)getpid(),
                       (void *)PR_GetCurrentThread(), msg,
                       len && msg[len - 1] == '\n' ? "" : "\n");
    PR_smprintf_free(msg);
    if (!line)
        return;
    write_line(line, strlen(line));
    PR_smprintf_free(line);
}

PR_IMPLEMENT(void) PR_LogPrint(const char *fmt, ...)
{
    va_list ap;

    if (!fmt)
        return;
    va_start(ap, fmt);
    log_vprint(fmt, ap);
    va_end(ap);
}

PR_IMPLEMENT(void) PR_LogFlush(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_fd > 2)
        fsync(log_fd);
    pthread_mutex_unlock(&log_lock);
}

PR_IMPLEMENT(void) PR_Assert(const char *s, const char *file, PRIntn ln)
{
    PR_LogPrint("Assertion failure: %s, at %s:%d", s ? s : "(null)",
                file ? file : "(null)", (int)ln);
    (void)fprintf(stderr, "Assertion failure: %s, at %s:%d\n",
                  s ? s : "(null)", file ? file : "(null)", (int)ln);
    (void)fflush(stderr);
    abort();
}

__attribute__((constructor)) static void log_fork_init(void)
{
    pr_lock_across_fork(&log_lock);
}
