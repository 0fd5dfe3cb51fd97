/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prlong.h -- NSPR's 64-bit integer macros.  Every platform prshm runs on
 * has a native 64-bit integer, so each LL_ macro is the plain C operator.
 */
#ifndef prlong_h___
#define prlong_h___

#include "prtypes.h"

PR_BEGIN_EXTERN_C

/* The limits as functions, for callers that take their address. */
NSPR_API(PRInt64) LL_MaxInt(void);
NSPR_API(PRInt64) LL_MinInt(void);
NSPR_API(PRInt64) LL_Zero(void);
NSPR_API(PRUint64) LL_MaxUint(void);

#define LL_MAXINT PR_INT64_MAX
#define LL_MININT PR_INT64_MIN
#define LL_ZERO PR_INT64(0)
#define LL_MAXUINT PR_UINT64_MAX
#define LL_INIT(hi, lo) ((PRInt64)(((PRUint64)(hi) << 32) + (PRUint64)(lo)))

#define LL_IS_ZERO(a) ((a) == 0)
#define LL_EQ(a, b) ((a) == (b))
#define LL_NE(a, b) ((a) != (b))
#define LL_GE_ZERO(a) ((a) >= 0)
#define LL_CMP(a, op, b) ((PRInt64)(a) op (PRInt64)(b))
#define LL_UCMP(a, op, b) ((PRUint64)(a) op (PRUint64)(b))

#define LL_AND(r, a, b) ((r) = (a) & (b))
#define LL_OR(r, a, b) ((r) = (a) | (b))
#define LL_XOR(r, a, b) ((r) = (a) ^ (b))
#define LL_OR2(r, a) ((r) = (r) | (a))
#define LL_NOT(r, a) ((r) = ~(a))

#define LL_NEG(r, a) ((r) = -(a))
#define LL_ADD(r, a, b) ((r) = (a) + (b))
#define LL_SUB(r, a, b) ((r) = (a) - (b))
#define LL_MUL(r, a, b) ((r) = (a) * (b))
#define LL_DIV(r, a, b) ((r) = (a) / (b))
#define LL_MOD(r, a, b) ((r) = (a) % (b))

#define LL_SHL(r, a, b) ((r) = (PRInt64)(a) << (b))
#define LL_SHR(r, a, b) ((r) = (PRInt64)(a) >> (b))
#define LL_USHR(r, a, b) ((r) = (PRUint64)(a) >> (b))
#define LL_ISHL(r, a, b) ((r) = (PRInt64)(a) << (b))

#define LL_L2I(i, l) ((i) = (PRInt32)(l))
#define LL_L2UI(ui, l) ((ui) = (PRUint32)(l))
#define LL_L2F(f, l) ((f) = (PRFloat64)(l))
#define LL_L2D(d, l) ((d) = (PRFloat64)(l))
#define LL_I2L(l, i) ((l) = (PRInt64)(i))
#define LL_UI2L(l, ui) ((l) = (PRInt64)(ui))
#define LL_F2L(l, f) ((l) = (PRInt64)(f))
#define LL_D2L(l, d) ((l) = (PRInt64)(d))

#define LL_UDIVMOD(qp, rp, a, b)                    \
    (*(qp) = ((PRUint64)(a) / (b)),                 \
     *(rp) = ((PRUint64)(a) % (b)))

PR_END_EXTERN_C

#endif /* prlong_h___ */
