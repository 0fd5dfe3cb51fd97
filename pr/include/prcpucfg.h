/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prcpucfg.h -- what NSPR's prcpucfg.h tells a program about the machine
 * it is built for: XP_UNIX and the OS macro, byte order, IS_64, the size,
 * bit width and alignment of each basic type, and NSPR 1.0's short names
 * for them.  prtypes.h includes it, as NSPR's does.
 *
 * The values are worked out from the compiler's own predefined macros,
 * not listed per machine; alignments follow NSPR's table, which gives
 * 64-bit types an alignment of 4 on i386, 32-bit ARM, 31-bit s390 and a
 * few other 32-bit machines, and of 8 elsewhere.
 * pr/tests/compat/check-compat-macros.sh compares every value with
 * NSPR's for the machine being built for.
 */
#ifndef nspr_cpucfg___
#define nspr_cpucfg___

#ifndef XP_UNIX
#define XP_UNIX
#endif

#if defined(__linux__) && !defined(LINUX)
#define LINUX
#elif defined(__FreeBSD__) && !defined(FREEBSD)
#define FREEBSD
#elif defined(__NetBSD__) && !defined(NETBSD)
#define NETBSD
#elif defined(__OpenBSD__) && !defined(OPENBSD)
#define OPENBSD
#elif defined(__APPLE__) && !defined(DARWIN)
#define DARWIN
#endif

/* AF_INET6 of the system, for PRNetAddr users */
#if defined(__FreeBSD__) || defined(__FreeBSD_kernel__)
#define PR_AF_INET6 28
#elif defined(__APPLE__)
#define PR_AF_INET6 30
#elif defined(__OpenBSD__) || defined(__NetBSD__)
#define PR_AF_INET6 24
#elif defined(__GNU__)
#define PR_AF_INET6 26
#else
#define PR_AF_INET6 10
#endif

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#undef IS_LITTLE_ENDIAN
#define IS_BIG_ENDIAN 1
#else
#undef IS_BIG_ENDIAN
#define IS_LITTLE_ENDIAN 1
#endif

#if __SIZEOF_POINTER__ == 8
#define IS_64
#endif

#define PR_BYTES_PER_BYTE 1
#define PR_BYTES_PER_SHORT 2
#define PR_BYTES_PER_INT 4
#define PR_BYTES_PER_INT64 8
#define PR_BYTES_PER_FLOAT 4
#define PR_BYTES_PER_DOUBLE 8
#define PR_BYTES_PER_DWORD 8

#define PR_BITS_PER_BYTE 8
#define PR_BITS_PER_SHORT 16
#define PR_BITS_PER_INT 32
#define PR_BITS_PER_INT64 64
#define PR_BITS_PER_FLOAT 32
#define PR_BITS_PER_DOUBLE 64

#define PR_BITS_PER_BYTE_LOG2 3
#define PR_BITS_PER_SHORT_LOG2 4
#define PR_BITS_PER_INT_LOG2 5
#define PR_BITS_PER_INT64_LOG2 6
#define PR_BITS_PER_FLOAT_LOG2 5
#define PR_BITS_PER_DOUBLE_LOG2 6

#define PR_ALIGN_OF_SHORT 2
#define PR_ALIGN_OF_INT 4
#define PR_ALIGN_OF_FLOAT 4
#define PR_BYTES_PER_DWORD_LOG2 3

/* long, word and pointer: the machine's word */
#if __SIZEOF_LONG__ == 8
#define PR_BYTES_PER_LONG 8
#define PR_BYTES_PER_WORD 8
#define PR_BITS_PER_LONG 64
#define PR_BITS_PER_WORD 64
#define PR_BITS_PER_LONG_LOG2 6
#define PR_BITS_PER_WORD_LOG2 6
#define PR_ALIGN_OF_LONG 8
#define PR_ALIGN_OF_WORD 8
#define PR_BYTES_PER_WORD_LOG2 3
#else
#define PR_BYTES_PER_LONG 4
#define PR_BYTES_PER_WORD 4
#define PR_BITS_PER_LONG 32
#define PR_BITS_PER_WORD 32
#define PR_BITS_PER_LONG_LOG2 5
#define PR_BITS_PER_WORD_LOG2 5
#define PR_ALIGN_OF_LONG 4
#define PR_ALIGN_OF_WORD 4
#define PR_BYTES_PER_WORD_LOG2 2
#endif
#define PR_ALIGN_OF_POINTER __SIZEOF_POINTER__

/* 64-bit types and double */
#if __SIZEOF_POINTER__ == 4 &&                                              \
    (defined(__i386__) || defined(__arm__) ||                               \
     (defined(__s390__) && !defined(__s390x__)) || defined(__sh__) ||       \
     defined(__arc__) || defined(__or1k__) || defined(__nios2__) ||         \
     defined(__microblaze__) || defined(__m32r__) || defined(__avr32__))
#define PR_ALIGN_OF_INT64 4
#define PR_ALIGN_OF_DOUBLE 4
#else
#define PR_ALIGN_OF_INT64 8
#define PR_ALIGN_OF_DOUBLE 8
#endif

#ifndef HAVE_LONG_LONG
#define HAVE_LONG_LONG
#endif
#if PR_ALIGN_OF_DOUBLE == 8
#define HAVE_ALIGNED_DOUBLES
#endif
#if PR_ALIGN_OF_INT64 == 8
#define HAVE_ALIGNED_LONGLONGS
#endif

/* NSPR 1.0's names, unless the program asks for none */
#ifndef NO_NSPR_10_SUPPORT
#define BYTES_PER_BYTE PR_BYTES_PER_BYTE
#define BYTES_PER_SHORT PR_BYTES_PER_SHORT
#define BYTES_PER_INT PR_BYTES_PER_INT
#define BYTES_PER_INT64 PR_BYTES_PER_INT64
#define BYTES_PER_LONG PR_BYTES_PER_LONG
#define BYTES_PER_FLOAT PR_BYTES_PER_FLOAT
#define BYTES_PER_DOUBLE PR_BYTES_PER_DOUBLE
#define BYTES_PER_WORD PR_BYTES_PER_WORD
#define BYTES_PER_DWORD PR_BYTES_PER_DWORD
#define BITS_PER_BYTE PR_BITS_PER_BYTE
#define BITS_PER_SHORT PR_BITS_PER_SHORT
#define BITS_PER_INT PR_BITS_PER_INT
#define BITS_PER_INT64 PR_BITS_PER_INT64
#define BITS_PER_LONG PR_BITS_PER_LONG
#define BITS_PER_FLOAT PR_BITS_PER_FLOAT
#define BITS_PER_DOUBLE PR_BITS_PER_DOUBLE
#define BITS_PER_WORD PR_BITS_PER_WORD
#define BITS_PER_BYTE_LOG2 PR_BITS_PER_BYTE_LOG2
#define BITS_PER_SHORT_LOG2 PR_BITS_PER_SHORT_LOG2
#define BITS_PER_INT_LOG2 PR_BITS_PER_INT_LOG2
#define BITS_PER_INT64_LOG2 PR_BITS_PER_INT64_LOG2
#define BITS_PER_LONG_LOG2 PR_BITS_PER_LONG_LOG2
#define BITS_PER_FLOAT_LOG2 PR_BITS_PER_FLOAT_LOG2
#define BITS_PER_DOUBLE_LOG2 PR_BITS_PER_DOUBLE_LOG2
#define BITS_PER_WORD_LOG2 PR_BITS_PER_WORD_LOG2
#define ALIGN_OF_SHORT PR_ALIGN_OF_SHORT
#define ALIGN_OF_INT PR_ALIGN_OF_INT
#define ALIGN_OF_LONG PR_ALIGN_OF_LONG
#define ALIGN_OF_INT64 PR_ALIGN_OF_INT64
#define ALIGN_OF_FLOAT PR_ALIGN_OF_FLOAT
#define ALIGN_OF_DOUBLE PR_ALIGN_OF_DOUBLE
#define ALIGN_OF_POINTER PR_ALIGN_OF_POINTER
#define ALIGN_OF_WORD PR_ALIGN_OF_WORD
#define BYTES_PER_WORD_LOG2 PR_BYTES_PER_WORD_LOG2
#define BYTES_PER_DWORD_LOG2 PR_BYTES_PER_DWORD_LOG2
#define WORDS_PER_DWORD_LOG2 PR_WORDS_PER_DWORD_LOG2
#endif

#endif /* nspr_cpucfg___ */
