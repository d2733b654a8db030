import type { Peer } from "@mrc/rpc";
import { RpcError } from "@mrc/rpc";
import { FS_PREFIX, type Attr, type DirAttrs, type Entry, type DirEntryPlus, type OpenOut } from "@mrc/protocol";
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

const TRACE = process.env.MRC_BRIDGE_TRACE === "1"; // TEMP
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
 * and dropped by the head's invalidations (FuseFileSystem.invalidated) exactly like the kernel's
 * own caches. The rule for each: it is only ever used for a state the head reported *after* the
 * last change this target made to it, and any change through this target or pushed by the head
 * forgets it first.
 *
 * - Attributes: every reply that carries attributes (lookup, getattr, setattr, create, mkdir, ...,
 *   open, readdirplus, and the directory attributes name operations return) is kept for
 *   {@link ATTR_REUSE_MS}. The kernel drops its cached attributes of a node after its own
 *   operations on it (a directory after each create, a file's atime after each read, ...) and asks
 *   again; when the bridge already has the state after that operation it answers at once.
 *   Requests that may change a node "mark" it when they arrive (write, setattr, read: atime, ...);
 *   a reply is kept only if its node was not marked since the call was sent (a sequence stamp).
 * - Complete directories: a directory this target created (mkdir) is known to be empty, and every
 *   name operation through this target updates the set of names it may hold; changes by others
 *   arrive as invalidations, which forget the set. A lookup of a name not in the set is answered
 *   "does not exist" here (what the kernel would cache as a negative dentry anyway).
 * - Open prefetch: a small file opened read-only comes with its contents; the kernel's READs of
 *   that handle are answered from them until the file changes (a mark of its node).
 */
class BridgeCache {
  private seq = 0;
  private floor = 0;
  /** node → seq of its last mark. */
  private readonly marks = new Map<number, number>();
  private readonly attrs = new Map<number, { attr: Attr; until: number }>();
  /** Directory node → the names it may hold (complete: any other name does not exist). */
  private readonly dirs = new Map<number, Set<string>>();
  /** fh → contents read at open, for the READs of that handle. */
  private readonly prefetched = new Map<number, { node: number; data: Uint8Array }>();

  /** Stamp to take before a call whose reply carries state to keep. */
  stamp(): number {
    return this.seq;
  }

  /**
   * `node` may change now: forget its attributes and prefetched contents, and any reply about it
   * already under way. (Its name set is kept: our own name operations update it.)
   */
  mark(node: number): void {
    this.marks.set(node, ++this.seq);
    this.attrs.delete(node);
    if (this.prefetched.size > 0) for (const [fh, p] of this.prefetched) if (p.node === node) this.prefetched.delete(fh);
    if (this.marks.size > 100_000) this.markAll();
  }

  /** Anything may have changed (an unlink or rename touches a node we cannot name). */
  markAll(): void {
    this.marks.clear();
    this.attrs.clear();
    this.floor = ++this.seq;
  }

  private fresh(node: number, stamp: number): boolean {
    return stamp >= this.floor && (this.marks.get(node) ?? 0) <= stamp;
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

  /** A directory this target just created (empty unless someone changed it since `stamp`). */
  createdDir(node: number, stamp: number): void {
    if (!this.fresh(node, stamp)) return;
    if (this.dirs.size >= 10_000) this.dirs.delete(this.dirs.keys().next().value!);
    this.dirs.set(node, new Set());
  }

  /** `name` may exist in `parent` from now on. */
  addName(parent: number, name: string): void {
    this.dirs.get(parent)?.add(name);
  }

  /** `name` was removed from `parent` through this target. */
  removeName(parent: number, name: string): void {
    this.dirs.get(parent)?.delete(name);
  }

  /** True when `name` certainly does not exist in `parent`. */
  absent(parent: number, name: string): boolean {
    const s = this.dirs.get(parent);
    return s !== undefined && !s.has(name);
  }

  /** The head says `node` changed (someone else did it): forget everything about it. */
  invalidate(node: number): void {
    this.mark(node);
    this.dirs.delete(node);
  }

  forgetNode(node: number): void {
    this.attrs.delete(node);
    this.dirs.delete(node);
  }

  setPrefetched(fh: number, node: number, data: Uint8Array, stamp: number): void {
    if (this.fresh(node, stamp)) this.prefetched.set(fh, { node, data });
  }

  /** Bytes for a READ of `fh` from its prefetched contents, or undefined. */
  read(fh: number, offset: number, size: number): Uint8Array | undefined {
    const p = this.prefetched.get(fh);
    if (p === undefined) return undefined;
    const end = Math.min(offset + size, p.data.length);
    if (end >= p.data.length) this.prefetched.delete(fh); // read to the end: the page cache has it now
    return offset >= end ? new Uint8Array(0) : p.data.subarray(offset, end);
  }

  dropHandle(fh: number): void {
    this.prefetched.delete(fh);
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
  /** The head's attribute TTL, learnt from its entries (GETATTR replies carry none of their own). */
  let attrTtlMs = 1000;
  const wb = new WriteBehind(async (fh, offset, data) => {
    try {
      return await peer.call<number>(FS_PREFIX + "write", { fh, offset, data });
    } catch (err) {
      throw toFsError(err);
    }
  });
  const call = async <T>(m: string, p: unknown, ctx: RequestContext): Promise<T> => {
    // Answers must include writes still queued (sizes, contents, errors): wait for them first.
    if (wb.busy) await wb.drainAll();
    if (TRACE) process.stderr.write(`bridge-call ${m}\n`);
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
      const prefetch = useCache && (flags & O_ACCMODE) === O_RDONLY && !(flags & O_TRUNC);
      const stamp = cache.stamp();
      const r = await call<OpenOut>("open", prefetch ? { node, flags, prefetch: PREFETCH_BYTES } : { node, flags }, ctx);
      if (flags & O_APPEND) wb.setSerial(r.fh);
      keepAttr(node, r.attr, stamp);
      if (useCache && r.data instanceof Uint8Array) cache.setPrefetched(r.fh, node, r.data, stamp);
      return { fh: r.fh, keepCache: r.keepCache, ...(r.directIo !== undefined ? { directIo: r.directIo } : {}) };
    }
    mark(node);
    try {
      return await call<OpenOut>("open", { node, flags: wbFlags(flags) }, ctx);
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
    if (m === "mkdir" && useCache) cache.createdDir(r.node, stamp);
    return r;
  };
  const removeName = async (m: "unlink" | "rmdir", p: { parent: number; name: string }, ctx: RequestContext): Promise<void> => {
    if (useCache) cache.markAll(); // the removed node's nlink/ctime changed, and we cannot name it
    const stamp = cache.stamp();
    const r = await call<DirAttrs | null>(m, p, ctx);
    if (useCache) cache.removeName(p.parent, p.name);
    keepDirs(r, p.parent, undefined, stamp);
  };
  return {
    lookup: async (ctx, p) => {
      if (useCache && cache.absent(p.parent, p.name)) return NEGATIVE_ENTRY;
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
      if (useCache) cache.addName(p.parent, p.name);
      return keepEntry(e, stamp);
    },
    forget: (_ctx, p) => {
      if (useCache) for (const [node] of p.items) cache.forgetNode(node);
      peer.notify(FS_PREFIX + "forget", p);
    },
    getattr: async (ctx, p) => {
      const known = useCache ? cache.attr(p.node) : undefined;
      if (known !== undefined) return withTtl(known);
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
      keepEntry(r.entry, stamp);
      keepDirs(r, p.parent, undefined, stamp);
      return { entry: r.entry, open: r.open };
    },
    read: (ctx, p) => {
      const local = useCache ? cache.read(p.fh, p.offset, p.size) : undefined;
      if (local !== undefined) return Promise.resolve(local);
      mark(p.node); // the head's read may move atime
      return call<Uint8Array>("read", { fh: p.fh, offset: p.offset, size: p.size }, ctx);
    },
    write: (_ctx, p) => {
      mark(p.node);
      return wb.write(p.fh, p.offset, p.data);
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
      cache.dropHandle(p.fh);
      await wb.drain(p.fh).catch(() => {}); // errors were reported by flush
      wb.drop(p.fh);
      await call("release", { fh: p.fh, ...(p.lockOwner !== undefined ? { lockOwner: p.lockOwner } : {}), ...(p.flock !== undefined ? { flock: p.flock } : {}) }, ctx);
    },
    opendir: (ctx, p) => call("opendir", { node: p.node }, ctx),
    readdir: (ctx, p) => {
      mark(p.node); // atime
      return call("readdir", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
    },
    readdirplus: async (ctx, p) => {
      mark(p.node); // atime
      const stamp = cache.stamp();
      const list = await call<DirEntryPlus[]>("readdirplus", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      for (const d of list) if (d.entry) keepEntry(d.entry, stamp);
      return list;
    },
    releasedir: (ctx, p) => call("releasedir", { fh: p.fh }, ctx),
    fsyncdir: (ctx, p) => call("fsyncdir", { fh: p.fh, datasync: p.datasync }, ctx),
    statfs: (ctx, p) => call("statfs", p, ctx),
    access: (ctx, p) => call<void>("access", p, ctx),
    fallocate: (ctx, p) => {
      mark(p.node);
      return call("fallocate", { fh: p.fh, mode: p.mode, offset: p.offset, length: p.length }, ctx);
    },
    lseek: (ctx, p) => call<number>("lseek", { fh: p.fh, offset: p.offset, whence: p.whence }, ctx),
    copyFileRange: (ctx, p) => {
      mark(p.node);
      mark(p.nodeOut);
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
