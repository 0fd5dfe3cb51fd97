/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper.h -- what the helper program's source files share.
 */
#ifndef PRSHM_TESTS_HELPER_H
#define PRSHM_TESTS_HELPER_H

#include <sys/types.h>

#include "prio.h"

/* Print the name of the current NSPR error on stdout. */
void helper_print_error(void);

/* Run one of the attacker's modes (helper_attacks.c); its exit code, or
 * -1 when argv[1] names none of them. */
int helper_attack_mode(int argc, char **argv);

/* The named shared memory, semaphore, atomic and pipe modes
 * (helper_named.c); -1 when argv[1] names none of them. */
int helper_named_mode(int argc, char **argv);

/* Map fm's first page, print "ready" once it reads "secret", then what
 * the reads see after the creator revokes: "fault", "zeros", "other", or
 * "timeout" after 10 s (helper.c); the exit code for the mode. */
int helper_watch_revoke(PRFileMap *fm);

/* The channel modes (helper_channel.c); -1 when argv[1] names none. */
int helper_channel_mode(int argc, char **argv);

/* The modes for mappings that survive their object (helper_survive.c);
 * -1 when argv[1] names none. */
int helper_survive_mode(int argc, char **argv);

/* Try every write path on fd (a read-only share of size bytes): one
 * "<how>-<attempt> denied|ALLOWED" line each (helper.c). */
void helper_attack_fd(int fd, const char *how, off_t size);

/* Try to add each kernel seal through fd: "<how>-add-<seal> ..." lines
 * (helper_attacks.c). */
void helper_try_seals(int fd, const char *how);

#endif
