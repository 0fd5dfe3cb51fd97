/* This Source Code Form is subject to the terms of the Mozilla Public
 * License, v. 2.0. If a copy of the MPL was not distributed with this
 * file, You can obtain one at https://mozilla.org/MPL/2.0/. */

/*
 * prshmsec.h -- prshm's extensions to NSPR's shared-memory API.  Nothing
 * here exists in NSPR; legacy headers stay exactly NSPR's API.
 *
 * The same header serves both libraries: with libprshm (pkg-config
 * prshm) the headers below are prshm's; with the NSPR overlay
 * (pkg-config prshm-nspr) they are NSPR's own.  Hence the angle
 * brackets: the search path decides, never this header's directory.
 */
#ifndef prshmsec_h___
#define prshmsec_h___

#include <prtypes.h>
#include <prinrval.h>
#include <prio.h>
#include <prshma.h>

#ifndef PRSHM_API
#define PRSHM_API(__type) PR_EXTERN(__type)
#endif

PR_BEGIN_EXTERN_C

/*
 * The name of the backend PR_OpenAnonFileMap uses now: "memfd",
 * "shm_anon", "tmpfile", or "tmpfile-named" when that is forced.  The choice is made once per process: memfd
 * where it works, else SHM_ANON, else tmpfile; memfd failing with ENOSYS
 * or EPERM (an old kernel, a seccomp filter) switches the process to
 * tmpfile.  The environment variable PRSHM_BACKEND, read once, forces
 * one: memfd, shm_anon, tmpfile, or tmpfile-named (tmpfile without
 * O_TMPFILE, for testing).  A static string: never free it.
 * NULL with PR_OPERATION_NOT_SUPPORTED_ERROR when PRSHM_BACKEND names an
 * unknown backend or one this build or system lacks; the error's text
 * (PR_GetErrorText) names the value and the backends of this build.
 */
PRSHM_API(const char *) PR_GetAnonFileMapBackend(void);

/*
 * prshm's own release, "major.minor.patch" (PRSHM_VERSION of the library
 * that is loaded, which may be newer than the headers a program was built
 * with); PR_GetVersion gives the NSPR API level instead.  A static
 * string: never free it.
 */
PRSHM_API(const char *) PR_GetPrshmVersion(void);

/*
 * Which runtime prshm runs on in this process: "prshm" for the
 * standalone libprshm, "nspr" for the overlay libprshm-nspr over NSPR's
 * libnspr4.  A static string: never free it.
 */
PRSHM_API(const char *) PR_GetPrshmRuntime(void);

/* ---- creation flags ---------------------------------------------------- */

/*
 * The map can be revoked by its creator (PR_RevokeFileMap).  Chosen at
 * creation, before anything is shared, as in QNX.  Mappings the creator
 * makes of a revocable map are not inherited across fork (MADV_DONTFORK
 * on Linux, minherit(INHERIT_NONE) on the BSDs).  The creator also keeps
 * one writable view of the whole object for PR_RevokeFileMap to zero the
 * contents through, so a revocable map takes its size in address space
 * once more (not memory) until it is revoked or closed.
 */
#define PR_ANONFM_REVOCABLE 0x1U

/*
 * PR_OpenAnonFileMap with flags (0 or PR_ANONFM_REVOCABLE);
 * PR_OpenAnonFileMap(d, s, p) is PR_OpenAnonFileMapEx(d, s, p, 0).
 * Unknown flags give PR_INVALID_ARGUMENT_ERROR; otherwise as
 * PR_OpenAnonFileMap.
 */
PRSHM_API(PRFileMap *) PR_OpenAnonFileMapEx(const char *dirName,
                                            PRSize size,
                                            PRFileMapProtect prot,
                                            PRUint32 flags);

/* ---- seals -------------------------------------------------------------
 *
 * A seal is a promise the kernel keeps for the object, for every holder,
 * the creator included, and for ever: seals only accumulate.  A recipient
 * reads them after import and can refuse an object that lacks one; that
 * check is race-free because no one can remove a seal.
 */
#define PR_FILEMAP_SEAL_SHRINK 0x01U       /* size can never decrease */
#define PR_FILEMAP_SEAL_GROW 0x02U         /* size can never increase */
#define PR_FILEMAP_SEAL_LAYOUT (PR_FILEMAP_SEAL_SHRINK | PR_FILEMAP_SEAL_GROW)
#define PR_FILEMAP_SEAL_WRITE 0x04U        /* contents frozen */
#define PR_FILEMAP_SEAL_FUTURE_WRITE 0x08U /* no new write access; the
                                              existing writable mappings
                                              keep working */
#define PR_FILEMAP_SEAL_SEAL 0x10U         /* no more seals */

/*
 * Add seals to fm's object.
 *   PR_INVALID_ARGUMENT_ERROR   NULL fm, or seals is 0 or has unknown bits;
 *   PR_OPERATION_NOT_SUPPORTED_ERROR  the object cannot be sealed (tmpfile,
 *                               file maps) or the kernel lacks that seal;
 *   PR_FILE_IS_BUSY_ERROR       PR_FILEMAP_SEAL_WRITE while a writable
 *                               shared mapping exists (kernel: EBUSY);
 *                               nothing is changed;
 *   PR_NO_ACCESS_RIGHTS_ERROR   the object already has
 *                               PR_FILEMAP_SEAL_SEAL, or fm's descriptor is
 *                               read-only;
 *   PR_INVALID_STATE_ERROR      fm was revoked, or fm is revocable and the
 *                               result would make revocation impossible: a
 *                               WRITE seal (the contents could not be
 *                               zeroed), SHRINK with FUTURE_WRITE (the pages
 *                               could not be released), or SEAL without
 *                               GROW (a holder could grow it back); see
 *                               docs/seal-and-revoke.md.
 */
PRSHM_API(PRStatus) PR_SealFileMap(PRFileMap *fm, PRUint32 seals);

/* The seals fm's object has, into *seals.  PR_INVALID_ARGUMENT_ERROR for
 * NULL; PR_OPERATION_NOT_SUPPORTED_ERROR for an object that cannot be
 * sealed. */
PRSHM_API(PRStatus) PR_GetFileMapSeals(PRFileMap *fm, PRUint32 *seals);

/* ---- revoke ------------------------------------------------------------
 *
 * Destroy every holder's access to a revocable map's contents, so the
 * memory can be reused safely.  First every allocated byte is overwritten
 * with zeros (so a page some holder pinned in a pipe with splice or
 * vmsplice holds zeros too), then:
 *   - an object that is not shrink-sealed is sealed against growing,
 *     truncated to size 0 and sealed for good (memfd, shm_anon): every
 *     access through any mapping faults (SIGBUS);
 *   - a shrink-sealed object has its pages punched out: holders read
 *     zeros;
 * and the result is read back from the kernel.  When PR_SUCCESS returns:
 * no process can read a byte that was in the map, the pages are
 * released, no holder can grow the object again (where it takes seals),
 * and fm is marked revoked -- PR_MemMap, export and handing it to a child
 * fail with PR_INVALID_STATE_ERROR; PR_CloseFileMap still works.
 * The creator's own mappings fault too: unmap them first.
 * On tmpfile the object is zeroed and truncated but cannot be sealed, so
 * a holder with a writable descriptor could grow it again (never with the
 * old bytes).  Per-recipient revocation (QNX's shm_revoke(fd, pid)) is not
 * possible on Linux or FreeBSD.
 *   PR_INVALID_ARGUMENT_ERROR   NULL fm;
 *   PR_NO_ACCESS_RIGHTS_ERROR   fm is not the creator's map (imported or
 *                               restricted), or a holder with a writable
 *                               descriptor added seals of its own that stop
 *                               part of the revocation (a final seal without
 *                               grow; shrink with future-write).  prshm does
 *                               as much as they allow -- the contents are
 *                               zeroed where any writable view exists -- and
 *                               leaves fm unrevoked, so PR_GetFileMapInfo
 *                               shows what holds;
 *   PR_INVALID_STATE_ERROR      fm was not created revocable, or was
 *                               already revoked.
 */
PRSHM_API(PRStatus) PR_RevokeFileMap(PRFileMap *fm);

/* ---- mapping options ------------------------------------------------------ */

/* Prefault the whole range at once (MADV_POPULATE_WRITE, or _READ for a
 * read-only map; MAP_POPULATE where those are missing), so first touches
 * take no page faults.  docs/PERFORMANCE.md (P3) measures what it saves. */
#define PR_MEMMAP_POPULATE 0x1U

/*
 * The mapping survives the end of its object.  Without it, touching a
 * page that lies past the object's end -- after the creator revokes the
 * map, or after a peer truncates a map it shared unsealed -- kills the
 * process with SIGBUS.  With it, prshm's SIGBUS handler replaces that
 * page of this mapping, atomically, with a private zero-filled page and
 * the access runs again: reads see zeros, and writes go to private memory
 * no other process sees.  A replaced page stays private for the life of
 * the mapping, even if the object grows back.  Each replaced page counts
 * as one absorbed fault (PR_GetMemMapFaults).  Any map can be mapped so:
 * created, imported, inherited or received.  PR_MemUnmap ends the guard
 * (unmap a guarded mapping only with PR_MemUnmap: after a bare munmap the
 * address range stays guarded).
 *
 * The handler is installed on the first guarded mapping, for SIGBUS only
 * (a fault past an object's end is SIGBUS on Linux and FreeBSD; SIGSEGV,
 * which also means a write to a read-only page, is never absorbed and
 * never touched).  Every SIGBUS that is not a guarded page past the end
 * of its object goes to what the program had installed before -- its
 * handler, with or without SA_SIGINFO, or the default action (a fault
 * under SIG_IGN gets the default action, as the kernel gives it without
 * prshm).  A program that installs its own SIGBUS handler later replaces
 * prshm's: keep the old action sigaction returns and call it for faults
 * your handler does not handle, or guarded mappings die again.
 * docs/seal-and-revoke.md ("Holders that survive") has the details.
 */
#define PR_MEMMAP_SURVIVE 0x2U

/*
 * PR_MemMap with flags (0, or PR_MEMMAP_POPULATE and PR_MEMMAP_SURVIVE in
 * any combination); PR_MemMap(f, o, l) is PR_MemMapEx(f, o, l, 0).
 * Unknown flags give PR_INVALID_ARGUMENT_ERROR; memory that cannot be
 * populated (ENOMEM) gives PR_OUT_OF_MEMORY_ERROR and maps nothing, and
 * so does memory for the guard's bookkeeping (a byte per page); otherwise
 * as PR_MemMap.
 */
PRSHM_API(void *) PR_MemMapEx(PRFileMap *fmap, PROffset64 offset,
                              PRUint32 len, PRUint32 flags);

/*
 * How many faults the guarded mapping (PR_MEMMAP_SURVIVE) that starts at
 * addr has absorbed so far: pages replaced with zeros (0 when none).
 * -1 with PR_INVALID_ARGUMENT_ERROR when addr is not the start of a live
 * guarded mapping (never guarded, or already unmapped).
 */
PRSHM_API(PRInt32) PR_GetMemMapFaults(void *addr);

/* ---- what the kernel enforces ------------------------------------------ */
typedef struct PRFileMapInfo {
    PRInt64 size;           /* the object's size now, from fstat */
    PRFileMapProtect prot;  /* the map's protection */
    const char *backend;    /* "memfd", "shm_anon", "tmpfile",
                               "tmpfile-named", or "imported"/"file" */
    PRUint32 seals;         /* PR_FILEMAP_SEAL_* the object has */
    PRBool sealable;        /* whether the object can take seals */
    PRBool revocable;       /* created with PR_ANONFM_REVOCABLE */
    PRBool revoked;         /* the creator: PR_RevokeFileMap has run on
                               this map; any other holder: the object was
                               emptied (size 0, the map was not) -- by a
                               revocation or a holder's truncation, the
                               contents are gone either way */
    PRBool creator;         /* this map can revoke */
    PRInt64 allocated;      /* bytes of storage the object holds now */
    PRInt64 windowOffset;   /* the part PR_MemMap may cover: the whole */
    PRInt64 windowLength;   /* map (0, size), or the window a received
                               map was sent with */
} PRFileMapInfo;

/* Fill *info.  PR_INVALID_ARGUMENT_ERROR for NULL; fstat's error. */
PRSHM_API(PRStatus) PR_GetFileMapInfo(PRFileMap *fm, PRFileMapInfo *info);

/*
 * Protocol 2 for children spawned other than by PR_CreateProcess: as
 * PR_ExportFileMapAsString, and the descriptor is made inheritable, as
 * NSPR 4.35 does -- so every program this process executes from now on,
 * from any thread, receives it.  Prefer protocol 1.
 */
PRSHM_API(PRStatus) PR_ExportFileMapAsInheritableString(PRFileMap *fm,
                                                        PRSize bufsize,
                                                        char *buf);

/*
 * A new map over the same object as fm that can never be mapped or
 * written with more than prot, enforced by the kernel; fm is unchanged.
 * PR_PROT_READWRITE gives an equal map; PR_PROT_READONLY and
 * PR_PROT_WRITECOPY give a read-only one:
 *
 *   memfd, shm_anon   the object is sealed against writes from now on
 *                     (F_SEAL_FUTURE_WRITE) and against growing
 *                     (F_SEAL_GROW), and the new map's descriptor is
 *                     opened read-only where the backend can (memfd with
 *                     /proc mounted; shm_anon, and memfd without /proc,
 *                     give a duplicate that keeps read-write mode, and
 *                     the seals alone enforce read-only).  Nobody -- root,
 *                     the same uid, a holder that reopens the descriptor
 *                     read-write through /proc -- can write(), map it
 *                     writable, grow it or punch holes any more.
 *                     A map that may have to be revoked -- fm revocable,
 *                     or imported (its creator may revoke it) -- also
 *                     gets F_SEAL_SEAL and no F_SEAL_SHRINK: no holder can
 *                     add a seal that would stop the revocation, and a
 *                     holder that reopens it read-write can truncate it,
 *                     which destroys the contents for everyone (the
 *                     creator's mappings fault too) but never alters them.
 *                     Other maps get F_SEAL_SHRINK instead.
 *                     The creator keeps writing only through mappings it
 *                     made before this call; a new read-write PR_MemMap
 *                     of fm fails (PR_NO_ACCESS_RIGHTS_ERROR).
 *   tmpfile           cannot be enforced (a file can be reopened
 *                     read-write by its owner and root):
 *                     PR_OPERATION_NOT_SUPPORTED_ERROR.
 *
 * Also PR_OPERATION_NOT_SUPPORTED_ERROR for a file map or an object that
 * does not take seals; PR_INVALID_STATE_ERROR when fm was revoked, or when
 * the seals would leave a map that may have to be revoked unrevocable (a
 * shrink-sealed object, which a future-write seal would freeze for good);
 * PR_NO_ACCESS_RIGHTS_ERROR when the object already has its final seal;
 * PR_INVALID_ARGUMENT_ERROR for NULL or an unknown prot.
 */
PRSHM_API(PRFileMap *) PR_RestrictFileMap(PRFileMap *fm,
                                          PRFileMapProtect prot);

/*
 * A file map over a named shared-memory object (prshm.h), so that the
 * calls above apply to it: PR_GetFileMapInfo (backend "named"),
 * PR_GetFileMapSeals and PR_SealFileMap, PR_MemMap.  The map holds its own
 * descriptor; close it with PR_CloseFileMap.  A named object takes no
 * seals: on Linux it lives on tmpfs and is born with the final seal
 * (PR_GetFileMapSeals reports PR_FILEMAP_SEAL_SEAL; PR_SealFileMap fails
 * with PR_NO_ACCESS_RIGHTS_ERROR), elsewhere PR_SealFileMap fails with
 * PR_OPERATION_NOT_SUPPORTED_ERROR; PR_RestrictFileMap read-only fails
 * with PR_OPERATION_NOT_SUPPORTED_ERROR everywhere.  Only in
 * the standalone libprshm (the overlay leaves named shared memory to
 * libnspr4).  NULL with PR_INVALID_ARGUMENT_ERROR for NULL, or dup's error.
 */
struct PRSharedMemory;
PRSHM_API(PRFileMap *) PR_GetSharedMemoryFileMap(struct PRSharedMemory *shm);

/* ---- handing a map to another process: channels --------------------------
 *
 * After QNX's shared memory handles: give one specific process -- one
 * this process did not start, too -- a map, with no public path to the
 * object, checked on both sides.  A channel is a connected AF_UNIX socket
 * wrapped in a PRFileDesc (close it with PR_Close); each message carries
 * one map as a descriptor (SCM_RIGHTS) and a fixed frame with its rights,
 * size and window.  docs/handles.md describes the model and the attacks.
 */

/*
 * A connected pair of channel ends, close-on-exec; hand one to a child
 * with PR_ProcessAttrSetInheritableFD.  PR_INVALID_ARGUMENT_ERROR for
 * NULL; socketpair's error.
 */
PRSHM_API(PRStatus) PR_NewFileMapChannel(PRFileDesc *ends[2]);

/*
 * A rendezvous by name for unrelated processes.  name is 1 to 64
 * characters of letters, digits, '.', '_' and '-', not starting with
 * '.' (else PR_INVALID_ARGUMENT_ERROR).  On Linux the socket lives in the
 * abstract namespace ("@prshm/NAME" in /proc/net/unix): no file is
 * created, and any process in the same network namespace can connect.
 * Elsewhere (and on Linux with PRSHM_CHANNEL_NAMESPACE=directory) it is
 * DIR/NAME, DIR being $XDG_RUNTIME_DIR/prshm when the user has a runtime
 * directory of its own (closed to others), else /tmp/prshm-EUID: a
 * directory only its owner can enter, so only processes of the same user
 * meet.  The name is public: security comes
 * from checking the peer (PR_GetFileMapChannelPeer, the peerPid of
 * PR_SendFileMap), never from the name.
 *
 * PR_ListenFileMapChannel: a listening socket for name;
 * PR_ADDRESS_IN_USE_ERROR when another listener has it (a socket file
 * left by a listener that died is replaced); PR_NO_ACCESS_RIGHTS_ERROR
 * when DIR is not a directory of this user closed to others (another
 * user can create /tmp/prshm-EUID first: a denial of service that a
 * runtime directory avoids).
 * PR_AcceptFileMapChannel: the next connection, waiting up to timeout
 * (PR_IO_TIMEOUT_ERROR).  PR_ConnectFileMapChannel: a channel to the
 * listener of name; PR_CONNECT_REFUSED_ERROR when there is none,
 * PR_IO_TIMEOUT_ERROR when it accepts nothing within timeout.  An
 * unknown PRSHM_CHANNEL_NAMESPACE gives PR_OPERATION_NOT_SUPPORTED_ERROR.
 */
PRSHM_API(PRFileDesc *) PR_ListenFileMapChannel(const char *name);
PRSHM_API(PRFileDesc *) PR_AcceptFileMapChannel(PRFileDesc *listener,
                                                PRIntervalTime timeout);
PRSHM_API(PRFileDesc *) PR_ConnectFileMapChannel(const char *name,
                                                 PRIntervalTime timeout);

/*
 * The process at the other end of ch as the kernel recorded it when the
 * channel was connected or created (for a pair: the process that made
 * it, on both ends) (SO_PEERCRED on Linux; LOCAL_PEERCRED
 * or getpeereid on the BSDs, where *pid is -1 if the system does not say).
 * Either pointer may be NULL.  PR_INVALID_ARGUMENT_ERROR for NULL ch or a
 * descriptor that is not an AF_UNIX stream or seqpacket socket
 * (PR_NOT_SOCKET_ERROR for one that is no socket);
 * PR_NOT_CONNECTED_ERROR for an unconnected one.
 */
PRSHM_API(PRStatus) PR_GetFileMapChannelPeer(PRFileDesc *ch, PRInt32 *pid,
                                             PRUint32 *uid);

/*
 * Send fm over ch with at most prot rights.  PR_PROT_READWRITE needs a
 * read-write fm that this process has not sealed against writes (else
 * PR_NO_ACCESS_RIGHTS_ERROR; one another holder sealed is refused by the
 * receiver) and sends its descriptor; PR_PROT_READONLY and PR_PROT_WRITECOPY send a descriptor
 * that cannot write, made as PR_RestrictFileMap makes one -- with its
 * seals on fm's object, and keeping a revocable map revocable -- so they
 * fail where PR_RestrictFileMap does (PR_OPERATION_NOT_SUPPORTED_ERROR on
 * tmpfile).  With peerPid above 0 nothing is sent unless the kernel
 * reports that pid at the other end and, on Linux 6.5 and later
 * (SO_PEERPIDFD), that process has not exited since
 * (PR_NO_ACCESS_RIGHTS_ERROR; PR_OPERATION_NOT_SUPPORTED_ERROR where the
 * system reports no pid).  Learn peerPid elsewhere than from the channel
 * (docs/handles.md): the peer's own pid is a check every peer passes.
 * The frame carries fm's size and its window: the whole map, or the
 * window fm itself was received with.  Only anonymous objects travel: a
 * file map or named object gives PR_OPERATION_NOT_SUPPORTED_ERROR, a
 * revoked map PR_INVALID_STATE_ERROR.  Blocks while the channel is full.
 * The channel is checked by the send itself: PR_NOT_SOCKET_ERROR for no
 * socket, PR_NOT_CONNECTED_ERROR for a listener or unconnected socket,
 * PR_INVALID_ARGUMENT_ERROR for a socket that cannot carry descriptors
 * (not a local one), PR_PIPE_ERROR when the peer has gone.
 *
 * PR_SendFileMapWindow also names the window (offset, length) the
 * receiver may map: offset a multiple of PR_GetMemMapAlignment(), length
 * above 0, inside fm's own window (else PR_INVALID_ARGUMENT_ERROR).  A
 * window limits PR_MemMap on the received map; it is not a boundary the
 * kernel keeps -- the receiver holds a descriptor to the whole object --
 * so share a separate map when the rest must stay secret.
 */
PRSHM_API(PRStatus) PR_SendFileMap(PRFileDesc *ch, PRFileMap *fm,
                                   PRFileMapProtect prot, PRInt32 peerPid);
PRSHM_API(PRStatus) PR_SendFileMapWindow(PRFileDesc *ch, PRFileMap *fm,
                                         PRFileMapProtect prot,
                                         PRInt32 peerPid, PROffset64 offset,
                                         PRInt64 length);

/*
 * Receive one map from ch, waiting up to timeout (PR_IO_TIMEOUT_ERROR).
 * PR_INVALID_ARGUMENT_ERROR for NULL, PR_NOT_SOCKET_ERROR when ch is no
 * socket.  The map is checked before it is returned; whatever arrived is
 * closed when a check fails:
 *   PR_IO_ERROR (OS error EBADMSG)  a malformed or truncated frame, no
 *                          descriptor (as always on a socket that is not
 *                          local), more than one descriptor, or control
 *                          data cut short (MSG_CTRUNC);
 *   PR_BAD_DESCRIPTOR_ERROR  the descriptor is not an anonymous memory
 *                          object -- a directory, FIFO, device, socket,
 *                          an object with a name in some directory, or
 *                          one on a filesystem served by another process
 *                          (FUSE, NFS, SMB);
 *   PR_RANGE_ERROR         the object is smaller than the frame says;
 *   PR_NO_ACCESS_RIGHTS_ERROR  announced read-write but not writable, or
 *                          announced read-only but not sealed against
 *                          writes (PR_FILEMAP_SEAL_WRITE or _FUTURE_WRITE);
 *   PR_END_OF_FILE_ERROR   the peer closed the channel.
 * On a stream channel (an NSPR AF_LOCAL socket) a bad frame leaves the
 * channel out of step: close it.  The map owns its close-on-exec
 * descriptor, reports backend "received", is revocable if the sender's
 * is (the creator's revoke reaches it), and works with every call that
 * takes a map.
 */
PRSHM_API(PRFileMap *) PR_ReceiveFileMap(PRFileDesc *ch,
                                         PRIntervalTime timeout);

PR_END_EXTERN_C

#endif /* prshmsec_h___ */
