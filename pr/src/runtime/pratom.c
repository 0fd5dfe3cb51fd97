/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * pratom.c -- NSPR's atomic operations on the compiler's atomics
 * (sequentially consistent, lock-free on every target prshm builds for,
 * so valid on memory shared between processes), and PRStack behind a
 * mutex.
 */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include "pratom.h"
#include "prmem.h"
#include "prrt.h"

PR_IMPLEMENT(PRInt32) PR_AtomicIncrement(PRInt32 *val)
{
    return __atomic_add_fetch(val, 1, __ATOMIC_SEQ_CST);
}

PR_IMPLEMENT(PRInt32) PR_AtomicDecrement(PRInt32 *val)
{
    return __atomic_sub_fetch(val, 1, __ATOMIC_SEQ_CST);
}

PR_IMPLEMENT(PRInt32) PR_AtomicSet(PRInt32 *val, PRInt32 newval)
{
    return __atomic_exchange_n(val, newval, __ATOMIC_SEQ_CST);
}

PR_IMPLEMENT(PRInt32) PR_AtomicAdd(PRInt32 *ptr, PRInt32 val)
{
    return __atomic_add_fetch(ptr, val, __ATOMIC_SEQ_CST);
}

struct PRStackStr {
    pthread_mutex_t lock;
    PRStackElem head; /* head.prstk_elem_next is the top */
    char *name;
};

PR_IMPLEMENT(PRStack *) PR_CreateStack(const char *stack_name)
{
    PRStack *stack;
    size_t len;

    if (!stack_name) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return NULL;
    }
    len = strlen(stack_name) + 1;
    stack = len > PR_UINT32_MAX ? NULL : PR_NEWZAP(PRStack);
    if (!stack)
        return NULL;
    stack->name = PR_Malloc((PRUint32)len);
    if (!stack->name) {
        PR_Free(stack);
        return NULL;
    }
    memcpy(stack->name, stack_name, len);
    pthread_mutex_init(&stack->lock, NULL);
    return stack;
}

PR_IMPLEMENT(void) PR_StackPush(PRStack *stack, PRStackElem *stack_elem)
{
    if (!stack || !stack_elem)
        return;
    pthread_mutex_lock(&stack->lock);
    stack_elem->prstk_elem_next = stack->head.prstk_elem_next;
    stack->head.prstk_elem_next = stack_elem;
    pthread_mutex_unlock(&stack->lock);
}

PR_IMPLEMENT(PRStackElem *) PR_StackPop(PRStack *stack)
{
    PRStackElem *top;

    if (!stack)
        return NULL;
    pthread_mutex_lock(&stack->lock);
    top = stack->head.prstk_elem_next;
    if (top) {
        stack->head.prstk_elem_next = top->prstk_elem_next;
        top->prstk_elem_next = NULL;
    }
    pthread_mutex_unlock(&stack->lock);
    return top;
}

PR_IMPLEMENT(PRStatus) PR_DestroyStack(PRStack *stack)
{
    if (!stack) {
        PR_SetError(PR_INVALID_ARGUMENT_ERROR, 0);
        return PR_FAILURE;
    }
    if (stack->head.prstk_elem_next) {
        PR_SetError(PR_INVALID_STATE_ERROR, 0);
        return PR_FAILURE;
    }
    pthread_mutex_destroy(&stack->lock);
    PR_Free(stack->name);
    PR_Free(stack);
    return PR_SUCCESS;
}
