/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prprf.h -- NSPR's printf family.
 *
 * Conversions: %d %i %u %o %x %X %c %s %p %e %E %f %F %g %G %% with the
 * usual flags (- + space # 0), width and precision (numbers or *).
 * Integer sizes follow NSPR, not C:
 *   (none) int         %h  PRInt16/PRUint16    %l  PRInt32/PRUint32
 *   %ll, %L, %q  PRInt64/PRUint64               %z  PRSize / ptrdiff
 * %s with NULL prints "(null)".  Not supported (the whole call fails):
 * NSPR's positional %1$d arguments, %S (UTF-16) and %n; any other
 * unknown conversion also fails.  A failure returns (PRUint32)-1 or NULL
 * with PR_INVALID_ARGUMENT_ERROR (PR_OUT_OF_MEMORY_ERROR for memory).
 */
#ifndef prprf_h___
#define prprf_h___

#include <stdarg.h>
#include <stdio.h>
#include "prtypes.h"
#include "prio.h"

PR_BEGIN_EXTERN_C

/*
 * Format into out[outlen], always NUL-terminated when outlen > 0,
 * truncating what does not fit.  Returns the number of bytes stored,
 * not counting the NUL (so a truncated result returns outlen - 1), 0 when
 * outlen is 0, or (PRUint32)-1 on a bad format or NULL out/fmt.
 */
NSPR_API(PRUint32) PR_snprintf(char *out, PRUint32 outlen, const char *fmt,
                               ...);
NSPR_API(PRUint32) PR_vsnprintf(char *out, PRUint32 outlen, const char *fmt,
                                va_list ap);

/* Format into a new PR_Malloc'd string, released with PR_smprintf_free.
 * NULL on a bad format or no memory. */
NSPR_API(char *) PR_smprintf(const char *fmt, ...);
NSPR_API(char *) PR_vsmprintf(const char *fmt, va_list ap);
NSPR_API(void) PR_smprintf_free(char *mem);

/* Format and PR_Write to fd.  Returns the bytes written or (PRUint32)-1
 * (PR_INVALID_ARGUMENT_ERROR for a NULL fd or bad format; the write's
 * error otherwise). */
NSPR_API(PRUint32) PR_fprintf(struct PRFileDesc *fd, const char *fmt, ...);
NSPR_API(PRUint32) PR_vfprintf(struct PRFileDesc *fd, const char *fmt,
                               va_list ap);

PR_END_EXTERN_C

#endif /* prprf_h___ */
