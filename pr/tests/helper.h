/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * helper.h -- what the helper program's source files share.
 */
#ifndef PRSHM_TESTS_HELPER_H
#define PRSHM_TESTS_HELPER_H

/* Print the name of the current NSPR error on stdout. */
void helper_print_error(void);

/* Run one of the attacker's modes (helper_attacks.c); its exit code, or
 * -1 when argv[1] names none of them. */
int helper_attack_mode(int argc, char **argv);

/* The named shared memory, semaphore, atomic and pipe modes
 * (helper_named.c); -1 when argv[1] names none of them. */
int helper_named_mode(int argc, char **argv);

#endif
