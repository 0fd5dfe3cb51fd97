/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prlog.h -- NSPR's logging.
 *
 * A program declares modules with PR_NewLogModule and logs with PR_LOG.
 * Levels come from the environment when the first module is created:
 *
 *   NSPR_LOG_MODULES="name:level,name:level,..."   (also ';' or ' ')
 *       a level is 0..5 (PR_LOG_NONE..PR_LOG_DEBUG; 5 counts as 4);
 *       the name "all" sets every module; "timestamp" prefixes each
 *       line with the UTC time; "sync" and "bufsize:N" are accepted.
 *       "append" appends to NSPR_LOG_FILE instead of truncating it.
 *   NSPR_LOG_FILE=path   the log file; default stderr.
 *
 * As in NSPR, PR_LOG and PR_LOG_TEST compile to nothing unless DEBUG or
 * FORCE_PR_LOG is defined, and PR_ASSERT / PR_NOT_REACHED only when
 * DEBUG or FORCE_PR_ASSERT is defined.
 */
#ifndef prlog_h___
#define prlog_h___

#include "prtypes.h"

PR_BEGIN_EXTERN_C

typedef enum PRLogModuleLevel {
    PR_LOG_NONE = 0,
    PR_LOG_ALWAYS = 1,
    PR_LOG_ERROR = 2,
    PR_LOG_WARNING = 3,
    PR_LOG_DEBUG = 4,
    PR_LOG_NOTICE = PR_LOG_DEBUG,
    PR_LOG_WARN = PR_LOG_WARNING,
    PR_LOG_MIN = PR_LOG_DEBUG,
    PR_LOG_MAX = PR_LOG_DEBUG
} PRLogModuleLevel;

/* One module.  Callers read level; name and next belong to prshm. */
typedef struct PRLogModuleInfo {
    const char *name;
    PRLogModuleLevel level;
    struct PRLogModuleInfo *next;
} PRLogModuleInfo;

/*
 * Create a module named name (copied), with its level from
 * NSPR_LOG_MODULES or PR_LOG_NONE.  Modules live until the process
 * exits.  NULL for a NULL or empty name (PR_INVALID_ARGUMENT_ERROR) or
 * no memory (PR_OUT_OF_MEMORY_ERROR).
 */
NSPR_API(PRLogModuleInfo *) PR_NewLogModule(const char *name);

/* Send the log to the file name (truncated unless NSPR_LOG_MODULES says
 * "append"), or to stderr for NULL.
 * PR_FALSE if the file cannot be opened; the old destination stays. */
NSPR_API(PRBool) PR_SetLogFile(const char *name);

/* Accepted for compatibility; prshm writes each line at once. */
NSPR_API(void) PR_SetLogBuffering(PRIntn buffer_size);

/* Format with PR_vsnprintf's rules and write one line to the log,
 * prefixed with the thread identity; a newline is added if missing. */
NSPR_API(void) PR_LogPrint(const char *fmt, ...);

/* Flush the log file. */
NSPR_API(void) PR_LogFlush(void);

/* Report a failed assertion to the log and stderr, then abort(). */
NSPR_API(void) PR_Assert(const char *s, const char *file, PRIntn ln)
    PR_PRETEND_NORETURN;

#if defined(DEBUG) || defined(FORCE_PR_LOG)
#define PR_LOGGING 1
#define PR_LOG_TEST(_module, _level) ((_module)->level >= (_level))
#define PR_LOG(_module, _level, _args)   \
    PR_BEGIN_MACRO                       \
        if (PR_LOG_TEST(_module, _level)) { \
            PR_LogPrint _args;           \
        }                                \
    PR_END_MACRO
#else
#undef PR_LOGGING
#define PR_LOG_TEST(module, level) 0
#define PR_LOG(module, level, args)
#endif

/* NSPR 1.0's names, unless the program asks for none. */
#ifndef NO_NSPR_10_SUPPORT
#ifdef PR_LOGGING
#define PR_LOG_BEGIN PR_LOG
#define PR_LOG_END PR_LOG
#define PR_LOG_DEFINE PR_NewLogModule
#else
#define PR_LOG_BEGIN(module, level, args)
#define PR_LOG_END(module, level, args)
#define PR_LOG_DEFINE(_name) NULL
#endif
#endif

#if defined(DEBUG) || defined(FORCE_PR_ASSERT)
#define PR_ASSERT(_expr) \
    ((_expr) ? ((void)0) : PR_Assert(#_expr, __FILE__, __LINE__))
#define PR_ASSERT_ARG(_expr) PR_ASSERT(_expr)
#define PR_NOT_REACHED(_reasonStr) PR_Assert(_reasonStr, __FILE__, __LINE__)
#else
#define PR_ASSERT(expr) ((void)0)
#define PR_ASSERT_ARG(expr) ((void)(0 && (expr)))
#define PR_NOT_REACHED(reasonStr)
#endif

PR_END_EXTERN_C

#endif /* prlog_h___ */
