/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * differ.c -- the differential harness's cases, written once against
 * NSPR's API only.  Built twice: against libnspr4 (differ-nspr) and
 * against libprshm (differ); check-differential.sh runs both, and
 * differ-nspr again with the overlay preloaded, and compares them line by
 * line.  Each step of a case prints one line, "<case>: <result>", where
 * the result is what a caller sees: ok or fail, NSPR's error name, and
 * values; a case's steps share its name, in order.
 * Lines that start with "#" are information, never compared.
 *
 *   differ [DIR]      every case; scratch files in DIR (default /tmp)
 *   differ child-flags  (as a child) print the blocking state of 0 and 1
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nspr.h"
#include "private/pprio.h"

static const char *dir = "/tmp";
static char self[4096];
static PRInt32 page;

static const char *err(void)
{
    return PR_ErrorToName(PR_GetError());
}

/* "ok" or "fail <error>" for a pointer result */
static void ptr_case(const char *name, const void *p)
{
    if (p)
        printf("%s: ok\n", name);
    else
        printf("%s: fail %s\n", name, err());
}

static void status_case(const char *name, PRStatus rc)
{
    if (rc == PR_SUCCESS)
        printf("%s: ok\n", name);
    else
        printf("%s: fail %s\n", name, err());
}

/* a scratch file holding len bytes of 'a', opened with flags */
static PRFileDesc *scratch(const char *tag, PRInt32 len, PRIntn flags)
{
    char path[4200];
    PRFileDesc *fd;
    int i;

    snprintf(path, sizeof(path), "%s/differ-%d-%s", dir, (int)getpid(), tag);
    fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0600);
    for (i = 0; fd && i < len; i++)
        PR_Write(fd, "a", 1);
    if (fd)
        PR_Close(fd);
    fd = PR_Open(path, flags, 0);
    PR_Delete(path);
    return fd;
}

static PRInt64 file_size(PRFileDesc *fd)
{
    PRFileInfo64 info;

    return PR_GetOpenFileInfo64(fd, &info) == PR_SUCCESS ? info.size : -1;
}

/* PR_CreateFileMap over a scratch file of flen bytes, opened with oflags,
 * asked for size with prot; then PR_MemMap(off, len) when it was made */
static void file_map_case(const char *name, PRInt32 flen, PRIntn oflags,
                          PRInt64 size, PRFileMapProtect prot, PRInt64 off,
                          PRUint32 len)
{
    PRFileDesc *fd = scratch(name, flen, oflags);
    PRFileMap *fm;
    char *m;

    if (!fd) {
        printf("%s: no scratch file (%s)\n", name, err());
        return;
    }
    fm = PR_CreateFileMap(fd, size, prot);
    if (!fm) {
        printf("%s: create fail %s; file size %lld\n", name, err(),
               (long long)file_size(fd));
        PR_Close(fd);
        return;
    }
    printf("%s: create ok; file size %lld, offset %lld\n", name,
           (long long)file_size(fd), (long long)PR_Seek64(fd, 0, PR_SEEK_CUR));
    if (len) {
        m = PR_MemMap(fm, off, len);
        if (!m)
            printf("%s: map fail %s\n", name, err());
        else {
            printf("%s: map ok; first byte %d\n", name, off < flen ? m[0] : -1);
            printf("%s: unmap %s\n", name,
                   PR_MemUnmap(m, len) == PR_SUCCESS ? "ok" : err());
        }
    }
    printf("%s: close %s\n", name, PR_CloseFileMap(fm) == PR_SUCCESS ? "ok" : err());
    PR_Close(fd);
}

static void file_maps(void)
{
    PRFileDesc *fd;
    PRFileMap *fm;
    char *m;

    printf("# file maps (PR_CreateFileMap, PR_MemMap)\n");
    file_map_case("ro-size0-map-past-end", 3, PR_RDONLY, 0, PR_PROT_READONLY, 0, 2 * page);
    file_map_case("ro-size0-map-2nd-page", 3, PR_RDONLY, 0, PR_PROT_READONLY, page, page);
    file_map_case("ro-size-past-end", 3, PR_RDONLY, 2 * page, PR_PROT_READONLY, 0, page);
    file_map_case("wc-size-past-end", 3, PR_RDWR, 4, PR_PROT_WRITECOPY, 0, page);
    file_map_case("ro-size-within", 3 * 1024, PR_RDONLY, 1024, PR_PROT_READONLY, 0, 2 * page);
    file_map_case("rw-grows", 3, PR_RDWR, 2 * page, PR_PROT_READWRITE, page, page);
    file_map_case("rw-on-ro-descriptor", 3, PR_RDONLY, 1, PR_PROT_READWRITE, 0, page);
    file_map_case("rw-on-ro-descriptor-grow", 3, PR_RDONLY, page, PR_PROT_READWRITE, 0, 0);
    file_map_case("ro-on-wo-descriptor", 3, PR_WRONLY, 0, PR_PROT_READONLY, 0, page);
    file_map_case("ro-negative-size", 3, PR_RDONLY, -1, PR_PROT_READONLY, 0, 0);
    file_map_case("wc-negative-size", 3, PR_RDONLY, -1, PR_PROT_WRITECOPY, 0, 0);
    file_map_case("map-unaligned-offset", 2 * page, PR_RDWR, 0, PR_PROT_READWRITE, 1, page);
    file_map_case("map-negative-offset", 2 * page, PR_RDWR, 0, PR_PROT_READWRITE, -page, page);
    file_map_case("map-empty-file", 0, PR_RDWR, 0, PR_PROT_READWRITE, 0, page);

    /* a write-copy map changes nothing in the file */
    fd = scratch("wc", page, PR_RDWR);
    fm = fd ? PR_CreateFileMap(fd, 0, PR_PROT_WRITECOPY) : NULL;
    m = fm ? PR_MemMap(fm, 0, page) : NULL;
    if (m) {
        char c = 0;

        m[0] = 'z';
        PR_Seek(fd, 0, PR_SEEK_SET);
        PR_Read(fd, &c, 1);
        printf("write-copy: mapping reads %c, file reads %c\n", m[0], c);
        PR_MemUnmap(m, page);
    } else
        printf("write-copy: fail %s\n", err());
    if (fm)
        PR_CloseFileMap(fm);

    /* PR_SyncMemMap and PR_MemUnmap at their edges */
    fm = fd ? PR_CreateFileMap(fd, 0, PR_PROT_READWRITE) : NULL;
    m = fm ? PR_MemMap(fm, 0, page) : NULL;
    if (m) {
        ptr_case("map-length-0", PR_MemMap(fm, 0, 0));
        status_case("sync-mapping", PR_SyncMemMap(fd, m, page));
        status_case("sync-unaligned", PR_SyncMemMap(fd, m + 1, page));
        status_case("sync-length-0", PR_SyncMemMap(fd, m, 0));
        status_case("unmap-unaligned", PR_MemUnmap(m + 1, page));
        status_case("unmap-length-0", PR_MemUnmap(m, 0));
        status_case("unmap", PR_MemUnmap(m, page));
        status_case("sync-unmapped", PR_SyncMemMap(fd, m, page));
        status_case("unmap-again", PR_MemUnmap(m, page));
    } else
        printf("sync: no mapping (%s)\n", err());
    if (fm)
        PR_CloseFileMap(fm);
    if (fd)
        PR_Close(fd);
    status_case("unmap-null", PR_MemUnmap(NULL, page));
    printf("alignment: %d\n", (int)PR_GetMemMapAlignment());
}

static void files(void)
{
    char path[4200], missing[4200];
    PRFileDesc *fd;
    PRFileInfo info;

    printf("# files (PR_Seek, PR_GetFileInfo, PR_Access, PR_Delete)\n");
    snprintf(path, sizeof(path), "%s/differ-%d-file", dir, (int)getpid());
    snprintf(missing, sizeof(missing), "%s/differ-%d-missing", dir, (int)getpid());
    fd = PR_Open(path, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0600);
    if (!fd) {
        printf("files: no file (%s)\n", err());
        return;
    }
    PR_Write(fd, "abc", 3);
    printf("seek-set: %d\n", (int)PR_Seek(fd, 1, PR_SEEK_SET));
    printf("seek-end: %d\n", (int)PR_Seek(fd, -1, PR_SEEK_END));
    {
        PROffset32 r = PR_Seek(fd, -10, PR_SEEK_SET); /* before err() */

        printf("seek-before-start: %d %s\n", (int)r, err());
    }
    status_case("open-info", PR_GetOpenFileInfo(fd, &info));
    printf("open-info-size: %d type %d\n", (int)info.size, (int)info.type);
    PR_Close(fd);
    status_case("info", PR_GetFileInfo(path, &info));
    status_case("info-null", PR_GetFileInfo(path, NULL));
    status_case("info-missing", PR_GetFileInfo(missing, &info));
    status_case("info-directory", PR_GetFileInfo(dir, &info));
    printf("info-directory-type: %d\n", (int)info.type);
    status_case("access-exists", PR_Access(path, PR_ACCESS_EXISTS));
    status_case("access-read", PR_Access(path, PR_ACCESS_READ_OK));
    status_case("access-write", PR_Access(path, PR_ACCESS_WRITE_OK));
    status_case("access-missing", PR_Access(missing, PR_ACCESS_EXISTS));
    status_case("delete", PR_Delete(path));
    status_case("delete-again", PR_Delete(path));
    status_case("delete-directory", PR_Delete(dir));
}

/* A write to a pipe whose reader has gone: NSPR ignores SIGPIPE, so the
 * write fails with an error and the program goes on. */
static void broken_pipe(void)
{
    PRFileDesc *r, *w;
    PRInt32 n;

    printf("# pipes\n");
    if (PR_CreatePipe(&r, &w) != PR_SUCCESS) {
        printf("pipe: fail %s\n", err());
        return;
    }
    PR_Close(r);
    n = PR_Write(w, "x", 1);
    printf("write-to-closed-pipe: %d %s\n", (int)n, n < 0 ? err() : "");
    PR_Close(w);
}

static void intervals(void)
{
    static const PRUint32 v[] = {0, 1, 499, 500, 1500, 86400, 4000000000U};
    size_t i;

    printf("# intervals\n");
    printf("ticks-per-second: %u\n", (unsigned)PR_TicksPerSecond());
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        printf("seconds-to-interval %u: %u\n", (unsigned)v[i],
               (unsigned)PR_SecondsToInterval(v[i]));
        printf("milliseconds-to-interval %u: %u\n", (unsigned)v[i],
               (unsigned)PR_MillisecondsToInterval(v[i]));
        printf("microseconds-to-interval %u: %u\n", (unsigned)v[i],
               (unsigned)PR_MicrosecondsToInterval(v[i]));
        printf("interval-to-seconds %u: %u\n", (unsigned)v[i],
               (unsigned)PR_IntervalToSeconds(v[i]));
        printf("interval-to-milliseconds %u: %u\n", (unsigned)v[i],
               (unsigned)PR_IntervalToMilliseconds(v[i]));
        printf("interval-to-microseconds %u: %u\n", (unsigned)v[i],
               (unsigned)PR_IntervalToMicroseconds(v[i]));
    }
}

static PRStatus PR_CALLBACK once_fails(void)
{
    PR_SetError(PR_IO_ERROR, 0);
    return PR_FAILURE;
}

static PRStatus PR_CALLBACK once_succeeds(void)
{
    return PR_SUCCESS;
}

/* PR_CallOnce's results and errors, first and later calls. */
static void call_once(void)
{
    static PRCallOnceType bad, good;
    PRStatus rc;

    printf("# PR_CallOnce\n");
    rc = PR_CallOnce(&bad, once_fails);
    printf("once-failing-first: %d %s\n", (int)rc, err());
    rc = PR_CallOnce(&bad, once_succeeds);
    printf("once-failing-again: %d %s\n", (int)rc, err());
    rc = PR_CallOnce(&good, once_succeeds);
    printf("once-succeeding: %d; again %d\n", (int)rc, (int)PR_CallOnce(&good, once_fails));
}

/* PR_MemMap(fm, off, len) as a case; unmapped again when it worked */
static void map_case(const char *name, PRFileMap *fm, PRInt64 off, PRUint32 len)
{
    char *m = PR_MemMap(fm, off, len);

    ptr_case(name, m);
    if (m)
        PR_MemUnmap(m, len);
}

static void anon_maps(void)
{
    PRFileMap *fm;
    char *m, buf[PR_FILEMAP_STRING_BUFSIZE];

    printf("# anonymous maps (PR_OpenAnonFileMap)\n");
    fm = PR_OpenAnonFileMap(dir, 0, PR_PROT_READWRITE);
    ptr_case("anon-size-0", fm);
    if (fm) {
        map_case("anon-size-0-map", fm, 0, page);
        PR_CloseFileMap(fm);
    }
    fm = PR_OpenAnonFileMap(dir, page, PR_PROT_READWRITE);
    ptr_case("anon-page", fm);
    if (!fm)
        return;
    m = PR_MemMap(fm, 0, page);
    ptr_case("anon-map", m);
    if (m) {
        strcpy(m, "kept");
        PR_MemUnmap(m, page);
        m = PR_MemMap(fm, 0, page);
        printf("anon-contents: %s\n", m ? m : "(none)");
        if (m)
            PR_MemUnmap(m, page);
    }
    map_case("anon-map-past-size", fm, 0, 2 * page);
    map_case("anon-map-at-size", fm, page, page);
    status_case("anon-export", PR_ExportFileMapAsString(fm, sizeof(buf), buf));
    status_case("anon-export-small", PR_ExportFileMapAsString(fm, 2, buf));
    status_case("anon-close", PR_CloseFileMap(fm));
    fm = PR_OpenAnonFileMap(dir, page, PR_PROT_READONLY);
    ptr_case("anon-readonly", fm);
    if (fm) {
        map_case("anon-readonly-map", fm, 0, page);
        PR_CloseFileMap(fm);
    }
    fm = PR_OpenAnonFileMap(dir, page, PR_PROT_WRITECOPY);
    ptr_case("anon-writecopy", fm);
    if (fm)
        PR_CloseFileMap(fm);
}

/* A child started with a non-blocking pipe as its stdin. */
static void child_stdio(void)
{
    char *argv[] = {self, "child-flags", NULL};
    PRFileDesc *in_r, *in_w, *out_r, *out_w;
    PRProcessAttr *attr = PR_NewProcessAttr();
    PRProcess *p;
    PRInt32 code = -1, n, len = 0;
    char out[128];

    printf("# processes (PR_CreateProcess, PR_WaitProcess)\n");
    if (!attr || PR_CreatePipe(&in_r, &in_w) != PR_SUCCESS ||
        PR_CreatePipe(&out_r, &out_w) != PR_SUCCESS) {
        printf("child-stdio: no pipes (%s)\n", err());
        return;
    }
    fcntl(PR_FileDesc2NativeHandle(in_r), F_SETFL, O_NONBLOCK);
    fcntl(PR_FileDesc2NativeHandle(out_w), F_SETFL, O_NONBLOCK);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardInput, in_r);
    PR_ProcessAttrSetStdioRedirect(attr, PR_StandardOutput, out_w);
    p = PR_CreateProcess(self, argv, NULL, attr);
    PR_DestroyProcessAttr(attr);
    PR_Close(out_w);
    while (len < (PRInt32)sizeof(out) - 1 &&
           (n = PR_Read(out_r, out + len, (PRInt32)sizeof(out) - 1 - len)) > 0)
        len += n;
    out[len] = '\0';
    if (p)
        PR_WaitProcess(p, &code);
    printf("child-stdio: exit %d; %s\n", (int)code, out);
    PR_Close(out_r);
    PR_Close(in_r);
    PR_Close(in_w);
}

static void spawn_case(const char *name, const char *path)
{
    char *argv[] = {(char *)(size_t)path, NULL};
    PRProcess *p = PR_CreateProcess(path, argv, NULL, NULL);
    PRInt32 code = -1;

    if (!p) {
        printf("%s: fail %s\n", name, err());
        return;
    }
    if (PR_WaitProcess(p, &code) == PR_SUCCESS)
        printf("%s: waited, exit %d\n", name, (int)code);
    else
        printf("%s: wait fail %s\n", name, err());
}

static void processes(void)
{
    char *argv[] = {self, "child-signal", NULL};
    PRProcess *p;
    PRInt32 code = -1;
    char plain[4200];
    PRFileDesc *f;

    child_stdio();
    spawn_case("spawn-missing", "/nonexistent/program");
    spawn_case("spawn-directory", dir);
    snprintf(plain, sizeof(plain), "%s/differ-%d-plain", dir, (int)getpid());
    f = PR_Open(plain, PR_RDWR | PR_CREATE_FILE | PR_TRUNCATE, 0644);
    if (f)
        PR_Close(f);
    spawn_case("spawn-not-executable", plain);
    PR_Delete(plain);
    spawn_case("spawn-true", "/bin/true");
    spawn_case("spawn-false", "/bin/false");
    p = PR_CreateProcess(self, argv, NULL, NULL);
    if (p) {
        PR_WaitProcess(p, &code);
        printf("child-killed-by-signal: exit %d\n", (int)code);
    }
}

int main(int argc, char **argv)
{
    ssize_t n;

    /* the overlay, when preloaded, is this process's; the programs it
     * starts (its own children, /bin/true) run without it (in a sanitizer
     * build they could not load it) */
    unsetenv("LD_PRELOAD");
    if (argc == 2 && strcmp(argv[1], "child-flags") == 0) {
        printf("stdin %s, stdout %s",
               (fcntl(0, F_GETFL) & O_NONBLOCK) ? "non-blocking" : "blocking",
               (fcntl(1, F_GETFL) & O_NONBLOCK) ? "non-blocking" : "blocking");
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "child-signal") == 0) {
        signal(SIGTERM, SIG_DFL);
        raise(SIGTERM);
        return 0;
    }
    if (argc == 2)
        dir = argv[1];
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        fprintf(stderr, "differ: cannot find this program\n");
        return 2;
    }
    self[n] = '\0';
    setvbuf(stdout, NULL, _IOLBF, 0);
    page = PR_GetMemMapAlignment();
    file_maps();
    files();
    broken_pipe();
    intervals();
    call_once();
    anon_maps();
    processes();
    return 0;
}
