import { statSync, type BigIntStats } from "node:fs";
import { FdRef } from "./fd-ref.js";
import { fsError, log } from "./errors.js";
import { ROOT_NODE } from "@mrc/protocol";
import { S_IFDIR, S_IFLNK, S_IFMT } from "./constants.js";
import type { Fingerprint } from "./attr.js";
import { childPath, openChild } from "./jail.js";
import { closeQuietly, fstat, lstat } from "./sys.js";

/**
 * One known inode of an export (or the virtual root), as the head tracks it.
 *
 * Directories (and export roots) hold an O_PATH fd on their inode for as long as they are known:
 * every name is resolved through one. Other nodes hold no fd ("lazy"): an operation that needs
 * one reaches the inode again through its pinned parent and last known name (one validated
 * component, O_NOFOLLOW) and checks that it is still the same inode (dev, ino, type, birth time),
 * or else uses an open handle of the inode (an unlinked file still open); otherwise it fails with
 * ESTALE (the guest's kernel then looks the path up again). See docs/files.md "Node table".
 */
export class FsNode {
  /** Lookups per origin key (see {@link originKey}); their sum is `lookups`. */
  readonly byOrigin = new Map<string, number>();
  lookups = 0;
  /** Last known (parent node id, name): used only where Linux offers no fd-based call. */
  parent: number;
  name: string;
  /** Per origin: the fingerprint seen at its last open/release, and the write count then. */
  readonly snapshots = new Map<string, { fp: Fingerprint; writes: number }>();
  /** A directory: per origin, its state when the last listing served whole to it was taken (ops-dirs.ts). */
  readonly listings = new Map<string, { fp: Fingerprint; writes: number }>();
  /** Other ids of this node: ids a target chose for a create it answered itself (see NodeTable.internAs). */
  aliases: number[] | undefined;
  /** Writes (and truncations) made through the service. */
  writes = 0;
  /** The fingerprint after the service's own last change, for watcher echo suppression. */
  ownFp: Fingerprint | undefined;
  /**
   * Birth time of the inode (ns; 0 where the file system has none): with (dev, ino) it tells a
   * lazy node's inode from a new one that got the same number after it was deleted.
   */
  readonly btime: bigint;

  constructor(
    readonly id: number,
    /** Export index, or -1 for the virtual root. */
    readonly exportIndex: number,
    /** O_PATH fd of a directory; null for the virtual root and for lazy (non-directory) nodes. */
    readonly ref: FdRef | null,
    readonly dev: bigint,
    readonly ino: bigint,
    /** File type bits (S_IFMT part of st_mode). */
    readonly type: number,
    parent: number,
    name: string,
    /** Export roots and the virtual root are never dropped. */
    readonly pinned: boolean,
    /** Reaches a lazy node's inode again (its table). */
    private readonly reach: ((node: FsNode, statOnly: boolean) => Promise<Reached>) | null = null,
    btime = 0n,
  ) {
    this.btime = btime;
    this.parent = parent;
    this.name = name;
  }

  get isDir(): boolean {
    return this.type === S_IFDIR;
  }
  get isSymlink(): boolean {
    return this.type === S_IFLNK;
  }
  get isVirtualRoot(): boolean {
    return this.id === ROOT_NODE;
  }
  /** True if `st` is this node's inode: same (dev, ino), type and birth time. */
  isInode(st: BigIntStats): boolean {
    return st.ino === this.ino && st.dev === this.dev && (Number(st.mode) & S_IFMT) === this.type && (st.birthtimeNs === this.btime || !birthTimesKnown());
  }

  /** Key of the inode for the (dev, ino) map and the lock manager. */
  get inodeKey(): string {
    return inodeKey(this.dev, this.ino);
  }

  /** True for nodes that hold no fd of their own (see the class comment). */
  get lazy(): boolean {
    return this.ref === null && this.reach !== null;
  }

  /**
   * Run `fn` with an fd on this node's inode pinned (never closed underneath it): the directory's
   * own O_PATH fd, or for a lazy node one reached for this call (an O_PATH fd opened through the
   * parent and closed afterwards, or an open handle's fd).
   */
  async use<T>(fn: (fd: number) => Promise<T>): Promise<T> {
    if (this.ref !== null) return this.ref.use(fn);
    if (this.reach === null) throw fsError("EROFS", "virtual root has no backing inode");
    const r = await this.reach(this, false);
    try {
      return await r.ref!.use(fn);
    } finally {
      if (r.temporary) r.ref!.close();
    }
  }

  /** The inode's current stat (a lazy node is lstat'ed through its parent: no fd is opened). */
  async stat(): Promise<BigIntStats> {
    if (this.ref !== null || this.reach === null) return this.use((fd) => fstat(fd));
    const r = await this.reach(this, true);
    if (r.st !== undefined) return r.st;
    try {
      return await r.ref!.use((fd) => fstat(fd));
    } finally {
      if (r.temporary) r.ref!.close();
    }
  }
}

/** How a lazy node's inode was reached. */
export interface Reached {
  /** An fd on the inode (absent when only its stat was asked for and the name still holds it). */
  ref?: FdRef;
  /** `ref` was opened for this call: close it afterwards. */
  temporary: boolean;
  /** The inode's stat, when reaching it took one. */
  st?: BigIntStats;
}

let btimeKnown: boolean | undefined;

/**
 * True when stats carry real birth times. Node takes them from statx(2); where statx is
 * unavailable (old kernels, some seccomp profiles) libuv reports the ctime instead, which changes
 * with every chmod or write and would make every lazy node look replaced. Then birth times are
 * not compared (and a deleted inode's reused number can pass for the old one, as with NFS
 * without generation numbers). Decided once: "/" has been changed since it was made on any
 * real system, so its birth time differs from its ctime exactly when birth times are real.
 */
export function birthTimesKnown(): boolean {
  if (btimeKnown === undefined) {
    try {
      const st = statSync("/", { bigint: true });
      btimeKnown = st.birthtimeNs !== st.ctimeNs;
    } catch {
      btimeKnown = false;
    }
  }
  return btimeKnown;
}

/** Key of an inode: (dev, ino). */
export function inodeKey(dev: bigint, ino: bigint): string {
  return `${dev}:${ino}`;
}

/**
 * The node table: node ids, lookup counts (kept here and nowhere else), and the
 * (dev, ino) → node map that gives the same id to the same inode. Ids are never reused.
 */
export class NodeTable {
  readonly #nodes = new Map<number, FsNode>();
  readonly #byInode = new Map<string, FsNode>();
  /** Reserved node id → the origin it was reserved for. */
  readonly #reserved = new Map<number, string>();
  #nextId = ROOT_NODE + 1;
  /** Called synchronously when a node is created (after it is in the table). */
  onAdded: ((node: FsNode) => void) | undefined;
  /** Called synchronously when a node is dropped (before its fd is closed). */
  onDropped: ((node: FsNode) => void) | undefined;
  /** Called synchronously when an origin's last lookup of a node is forgotten. */
  onOriginForgot: ((node: FsNode, origin: string) => void) | undefined;
  /** An open handle's fd on `node`'s inode, if any: how a lazy node whose name is gone is still reached. */
  handleRef: ((node: FsNode) => FdRef | undefined) | undefined;
  readonly #reach = (node: FsNode, statOnly: boolean): Promise<Reached> => this.#reachLazy(node, statOnly);

  constructor() {
    const root = new FsNode(ROOT_NODE, -1, null, -1n, 1n, S_IFDIR, ROOT_NODE, "", true, null);
    this.#nodes.set(ROOT_NODE, root);
  }

  /** Number of live nodes (including the virtual root and export roots). */
  get size(): number {
    return this.#nodes.size;
  }

  /** The node with this id, or ESTALE. */
  get(id: number): FsNode {
    const n = this.#nodes.get(id);
    if (n === undefined) throw fsError("ESTALE", `unknown node ${id}`);
    return n;
  }

  /** The node with this id, if known. */
  peek(id: number): FsNode | undefined {
    return this.#nodes.get(id);
  }

  /** The live node for an inode, if any. */
  byInode(dev: bigint, ino: bigint): FsNode | undefined {
    return this.#byInode.get(inodeKey(dev, ino));
  }

  /** The live node for the inode `st` describes (not one whose inode was deleted and its number reused). */
  byStat(st: BigIntStats): FsNode | undefined {
    const n = this.#byInode.get(inodeKey(st.dev, st.ino));
    return n !== undefined && n.isInode(st) ? n : undefined;
  }

  /** Register a pinned export root. */
  addExportRoot(exportIndex: number, fd: number, st: BigIntStats): FsNode {
    return this.#insert(exportIndex, new FdRef(fd, "ESTALE"), st, ROOT_NODE, String(exportIndex), true);
  }

  /**
   * The node for an inode found as `name` in `parent`: the existing node when the inode is
   * already known (its last known name becomes this one), a new node otherwise. Directories need
   * `fd`, an O_PATH fd on the inode, which the node keeps; for other nodes (lazy) `fd` may be null
   * and is closed if given. Does not count a lookup.
   */
  intern(exportIndex: number, fd: number | null, st: BigIntStats, parent: number, name: string): FsNode {
    let known = this.#byInode.get(inodeKey(st.dev, st.ino));
    if (known !== undefined && !known.isInode(st)) {
      // A lazy node whose inode was deleted and whose number now names a new inode: the old node
      // stays for the lookups the kernels hold (reaching it now fails), the new inode is a new node.
      this.#byInode.delete(known.inodeKey);
      known = undefined;
    }
    const dir = (Number(st.mode) & S_IFMT) === S_IFDIR;
    if (known !== undefined || !dir) {
      if (fd !== null) closeQuietly(fd);
    } else if (fd === null) {
      throw fsError("EIO", "a directory node needs an fd");
    }
    if (known !== undefined) {
      if (!known.pinned) {
        known.parent = parent;
        known.name = name;
      }
      return known;
    }
    return this.#insert(exportIndex, dir ? new FdRef(fd!, "ESTALE") : null, st, parent, name, false);
  }

  /**
   * Reserve `count` node ids for `origin`, which may then name a file it creates with one of them
   * before the head has seen the create ({@link internAs}). Returns the first id.
   */
  reserve(origin: string, count: number): number {
    const first = this.#nextId;
    this.#nextId += count;
    for (let id = first; id < first + count; id++) this.#reserved.set(id, origin);
    return first;
  }

  /** Ids reserved by `origin` and not used yet. */
  reservedBy(origin: string): number {
    let n = 0;
    for (const o of this.#reserved.values()) if (o === origin) n++;
    return n;
  }

  /** EINVAL unless `id` is reserved for `origin` and still unused. */
  checkReserved(id: number, origin: string): void {
    if (this.#reserved.get(id) !== origin) throw fsError("EINVAL", `node id ${id} is not reserved for this link`);
  }

  /**
   * Like {@link intern}, for an inode the target already knows as `id` (reserved by `origin`, now
   * used up). Normally a new node with that id; should the inode already have a node (the name
   * existed after all), `id` becomes another id of that node.
   */
  internAs(id: number, origin: string, exportIndex: number, st: BigIntStats, parent: number, name: string): FsNode {
    this.checkReserved(id, origin);
    this.#reserved.delete(id);
    const known = this.#byInode.get(inodeKey(st.dev, st.ino));
    if (known !== undefined && known.isInode(st)) {
      const node = this.intern(exportIndex, null, st, parent, name);
      (node.aliases ??= []).push(id);
      this.#nodes.set(id, node);
      return node;
    }
    return this.#insert(exportIndex, null, st, parent, name, false, id);
  }

  #insert(exportIndex: number, ref: FdRef | null, st: BigIntStats, parent: number, name: string, pinned: boolean, chosen?: number): FsNode {
    const id = chosen ?? this.#nextId++;
    const node = new FsNode(id, exportIndex, ref, st.dev, st.ino, Number(st.mode) & S_IFMT, parent, name, pinned, ref === null ? this.#reach : null, st.birthtimeNs);
    this.#nodes.set(id, node);
    this.#byInode.set(node.inodeKey, node);
    this.#notify(this.onAdded, node);
    return node;
  }

  /**
   * Reach a lazy node's inode: through its pinned parent and last known name (lstat when only its
   * stat is wanted, else an O_PATH|O_NOFOLLOW open), if the name still holds the same inode;
   * else through an open handle of the inode; else ESTALE. Errors other than "the name (or its
   * directory) is gone" are thrown as they are.
   */
  async #reachLazy(node: FsNode, statOnly: boolean): Promise<Reached> {
    const parent = this.#nodes.get(node.parent);
    if (parent !== undefined && parent.ref !== null && !parent.ref.closed) {
      try {
        if (statOnly) {
          const st = await parent.use((pfd) => lstat(childPath(pfd, node.name)));
          if (node.isInode(st)) return { temporary: false, st };
        } else {
          const { fd, st } = await parent.use((pfd) => openChild(pfd, node.name));
          if (node.isInode(st)) return { ref: new FdRef(fd, "ESTALE"), temporary: true, st };
          closeQuietly(fd);
        }
      } catch (err) {
        const code = (err as { code?: string; errno?: unknown }).code ?? (err as { errno?: unknown }).errno;
        if (code !== "ENOENT" && code !== "ESTALE" && code !== "ENOTDIR") throw err;
        // the name is gone (or the parent): try an open handle
      }
    }
    const h = this.handleRef?.(node);
    if (h !== undefined) return { ref: h, temporary: false };
    throw fsError("ESTALE", `node ${node.id} is no longer at its last known name`);
  }

  #notifyForgot(node: FsNode, origin: string): void {
    try {
      this.onOriginForgot?.(node, origin);
    } catch (err) {
      log.warn("onOriginForgot threw", err);
    }
  }

  #notify(fn: ((node: FsNode) => void) | undefined, node: FsNode): void {
    if (fn === undefined) return;
    try {
      fn(node);
    } catch (err) {
      log.warn(`node listener failed for node ${node.id}`, err);
    }
  }

  /** Count one lookup of `node` by `origin` (each Entry handed out). */
  addLookup(node: FsNode, origin: string): void {
    node.lookups++;
    node.byOrigin.set(origin, (node.byOrigin.get(origin) ?? 0) + 1);
  }

  /** Drop `n` lookups of node `id` by `origin`; at zero the node and its fd go. */
  forget(id: number, n: number, origin: string): void {
    const node = this.#nodes.get(id);
    if (node === undefined || id === ROOT_NODE) {
      if (id !== ROOT_NODE) log.warn(`forget of unknown node ${id}`);
      return;
    }
    const had = node.byOrigin.get(origin) ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > had) {
      log.warn(`lookup count underflow on node ${id}: forget ${n}, origin holds ${had}`);
    }
    const take = Math.max(0, Math.min(Number.isSafeInteger(n) ? n : 0, had));
    if (had - take === 0) {
      node.byOrigin.delete(origin);
      if (had > 0) this.#notifyForgot(node, origin);
    } else node.byOrigin.set(origin, had - take);
    node.lookups -= take;
    if (node.lookups === 0) this.#drop(node);
  }

  /** Drop every lookup held by `origin` (its link went away), and its reserved ids. */
  forgetOrigin(origin: string): void {
    for (const [id, o] of this.#reserved) if (o === origin) this.#reserved.delete(id);
    for (const node of [...this.#nodes.values()]) {
      const had = node.byOrigin.get(origin);
      if (had !== undefined) this.forget(node.id, had, origin);
    }
  }

  /** Drop a node that nobody counts any more (e.g. interned for a reply that then failed). */
  dropIfUnused(node: FsNode): void {
    if (node.lookups === 0) this.#drop(node);
  }

  #drop(node: FsNode): void {
    if (node.pinned) return;
    this.#nodes.delete(node.id);
    if (node.aliases !== undefined) for (const a of node.aliases) this.#nodes.delete(a);
    if (this.#byInode.get(node.inodeKey) === node) this.#byInode.delete(node.inodeKey);
    this.#notify(this.onDropped, node);
    node.ref?.close();
  }

  /** Every live node. */
  all(): IterableIterator<FsNode> {
    return this.#nodes.values();
  }

  /** Close every fd (service shutdown). */
  closeAll(): void {
    for (const node of this.#nodes.values()) node.ref?.close();
    this.#nodes.clear();
    this.#byInode.clear();
  }
}
