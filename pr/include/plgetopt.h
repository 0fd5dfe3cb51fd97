/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * plgetopt.h -- NSPR's command-line option parser.
 *
 * options lists the option letters; a letter followed by ':' takes a
 * value, given either in the same word ("-ofile") or as the next word
 * ("-o file").  Letters may be grouped ("-ab").  Each PL_GetNextOpt call
 * returns:
 *   PL_OPT_OK   with opt->option the letter and opt->value its value (or
 *               NULL); for a word that is not an option, opt->option is
 *               0 and opt->value is the word;
 *   PL_OPT_EOL  when every word has been returned;
 *   PL_OPT_BAD  for an unknown letter or a missing value (opt->option is
 *               the letter).  Parsing continues with the next word.
 * A word "--" ends the options: every later word is returned as a
 * non-option.  "-" alone is a non-option word.
 */
#if !defined(PLGETOPT_H_)
#define PLGETOPT_H_

#include "prtypes.h"

PR_BEGIN_EXTERN_C

typedef struct PLOptionInternal PLOptionInternal;

typedef enum {
    PL_OPT_OK,
    PL_OPT_EOL,
    PL_OPT_BAD
} PLOptStatus;

typedef struct PLOptState {
    char option;                /* the letter found, or 0 */
    const char *value;          /* its value, or NULL */
    PLOptionInternal *internal; /* private to the parser */
    PRIntn longOption;          /* unused by prshm (no long options) */
    PRIntn longOptIndex;        /* unused by prshm */
} PLOptState;

/*
 * Start parsing argv[1..argc-1] against options.  argv and options must
 * outlive the state.  NULL with PR_INVALID_ARGUMENT_ERROR for argc < 0,
 * a NULL argv (with argc > 0) or NULL options; PR_OUT_OF_MEMORY_ERROR.
 */
NSPR_API(PLOptState *) PL_CreateOptState(PRIntn argc, char **argv,
                                          const char *options);

/* Release a state; NULL is ignored. */
NSPR_API(void) PL_DestroyOptState(PLOptState *opt);

/* The next option (see above).  A NULL opt gives PL_OPT_BAD with
 * PR_INVALID_ARGUMENT_ERROR. */
NSPR_API(PLOptStatus) PL_GetNextOpt(PLOptState *opt);

PR_END_EXTERN_C

#endif /* !defined(PLGETOPT_H_) */
