/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * mixed-runtime.c -- a program built the wrong way on purpose: linked
 * with the standalone libprshm and with NSS (so with NSPR's libnspr4 too),
 * as `cc app.c $(pkg-config --libs prshm nss)` would.  The two runtimes
 * define the same functions; libprshm must stop such a process before
 * main, with a message naming prshm-nspr (check-mixed-runtime.sh), never
 * let it run into a crash.
 */
#include <nss.h>
#include <prshma.h>
#include <stdio.h>

int main(void)
{
    PRFileMap *fm;

    if (NSS_NoDB_Init(NULL) != SECSuccess)
        return 3;
    fm = PR_OpenAnonFileMap(NULL, 4096, PR_PROT_READWRITE);
    printf("ran: %s\n", fm ? "map" : "no map");
    NSS_Shutdown();
    return 0;
}
