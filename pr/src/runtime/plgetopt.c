/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * plgetopt.c -- the short-option parser described in plgetopt.h.
 */
#include "config.h"

#include <string.h>

#include "plgetopt.h"
#include "prrt.h"
#include "prmem.h"

struct PLOptionInternal {
    const char *options;
    PRIntn argc;
    char **argv;
    PRIntn next;        /* next argv word to look at */
    const char *group;  /* rest of the current "-abc" group, or NULL */
    PRBool only_words;  /* after "--" */
};

PR_IMPLEMENT(PLOptState *) PL_CreateOptState(PRIntn argc, char **argv,
                                             const char *options)
{
    PLOptState *opt;
    PLOptionInternal *in;

    if (argc < 0 || (argc > 0 && !argv) || !options) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    opt = PR_NEWZAP(PLOptState);
    in = PR_NEWZAP(PLOptionInternal);
    if (!opt || !in) {
        PR_Free(opt);
        PR_Free(in);
        return NULL;
    }
    in->options = options;
    in->argc = argc;
    in->argv = argv;
    in->next = 1;
    opt->internal = in;
    return opt;
}

PR_IMPLEMENT(void) PL_DestroyOptState(PLOptState *opt)
{
    if (!opt)
        return;
    PR_Free(opt->internal);
    PR_Free(opt);
}

/* The letter's entry in the option list, or NULL when unknown. */
static const char *find_option(const char *options, char c)
{
    if (c == ':' || c == '\0')
        return NULL;
    return strchr(options, c);
}

/* Return the next letter of the current group, with its value. */
static PLOptStatus next_in_group(PLOptState *opt, PLOptionInternal *in)
{
    char c = *in->group++;
    const char *spec = find_option(in->options, c);

    opt->option = c;
    opt->value = NULL;
    if (spec && spec[1] == ':') {
        if (*in->group != '\0')
            opt->value = in->group;
        else if (in->next < in->argc)
            opt->value = in->argv[in->next++];
        in->group = NULL; /* the value used up the rest of the group */
    } else if (*in->group == '\0') {
        in->group = NULL;
    }
    if (!spec || (spec[1] == ':' && !opt->value))
        return PL_OPT_BAD;
    return PL_OPT_OK;
}

PR_IMPLEMENT(PLOptStatus) PL_GetNextOpt(PLOptState *opt)
{
    PLOptionInternal *in;
    const char *word;

    if (!opt || !opt->internal) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PL_OPT_BAD;
    }
    in = opt->internal;
    if (in->group)
        return next_in_group(opt, in);
    if (in->next >= in->argc)
        return PL_OPT_EOL;
    word = in->argv[in->next++];
    if (!in->only_words && strcmp(word, "--") == 0) {
        in->only_words = PR_TRUE;
        return PL_GetNextOpt(opt);
    }
    if (in->only_words || word[0] != '-' || word[1] == '\0') {
        opt->option = 0;
        opt->value = word;
        return PL_OPT_OK;
    }
    in->group = word + 1;
    return next_in_group(opt, in);
}
