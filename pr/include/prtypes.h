/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prtypes.h -- prshm's basic types, with the names and widths of NSPR 4.35.
 *
 * Every integer type has the exact C type NSPR gives it on the same
 * platform, so a prototype written against NSPR's headers links against
 * prshm without a cast.
 */
#ifndef prtypes_h___
#define prtypes_h___

#include "prcpucfg.h"

#include <limits.h>
#include <stddef.h>

/* ---- linkage ---------------------------------------------------------- */
#if defined(__GNUC__) && __GNUC__ >= 4
#define PR_VISIBILITY_DEFAULT __attribute__((visibility("default")))
#else
#define PR_VISIBILITY_DEFAULT
#endif

#define PR_EXPORT(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_EXPORT_DATA(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_IMPORT(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_IMPORT_DATA(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_EXTERN(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_IMPLEMENT(__type) PR_VISIBILITY_DEFAULT __type
#define PR_EXTERN_DATA(__type) extern PR_VISIBILITY_DEFAULT __type
#define PR_IMPLEMENT_DATA(__type) PR_VISIBILITY_DEFAULT __type
#define PR_CALLBACK
#define PR_CALLBACK_DECL
#define PR_STATIC_CALLBACK(__x) static __x

/*
 * NSPR_API marks every public function of prshm.  The compatibility test
 * (pr/tests/compat) defines PRSHM_API_SCAN to find each declaration.
 */
#ifdef PRSHM_API_SCAN
#define NSPR_API(__type) __prshm_api__ __type
#define PRSHM_API(__type) __prshm_ext__ __type
#else
#define NSPR_API(__type) PR_EXTERN(__type)
#define PRSHM_API(__type) PR_EXTERN(__type)
#endif
#define NSPR_DATA_API(__type) PR_EXTERN_DATA(__type)

#define PR_BEGIN_MACRO do {
#define PR_END_MACRO } while (0)

/* Older spellings NSPR keeps. */
#define PR_PUBLIC_API PR_IMPLEMENT
#define NSPR_BEGIN_MACRO do {
#define NSPR_END_MACRO } while (0)

#ifdef __cplusplus
#define PR_BEGIN_EXTERN_C extern "C" {
#define PR_END_EXTERN_C }
#else
#define PR_BEGIN_EXTERN_C
#define PR_END_EXTERN_C
#endif
#undef NSPR_BEGIN_EXTERN_C
#undef NSPR_END_EXTERN_C
#define NSPR_BEGIN_EXTERN_C PR_BEGIN_EXTERN_C
#define NSPR_END_EXTERN_C PR_END_EXTERN_C

/* ---- small helpers ---------------------------------------------------- */
#define PR_BIT(n) ((PRUint32)1 << (n))
#define PR_BITMASK(n) (PR_BIT(n) - 1)
#define PR_ROUNDUP(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define PR_MIN(x, y) ((x) < (y) ? (x) : (y))
#define PR_MAX(x, y) ((x) > (y) ? (x) : (y))
#define PR_ABS(x) ((x) < 0 ? -(x) : (x))
#define PR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

PR_BEGIN_EXTERN_C

/* ---- fixed-width integers -------------------------------------------- */
typedef unsigned char PRUint8;
typedef signed char PRInt8;
#define PR_INT8_MAX 127
#define PR_INT8_MIN (-128)
#define PR_UINT8_MAX 255U

typedef unsigned short PRUint16;
typedef short PRInt16;
#define PR_INT16_MAX 32767
#define PR_INT16_MIN (-32768)
#define PR_UINT16_MAX 65535U

#if UINT_MAX == 0xffffffffU
typedef unsigned int PRUint32;
typedef int PRInt32;
#define PR_INT32(x) x
#define PR_UINT32(x) x##U
#else
#error "prshm needs a 32-bit int"
#endif
#define PR_INT32_MAX PR_INT32(2147483647)
#define PR_INT32_MIN (-PR_INT32_MAX - 1)
#define PR_UINT32_MAX PR_UINT32(4294967295)

/* NSPR uses long where long is 64 bits, except on Apple and OpenBSD. */
#if LONG_MAX > 0x7fffffffL && !defined(__APPLE__) && !defined(__OpenBSD__)
typedef long PRInt64;
typedef unsigned long PRUint64;
#define PR_INT64(x) x##L
#define PR_UINT64(x) x##UL
#else
typedef long long PRInt64;
typedef unsigned long long PRUint64;
#define PR_INT64(x) x##LL
#define PR_UINT64(x) x##ULL
#endif
#define PR_INT64_MAX PR_INT64(0x7fffffffffffffff)
#define PR_INT64_MIN (-PR_INT64_MAX - 1)
#define PR_UINT64_MAX PR_UINT64(-1)

typedef int PRIntn;
typedef unsigned int PRUintn;

typedef double PRFloat64;
typedef size_t PRSize;
typedef PRInt32 PROffset32;
typedef PRInt64 PROffset64;
typedef ptrdiff_t PRPtrdiff;
typedef unsigned long PRUptrdiff;

/* ---- truth and status ------------------------------------------------- */
typedef PRIntn PRBool;
#define PR_TRUE 1
#define PR_FALSE 0
typedef PRUint8 PRPackedBool;

/* Most calls return PR_SUCCESS, or PR_FAILURE with the reason in
 * PR_GetError(). */
typedef enum { PR_FAILURE = -1, PR_SUCCESS = 0 } PRStatus;

#ifndef __PRUNICHAR__
#define __PRUNICHAR__
typedef PRUint16 PRUnichar;
#endif

typedef long PRWord;
typedef unsigned long PRUword;

#define PR_PRETEND_NORETURN

#define PR_STATIC_ASSERT(condition) \
    extern void pr_static_assert(int arg[(condition) ? 1 : -1])

PR_END_EXTERN_C

#endif /* prtypes_h___ */
