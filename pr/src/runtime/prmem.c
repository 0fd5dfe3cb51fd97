/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prmem.c -- the heap, with NSPR's error on failure.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "prrt.h"
#include "prmem.h"

PR_IMPLEMENT(void *) PR_Malloc(PRUint32 size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
    return p;
}

PR_IMPLEMENT(void *) PR_Calloc(PRUint32 nelem, PRUint32 elsize)
{
    void *p;

    if (nelem == 0 || elsize == 0)
        nelem = elsize = 1;
    p = calloc(nelem, elsize);
    if (!p)
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
    return p;
}

PR_IMPLEMENT(void *) PR_Realloc(void *ptr, PRUint32 size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        PR_SetError(PR_OUT_OF_MEMORY_ERROR, ENOMEM);
    return p;
}

PR_IMPLEMENT(void) PR_Free(void *ptr)
{
    free(ptr);
}
