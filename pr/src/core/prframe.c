/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prframe.c -- the frame that travels with each map over a channel: magic
 * "PRM1", version, prot, flags, size, window, and a reserved zero word,
 * in the host's byte order (both ends share a kernel).
 */
#include "config.h"

#include <string.h>

#include "prcore.h"

#define FRAME_MAGIC 0x314d5250U /* "PRM1" on a little-endian host */
#define FRAME_VERSION 1U

static void put32(unsigned char *p, PRUint32 v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, PRInt64 v) { memcpy(p, &v, 8); }
static PRUint32 get32(const unsigned char *p) { PRUint32 v; memcpy(&v, p, 4); return v; }
static PRInt64 get64(const unsigned char *p) { PRInt64 v; memcpy(&v, p, 8); return v; }

void pr_format_map_frame(const struct pr_map_frame *f,
                         unsigned char buf[PR_FRAME_LEN])
{
    put32(buf, FRAME_MAGIC);
    put32(buf + 4, FRAME_VERSION | ((PRUint32)f->prot << 16));
    put32(buf + 8, f->flags);
    put32(buf + 12, 0);
    put64(buf + 16, f->size);
    put64(buf + 24, f->offset);
    put64(buf + 32, f->length);
}

int pr_parse_map_frame(const unsigned char *buf, size_t len,
                       struct pr_map_frame *f)
{
    PRUint32 word;
    PRInt32 page = PR_GetMemMapAlignment();

    if (!buf || len != PR_FRAME_LEN || get32(buf) != FRAME_MAGIC)
        return -1;
    word = get32(buf + 4);
    if ((word & 0xffffU) != FRAME_VERSION || (word >> 16) > PR_PROT_WRITECOPY)
        return -1;
    f->prot = (PRFileMapProtect)(word >> 16);
    f->flags = get32(buf + 8);
    f->size = get64(buf + 16);
    f->offset = get64(buf + 24);
    f->length = get64(buf + 32);
    if ((f->flags & ~PR_FRAME_REVOCABLE) || get32(buf + 12) != 0)
        return -1;
    if (f->size <= 0 || f->offset < 0 || f->length <= 0 ||
        f->offset % page != 0 || f->offset > f->size ||
        f->length > f->size - f->offset)
        return -1;
    return 0;
}
