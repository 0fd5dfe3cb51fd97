/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm-demo -- what prshm does, shown step by step: an anonymous map on
 * the best backend, written, exported and imported again.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nspr.h"
#include "prshma.h"
#include "prshmsec.h"

static int fail(const char *what)
{
    PRErrorCode err = PR_GetError();

    fprintf(stderr, "prshm-demo: %s failed: %s (%s)\n", what,
            PR_ErrorToName(err), PR_ErrorToString(err, PR_LANGUAGE_EN));
    return 1;
}

int main(void)
{
    char str[PR_FILEMAP_STRING_BUFSIZE];
    PRFileMap *fm, *imported;
    char *mine, *theirs;
    PRUint32 len = (PRUint32)PR_GetMemMapAlignment();

    PR_Init(PR_USER_THREAD, PR_PRIORITY_NORMAL, 0);
    printf("prshm %s, implementing the NSPR %s API\n", PRSHM_VERSION,
           PR_GetVersion());
    printf("1. backend chosen for anonymous maps: %s\n",
           PR_GetAnonFileMapBackend());

    fm = PR_OpenAnonFileMap(NULL, len, PR_PROT_READWRITE);
    if (!fm)
        return fail("PR_OpenAnonFileMap");
    mine = PR_MemMap(fm, 0, len);
    if (!mine)
        return fail("PR_MemMap");
    strcpy(mine, "hello from the creator");
    printf("2. created a %u-byte map and wrote \"%s\" into it\n", len, mine);

    if (PR_ExportFileMapAsString(fm, sizeof(str), str) != PR_SUCCESS)
        return fail("PR_ExportFileMapAsString");
    printf("3. exported it as \"%s\" (NSPR's <fd>:<prot> format); the "
           "descriptor is close-on-exec: %s\n", str,
           (fcntl(atoi(str), F_GETFD) & FD_CLOEXEC) ? "yes" : "no");

    imported = PR_ImportFileMapFromString(str);
    if (!imported)
        return fail("PR_ImportFileMapFromString");
    theirs = PR_MemMap(imported, 0, len);
    if (!theirs)
        return fail("PR_MemMap of the imported map");
    printf("4. imported the string and read \"%s\" through a second mapping\n",
           theirs);
    strcpy(theirs, "and an answer through the import");
    printf("5. wrote through the import; the creator now reads \"%s\"\n", mine);

    if (!PR_ImportFileMapFromString("7:1x"))
        printf("6. a malformed string \"7:1x\" is refused: %s\n",
               PR_ErrorToName(PR_GetError()));

    PR_MemUnmap(theirs, len);
    PR_MemUnmap(mine, len);
    PR_CloseFileMap(imported);
    PR_CloseFileMap(fm);
    printf("7. unmapped and closed everything\n");
    return PR_Cleanup() == PR_SUCCESS ? 0 : 1;
}
