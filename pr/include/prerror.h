/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prerror.h -- the per-thread error state.
 *
 * A prshm call that fails returns its failure value and records an NSPR
 * error code (prerr.h) and the operating-system errno that caused it.
 * The state belongs to the calling thread and stays until the next
 * failure; successful calls do not clear it.
 */
#ifndef prerror_h___
#define prerror_h___

#include "prtypes.h"

PR_BEGIN_EXTERN_C

typedef PRInt32 PRErrorCode;

#define PR_NSPR_ERROR_BASE -6000

#include "prerr.h"

/* Record errorCode and oserr (an errno, or 0) as this thread's error. */
NSPR_API(void) PR_SetError(PRErrorCode errorCode, PRInt32 oserr);

/*
 * Attach text to this thread's error, as NSPR does: textLength bytes of
 * text (and the NUL after them) are copied; a textLength of 0 removes the
 * text.  PR_SetError removes it too, so set the error first, then its
 * text.  Without memory for the copy the text is left as it was.
 */
NSPR_API(void) PR_SetErrorText(PRIntn textLength, const char *text);

/* The length of this thread's error text; 0 when there is none. */
NSPR_API(PRInt32) PR_GetErrorTextLength(void);

/*
 * Copy this thread's error text and its NUL into text, which must hold
 * PR_GetErrorTextLength() + 1 bytes; returns the length.  0 (and text
 * untouched) when there is none.
 */
NSPR_API(PRInt32) PR_GetErrorText(char *text);

/* This thread's last NSPR error code; 0 if none was ever set. */
NSPR_API(PRErrorCode) PR_GetError(void);

/* The errno recorded with this thread's last error; 0 if none. */
NSPR_API(PRInt32) PR_GetOSError(void);

typedef PRUint32 PRLanguageCode;
#define PR_LANGUAGE_I_DEFAULT 0
#define PR_LANGUAGE_EN 1

/*
 * English text for an NSPR error code.  Every language gives English.
 * An unknown code gives the fixed string "Unknown error code".  The
 * string is static: never free it.
 */
NSPR_API(const char *) PR_ErrorToString(PRErrorCode code,
                                        PRLanguageCode language);

/*
 * The macro name of an NSPR error code ("PR_INVALID_ARGUMENT_ERROR"),
 * or NULL for a code that is not one of NSPR's.  Static: never free it.
 */
NSPR_API(const char *) PR_ErrorToName(PRErrorCode code);

PR_END_EXTERN_C

#endif /* prerror_h___ */
