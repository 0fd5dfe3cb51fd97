/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prinit.c -- initialisation state and version checks.
 */
#include "config.h"

#include <stdlib.h>

#include "prrt.h"
#include "prinit.h"
#include "prlog.h"

static int initialized; /* accessed atomically */

PR_IMPLEMENT(void) PR_Init(PRThreadType type, PRThreadPriority priority,
                           PRUintn maxPTDs)
{
    (void)type;
    (void)priority;
    (void)maxPTDs;
    __atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
}

PR_IMPLEMENT(PRBool) PR_Initialized(void)
{
    return __atomic_load_n(&initialized, __ATOMIC_ACQUIRE) ? PR_TRUE : PR_FALSE;
}

PR_IMPLEMENT(PRStatus) PR_Cleanup(void)
{
    PR_LogFlush();
    __atomic_store_n(&initialized, 0, __ATOMIC_RELEASE);
    return PR_SUCCESS;
}

PR_IMPLEMENT(const char *) PR_GetVersion(void)
{
    return PR_VERSION;
}

/* Parse one decimal component; returns the position after it or NULL. */
static const char *parse_part(const char *s, long *out)
{
    char *end;

    if (*s < '0' || *s > '9')
        return NULL;
    *out = strtol(s, &end, 10);
    if (*out > 0xffff)
        return NULL;
    return end;
}

PR_IMPLEMENT(PRBool) PR_VersionCheck(const char *importedVersion)
{
    long v[3] = {0, 0, 0};
    const char *s = importedVersion;
    int i;

    if (!s)
        return PR_FALSE;
    for (i = 0; i < 3; i++) {
        s = parse_part(s, &v[i]);
        if (!s)
            return PR_FALSE;
        if (*s == '\0')
            break;
        if (*s != '.' || i == 2)
            return PR_FALSE;
        s++;
    }
    if (v[0] != PR_VMAJOR)
        return PR_FALSE;
    if (v[1] != PR_VMINOR)
        return v[1] < PR_VMINOR ? PR_TRUE : PR_FALSE;
    return v[2] <= PR_VPATCH ? PR_TRUE : PR_FALSE;
}
