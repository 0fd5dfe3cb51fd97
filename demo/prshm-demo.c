/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshm-demo -- what prshm does, shown step by step.
 */
#include "config.h"

#include <stdio.h>

#include "nspr.h"

int main(void)
{
    PRErrorCode err;

    PR_Init(PR_USER_THREAD, PR_PRIORITY_NORMAL, 0);
    PR_fprintf(PR_STDOUT, "prshm %s, implementing the NSPR %s API\n",
               PRSHM_VERSION, PR_GetVersion());
    PR_fprintf(PR_STDOUT, "NSPR 4.35 programs accepted: %s\n",
               PR_VersionCheck("4.35") ? "yes" : "no");

    /* Every failure carries an NSPR error and the errno behind it. */
    if (!PR_Open("/nonexistent/file", PR_RDONLY, 0)) {
        err = PR_GetError();
        PR_fprintf(PR_STDOUT, "PR_Open of a missing file: %s (%d), errno %d\n",
                   PR_ErrorToName(err), (int)err, (int)PR_GetOSError());
    }
    PR_fprintf(PR_STDOUT, "64-bit formatting with NSPR's %%lld: %lld bytes\n",
               PR_INT64(5) << 30);
    return PR_Cleanup() == PR_SUCCESS ? 0 : 1;
}
