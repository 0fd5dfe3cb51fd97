/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * shmanon-emul.h -- TEST ONLY.  Lets the FreeBSD SHM_ANON backend build
 * and run on Linux (configure --enable-shm-anon-emulation) by standing in
 * for FreeBSD's SHM_ANON, SHM_ALLOW_SEALING, shm_open and shm_open2.
 * docs/anonymous-maps.md says what this proves and what it does not.
 */
#ifndef shmanon_emul_h___
#define shmanon_emul_h___

#include <sys/types.h>

#undef SHM_ANON
#define SHM_ANON ((char *)1)
#define SHM_ALLOW_SEALING 0x00000001

#define shm_open prshm_emul_shm_open
#define shm_open2 prshm_emul_shm_open2

int prshm_emul_shm_open(const char *path, int flags, mode_t mode);
int prshm_emul_shm_open2(const char *path, int flags, mode_t mode,
                         int shmflags, const char *name);

#endif /* shmanon_emul_h___ */
