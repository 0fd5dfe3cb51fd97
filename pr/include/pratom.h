/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pratom.h -- NSPR's atomic operations on 32-bit integers, and its stack
 * of elements, in the standalone libprshm.
 *
 * The operations are the compiler's lock-free atomics on an aligned
 * PRInt32, sequentially consistent, so they also work on memory shared
 * between processes (a named or anonymous map): every process sees each
 * operation whole.  A PRStack holds pointers, which mean nothing in
 * another process: it is for threads of one process.
 */
#ifndef pratom_h___
#define pratom_h___

#include "prtypes.h"

PR_BEGIN_EXTERN_C

/* Add 1 to *val; the new value. */
NSPR_API(PRInt32) PR_AtomicIncrement(PRInt32 *val);

/* Subtract 1 from *val; the new value. */
NSPR_API(PRInt32) PR_AtomicDecrement(PRInt32 *val);

/* Store newval in *val; the old value. */
NSPR_API(PRInt32) PR_AtomicSet(PRInt32 *val, PRInt32 newval);

/* Add val to *ptr; the new value. */
NSPR_API(PRInt32) PR_AtomicAdd(PRInt32 *ptr, PRInt32 val);

/* The same operations, inline. */
#define PR_ATOMIC_INCREMENT(val) __sync_add_and_fetch(val, 1)
#define PR_ATOMIC_DECREMENT(val) __sync_sub_and_fetch(val, 1)
#define PR_ATOMIC_SET(val, newval) __sync_lock_test_and_set(val, newval)
#define PR_ATOMIC_ADD(ptr, val) __sync_add_and_fetch(ptr, val)

/* A stack element: embed it at the start of the caller's own struct. */
typedef struct PRStackElemStr PRStackElem;
struct PRStackElemStr {
    PRStackElem *prstk_elem_next; /* must stay at offset 0 */
};

/* Opaque. */
typedef struct PRStackStr PRStack;

/* A new empty stack (stack_name is copied).  NULL with
 * PR_OUT_OF_MEMORY_ERROR, or PR_INVALID_ARGUMENT_ERROR for a NULL name. */
NSPR_API(PRStack *) PR_CreateStack(const char *stack_name);

/* Push stack_elem (owned by the caller; it must outlive its time on the
 * stack).  Ignored for NULL arguments. */
NSPR_API(void) PR_StackPush(PRStack *stack, PRStackElem *stack_elem);

/* Pop the element pushed last; NULL when the stack is empty (or NULL). */
NSPR_API(PRStackElem *) PR_StackPop(PRStack *stack);

/* Free an empty stack.  PR_FAILURE with PR_INVALID_STATE_ERROR if it
 * still holds elements (then nothing is freed); PR_INVALID_ARGUMENT_ERROR
 * for NULL. */
NSPR_API(PRStatus) PR_DestroyStack(PRStack *stack);

PR_END_EXTERN_C

#endif /* pratom_h___ */
