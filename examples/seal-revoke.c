/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * seal-revoke.c -- QNX-style secure buffers: a revocable map, sealed so
 * nobody can grow it, then revoked: its pages are released and every
 * holder loses the contents.
 *
 *   cc -o seal-revoke seal-revoke.c $(pkg-config --cflags --libs prshm)
 *   ./seal-revoke
 */
#include <stdio.h>
#include <string.h>

#include "nspr.h"
#include "prshmsec.h"

#define SIZE 4096

static void show(const char *when, PRFileMap *fm)
{
    PRFileMapInfo info;

    if (PR_GetFileMapInfo(fm, &info) == PR_SUCCESS)
        printf("%s: backend %s, size %lld, %lld bytes allocated, seals 0x%x, "
               "revoked %s\n", when, info.backend, (long long)info.size,
               (long long)info.allocated, (unsigned)info.seals,
               info.revoked ? "yes" : "no");
}

int main(void)
{
    PRFileMap *fm = PR_OpenAnonFileMapEx(NULL, SIZE, PR_PROT_READWRITE,
                                         PR_ANONFM_REVOCABLE);
    char *m = fm ? PR_MemMap(fm, 0, SIZE) : NULL;

    if (!m) {
        fprintf(stderr, "map: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    strcpy(m, "a secret for a while");
    if (PR_SealFileMap(fm, PR_FILEMAP_SEAL_GROW) != PR_SUCCESS)
        printf("sealing: %s on this backend\n", PR_ErrorToName(PR_GetError()));
    show("before", fm);
    PR_MemUnmap(m, SIZE); /* the creator's own mappings would fault too */
    if (PR_RevokeFileMap(fm) != PR_SUCCESS) {
        fprintf(stderr, "revoke: %s\n", PR_ErrorToName(PR_GetError()));
        return 1;
    }
    show("after ", fm);
    if (PR_MemMap(fm, 0, SIZE) == NULL)
        printf("mapping it again: %s, as intended\n", PR_ErrorToName(PR_GetError()));
    PR_CloseFileMap(fm);
    return 0;
}
