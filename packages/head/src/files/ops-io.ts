import type { CreateIn, DirAttrs, Entry, OpenIn, OpenOut, ReadaheadIn, ReadaheadOut, WriteIn, WriteOut } from "@mrc/protocol";
import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import type { FileHandle } from "./handles.js";
import { FdRef } from "./fd-ref.js";
import { fsError, mapErrors } from "./errors.js";
import { childPath, procPath } from "./jail.js";
import { checkName } from "./names.js";
import { fingerprint, sameFingerprint, toAttr } from "./attr.js";
import { dirStat } from "./ops-names.js";
import { chmod, closeQuietly, fstat, fstatNow, lstatOrNull, open, openPooled, pread, preadSmall, pwriteAll, pwriteSmall, sync } from "./sys.js";
import { fallocate as helperFallocate } from "./xattr-helper.js";
import type { Grant } from "./delegations.js";
import { delegateFiles, stillHeld } from "./delegate-ahead.js";
import { killSuidgid } from "./killpriv.js";
import { EarlyWriteback } from "./early-writeback.js";
import {
  MAX_IO, O_ACCMODE, O_NOCTTY, S_IFREG, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, OPEN_PASSTHROUGH,
} from "./constants.js";
import { originKey, type OpContext } from "./origin.js";
import type { BigIntStats } from "node:fs";

/** File I/O operations: open, create, read, write, flush, fsync, release, fallocate, lseek, copyFileRange. */

function accessOf(flags: number): { readable: boolean; writable: boolean } {
  const acc = flags & O_ACCMODE;
  if (acc === 3) throw fsError("EINVAL", "bad access mode");
  return { readable: acc === O_RDONLY || acc === O_RDWR, writable: acc === O_WRONLY || acc === O_RDWR };
}

/**
 * keepCache: the opener's page cache is still good when the file looks exactly as it did when
 * this origin last opened or released it (size, mtime ns, ctime ns) and nobody wrote through
 * the service since. Records the new snapshot.
 */
function keepCache(node: FsNode, origin: string, st: BigIntStats): boolean {
  const fp = fingerprint(st);
  const snap = node.snapshots.get(origin);
  const keep = snap !== undefined && snap.writes === node.writes && sameFingerprint(snap.fp, fp);
  node.snapshots.set(origin, { fp, writes: node.writes });
  return keep;
}

function addHandle(core: Core, node: FsNode, fd: number, flags: number, ctx?: OpContext): FileHandle {
  const { readable, writable } = accessOf(flags);
  return core.handles.add((id) => ({
    kind: "file",
    id,
    node,
    ref: new FdRef(fd, "EBADF"),
    readable,
    writable,
    append: (flags & O_APPEND) !== 0,
    origin: originKey(ctx?.origin),
    originValue: ctx?.origin,
  }));
}

/** Writes a deferred create may bring. */
const MAX_DEFERRED_WRITES = 4096;

/** Largest `prefetch` honoured (bytes). */
export const MAX_PREFETCH = 1 << 20;

/**
 * The whole file for an open's `prefetch`, read right now, or undefined when it is larger than
 * `limit` (or grew while being read). The caller's fstat after this gives the matching attributes.
 */
async function prefetchData(fd: number, st: BigIntStats, limit: number): Promise<Buffer | undefined> {
  if (st.size > BigInt(limit)) return undefined;
  const size = Number(st.size);
  if (size === 0) return Buffer.alloc(0);
  const data = await preadSmall(fd, size + 1, 0); // one byte more: a file that grew is not taken whole
  return data.length <= size ? data : undefined;
}

/**
 * Open a lazy regular file (nodes.ts) by its last known name, when that name still holds it: an
 * lstat, then the open with the guest's flags (O_NOFOLLOW, O_NOCTTY), whose fstat the caller
 * checks again. Two syscalls fewer than reaching it through an O_PATH fd first. Not with O_TRUNC
 * (the file must be known to be this one before it is changed), and not for other types (the
 * caller opens FIFOs and devices on the threadpool). Null when this does not apply.
 */
async function openByName(core: Core, node: FsNode, flags: number): Promise<number | null> {
  if (!node.lazy || node.type !== S_IFREG || flags & O_TRUNC) return null;
  const parent = core.table.peek(node.parent);
  if (parent === undefined || parent.ref === null || parent.ref.closed) return null;
  return parent
    .use(async (pfd) => {
      const path = childPath(pfd, node.name);
      const st = await lstatOrNull(path);
      return st !== null && node.isInode(st) ? open(path, flags | O_NOFOLLOW | O_NOCTTY) : null;
    })
    .catch(() => null);
}

/**
 * open an existing node; with `killSuidgid` (an O_TRUNC open by a caller without CAP_FSETID) its
 * set-id bits are cleared as well (see killpriv.ts).
 */
export function openFile(core: Core, p: OpenIn, ctx?: OpContext): Promise<OpenOut> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const flags = p.flags | 0;
    const { writable } = accessOf(flags);
    if (node.isSymlink) throw fsError("ELOOP", "open of a symlink node");
    if (node.isDir && (writable || flags & O_TRUNC)) throw fsError("EISDIR", "directory opened for writing");
    if (writable || flags & O_TRUNC) core.checkWritable(node);
    if (node.isVirtualRoot) throw fsError("EISDIR", "use opendir");
    // FIFOs, devices and sockets can block in open(2): never on the event loop.
    const opener = node.isDir || node.type === S_IFREG ? open : openPooled;
    // An open that may change the contents takes delegations back first (it would otherwise
    // wait on the head's own lease); from then on its write descriptor keeps new ones away.
    const changeDone = (writable || flags & O_TRUNC) && node.type === S_IFREG ? await core.delegations.beforeWrite(node) : undefined;
    let fd: number;
    try {
      fd = (await openByName(core, node, flags & OPEN_PASSTHROUGH)) ?? (await node.use((pfd) => opener(procPath(pfd), flags & OPEN_PASSTHROUGH)));
    } finally {
      changeDone?.();
    }
    const origin = originKey(ctx?.origin);
    const want = typeof p.prefetch === "number" ? Math.min(p.prefetch, MAX_PREFETCH) : 0;
    const readOnly = node.type === S_IFREG && (flags & O_ACCMODE) === O_RDONLY && !(flags & O_TRUNC);
    const delegating = p.deleg === true && readOnly && want > 0 && core.delegations.enabled;
    // The second open of a file by the same target gets it delegated (nfsd's heuristic too).
    const again = delegating && node.snapshots.has(origin);
    let own: Grant | null = null;
    try {
      let st = await fstat(fd);
      if (!node.isInode(st)) throw fsError("ESTALE", "the name no longer holds this file");
      if (p.killSuidgid === true) st = (await killSuidgid(fd, st)) ?? st;
      if (flags & O_TRUNC) {
        node.writes++;
        core.inodeChanged(node, ctx?.origin, 0, -1, st);
      }
      const keep = keepCache(node, origin, st);
      // A delegation is taken before the contents it covers are read.
      if (again && Number(st.size) <= want) own = await core.delegations.grant(node, fd, origin, ctx?.origin, Number(st.uid));
      let data: Buffer | undefined;
      if (want > 0 && (!keep || own !== null) && node.type === S_IFREG && (flags & O_ACCMODE) === O_RDONLY) {
        data = await prefetchData(fd, st, want);
        if (data !== undefined) {
          const after = await fstat(fd);
          if (after.size === BigInt(data.length)) st = after;
          else data = undefined;
        }
      }
      const ahead = delegating ? await delegateFiles(core, node.parent, core.scans.ahead(origin, node.parent, node.id), origin, ctx?.origin, want) : [];
      const h = addHandle(core, node, fd, flags, ctx);
      const out: OpenOut = { fh: h.id, keepCache: keep, attr: toAttr(st) };
      if (data !== undefined) out.data = data;
      // Checked last, in the tick the answer leaves: a recall since the grant voids it.
      if (own !== null && data !== undefined && core.delegations.valid(own)) out.deleg = true;
      else if (own !== null) core.delegations.drop(own);
      const held = stillHeld(core, ahead);
      if (held.length > 0) out.ahead = held;
      return out;
    } catch (err) {
      if (own !== null) core.delegations.drop(own);
      closeQuietly(fd);
      throw err;
    }
  });
}

/**
 * create: open(O_CREAT|O_NOFOLLOW[|O_EXCL]) of one name; the new node is lazy (see nodes.ts).
 * `killSuidgid` clears the set-id bits of an existing file the create truncates.
 */
export function create(
  core: Core,
  p: CreateIn,
  ctx?: OpContext,
): Promise<{ entry: Entry; open: OpenOut } & DirAttrs> {
  return mapErrors(async () => {
    const parent = core.dirNode(p.parent);
    const name = checkName(p.name);
    core.checkWritable(parent);
    const flags = p.flags | 0;
    const { writable } = accessOf(flags);
    const origin = originKey(ctx?.origin);
    // A create the target answered itself (deferred: it names the node, and brings the writes).
    if (p.node !== undefined) core.table.checkReserved(p.node, origin);
    const writes = p.writes ?? [];
    if (!Array.isArray(writes) || writes.length > MAX_DEFERRED_WRITES || (writes.length > 0 && !writable)) throw fsError("EINVAL", "bad writes");
    let total = 0;
    for (const w of writes) {
      if (!Array.isArray(w) || !Number.isSafeInteger(w[0]) || w[0] < 0 || !(w[1] instanceof Uint8Array)) throw fsError("EINVAL", "bad write");
      total += w[1].length;
    }
    if (total > MAX_IO) throw fsError("EINVAL", "writes too large");
    const wanted = p.mode & ~p.umask & 0o7777;
    const realFlags = O_CREAT | O_NOFOLLOW | (flags & O_EXCL) | (flags & OPEN_PASSTHROUGH);
    // The kernel sends CREATE for names it believes missing: try to create it exclusively first
    // (one syscall); only if it exists after all, look at what is there.
    let existed = false;
    let fd = await parent.use((pfd) => open(childPath(pfd, name), realFlags | O_EXCL, wanted)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST" || flags & O_EXCL) throw err;
      return -1;
    });
    if (fd < 0) {
      const was = await parent.use((pfd) => lstatOrNull(childPath(pfd, name)));
      existed = was !== null;
      // An existing FIFO or device can block in open(2): never on the event loop; nor can a
      // file while the head holds leases (it may be one of them: the open waits for its recall).
      const opener = (was === null || was.isFile()) && core.delegations.active === 0 ? open : openPooled;
      fd = await parent.use((pfd) => opener(childPath(pfd, name), realFlags, wanted));
    }
    try {
      let st = await fstat(fd);
      if (!st.isFile()) throw fsError(st.isDirectory() ? "EISDIR" : "EEXIST", "name exists and is not a file");
      if (!existed && (Number(st.mode) & 0o7777) !== wanted) {
        await chmod(procPath(fd), wanted);
        st = await fstat(fd);
      }
      const node = p.node !== undefined ? core.table.internAs(p.node, origin, parent.exportIndex, st, parent.id, name) : core.table.intern(parent.exportIndex, null, st, parent.id, name);
      if (!existed) node.ownFp = fingerprint(st); // the watcher's echo of this creation is ours
      if (existed && flags & O_TRUNC && p.killSuidgid === true) st = (await killSuidgid(fd, st)) ?? st;
      if (existed && flags & O_TRUNC) {
        node.writes++;
        core.inodeChanged(node, ctx?.origin);
      }
      if (writes.length > 0) {
        // Small writes synchronously, like fs.write's (a threadpool hop costs more than the write).
        for (const [off, data] of writes) await pwriteSmall(fd, data, flags & O_APPEND ? null : off);
        st = await fstat(fd);
        node.writes++;
        core.inodeChanged(node, ctx?.origin, 0, -1, st);
      }
      keepCache(node, origin, st); // records the snapshot; a create never keeps
      const h = addHandle(core, node, fd, flags, ctx);
      const pst = await dirStat(parent).catch(() => undefined);
      core.entryChanged(parent, name, ctx?.origin, pst);
      const out: { entry: Entry; open: OpenOut } & DirAttrs = { entry: core.entry(node, st, origin), open: { fh: h.id, keepCache: false } };
      if (p.node !== undefined) out.entry.node = p.node; // the id the target's kernel knows it by
      if (pst !== undefined) out.parentAttr = toAttr(pst);
      return out;
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  });
}

/**
 * read up to `size` bytes at `offset`; short at end of file. `into` supplies the buffer to read
 * into (the rpc layer's reply buffer, so the data is sent without a copy); default a fresh one.
 */
export function read(core: Core, p: { fh: number; offset: number; size: number }, into?: (size: number) => Buffer): Promise<Uint8Array> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    if (!h.readable) throw fsError("EBADF", "handle not open for reading");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0) throw fsError("EINVAL", "bad offset");
    if (!Number.isSafeInteger(p.size) || p.size < 0 || p.size > MAX_IO) throw fsError("EINVAL", "bad size");
    return h.ref.use((fd) => pread(fd, p.size, p.offset, into?.(p.size)));
  });
}

/**
 * write at `offset` (or at the end, for O_APPEND handles); returns bytes written. With
 * `killSuidgid` the file's set-id bits are cleared after the write (killpriv.ts), using the stat
 * the write takes anyway: a chmod only when the file has such bits.
 */
export function write(
  core: Core,
  p: WriteIn,
  ctx?: OpContext,
): Promise<number | WriteOut> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.checkWritable(h.node);
    if (!h.writable) throw fsError("EBADF", "handle not open for writing");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0) throw fsError("EINVAL", "bad offset");
    if (!(p.data instanceof Uint8Array) || p.data.length > MAX_IO) throw fsError("EINVAL", "bad data");
    // The stat is taken in the same tick the write completed (no other write of this process can
    // complete in between), so answers sent in order carry attributes in order.
    const [n, stWritten] = await h.ref.use(async (fd) => {
      const written = await pwriteSmall(fd, p.data, h.append ? null : p.offset);
      return [written, fstatNow(fd)] as const;
    });
    const st = p.killSuidgid === true ? await h.ref.use((fd) => killSuidgid(fd, stWritten)) : stWritten;
    h.node.writes++;
    if (core.earlyWritebackBytes > 0) (h.writeback ??= new EarlyWriteback(core.earlyWritebackBytes, core.startSlots, core.earlyWritebackStart)).wrote(h.ref, n);
    core.inodeChanged(h.node, ctx?.origin, h.append ? 0 : p.offset, h.append ? -1 : n, st);
    if (p.attr !== true) return n;
    return st === undefined ? { written: n } : { written: n, attr: toAttr(st) };
  });
}

function lockOwner(h: FileHandle, owner: string): string {
  return `${h.origin}/${owner}`;
}

/** flush (each close of a descriptor): drops the closing owner's POSIX locks, as close(2) does. */
export function flush(core: Core, p: { fh: number; lockOwner?: string }): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    if (p.lockOwner !== undefined) core.locks.releaseOwner(h.node.inodeKey, lockOwner(h, p.lockOwner));
  });
}

/** fsync / fdatasync of the head's file. */
export function fsync(core: Core, p: { fh: number; datasync: boolean }): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    await h.ref.use((fd) => sync(fd, p.datasync));
  });
}

/** release: last close of the open file; drops its flock lock and the owner's POSIX locks. */
export function release(core: Core, p: { fh: number; lockOwner?: string; flock?: boolean }): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.handles.delete(h.id);
    try {
      const st = await h.ref.use((fd) => fstat(fd));
      h.node.snapshots.set(h.origin, { fp: fingerprint(st), writes: h.node.writes });
    } catch {
      h.node.snapshots.delete(h.origin);
    } finally {
      releaseLocks(core, h, p.lockOwner);
      h.ref.close();
    }
  });
}

/** Drop what a closed handle held in the lock manager. */
export function releaseLocks(core: Core, h: FileHandle, owner?: string): void {
  core.locks.releaseFlock(h.node.inodeKey, `fh${h.id}`);
  if (owner !== undefined) core.locks.releaseOwner(h.node.inodeKey, lockOwner(h, owner));
}

/** Owner key of a POSIX lock taken through handle `h`. */
export function posixOwner(h: FileHandle, owner: string): string {
  return lockOwner(h, owner);
}

/** fallocate(2) for real, every mode the head's file system supports (run by the perl helper). */
export function fallocate(core: Core, p: { fh: number; mode: number; offset: number; length: number }, ctx?: OpContext): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    core.checkWritable(h.node);
    if (!h.writable) throw fsError("EBADF", "handle not open for writing");
    if (!Number.isSafeInteger(p.offset) || p.offset < 0 || !Number.isSafeInteger(p.length) || p.length <= 0) {
      throw fsError("EINVAL", "bad range");
    }
    await h.ref.use((fd) => helperFallocate(fd, p.mode, p.offset, p.length));
    h.node.writes++;
    core.inodeChanged(h.node, ctx?.origin);
  });
}

/** lseek: SEEK_SET/END computed; SEEK_DATA/HOLE treat the whole file as data (no holes). */
export function lseek(core: Core, p: { fh: number; offset: number; whence: number }): Promise<number> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    const off = p.offset;
    if (!Number.isSafeInteger(off)) throw fsError("EINVAL", "bad offset");
    if (p.whence === 0) {
      if (off < 0) throw fsError("EINVAL", "negative offset");
      return off;
    }
    if (p.whence === 1) throw fsError("EINVAL", "SEEK_CUR is resolved by the kernel");
    const size = Number((await h.ref.use((fd) => fstat(fd))).size);
    switch (p.whence) {
      case 2:
        if (size + off < 0) throw fsError("EINVAL", "negative result");
        return size + off;
      case 3: // SEEK_DATA
        if (off < 0 || off >= size) throw fsError("ENXIO", "no data at or after offset");
        return off;
      case 4: // SEEK_HOLE: the only hole is the virtual one at end of file
        if (off < 0 || off >= size) throw fsError("ENXIO", "offset beyond end of file");
        return size;
      default:
        throw fsError("EINVAL", `bad whence ${p.whence}`);
    }
  });
}

const COPY_CHUNK = 1024 * 1024;

/** copy_file_range done on the head (read + write loop); the data never travels to the target. */
export function copyFileRange(
  core: Core,
  p: { fhIn: number; offIn: number; fhOut: number; offOut: number; len: number; flags: number },
  ctx?: OpContext,
): Promise<number> {
  return mapErrors(async () => {
    const hin = core.handles.file(p.fhIn);
    const hout = core.handles.file(p.fhOut);
    core.checkWritable(hout.node);
    if (p.flags !== 0) throw fsError("EINVAL", "copy_file_range flags must be 0");
    if (!hin.readable || !hout.writable || hout.append) throw fsError("EBADF", "bad handle modes");
    for (const v of [p.offIn, p.offOut, p.len]) {
      if (!Number.isSafeInteger(v) || v < 0) throw fsError("EINVAL", "bad offset or length");
    }
    if (hin.node.isDir || hout.node.isDir) throw fsError("EISDIR", "directory");
    const len = Math.min(p.len, MAX_IO);
    if (hin.node === hout.node && p.offIn < p.offOut + len && p.offOut < p.offIn + len) {
      throw fsError("EINVAL", "overlapping ranges in the same file");
    }
    let done = 0;
    await hin.ref.use((ifd) =>
      hout.ref.use(async (ofd) => {
        while (done < len) {
          const buf = await pread(ifd, Math.min(COPY_CHUNK, len - done), p.offIn + done);
          if (buf.length === 0) break;
          done += await pwriteAll(ofd, buf, p.offOut + done);
        }
      }),
    );
    if (done > 0) {
      hout.node.writes++;
      core.inodeChanged(hout.node, ctx?.origin, p.offOut, done);
    }
    return done;
  });
}

/**
 * readahead: the target opened `node`, a file of the last window delegated to it: delegate the
 * next window of the scan (scans.ts), if the scan goes on.
 */
export function readahead(core: Core, p: ReadaheadIn, ctx?: OpContext): Promise<ReadaheadOut> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const origin = originKey(ctx?.origin);
    const limit = Math.min(Number(p.limit) || 0, MAX_PREFETCH);
    if (!core.delegations.enabled || limit <= 0) return { ahead: [] };
    const files = await delegateFiles(core, node.parent, core.scans.more(origin, node.parent, node.id), origin, ctx?.origin, limit);
    return { ahead: stillHeld(core, files) };
  });
}

/** Most node ids a link may hold reserved at once. */
export const MAX_RESERVED = 4096;

/**
 * reserve: node ids for creates the target answers itself (deferred creates): it names the new
 * file's node with one of them and sends the create (with the first writes) later, at the latest
 * when the file is closed.
 */
export function reserve(core: Core, p: { count: number }, ctx?: OpContext): Promise<{ first: number; count: number }> {
  return mapErrors(async () => {
    const origin = originKey(ctx?.origin);
    const room = MAX_RESERVED - core.table.reservedBy(origin);
    const count = Math.max(0, Math.min(Number(p.count) || 0, 1024, room));
    return { first: count > 0 ? core.table.reserve(origin, count) : 0, count };
  });
}
