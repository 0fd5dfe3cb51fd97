/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshmsec.c -- prshm's extensions (prshmsec.h).
 */
#include "config.h"

#include "md/prshm_md.h"
#include "primpl.h"
#include "prshmsec.h"

PR_IMPLEMENT(const char *) PR_GetAnonFileMapBackend(void)
{
    const struct pr_shm_backend *b = pr_shm_current();

    return b ? b->name : NULL;
}
