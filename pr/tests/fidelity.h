/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * fidelity.h -- formatting cases that prshm must print exactly as NSPR
 * 4.35 does.  Included twice, with FIDELITY_CASE(fmt, args...) defined:
 * by nspr-peer (linked with libnspr4 only) and by test_interop (prshm),
 * which compares the two outputs line by line.
 */
FIDELITY_CASE("%p", (void *)0x1234)
FIDELITY_CASE("%p", (void *)0)
FIDELITY_CASE("[%10p]", (void *)0xabcdef)
FIDELITY_CASE("[%-10p]", (void *)0xabcdef)
FIDELITY_CASE("%p|%p", (void *)0x7fff0000, (void *)0x1)
FIDELITY_CASE("%d %ld %lld", 1, (long)-2, (long long)3)
FIDELITY_CASE("%hd %hu", (short)-1, (unsigned short)65535)
FIDELITY_CASE("%x %X %o", 255U, 255U, 8U)
FIDELITY_CASE("%5.2f|%e|%g", 3.14159, 12345.678, 0.0001)
FIDELITY_CASE("%s|%.3s|%10s", "nspr", "prshm", "right")
FIDELITY_CASE("%c%c", 'o', 'k')
