/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * nspr-sendfile.c -- NSS's sendfile path, built against libnspr4 only.
 * NSS's SSL layer implements PR_SendFile and PR_TransmitFile with
 * NSPR's PR_EmulateSendFile, which maps the file with PR_CreateFileMap(fd,
 * 0, PR_PROT_READONLY) and PR_MemMap: calls the overlay replaces when it
 * is preloaded.  Here a layer on a loopback TCP connection does the same,
 * and a reader thread checks every byte: a header, the file (a slice at
 * an unaligned offset for PR_SendFile, the whole file for
 * PR_TransmitFile) of 0 bytes, 1 byte and 3 MiB, and a trailer.  One
 * line per case; exit 0 when every byte arrived.
 *
 *   nspr-sendfile DIR     scratch files in DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nspr.h"
#include "private/pprio.h"

#define OFFSET 12345

static PRDescIdentity layer_id;
static PRIOMethods layer_methods;

/* The layer's sendfile and transmitfile: NSS's, in effect. */
static PRInt32 PR_CALLBACK layer_sendfile(PRFileDesc *sd, PRSendFileData *d,
                                          PRTransmitFileFlags flags,
                                          PRIntervalTime timeout)
{
    return PR_EmulateSendFile(sd, d, flags, timeout);
}

static PRInt32 PR_CALLBACK layer_transmitfile(PRFileDesc *sd, PRFileDesc *fd,
                                              const void *headers, PRInt32 hlen,
                                              PRTransmitFileFlags flags,
                                              PRIntervalTime timeout)
{
    PRSendFileData d;

    memset(&d, 0, sizeof(d));
    d.fd = fd;
    d.header = headers;
    d.hlen = hlen;
    return PR_EmulateSendFile(sd, &d, flags, timeout);
}

struct reader {
    PRFileDesc *sock;
    char *buf;
    PRInt32 want, got;
};

static void PR_CALLBACK read_all(void *arg)
{
    struct reader *r = arg;
    PRInt32 n;

    while (r->got < r->want &&
           (n = PR_Recv(r->sock, r->buf + r->got, r->want - r->got, 0,
                        PR_SecondsToInterval(30))) > 0)
        r->got += n;
}

static char *pattern(PRInt32 len)
{
    char *p = malloc((size_t)len + 1);
    PRInt32 i;

    for (i = 0; p && i < len; i++)
        p[i] = (char)('a' + (i * 7 + i / 251) % 26);
    return p;
}

/* One transfer of flen file bytes; 0 when every byte arrived. */
static int one(const char *dir, PRBool transmit, PRInt32 flen)
{
    static const char hdr[] = "HEADER:", trl[] = ":TRAILER";
    PRInt32 off = transmit ? 0 : OFFSET, total = off + flen;
    char path[1024], *file = pattern(total), *expect;
    PRFileDesc *f, *l, *c, *s, *top;
    PRNetAddr addr;
    struct reader r;
    PRThread *t;
    PRSendFileData d;
    PRInt32 sent, want;
    int bad;

    snprintf(path, sizeof(path), "%s/nspr-sendfile-%d", dir, (int)flen);
    f = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0600);
    if (!file || !f || PR_Write(f, file, total) != total)
        return 1;
    PR_Seek(f, 0, PR_SEEK_SET);
    PR_Delete(path);

    l = PR_NewTCPSocket();
    PR_InitializeNetAddr(PR_IpAddrLoopback, 0, &addr);
    if (!l || PR_Bind(l, &addr) != PR_SUCCESS || PR_Listen(l, 1) != PR_SUCCESS ||
        PR_GetSockName(l, &addr) != PR_SUCCESS)
        return 1;
    c = PR_NewTCPSocket();
    if (!c || PR_Connect(c, &addr, PR_SecondsToInterval(5)) != PR_SUCCESS)
        return 1;
    s = PR_Accept(l, NULL, PR_SecondsToInterval(5));
    if (!s)
        return 1;
    top = PR_CreateIOLayerStub(layer_id, &layer_methods);
    if (!top || PR_PushIOLayer(s, PR_TOP_IO_LAYER, top) != PR_SUCCESS)
        return 1;

    want = (PRInt32)(sizeof(hdr) - 1) + flen + (transmit ? 0 : (PRInt32)(sizeof(trl) - 1));
    r.sock = c;
    r.buf = malloc((size_t)want + 1);
    r.want = want;
    r.got = 0;
    t = PR_CreateThread(PR_USER_THREAD, read_all, &r, PR_PRIORITY_NORMAL,
                        PR_GLOBAL_THREAD, PR_JOINABLE_THREAD, 0);
    if (!r.buf || !t)
        return 1;
    if (transmit) {
        sent = PR_TransmitFile(s, f, hdr, (PRInt32)sizeof(hdr) - 1,
                               PR_TRANSMITFILE_KEEP_OPEN, PR_SecondsToInterval(30));
    } else {
        memset(&d, 0, sizeof(d));
        d.fd = f;
        d.file_offset = (PRUint32)off;
        d.file_nbytes = (PRSize)flen;
        d.header = hdr;
        d.hlen = (PRInt32)sizeof(hdr) - 1;
        d.trailer = trl;
        d.tlen = (PRInt32)sizeof(trl) - 1;
        sent = PR_SendFile(s, &d, PR_TRANSMITFILE_KEEP_OPEN, PR_SecondsToInterval(30));
    }
    if (sent != want)
        printf("%s %d bytes: returned %d (%s), want %d\n",
               transmit ? "PR_TransmitFile" : "PR_SendFile", (int)flen, (int)sent,
               PR_ErrorToName(PR_GetError()), (int)want);
    PR_Shutdown(s, PR_SHUTDOWN_SEND);
    PR_JoinThread(t);

    expect = malloc((size_t)want);
    if (!expect)
        return 1;
    memcpy(expect, hdr, sizeof(hdr) - 1);
    memcpy(expect + sizeof(hdr) - 1, file + off, (size_t)flen);
    if (!transmit)
        memcpy(expect + sizeof(hdr) - 1 + flen, trl, sizeof(trl) - 1);
    bad = sent != want || r.got != want || memcmp(expect, r.buf, (size_t)want) != 0;
    printf("%s: %d file bytes%s: %s (%d of %d bytes arrived)\n",
           transmit ? "PR_TransmitFile" : "PR_SendFile", (int)flen,
           transmit ? "" : " at offset 12345", bad ? "FAIL" : "ok", (int)r.got,
           (int)want);
    free(expect);
    free(r.buf);
    free(file);
    PR_Close(s);
    PR_Close(c);
    PR_Close(l);
    PR_Close(f);
    return bad;
}

int main(int argc, char **argv)
{
    static const PRInt32 sizes[] = {0, 1, 3 << 20};
    int failed = 0, i, transmit;

    if (argc != 2) {
        fprintf(stderr, "usage: nspr-sendfile DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    layer_id = PR_GetUniqueIdentity("prshm-sendfile-test");
    layer_methods = *PR_GetDefaultIOMethods();
    layer_methods.sendfile = layer_sendfile;
    layer_methods.transmitfile = layer_transmitfile;
    for (transmit = 0; transmit < 2; transmit++)
        for (i = 0; i < 3; i++)
            failed |= one(argv[1], transmit, sizes[i]);
    return failed;
}
