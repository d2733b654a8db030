import type { Peer } from "@mrc/rpc";
import { RpcError } from "@mrc/rpc";
import { FS_DELEGRETURN, FS_PREFIX, expandDirEntry, type WriteIn, type Attr, type DirAttrs, type DirEntry, type Entry, type DirEntryPlus, type OpenDirOut, type OpenOut, type ReadaheadOut, type WriteOut } from "@mrc/protocol";
import { FOPEN, fuseError, LentBytes, type AttrReply, type FuseFileSystem, type FuseNotification, type RequestContext } from "@mrc/fuse";
import { WriteBehind } from "./write-behind.js";
import { BridgeCache, NEGATIVE_TTL_MS } from "./bridge/cache.js";
import { DirPrefetch, lookupsOf, nodesOf, type Lookups } from "./bridge/dir-prefetch.js";
import { DirReadahead, type PreOpened } from "./bridge/dir-readahead.js";
import { ReleaseBatcher } from "./bridge/release-batch.js";
import { HandleNodes } from "./bridge/handle-nodes.js";
import { DeferredCreates, type PendingCreate } from "./bridge/deferred-create.js";

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

/**
 * readdirplus entries as the head sent them: compact arrays (asked for with `compact: true`), or
 * objects (an older head). A malformed one is EIO (its lookup could not be accounted for).
 */
function dirEntries(list: unknown[]): DirEntryPlus[] {
  if (!Array.isArray(list)) throw fuseError("EIO", "readdirplus: not a list");
  return list.map((c) => {
    if (!Array.isArray(c)) return c as DirEntryPlus;
    const d = expandDirEntry(c);
    if (d === undefined) throw fuseError("EIO", "readdirplus: malformed entry");
    return d;
  });
}

/** The context of calls no kernel request is waiting on (readahead, a handle opened for later requests): no signal. */
const BACKGROUND = {} as RequestContext;

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

/** Files opened read-only up to this size come with their contents (fs.open `prefetch`). */
export const PREFETCH_BYTES = 64 * 1024;

/** Opens remembered to tell whether a scan already reached a window of delegations that just arrived. */
const RECENT_OPENS = 256;

/** First number of the handles a target opens itself on a delegation (the head's are small). */
export const LOCAL_FH = 2 ** 40;

const ZERO_ATTR: Attr = Object.freeze({
  ino: 0, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0,
});
const NEGATIVE_ENTRY: Entry = Object.freeze({ node: 0, generation: 0, attr: ZERO_ATTR, entryTtlMs: NEGATIVE_TTL_MS, attrTtlMs: 0 });
/** Answer to the kernel's kill-priv probe (one object: no error built per write). */
const NO_CAPS = fuseError("ENODATA", "no file capabilities");

/**
 * A promise that rejects with `err` one microtask later, once its caller awaits it: a promise
 * rejected before anyone handles it goes through Node's unhandled-rejection bookkeeping first
 * (~10 µs each, measured on the kernel's kill-priv probe before every write).
 */
function rejectSoon<T>(err: Error): Promise<T> {
  return new Promise<T>((_resolve, reject) => queueMicrotask(() => reject(err)));
}

const NAME_MAX = 255;
const O_APPEND = 0o2000;
const O_ACCMODE = 3;
const O_RDONLY = 0;
const O_WRONLY = 1;
const O_RDWR = 2;
const O_TRUNC = 0o1000;
const O_EXCL = 0o200;
const RENAME_EXCHANGE = 2;
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
  /** Answer what the bridge already knows without a round trip (see BridgeCache); default true. */
  cache?: boolean;
  /**
   * Drop the kernel's cached attributes of a node (FUSE_NOTIFY_INVAL_INODE with a negative
   * offset); set once the mount exists. With it, a file created here is given provisional
   * attributes the kernel may keep, and they are dropped when the head has the file.
   */
  invalidateAttrs?: (node: number) => Promise<unknown>;
  /**
   * Put a file's whole contents into the kernel's page cache (FUSE_NOTIFY_STORE, written at once):
   * true when the kernel took them. Set once the mount exists. With it, the first open of a file
   * delegated ahead hands the kernel its contents with the open, so the guest's reads, and the
   * stat after them (a READ makes the kernel drop its cached atime), need no request at all.
   * Called only for a node with no open handle on this target, so no READ or WRITE of it can hold
   * a page lock the store would wait for while the event loop is blocked.
   */
  storePages?: (node: number, data: Uint8Array) => boolean;
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
  /** Delegated contents go into the page cache at the first open (storePages); MRC_PAGE_STORE=0: off. */
  const pageStore = useCache && process.env.MRC_PAGE_STORE !== "0";
  /** The kernel keeps directory listings the head confirms unchanged at open (FOPEN_CACHE_DIR); MRC_DIR_CACHE=0: off. */
  const dirCache = useCache && !o.writeback && process.env.MRC_DIR_CACHE !== "0";
  const cache = new BridgeCache();
  /** Nodes this target ever took a POSIX lock on: their FLUSH must reach the head (it drops the owner's locks). */
  const posixLocked = new Set<number>();
  /** The head takes fs.release as a notification (it said so in an answer to the call). */
  let releaseByNotify = false;
  /** ... and plain releases in batches (`{fhs}`). */
  let releaseBatches = false;
  const releases = new ReleaseBatcher((fhs) => peer.notify(FS_PREFIX + "release", { fhs }));
  /** Likewise fs.releasedir. */
  let releasedirByNotify = false;
  /** First listing batches that came with opendir. */
  const dirPrefetch = new DirPrefetch();
  const giveBack = (items: Lookups): void => {
    if (items.length === 0) return;
    if (useCache) for (const [node] of items) cache.forgetNode(node);
    peer.notify(FS_PREFIX + "forget", { items });
  };
  /** Releases a directory handle of the head (fs.releasedir). */
  const releaseHeadDir = async (fh: number, ctx: RequestContext): Promise<void> => {
    if (releasedirByNotify) {
      peer.notify(FS_PREFIX + "releasedir", { fh });
      return;
    }
    const r = await call<{ notify?: boolean } | null>("releasedir", { fh }, ctx);
    if (r !== null && typeof r === "object" && r.notify === true) releasedirByNotify = true;
  };
  /** Subdirectories of a walk are opened on the head before the kernel gets to them (MRC_DIR_READAHEAD=0: not). */
  const readAheadDirs = useCache && process.env.MRC_DIR_READAHEAD !== "0";
  /** A directory read ahead that will not be used: its entries' lookups and its handle go back. */
  const discardAhead = (pre: PreOpened): void => {
    giveBack(lookupsOf(pre.entries));
    void releaseHeadDir(pre.fh, BACKGROUND).catch(() => undefined);
  };
  const dirAhead = new DirReadahead(async (node): Promise<PreOpened> => {
    const stamp = cache.stamp();
    const r = await call<OpenDirOut>("opendir", { node, prefetch: dirPrefetch.count, compact: true }, BACKGROUND);
    // Without its listing (an older head) it is of no use: give the handle back.
    if (!Array.isArray(r.entries)) {
      void releaseHeadDir(r.fh, BACKGROUND).catch(() => undefined);
      throw new Error("no listing");
    }
    return { fh: r.fh, keepCache: r.keepCache, entries: dirEntries(r.entries), eof: r.eof === true, stamp };
  }, discardAhead);
  /** The kernel opened directory `node` and gets this first batch of its listing (`readAhead`: from DirReadahead). */
  const openedWith = (fh: number, node: number, entries: DirEntryPlus[], eof: boolean, stamp: number, readAhead: boolean): void => {
    for (const d of entries) if (d.entry) keepEntry(d.entry, stamp);
    dirPrefetch.put(fh, node, entries, eof, stamp);
    if (readAheadDirs) dirAhead.listed(node, entries, readAhead);
  };
  /** The head's attribute TTL, learnt from its entries (GETATTR replies carry none of their own). */
  let attrTtlMs = 1000;
  /** The node of each open file handle (writes are queued by handle). */
  const fhNode = new HandleNodes();
  /**
   * Handles this target opened itself, on a delegation (numbered from LOCAL_FH, apart from the
   * head's): `head` is the head's handle of the same open, opened only when something needs
   * one (a read once the delegation was recalled, a lock, lseek, ...).
   */
  const localFhs = new Map<number, { node: number; flags: number; head: Promise<number> | null; create?: PendingCreate }>();
  let nextLocalFh = LOCAL_FH;
  /**
   * The files of the last window of delegations ahead: the first local open of any of them asks
   * for the next window (so the head reads it while the guest works through this one).
   */
  let lastWindow = new Set<number>();
  /** Nodes opened lately (the last RECENT_OPENS), to see whether a window arrived after the guest reached it. */
  const recentOpens = new Set<number>();
  const noteOpen = (node: number): void => {
    recentOpens.delete(node);
    recentOpens.add(node);
    if (recentOpens.size > RECENT_OPENS) recentOpens.delete(recentOpens.values().next().value!);
  };
  const takeAhead = (ahead: unknown, stamp: number): void => {
    if (!Array.isArray(ahead) || ahead.length === 0) return;
    const window = new Set<number>();
    let reached: number | undefined;
    for (const a of ahead as Array<{ node?: unknown; data?: unknown }>) {
      if (a === null || typeof a !== "object" || !Number.isSafeInteger(a.node) || !(a.data instanceof Uint8Array)) continue;
      cache.delegate(a.node as number, a.data, stamp);
      window.add(a.node as number);
      if (reached === undefined && recentOpens.has(a.node as number)) reached = a.node as number;
    }
    if (window.size === 0) return;
    lastWindow = window;
    // The guest got into this window before it arrived (it opened some of it through the head):
    // the next one is due already.
    if (reached !== undefined) {
      lastWindow = new Set();
      readahead(reached);
    }
  };
  /** A scan reached the last window: ask for the next one, in the background. */
  const readahead = (node: number): void => {
    const stamp = cache.stamp();
    peer
      .call<ReadaheadOut>(FS_PREFIX + "readahead", { node, limit: PREFETCH_BYTES }, o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {})
      .then((r) => takeAhead(r?.ahead, stamp), () => {}); // an older head, a lost link: no readahead
  };
  /** Delegations given up here, told to the head in one notification per tick. */
  let returning: number[] = [];
  cache.onDelegationDropped = (node) => {
    if (returning.length === 0) setImmediate(() => {
      const nodes = returning;
      returning = [];
      peer.notify(FS_DELEGRETURN, { nodes });
    });
    returning.push(node);
  };
  const wb = new WriteBehind(async (fh, offset, data, kill) => {
    const stamp = cache.stamp();
    let r: number | WriteOut;
    try {
      // The bytes follow the call's head as its binary tail: never copied into a frame (they lie
      // in the FUSE request's buffer, which goes back to the device once this call settled).
      const q: Omit<WriteIn, "data"> = useCache ? { fh, offset, attr: true } : { fh, offset };
      if (kill) q.killSuidgid = true;
      r = await peer.call<number | WriteOut>(FS_PREFIX + "write", q, { tail: data });
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
  const call = async <T>(m: string, p: unknown, ctx: RequestContext, onLent?: (release: () => void) => void): Promise<T> => {
    // The head must know of creates answered here, and answers must include writes still queued
    // (sizes, contents, errors): send and wait for them first.
    if (deferred.count > 0) await deferred.settleAll();
    if (wb.busy) await wb.drainAll();
    try {
      return await peer.call<T>(FS_PREFIX + m, p, { signal: ctx.signal, ...(o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {}), ...(onLent ? { onLent } : {}) });
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
  /** The head's handle for `fh` (a local handle gets one opened now, once). */
  const headFh = (fh: number): Promise<number> | number => {
    const l = localFhs.get(fh);
    if (l === undefined) return fh;
    // A deferred create is sent now; otherwise the file is opened on the head. Not tied to the
    // asking request's signal: later requests of the handle share it.
    l.head ??= l.create
      ? deferred.settle(l.create)
      : call<OpenOut>("open", { node: l.node, flags: l.flags }, BACKGROUND).then((r) => {
          fhNode.set(r.fh, l.node);
          return r.fh;
        });
    return l.head;
  };
  const deferred = new DeferredCreates(
    async (c) => {
      // Attributes in the answer hold only if nothing else changed the file since it was created
      // here (the gathered writes are part of the create; anything else marks the node).
      const stamp = c.stamp;
      let r: { entry: Entry; open: { fh: number } } & DirAttrs;
      try {
        r = await peer.call(FS_PREFIX + "create", { parent: c.parent, name: c.name, flags: c.flags, mode: c.mode, umask: c.umask, node: c.node, writes: c.writes, ...(c.killSuidgid ? { killSuidgid: true } : {}) }, o.callTimeoutMs ? { timeoutMs: o.callTimeoutMs } : {});
      } catch (err) {
        if (useCache) cache.dropShadow(c.node);
        throw toFsError(err);
      }
      fhNode.set(r.open.fh, c.node);
      keepAttr(c.node, r.entry.attr, stamp);
      keepDirs(r, c.parent, undefined, stamp);
      // The kernel may hold the provisional attributes: drop them before anything (the close
      // that waits for this, say) lets the guest look again.
      if (o.invalidateAttrs !== undefined) await o.invalidateAttrs(c.node).catch(() => undefined);
      return r.open.fh;
    },
    (count) => peer.call(FS_PREFIX + "reserve", { count }),
    useCache && !o.writeback && process.env.MRC_DEFER_CREATE !== "0",
  );
  /** With the writeback cache the kernel may read to fill pages of a write-only file, and it
   * computes append offsets itself: open for read+write and without O_APPEND on the head. */
  const openFile = async (node: number, flags: number, ctx: RequestContext, kill?: boolean): Promise<OpenOut> => {
    if (useCache) noteOpen(node);
    if (useCache && !o.writeback && (flags & O_ACCMODE) === O_RDONLY && !(flags & O_TRUNC) && kill !== true) {
      const d = cache.delegation(node);
      if (d !== undefined) {
        // Delegated: the head would recall it before the file could change. The first local
        // open drops pages the kernel may have cached before the delegation, or puts the
        // delegated contents into the page cache itself (storePages, below); later ones keep them.
        let keepCache = d.opened;
        if (!keepCache && pageStore && o.storePages !== undefined && !fhNode.anyOpen(node)) keepCache = o.storePages(node, d.data);
        const fh = nextLocalFh++;
        localFhs.set(fh, { node, flags, head: null });
        fhNode.set(fh, node);
        d.opened = true;
        if (lastWindow.has(node)) {
          lastWindow = new Set();
          readahead(node);
        }
        return { fh, keepCache };
      }
    }
    releases.flushFor(node); // the head records the file's state at release: keepCache
    // The set-id kill of an O_TRUNC open (HANDLE_KILLPRIV_V2); like the fuse layer, only ever sent as true.
    const k = kill === true ? { killSuidgid: true } : {};
    if (!o.writeback) {
      if (flags & O_TRUNC) mark(node);
      if (useCache && flags & (O_TRUNC | O_APPEND)) cache.dropShadow(node);
      const prefetch = useCache && (flags & O_ACCMODE) === O_RDONLY && !(flags & O_TRUNC);
      const stamp = cache.stamp();
      const r = await call<OpenOut>("open", prefetch ? { node, flags, prefetch: PREFETCH_BYTES, deleg: true, ...k } : { node, flags, ...k }, ctx);
      if (flags & O_APPEND) wb.setSerial(r.fh);
      fhNode.set(r.fh, node);
      keepAttr(node, r.attr, stamp);
      if (useCache && r.data instanceof Uint8Array) {
        if (r.deleg === true) {
          cache.delegate(node, r.data, stamp);
          const d = cache.delegation(node);
          if (d !== undefined) d.opened = true; // this open's keepCache already tells the kernel
        } else cache.setPrefetched(r.fh, node, r.data, stamp);
      }
      if (useCache) takeAhead(r.ahead, stamp);
      return { fh: r.fh, keepCache: r.keepCache, ...(r.directIo !== undefined ? { directIo: r.directIo } : {}) };
    }
    mark(node);
    try {
      const r = await call<OpenOut>("open", { node, flags: wbFlags(flags), ...k }, ctx);
      fhNode.set(r.fh, node);
      return r;
    } catch (err) {
      if ((err as { errno?: string }).errno !== "EACCES" || (flags & 3) !== 1) throw err;
      return call<OpenOut>("open", { node, flags: flags & ~O_APPEND, ...k }, ctx); // write-only it is
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
  /** Serve a readdir(plus) from the batch opendir brought, if it covers this request. */
  const fromPrefetch = (p: { fh: number; node: number; offset: number; size: number }, plus: boolean): DirEntry[] | DirEntryPlus[] | undefined => {
    const pre = dirPrefetch.take(p.fh, p.offset, plus, p.size);
    giveBack(pre.forget);
    if (pre.list !== undefined) listed(p.fh, p.node, p.offset, pre.list, pre.stamp);
    return pre.list;
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
      const pending = deferred.byNode(p.node);
      if (pending !== undefined) return { attr: { ...pending.attr }, attrTtlMs: 0 }; // not on the head yet
      if (useCache) {
        if (wb.busy) await wb.drainAll(); // the answers of queued writes carry attributes
        const known = cache.attr(p.node);
        if (known !== undefined) return withTtl(known);
      }
      const stamp = cache.stamp();
      // A handle opened here is unknown to the head: ask by node (the same inode).
      const q = p.fh !== undefined && localFhs.has(p.fh) ? { node: p.node } : p;
      const a = mapAttr(await call<Attr>("getattr", q, ctx), ids);
      if (useCache) cache.putAttr(p.node, a, stamp);
      return withTtl(a);
    },
    setattr: async (ctx, p) => {
      const { lockOwner: _lo, ...rest } = p;
      const q = { ...rest }; // with killSuidgid, which the fuse layer only ever sets to true
      if (q.fh !== undefined) q.fh = await headFh(q.fh);
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
    open: (ctx, p) => openFile(p.node, p.flags, ctx, p.killSuidgid),
    create: async (ctx, p) => {
      if (
        !(p.flags & (O_EXCL | O_APPEND)) && (p.flags & O_ACCMODE) !== O_RDONLY &&
        Buffer.byteLength(p.name) <= NAME_MAX && useCache && cache.absent(p.parent, p.name) && deferred.available()
      ) {
        // The name certainly does not exist: answer now, send the create later (deferred-create.ts).
        mark(p.parent);
        cache.addName(p.parent, p.name);
        const fh = nextLocalFh++;
        const c = deferred.take(p, fh, { uid: ids.guestUid, gid: ids.guestGid }, cache.stamp());
        localFhs.set(fh, { node: c.node, flags: p.flags, head: null, create: c });
        fhNode.set(fh, c.node);
        cache.startShadow(c.node);
        // Provisional attributes: kept by the kernel only when they can be dropped at the send
        // (invalidateAttrs); otherwise asked for again each time (answered here until then).
        const ttl = o.invalidateAttrs !== undefined ? attrTtlMs : 0;
        return { entry: { node: c.node, generation: 0, attr: { ...c.attr }, entryTtlMs: attrTtlMs, attrTtlMs: ttl }, open: { fh, keepCache: false } };
      }
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
      // A large result arrives in a pooled receive buffer: lent to the FUSE session, which gives
      // it back once the reply is written (no megabyte allocated per read).
      let release: (() => void) | undefined;
      const readAt = (fh: number) =>
        call<Uint8Array>("read", { fh, offset: p.offset, size: p.size }, ctx, (r) => (release = r)).then((data) =>
          release === undefined ? data : new LentBytes(data, release),
        );
      const fh = headFh(p.fh);
      return typeof fh === "number" ? readAt(fh) : fh.then(readAt);
    },
    write: (_ctx, p) => {
      const l = localFhs.get(p.fh);
      // A deferred create gathers its first writes (copied; part of the create, so no mark).
      if (l?.create !== undefined && deferred.addWrite(l.create, p.offset, p.data)) {
        if (useCache) cache.shadowWrite(p.node, p.offset, p.data);
        p.recycle?.();
        return Promise.resolve(p.data.byteLength);
      }
      mark(p.node);
      if (useCache) cache.shadowWrite(p.node, p.offset, p.data); // copies, before the buffer can be recycled
      const queue = (fh: number): Promise<number> =>
        wb.write(fh, p.offset, p.data, p.recycle, p.killSuidgid === true).catch((err: unknown) => {
          if (useCache) cache.dropShadow(p.node);
          throw err;
        });
      if (l?.create === undefined) return queue(p.fh);
      return Promise.resolve(headFh(p.fh)).then(queue, (err: unknown) => {
        p.recycle?.();
        throw err;
      });
    },
    flush: async (ctx, p) => {
      const l = localFhs.get(p.fh);
      // A deferred create is sent now (close(2) reports its errors); a delegated open that never
      // reached the head has nothing there.
      const fh = l === undefined ? p.fh : l.create !== undefined ? await headFh(p.fh) : l.head === null ? null : await l.head;
      if (fh === null) return;
      await wb.drain(fh); // close(2) returns only once the data is on the head, with its errors
      // The head's flush only drops the closing owner's POSIX locks: with none taken through this
      // target on this file there is nothing to do there.
      if (!posixLocked.has(p.node)) return;
      await call("flush", { fh, lockOwner: p.lockOwner }, ctx);
    },
    fsync: async (ctx, p) => {
      const fh = await headFh(p.fh);
      await wb.drain(fh);
      await call("fsync", { fh, datasync: p.datasync }, ctx);
    },
    release: async (ctx, p0) => {
      let p = p0;
      const l = localFhs.get(p.fh);
      if (l !== undefined) {
        localFhs.delete(p.fh);
        fhNode.delete(p.fh);
        cache.dropHandle(p.fh, undefined);
        // Never closed (no FLUSH): a deferred create must still be made.
        if (l.create !== undefined) l.head ??= deferred.settle(l.create);
        const fh = l.head === null ? null : await l.head.catch(() => null);
        if (fh === null) return; // opened here only: nothing to release on the head
        p = { ...p, fh };
      }
      const node = fhNode.get(p.fh);
      cache.dropHandle(p.fh, node);
      await wb.drain(p.fh).catch(() => {}); // errors were reported by flush
      wb.drop(p.fh);
      fhNode.delete(p.fh);
      const q = { fh: p.fh, ...(p.lockOwner !== undefined ? { lockOwner: p.lockOwner } : {}), ...(p.flock !== undefined ? { flock: p.flock } : {}) };
      // The kernel does not wait for a release: once the head said it takes them as
      // notifications, send them so (no answer to wait for and decode), plain ones in batches.
      if (releaseBatches && p.flock !== true && p.lockOwner === undefined) {
        releases.add(p.fh, node);
        return;
      }
      if (releaseByNotify) {
        peer.notify(FS_PREFIX + "release", q);
        return;
      }
      const r = await call<{ notify?: boolean; batch?: boolean } | null>("release", q, ctx);
      if (r !== null && typeof r === "object" && r.notify === true) {
        releaseByNotify = true;
        releaseBatches = r.batch === true;
      }
    },
    opendir: async (ctx, p) => {
      if (!useCache) return call("opendir", { node: p.node }, ctx);
      // The first batch of the listing comes with the answer (an older head ignores prefetch).
      // A walk's next directory may have been opened already (DirReadahead); used only if nothing
      // in it changed since.
      const ahead = readAheadDirs ? await dirAhead.take(p.node) : undefined;
      if (ahead !== undefined) {
        if (cache.listingFresh(p.node, nodesOf(ahead.entries), ahead.stamp)) {
          mark(p.node);
          dirAhead.opened(p.node, "hit");
          openedWith(ahead.fh, p.node, ahead.entries, ahead.eof, ahead.stamp, true);
          return { fh: ahead.fh, keepCache: ahead.keepCache };
        }
        discardAhead(ahead);
      }
      mark(p.node); // atime: the head reads the directory now
      const stamp = cache.stamp();
      const q = { node: p.node, prefetch: dirPrefetch.count, compact: true, ...(dirCache ? { cacheDir: true } : {}) };
      const pending = call<OpenDirOut>("opendir", q, ctx);
      // Sent after this directory's own call, so that the head answers that one first.
      if (readAheadDirs) dirAhead.opened(p.node, ahead !== undefined ? "spoilt" : "miss");
      const r = await pending;
      if (Array.isArray(r.entries)) openedWith(r.fh, p.node, dirEntries(r.entries), r.eof === true, stamp, false);
      // With cacheDir the kernel keeps the listings it reads whole; keepCache (the head saw no
      // change since this target's last whole listing) lets it serve the one it has.
      return dirCache ? { fh: r.fh, keepCache: r.keepCache, openFlags: FOPEN.CACHE_DIR } : { fh: r.fh, keepCache: r.keepCache };
    },
    readdir: async (ctx, p) => {
      const pre = fromPrefetch(p, false);
      if (pre !== undefined) return pre as DirEntry[];
      mark(p.node); // atime
      const stamp = cache.stamp();
      const list = await call<DirEntry[]>("readdir", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries }, ctx);
      listed(p.fh, p.node, p.offset, list, stamp);
      return list;
    },
    readdirplus: async (ctx, p) => {
      const pre = fromPrefetch(p, true);
      if (pre !== undefined) return pre as DirEntryPlus[];
      mark(p.node); // atime
      const stamp = cache.stamp();
      const list = dirEntries(await call<unknown[]>("readdirplus", { fh: p.fh, offset: p.offset, maxEntries: p.maxEntries, compact: true }, ctx));
      for (const d of list) if (d.entry) keepEntry(d.entry, stamp);
      listed(p.fh, p.node, p.offset, list, stamp);
      return list;
    },
    releasedir: async (ctx, p) => {
      listings.delete(p.fh);
      giveBack(dirPrefetch.drop(p.fh));
      // The kernel does not wait for a releasedir either (see release).
      await releaseHeadDir(p.fh, ctx);
    },
    fsyncdir: (ctx, p) => call("fsyncdir", { fh: p.fh, datasync: p.datasync }, ctx),
    statfs: (ctx, p) => call("statfs", p, ctx),
    access: (ctx, p) => call<void>("access", p, ctx),
    fallocate: (ctx, p) => {
      mark(p.node);
      if (useCache) cache.dropShadow(p.node);
      return Promise.resolve(headFh(p.fh)).then((fh) => call("fallocate", { fh, mode: p.mode, offset: p.offset, length: p.length }, ctx));
    },
    lseek: async (ctx, p) => call<number>("lseek", { fh: await headFh(p.fh), offset: p.offset, whence: p.whence }, ctx),
    copyFileRange: (ctx, p) => {
      mark(p.node);
      mark(p.nodeOut);
      if (useCache) cache.dropShadow(p.nodeOut);
      return Promise.all([headFh(p.fhIn), headFh(p.fhOut)]).then(([fhIn, fhOut]) =>
        call<number>("copyFileRange", { fhIn, offIn: p.offIn, fhOut, offOut: p.offOut, len: p.len, flags: p.flags }, ctx),
      );
    },
    getlk: async (ctx, p) => call("getlk", { fh: await headFh(p.fh), owner: p.owner, lock: p.lock }, ctx),
    setlk: async (ctx, p) => {
      if (!p.flock) posixLocked.add(p.node);
      return call("setlk", { fh: await headFh(p.fh), owner: p.owner, lock: p.lock, wait: p.wait, flock: p.flock }, ctx);
    },
    getxattr: (ctx, p) => {
      // Without HANDLE_KILLPRIV_V2 (kernels before 5.12) the kernel asks for security.capability
      // before every write (to drop file capabilities); the head's kernel drops them itself when
      // the head writes. Answering here saves a round trip per write on such mounts.
      if (p.name === "security.capability") return rejectSoon(NO_CAPS);
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
