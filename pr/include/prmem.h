/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prmem.h -- heap memory.  PR_Malloc and friends wrap the C library's
 * allocator and set PR_OUT_OF_MEMORY_ERROR when it fails; memory from
 * any of them is released with PR_Free (or free()).
 */
#ifndef prmem_h___
#define prmem_h___

#include <stdlib.h>
#include "prtypes.h"

PR_BEGIN_EXTERN_C

/* size bytes, uninitialised; a zero size gives a unique pointer.
 * NULL with PR_OUT_OF_MEMORY_ERROR on failure. */
NSPR_API(void *) PR_Malloc(PRUint32 size);

/* nelem * elsize zeroed bytes.  NULL with PR_OUT_OF_MEMORY_ERROR. */
NSPR_API(void *) PR_Calloc(PRUint32 nelem, PRUint32 elsize);

/* Resize as realloc(); ptr may be NULL.  On failure ptr is untouched
 * and NULL is returned with PR_OUT_OF_MEMORY_ERROR. */
NSPR_API(void *) PR_Realloc(void *ptr, PRUint32 size);

/* Release memory from the calls above; NULL is ignored. */
NSPR_API(void) PR_Free(void *ptr);

#define PR_MALLOC(_bytes) (PR_Malloc((_bytes)))
#define PR_NEW(_struct) ((_struct *)PR_MALLOC(sizeof(_struct)))
#define PR_REALLOC(_ptr, _size) (PR_Realloc((_ptr), (_size)))
#define PR_CALLOC(_size) (PR_Calloc(1, (_size)))
#define PR_NEWZAP(_struct) ((_struct *)PR_Calloc(1, sizeof(_struct)))
#define PR_DELETE(_ptr) { PR_Free(_ptr); (_ptr) = NULL; }
#define PR_FREEIF(_ptr) if (_ptr) PR_DELETE(_ptr)

PR_END_EXTERN_C

#endif /* prmem_h___ */
