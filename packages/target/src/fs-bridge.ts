import type { Peer } from "@mrc/rpc";
import { RpcError } from "@mrc/rpc";
import { FS_PREFIX, type Attr, type Entry, type DirEntryPlus, type OpenOut } from "@mrc/protocol";
import { fuseError, type AttrReply, type FuseFileSystem, type RequestContext } from "@mrc/fuse";
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

const ZERO_ATTR: Attr = {
  ino: 0, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0,
};
const NEGATIVE_ENTRY: Entry = Object.freeze({ node: 0, generation: 0, attr: ZERO_ATTR, entryTtlMs: NEGATIVE_TTL_MS, attrTtlMs: 0 });

const O_APPEND = 0o2000;
const O_ACCMODE = 3;
const O_WRONLY = 1;
const O_RDWR = 2;
/** Flags to open with on the head when the kernel's writeback cache is on. */
function wbFlags(flags: number): number {
  const acc = (flags & O_ACCMODE) === O_WRONLY ? O_RDWR : flags & O_ACCMODE;
  return (flags & ~O_ACCMODE & ~O_APPEND) | acc;
}

/** Options of {@link RemoteFs}. */
export interface RemoteFsOptions {
  /** The mount uses the kernel's writeback cache (changes how files are opened on the head). */
  writeback?: boolean;
  ids: IdMap;
  /** Per-call deadline (ms) for calls that must not hang forever on a silent link; 0 = none. */
  callTimeoutMs?: number;
}

/**
 * The FUSE file system of a target: every kernel request becomes one `fs.*` call to the head over
 * the link, with ownership mapped between head and guest users. Nothing is cached here: caching is
 * the kernel's (entry/attr TTLs, page cache with FOPEN_KEEP_CACHE), invalidated by the head.
 */
export function remoteFs(peer: Peer, o: RemoteFsOptions): FuseFileSystem {
  const ids = o.ids;
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
    try {
      return await peer.call<T>(FS_PREFIX + m, p, { signal: ctx.signal, ...(o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {}) });
    } catch (err) {
      throw toFsError(err);
    }
  };
  /** With the writeback cache the kernel may read to fill pages of a write-only file, and it
   * computes append offsets itself: open for read+write and without O_APPEND on the head. */
  const openFile = async (node: number, flags: number, ctx: RequestContext) => {
    if (!o.writeback) {
      const r = await call<OpenOut>("open", { node, flags }, ctx);
      if (flags & O_APPEND) wb.setSerial(r.fh);
      return r;
    }
    try {
      return await call<OpenOut>("open", { node, flags: wbFlags(flags) }, ctx);
    } catch (err) {
      if ((err as { errno?: string }).errno !== "EACCES" || (flags & 3) !== 1) throw err;
      return call<OpenOut>("open", { node, flags: flags & ~O_APPEND }, ctx); // write-only it is
    }
  };
  const entry = async (m: string, p: unknown, ctx: RequestContext) => mapEntry(await call<Entry>(m, p, ctx), ids);
  const attr = async (m: string, p: unknown, ctx: RequestContext): Promise<Attr | AttrReply> => mapAttr(await call<Attr>(m, p, ctx), ids);
  const plain = (m: string) => (ctx: RequestContext, p: object) => call<never>(m, p, ctx);
  return {
    lookup: async (ctx, p) => {
      try {
        return await entry("lookup", p, ctx);
      } catch (err) {
        if ((err as { errno?: string }).errno !== "ENOENT") throw err;
        // A cacheable negative entry (nodeid 0): compilers probe many include paths that do not
        // exist. Creations elsewhere reach this kernel as fs.inval entry notifications.
        return NEGATIVE_ENTRY;
      }
    },
    forget: (_ctx, p) => peer.notify(FS_PREFIX + "forget", p),
    getattr: (ctx, p) => attr("getattr", p, ctx),
    setattr: (ctx, p) => {
      const { lockOwner: _lo, ...rest } = p;
      const q = { ...rest };
      if (q.uid !== undefined) q.uid = toHeadUid(q.uid, ids)!;
      if (q.gid !== undefined) q.gid = toHeadGid(q.gid, ids)!;
      return attr("setattr", q, ctx);
    },
    readlink: (ctx, p) => call<string>("readlink", p, ctx),
    symlink: (ctx, p) => entry("symlink", p, ctx),
    mknod: (ctx, p) => entry("mknod", p, ctx),
    mkdir: (ctx, p) => entry("mkdir", p, ctx),
    unlink: plain("unlink"),
    rmdir: plain("rmdir"),
    rename: plain("rename"),
    link: (ctx, p) => entry("link", p, ctx),
    open: (ctx, p) => openFile(p.node, p.flags, ctx),
    create: async (ctx, p) => {
      const r = await call<{ entry: Entry; open: { fh: number; keepCache: boolean } }>("create", { ...p, flags: o.writeback ? wbFlags(p.flags) : p.flags }, ctx);
      if (!o.writeback && p.flags & O_APPEND) wb.setSerial(r.open.fh);
      mapEntry(r.entry, ids);
      return r;
    },
    read: (ctx, p) => call<Uint8Array>("read", { fh: p.fh, offset: p.offset, size: p.size }, ctx),
    write: (_ctx, p) => wb.write(p.fh, p.offset, p.data),
    flush: async (ctx, p) => {
      await wb.drain(p.fh); // close(2) returns only once the data is on the head, with its errors
      await call("flush", { fh: p.fh, lockOwner: p.lockOwner }, ctx);
    },
    fsync: async (ctx, p) => {
      await wb.drain(p.fh);
      await call("fsync", { fh: p.fh, datasync: p.datasync }, ctx);
    },
    release: async (ctx, p) => {
      await wb.drain(p.fh).catch(() => {}); // errors were reported by flush
      wb.drop(p.fh);
      await call("release", { fh: p.fh, ...(p.lockOwner !== undefined ? { lockOwner: p.lockOwner } : {}), ...(p.flock !== undefined ? { flock: p.flock } : {}) }, ctx);
    },
    opendir: (ctx, p) => call("opendir", { node: p.node }, ctx),
    readdir: (ctx, p) => call("readdir", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx),
    readdirplus: async (ctx, p) => {
      const list = await call<DirEntryPlus[]>("readdirplus", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      for (const d of list) if (d.entry) mapEntry(d.entry, ids);
      return list;
    },
    releasedir: (ctx, p) => call("releasedir", { fh: p.fh }, ctx),
    fsyncdir: (ctx, p) => call("fsyncdir", { fh: p.fh, datasync: p.datasync }, ctx),
    statfs: (ctx, p) => call("statfs", p, ctx),
    access: plain("access"),
    fallocate: (ctx, p) => call("fallocate", { fh: p.fh, mode: p.mode, offset: p.offset, length: p.length }, ctx),
    lseek: (ctx, p) => call<number>("lseek", { fh: p.fh, offset: p.offset, whence: p.whence }, ctx),
    copyFileRange: (ctx, p) => call<number>("copyFileRange", { fhIn: p.fhIn, offIn: p.offIn, fhOut: p.fhOut, offOut: p.offOut, len: p.len, flags: p.flags }, ctx),
    getlk: (ctx, p) => call("getlk", { fh: p.fh, owner: p.owner, lock: p.lock }, ctx),
    setlk: (ctx, p) => call("setlk", { fh: p.fh, owner: p.owner, lock: p.lock, wait: p.wait, flock: p.flock }, ctx),
    getxattr: (ctx, p) => {
      // The kernel asks for security.capability before every write (to drop file capabilities);
      // the head drops them itself when it writes. Answering here saves a round trip per write.
      if (p.name === "security.capability") return Promise.reject(fuseError("ENODATA", "no capabilities"));
      return call<Uint8Array | number>("getxattr", { node: p.node, name: p.name, size: p.size }, ctx);
    },
    setxattr: (ctx, p) => call<void>("setxattr", { node: p.node, name: p.name, value: p.value, flags: p.flags }, ctx),
    listxattr: (ctx, p) => call<Uint8Array | number>("listxattr", { node: p.node, size: p.size }, ctx),
    removexattr: (ctx, p) => call<void>("removexattr", { node: p.node, name: p.name }, ctx),
  };
}
