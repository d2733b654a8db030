import type { Peer } from "@mrc/rpc";
import { RpcError } from "@mrc/rpc";
import { FS_PREFIX, ROOT_NODE, type Attr, type DirAttrs, type DirEntry, type Entry, type DirEntryPlus, type OpenOut, type WriteOut } from "@mrc/protocol";
import { fuseError, type AttrReply, type FuseFileSystem, type FuseNotification, type RequestContext } from "@mrc/fuse";
import { WriteBehind } from "./write-behind.js";

/** How head ids appear to guests: the head user's files are the guest user's own (idmap=user). */
export interface IdMap {
  headUid: number;
  headGid: number;
  guestUid: number;
  guestGid: number;
}

/** Map attributes coming from the head to the guest's view. */
function mapAttr(a: Attr, m: IdMap): Attr {
  if (a.uid === m.headUid) a.uid = m.guestUid;
  if (a.gid === m.headGid) a.gid = m.guestGid;
  return a;
}

function mapEntry(e: Entry, m: IdMap): Entry {
  mapAttr(e.attr, m);
  return e;
}

/** Map a requested owner from the guest's view back to the head's. */
const toHeadUid = (uid: number | undefined, m: IdMap) => (uid === m.guestUid ? m.headUid : uid);
const toHeadGid = (gid: number | undefined, m: IdMap) => (gid === m.guestGid ? m.headGid : gid);

/**
 * Errors from the link become errnos for the kernel: the head's errno as it is; a lost link is
 * ENOTCONN (like sshfs), a timeout ETIMEDOUT, an interrupted call EINTR; anything else EIO.
 */
function toFsError(err: unknown): Error {
  const e = err as RpcError;
  if (e instanceof RpcError) {
    if (e.errno) return fuseError(e.errno, e.message);
    const byCode: Record<string, string> = { CONNECTION_CLOSED: "ENOTCONN", TIMEOUT: "ETIMEDOUT", CANCELLED: "EINTR" };
    return fuseError(byCode[e.code] ?? "EIO", e.message);
  }
  return fuseError("EIO", String(err));
}

/** How long the kernel may remember that a name does not exist, ms. */
export const NEGATIVE_TTL_MS = 10_000;

/**
 * How long attributes that came with a head reply may answer the kernel's next GETATTR of that
 * node, ms (see {@link BridgeCache}). Short: this only saves the GETATTR the kernel sends right
 * after its own operation dropped its cached attributes (a create drops the directory's, a read
 * the file's atime); anything older goes to the head as before.
 */
export const ATTR_REUSE_MS = 1000;

/** Files opened read-only up to this size come with their contents (fs.open `prefetch`). */
export const PREFETCH_BYTES = 64 * 1024;

const ZERO_ATTR: Attr = Object.freeze({
  ino: 0, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0,
});
const NEGATIVE_ENTRY: Entry = Object.freeze({ node: 0, generation: 0, attr: ZERO_ATTR, entryTtlMs: NEGATIVE_TTL_MS, attrTtlMs: 0 });
/** Answer to the kernel's kill-priv probe (one object: no error built per write). */
const NO_CAPS = fuseError("ENODATA", "no file capabilities");

const NAME_MAX = 255;
const O_APPEND = 0o2000;
const O_ACCMODE = 3;
const O_RDONLY = 0;
const O_WRONLY = 1;
const O_RDWR = 2;
const O_TRUNC = 0o1000;
const RENAME_EXCHANGE = 2;
/** Flags to open with on the head when the kernel's writeback cache is on. */
function wbFlags(flags: number): number {
  const acc = (flags & O_ACCMODE) === O_WRONLY ? O_RDWR : flags & O_ACCMODE;
  return (flags & ~O_ACCMODE & ~O_APPEND) | acc;
}

/**
 * What the bridge remembers between requests to spare round trips, all of it learnt from the head
 * or made through this target, and dropped by the head's invalidations (FuseFileSystem.invalidated)
 * exactly like the kernel's own caches. Each is only ever used for a state the head reported
 * *after* the last change this target made to it, and any change through this target or pushed by
 * the head forgets it first.
 *
 * - Attributes: every reply that carries attributes (lookup, getattr, setattr, create, mkdir, ...,
 *   open, write, readdirplus, and the directory attributes name operations return) is kept for
 *   {@link ATTR_REUSE_MS}. The kernel drops its cached attributes of a node after its own
 *   operations on it (a directory after each create, a file's size after each write, atime after
 *   each read, ...) and asks again; when the bridge already has the state after that operation it
 *   answers at once. Requests that may change a node "mark" it when they arrive (write, setattr,
 *   read: atime, ...); a reply is kept only if its node was not marked since the call was sent
 *   (sequence stamps).
 * - Complete directories: a directory this target created (mkdir), or listed from start to end
 *   (readdir), has a known set of names; every name operation through this target updates it, and
 *   changes by others arrive as invalidations, which forget it (it also expires after
 *   NEGATIVE_TTL_MS, like a negative dentry). A lookup of a name not in the set
 *   is answered "does not exist" here (what the kernel caches as a negative dentry anyway).
 * - Open prefetch: a small file opened read-only comes with its contents; the kernel's READs of
 *   that handle are answered from them until the file changes.
 * - Shadows: a file this target created empty, while only this target writes it, is the sum of
 *   its writes: READs of it (a linker or assembler reading back what it wrote) are answered from a
 *   copy of them (bounded; dropped at release, on any other change, or when too large).
 */
class BridgeCache {
  private seq = 0;
  private attrFloor = 0;
  private dirFloor = 0;
  /** node → seq of its last change (attributes, contents). */
  private readonly marks = new Map<number, number>();
  /** directory node → seq of its last entry change. */
  private readonly dirMarks = new Map<number, number>();
  private readonly attrs = new Map<number, { attr: Attr; until: number }>();
  /**
   * Directory node → the names it may hold (complete: any other name does not exist), until a
   * deadline: like the kernel's negative dentries, it bounds staleness should an invalidation be
   * lost (a head whose inotify watches ran out).
   */
  private readonly dirs = new Map<number, { names: Set<string>; until: number }>();
  /** fh → contents read at open, for the READs of that handle. */
  private readonly prefetched = new Map<number, { node: number; data: Uint8Array }>();
  /** node → its whole contents, as this target wrote them (see the class comment). */
  private readonly shadows = new Map<number, Shadow>();

  /** Stamp to take before a call whose reply carries state to keep. */
  stamp(): number {
    return this.seq;
  }

  /**
   * `node`'s contents or attributes may change now: forget its attributes and prefetched
   * contents, and any reply about it already under way.
   */
  mark(node: number): void {
    this.marks.set(node, ++this.seq);
    this.attrs.delete(node);
    if (this.prefetched.size > 0) for (const [fh, p] of this.prefetched) if (p.node === node) this.prefetched.delete(fh);
    if (this.marks.size > 100_000) {
      this.marks.clear();
      this.attrFloor = ++this.seq;
    }
  }

  /** Entries of directory `node` change now (through this target): a listing under way is void. */
  dirChanged(node: number): void {
    this.dirMarks.set(node, ++this.seq);
    if (this.dirMarks.size > 100_000) {
      this.dirMarks.clear();
      this.dirFloor = ++this.seq;
    }
  }

  /** Any node's attributes may have changed (an unlink or rename changes a node we cannot name). */
  markAll(): void {
    this.marks.clear();
    this.attrs.clear();
    this.attrFloor = ++this.seq;
  }

  private fresh(node: number, stamp: number): boolean {
    return stamp >= this.attrFloor && (this.marks.get(node) ?? 0) <= stamp;
  }

  private dirFresh(node: number, stamp: number): boolean {
    return stamp >= this.dirFloor && (this.dirMarks.get(node) ?? 0) <= stamp;
  }

  putAttr(node: number, attr: Attr, stamp: number): void {
    if (!this.fresh(node, stamp)) return;
    if (this.attrs.size > 20_000) this.attrs.clear();
    this.attrs.set(node, { attr, until: Date.now() + ATTR_REUSE_MS });
  }

  attr(node: number): Attr | undefined {
    const e = this.attrs.get(node);
    if (e === undefined) return undefined;
    if (Date.now() > e.until) {
      this.attrs.delete(node);
      return undefined;
    }
    return e.attr;
  }

  /** `node` holds exactly `names` (created empty, or listed whole, with no change since `stamp`). */
  knownDir(node: number, names: Set<string>, stamp: number): void {
    // Never the virtual root: the head may add exports without telling anyone.
    if (node === ROOT_NODE || !this.dirFresh(node, stamp)) return;
    if (this.dirs.size >= 10_000) this.dirs.delete(this.dirs.keys().next().value!);
    this.dirs.set(node, { names, until: Date.now() + NEGATIVE_TTL_MS });
  }

  /** `name` may exist in `parent` from now on (a name operation through this target). */
  addName(parent: number, name: string): void {
    this.dirChanged(parent);
    this.dirs.get(parent)?.names.add(name);
  }

  /** A lookup found `name` in `parent` (nothing changed; a set that lacked it was wrong). */
  foundName(parent: number, name: string): void {
    const d = this.dirs.get(parent);
    if (d !== undefined && !d.names.has(name)) this.dirs.delete(parent);
  }

  /** `name` was removed from `parent` through this target. */
  removeName(parent: number, name: string): void {
    this.dirChanged(parent);
    this.dirs.get(parent)?.names.delete(name);
  }

  /** True when `name` certainly does not exist in `parent`. */
  absent(parent: number, name: string): boolean {
    const d = this.dirs.get(parent);
    if (d === undefined) return false;
    if (Date.now() > d.until) {
      this.dirs.delete(parent);
      return false;
    }
    return !d.names.has(name);
  }

  /** The head says `node` changed (someone else did it): forget everything about it. */
  invalidate(node: number): void {
    this.mark(node);
    this.dirChanged(node);
    this.dirs.delete(node);
    this.shadows.delete(node);
  }

  forgetNode(node: number): void {
    this.attrs.delete(node);
    this.dirs.delete(node);
  }

  setPrefetched(fh: number, node: number, data: Uint8Array, stamp: number): void {
    if (this.fresh(node, stamp)) this.prefetched.set(fh, { node, data });
  }

  /** Bytes for a READ of `fh` (node `node`) this target can answer itself, or undefined. */
  read(fh: number, node: number, offset: number, size: number): Uint8Array | undefined {
    const p = this.prefetched.get(fh);
    if (p !== undefined) {
      const end = Math.min(offset + size, p.data.length);
      if (end >= p.data.length) this.prefetched.delete(fh); // read to the end: the page cache has it now
      return offset >= end ? new Uint8Array(0) : p.data.subarray(offset, end);
    }
    return this.shadows.get(node)?.read(offset, size);
  }

  dropHandle(fh: number, node: number | undefined): void {
    this.prefetched.delete(fh);
    if (node !== undefined) this.shadows.delete(node);
  }

  /** A file this target just created empty and may write: keep a shadow of its contents. */
  startShadow(node: number): void {
    if (this.shadows.size >= MAX_SHADOWS) this.shadows.delete(this.shadows.keys().next().value!);
    this.shadows.set(node, new Shadow());
  }

  /** A write through this target; false drops the shadow (too large). */
  shadowWrite(node: number, offset: number, data: Uint8Array): void {
    const s = this.shadows.get(node);
    if (s !== undefined && !s.write(offset, data)) this.shadows.delete(node);
  }

  /** The file changes in a way its shadow does not follow (truncate, fallocate, append, ...). */
  dropShadow(node: number): void {
    this.shadows.delete(node);
  }
}

/** Shadows at once, and bytes each may hold. */
const MAX_SHADOWS = 64;
const SHADOW_BYTES = 8 * 1024 * 1024;

/** The contents of a file created empty, as the writes made them (later writes win). */
class Shadow {
  private size = 0;
  private bytes = 0;
  private readonly writes: Array<{ off: number; data: Buffer }> = [];

  write(offset: number, data: Uint8Array): boolean {
    if (data.byteLength === 0) return true;
    this.bytes += data.byteLength;
    if (this.bytes > SHADOW_BYTES || this.writes.length > 65_536) return false;
    this.writes.push({ off: offset, data: Buffer.from(data) }); // a copy: request buffers are recycled
    this.size = Math.max(this.size, offset + data.byteLength);
    return true;
  }

  read(offset: number, size: number): Uint8Array {
    const end = Math.min(offset + size, this.size);
    if (end <= offset) return new Uint8Array(0);
    const out = Buffer.alloc(end - offset); // never written: a hole, zeros
    for (const w of this.writes) {
      const a = Math.max(offset, w.off);
      const b = Math.min(end, w.off + w.data.length);
      if (a < b) w.data.copy(out, a - offset, a - w.off, b - w.off);
    }
    return out;
  }
}

/** Options of {@link RemoteFs}. */
export interface RemoteFsOptions {
  /** The mount uses the kernel's writeback cache (changes how files are opened on the head). */
  writeback?: boolean;
  ids: IdMap;
  /** Per-call deadline (ms) for calls that must not hang forever on a silent link; 0 = none. */
  callTimeoutMs?: number;
  /** Answer what the bridge already knows without a round trip (see BridgeCache); default true. */
  cache?: boolean;
}

/**
 * The FUSE file system of a target: every kernel request becomes one `fs.*` call to the head over
 * the link, with ownership mapped between head and guest users — except what the bridge can
 * answer from what the head told it moments ago ({@link BridgeCache}), close(2) of a file with
 * nothing to flush and no POSIX locks, and writes, which are queued ({@link WriteBehind}).
 * Caching is otherwise the kernel's (entry/attr TTLs, page cache with FOPEN_KEEP_CACHE),
 * invalidated by the head.
 */
export function remoteFs(peer: Peer, o: RemoteFsOptions): FuseFileSystem {
  const ids = o.ids;
  const useCache = o.cache !== false;
  const cache = new BridgeCache();
  /** Nodes this target ever took a POSIX lock on: their FLUSH must reach the head (it drops the owner's locks). */
  const posixLocked = new Set<number>();
  /** The head takes fs.release as a notification (it said so in an answer to the call). */
  let releaseByNotify = false;
  /** The head's attribute TTL, learnt from its entries (GETATTR replies carry none of their own). */
  let attrTtlMs = 1000;
  /** The node of each open file handle (writes are queued by handle). */
  const fhNode = new Map<number, number>();
  const wb = new WriteBehind(async (fh, offset, data) => {
    const stamp = cache.stamp();
    let r: number | WriteOut;
    try {
      r = await peer.call<number | WriteOut>(FS_PREFIX + "write", useCache ? { fh, offset, data, attr: true } : { fh, offset, data });
    } catch (err) {
      throw toFsError(err);
    }
    if (typeof r === "number") return r; // an older head
    // The file's attributes after this write: a GETATTR right after it (lseek SEEK_END, fstat)
    // is answered from them once the queue is drained.
    const node = fhNode.get(fh);
    if (node !== undefined) keepAttr(node, r.attr, stamp);
    return r.written;
  });
  const call = async <T>(m: string, p: unknown, ctx: RequestContext): Promise<T> => {
    // Answers must include writes still queued (sizes, contents, errors): wait for them first.
    if (wb.busy) await wb.drainAll();
    try {
      return await peer.call<T>(FS_PREFIX + m, p, { signal: ctx.signal, ...(o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {}) });
    } catch (err) {
      throw toFsError(err);
    }
  };
  const keepAttr = (node: number, a: Attr | undefined, stamp: number): void => {
    if (useCache && a !== undefined && a !== null) cache.putAttr(node, mapAttr(a, ids), stamp);
  };
  const keepEntry = (e: Entry, stamp: number): Entry => {
    mapEntry(e, ids);
    if (e.node !== 0) {
      attrTtlMs = e.attrTtlMs;
      if (useCache) cache.putAttr(e.node, e.attr, stamp);
    }
    return e;
  };
  /** After a name operation: keep the directory attributes it returned (current heads do). */
  const keepDirs = (r: DirAttrs | null | undefined, parent: number, newParent: number | undefined, stamp: number): void => {
    if (r === null || typeof r !== "object") return;
    keepAttr(parent, r.parentAttr, stamp);
    if (newParent !== undefined) keepAttr(newParent, r.newParentAttr, stamp);
  };
  const mark = (node: number): void => {
    if (useCache) cache.mark(node);
  };
  const withTtl = (attr: Attr): AttrReply => ({ attr, attrTtlMs });
  /** With the writeback cache the kernel may read to fill pages of a write-only file, and it
   * computes append offsets itself: open for read+write and without O_APPEND on the head. */
  const openFile = async (node: number, flags: number, ctx: RequestContext): Promise<OpenOut> => {
    if (!o.writeback) {
      if (flags & O_TRUNC) mark(node);
      if (useCache && flags & (O_TRUNC | O_APPEND)) cache.dropShadow(node);
      const prefetch = useCache && (flags & O_ACCMODE) === O_RDONLY && !(flags & O_TRUNC);
      const stamp = cache.stamp();
      const r = await call<OpenOut>("open", prefetch ? { node, flags, prefetch: PREFETCH_BYTES } : { node, flags }, ctx);
      if (flags & O_APPEND) wb.setSerial(r.fh);
      fhNode.set(r.fh, node);
      keepAttr(node, r.attr, stamp);
      if (useCache && r.data instanceof Uint8Array) cache.setPrefetched(r.fh, node, r.data, stamp);
      return { fh: r.fh, keepCache: r.keepCache, ...(r.directIo !== undefined ? { directIo: r.directIo } : {}) };
    }
    mark(node);
    try {
      const r = await call<OpenOut>("open", { node, flags: wbFlags(flags) }, ctx);
      fhNode.set(r.fh, node);
      return r;
    } catch (err) {
      if ((err as { errno?: string }).errno !== "EACCES" || (flags & 3) !== 1) throw err;
      return call<OpenOut>("open", { node, flags: flags & ~O_APPEND }, ctx); // write-only it is
    }
  };
  /** symlink, mknod, mkdir, link: a new name in `parent`, an Entry (and the parent's attributes) back. */
  const newName = async (m: string, parent: number, name: string, p: object, ctx: RequestContext): Promise<Entry> => {
    mark(parent);
    if (useCache) cache.addName(parent, name);
    const stamp = cache.stamp();
    const r = await call<Entry & DirAttrs>(m, p, ctx);
    keepEntry(r, stamp);
    keepDirs(r, parent, undefined, stamp);
    if (m === "mkdir" && useCache) cache.knownDir(r.node, new Set(), stamp); // a new directory is empty
    return r;
  };
  const removeName = async (m: "unlink" | "rmdir", p: { parent: number; name: string }, ctx: RequestContext): Promise<void> => {
    if (useCache) {
      cache.markAll(); // the removed node's nlink/ctime changed, and we cannot name it
      cache.dirChanged(p.parent);
    }
    const stamp = cache.stamp();
    const r = await call<DirAttrs | null>(m, p, ctx);
    if (useCache) cache.removeName(p.parent, p.name);
    keepDirs(r, p.parent, undefined, stamp);
  };
  /** Listings under way, by directory handle: a listing read whole from offset 0 makes a complete directory. */
  const listings = new Map<number, { node: number; stamp: number; names: Set<string>; maxOff: number; whole: boolean }>();
  const listed = (fh: number, node: number, offset: number, list: Array<{ name: string; off: number }>, stamp: number): void => {
    if (!useCache) return;
    let l = listings.get(fh);
    if (offset === 0) listings.set(fh, (l = { node, stamp, names: new Set(), maxOff: 0, whole: true }));
    if (l === undefined) return;
    if (offset > l.maxOff) l.whole = false; // a seekdir past what we saw: a gap
    for (const d of list) {
      if (d.name !== "." && d.name !== "..") l.names.add(d.name);
      if (d.off > l.maxOff) l.maxOff = d.off;
    }
    if (list.length === 0) {
      if (l.whole) cache.knownDir(node, l.names, l.stamp);
      listings.delete(fh);
    }
  };
  return {
    lookup: async (ctx, p) => {
      // (A name too long for the head goes there, to get its ENAMETOOLONG.)
      if (useCache && cache.absent(p.parent, p.name) && Buffer.byteLength(p.name) <= NAME_MAX) return NEGATIVE_ENTRY;
      const stamp = cache.stamp();
      let e: Entry;
      try {
        e = await call<Entry>("lookup", { parent: p.parent, name: p.name, negative: true }, ctx);
      } catch (err) {
        if ((err as { errno?: string }).errno !== "ENOENT") throw err;
        // A cacheable negative entry (nodeid 0): compilers probe many include paths that do not
        // exist. Creations elsewhere reach this kernel as fs.inval entry notifications.
        return NEGATIVE_ENTRY;
      }
      if (e.node === 0) return e;
      if (useCache) cache.foundName(p.parent, p.name);
      return keepEntry(e, stamp);
    },
    forget: (_ctx, p) => {
      if (useCache) for (const [node] of p.items) cache.forgetNode(node);
      peer.notify(FS_PREFIX + "forget", p);
    },
    getattr: async (ctx, p) => {
      if (useCache) {
        if (wb.busy) await wb.drainAll(); // the answers of queued writes carry attributes
        const known = cache.attr(p.node);
        if (known !== undefined) return withTtl(known);
      }
      const stamp = cache.stamp();
      const a = mapAttr(await call<Attr>("getattr", p, ctx), ids);
      if (useCache) cache.putAttr(p.node, a, stamp);
      return withTtl(a);
    },
    setattr: async (ctx, p) => {
      const { lockOwner: _lo, ...rest } = p;
      const q = { ...rest };
      if (q.uid !== undefined) q.uid = toHeadUid(q.uid, ids)!;
      if (q.gid !== undefined) q.gid = toHeadGid(q.gid, ids)!;
      mark(p.node);
      if (useCache && p.size !== undefined) cache.dropShadow(p.node);
      const stamp = cache.stamp();
      const a = mapAttr(await call<Attr>("setattr", q, ctx), ids);
      if (useCache) cache.putAttr(p.node, a, stamp);
      return withTtl(a);
    },
    readlink: (ctx, p) => {
      mark(p.node); // atime
      return call<string>("readlink", p, ctx);
    },
    symlink: (ctx, p) => newName("symlink", p.parent, p.name, p, ctx),
    mknod: (ctx, p) => newName("mknod", p.parent, p.name, p, ctx),
    mkdir: (ctx, p) => newName("mkdir", p.parent, p.name, p, ctx),
    unlink: (ctx, p) => removeName("unlink", p, ctx),
    rmdir: (ctx, p) => removeName("rmdir", p, ctx),
    rename: async (ctx, p) => {
      if (useCache) {
        cache.markAll();
        cache.dirChanged(p.parent);
        cache.addName(p.newParent, p.newName);
      }
      const stamp = cache.stamp();
      const r = await call<DirAttrs | null>("rename", p, ctx);
      if (useCache && (p.flags & RENAME_EXCHANGE) === 0) cache.removeName(p.parent, p.name);
      keepDirs(r, p.parent, p.newParent !== p.parent ? p.newParent : undefined, stamp);
    },
    link: (ctx, p) => {
      mark(p.node);
      return newName("link", p.newParent, p.newName, p, ctx);
    },
    open: (ctx, p) => openFile(p.node, p.flags, ctx),
    create: async (ctx, p) => {
      mark(p.parent);
      if (useCache) cache.addName(p.parent, p.name);
      const stamp = cache.stamp();
      const r = await call<{ entry: Entry; open: { fh: number; keepCache: boolean } } & DirAttrs>("create", { ...p, flags: o.writeback ? wbFlags(p.flags) : p.flags }, ctx);
      if (!o.writeback && p.flags & O_APPEND) wb.setSerial(r.open.fh);
      fhNode.set(r.open.fh, r.entry.node);
      // Created (or truncated) empty, written through this handle: keep a shadow of its contents.
      if (useCache && !o.writeback && r.entry.attr.size === 0 && (p.flags & O_ACCMODE) !== O_RDONLY && !(p.flags & O_APPEND)) {
        cache.startShadow(r.entry.node);
      }
      keepEntry(r.entry, stamp);
      keepDirs(r, p.parent, undefined, stamp);
      return { entry: r.entry, open: r.open };
    },
    read: (ctx, p) => {
      const local = useCache ? cache.read(p.fh, p.node, p.offset, p.size) : undefined;
      if (local !== undefined) return Promise.resolve(local);
      mark(p.node); // the head's read may move atime
      return call<Uint8Array>("read", { fh: p.fh, offset: p.offset, size: p.size }, ctx);
    },
    write: (_ctx, p) => {
      mark(p.node);
      if (useCache) cache.shadowWrite(p.node, p.offset, p.data); // copies, before the buffer can be recycled
      return wb.write(p.fh, p.offset, p.data, p.recycle).catch((err: unknown) => {
        if (useCache) cache.dropShadow(p.node);
        throw err;
      });
    },
    flush: async (ctx, p) => {
      await wb.drain(p.fh); // close(2) returns only once the data is on the head, with its errors
      // The head's flush only drops the closing owner's POSIX locks: with none taken through this
      // target on this file there is nothing to do there.
      if (!posixLocked.has(p.node)) return;
      await call("flush", { fh: p.fh, lockOwner: p.lockOwner }, ctx);
    },
    fsync: async (ctx, p) => {
      await wb.drain(p.fh);
      await call("fsync", { fh: p.fh, datasync: p.datasync }, ctx);
    },
    release: async (ctx, p) => {
      cache.dropHandle(p.fh, fhNode.get(p.fh));
      await wb.drain(p.fh).catch(() => {}); // errors were reported by flush
      wb.drop(p.fh);
      fhNode.delete(p.fh);
      const q = { fh: p.fh, ...(p.lockOwner !== undefined ? { lockOwner: p.lockOwner } : {}), ...(p.flock !== undefined ? { flock: p.flock } : {}) };
      // The kernel does not wait for a release: once the head said it takes them as
      // notifications, send them so (no answer to wait for and decode).
      if (releaseByNotify) {
        peer.notify(FS_PREFIX + "release", q);
        return;
      }
      const r = await call<{ notify?: boolean } | null>("release", q, ctx);
      if (r !== null && typeof r === "object" && r.notify === true) releaseByNotify = true;
    },
    opendir: (ctx, p) => call("opendir", { node: p.node }, ctx),
    readdir: async (ctx, p) => {
      mark(p.node); // atime
      const stamp = cache.stamp();
      const list = await call<DirEntry[]>("readdir", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      listed(p.fh, p.node, p.offset, list, stamp);
      return list;
    },
    readdirplus: async (ctx, p) => {
      mark(p.node); // atime
      const stamp = cache.stamp();
      const list = await call<DirEntryPlus[]>("readdirplus", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      for (const d of list) if (d.entry) keepEntry(d.entry, stamp);
      listed(p.fh, p.node, p.offset, list, stamp);
      return list;
    },
    releasedir: (ctx, p) => {
      listings.delete(p.fh);
      return call("releasedir", { fh: p.fh }, ctx);
    },
    fsyncdir: (ctx, p) => call("fsyncdir", { fh: p.fh, datasync: p.datasync }, ctx),
    statfs: (ctx, p) => call("statfs", p, ctx),
    access: (ctx, p) => call<void>("access", p, ctx),
    fallocate: (ctx, p) => {
      mark(p.node);
      if (useCache) cache.dropShadow(p.node);
      return call("fallocate", { fh: p.fh, mode: p.mode, offset: p.offset, length: p.length }, ctx);
    },
    lseek: (ctx, p) => call<number>("lseek", { fh: p.fh, offset: p.offset, whence: p.whence }, ctx),
    copyFileRange: (ctx, p) => {
      mark(p.node);
      mark(p.nodeOut);
      if (useCache) cache.dropShadow(p.nodeOut);
      return call<number>("copyFileRange", { fhIn: p.fhIn, offIn: p.offIn, fhOut: p.fhOut, offOut: p.offOut, len: p.len, flags: p.flags }, ctx);
    },
    getlk: (ctx, p) => call("getlk", { fh: p.fh, owner: p.owner, lock: p.lock }, ctx),
    setlk: (ctx, p) => {
      if (!p.flock) posixLocked.add(p.node);
      return call("setlk", { fh: p.fh, owner: p.owner, lock: p.lock, wait: p.wait, flock: p.flock }, ctx);
    },
    getxattr: (ctx, p) => {
      // The kernel asks for security.capability before every write (to drop file capabilities);
      // the head drops them itself when it writes. Answering here saves a round trip per write.
      if (p.name === "security.capability") return Promise.reject(NO_CAPS);
      return call<Uint8Array | number>("getxattr", { node: p.node, name: p.name, size: p.size }, ctx);
    },
    setxattr: (ctx, p) => {
      mark(p.node);
      return call<void>("setxattr", { node: p.node, name: p.name, value: p.value, flags: p.flags }, ctx);
    },
    listxattr: (ctx, p) => call<Uint8Array | number>("listxattr", { node: p.node, size: p.size }, ctx),
    removexattr: (ctx, p) => {
      mark(p.node);
      return call<void>("removexattr", { node: p.node, name: p.name }, ctx);
    },
    invalidated: (n: FuseNotification) => {
      if (!useCache) return;
      if (n.kind === "inode") cache.invalidate(n.node);
      else if (n.kind === "entry") cache.invalidate(n.parent);
      else {
        cache.invalidate(n.parent);
        cache.invalidate(n.child);
      }
    },
  };
}
