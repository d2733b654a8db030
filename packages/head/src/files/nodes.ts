import type { BigIntStats } from "node:fs";
import { FdRef } from "./fd-ref.js";
import { fsError, log } from "./errors.js";
import { ROOT_NODE } from "@mrc/protocol";
import { S_IFDIR, S_IFLNK, S_IFMT } from "./constants.js";
import type { Fingerprint } from "./attr.js";

/** One known inode of an export (or the virtual root), as the head tracks it. */
export class FsNode {
  /** Lookups per origin key (see {@link originKey}); their sum is `lookups`. */
  readonly byOrigin = new Map<string, number>();
  lookups = 0;
  /** Last known (parent node id, name): used only where Linux offers no fd-based call. */
  parent: number;
  name: string;
  /** Per origin: the fingerprint seen at its last open/release, and the write count then. */
  readonly snapshots = new Map<string, { fp: Fingerprint; writes: number }>();
  /** Writes (and truncations) made through the service. */
  writes = 0;
  /** The fingerprint after the service's own last change, for watcher echo suppression. */
  ownFp: Fingerprint | undefined;

  constructor(
    readonly id: number,
    /** Export index, or -1 for the virtual root. */
    readonly exportIndex: number,
    /** O_PATH fd; null for the virtual root. */
    readonly ref: FdRef | null,
    readonly dev: bigint,
    readonly ino: bigint,
    /** File type bits (S_IFMT part of st_mode). */
    readonly type: number,
    parent: number,
    name: string,
    /** Export roots and the virtual root are never dropped. */
    readonly pinned: boolean,
  ) {
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
  /** Key of the inode for the (dev, ino) map and the lock manager. */
  get inodeKey(): string {
    return inodeKey(this.dev, this.ino);
  }

  /** Run `fn` with this node's O_PATH fd pinned (never closed underneath it). */
  use<T>(fn: (fd: number) => Promise<T>): Promise<T> {
    if (this.ref === null) return Promise.reject(fsError("EROFS", "virtual root has no backing inode"));
    return this.ref.use(fn);
  }
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
  #nextId = ROOT_NODE + 1;
  /** Called synchronously when a node is created (after it is in the table). */
  onAdded: ((node: FsNode) => void) | undefined;
  /** Called synchronously when a node is dropped (before its fd is closed). */
  onDropped: ((node: FsNode) => void) | undefined;

  constructor() {
    const root = new FsNode(ROOT_NODE, -1, null, -1n, 1n, S_IFDIR, ROOT_NODE, "", true);
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

  /** Register a pinned export root. */
  addExportRoot(exportIndex: number, fd: number, st: BigIntStats): FsNode {
    return this.#insert(exportIndex, new FdRef(fd, "ESTALE"), st, ROOT_NODE, String(exportIndex), true);
  }

  /**
   * The node for an inode just opened as `fd` (O_PATH): the existing node when the inode is
   * already known (the new fd is then closed), a new node otherwise. Does not count a lookup.
   */
  intern(exportIndex: number, fd: number, st: BigIntStats, parent: number, name: string): FsNode {
    const known = this.#byInode.get(inodeKey(st.dev, st.ino));
    if (known !== undefined) {
      new FdRef(fd, "ESTALE").close();
      if (!known.pinned) {
        known.parent = parent;
        known.name = name;
      }
      return known;
    }
    return this.#insert(exportIndex, new FdRef(fd, "ESTALE"), st, parent, name, false);
  }

  #insert(exportIndex: number, ref: FdRef, st: BigIntStats, parent: number, name: string, pinned: boolean): FsNode {
    const id = this.#nextId++;
    const node = new FsNode(id, exportIndex, ref, st.dev, st.ino, Number(st.mode) & S_IFMT, parent, name, pinned);
    this.#nodes.set(id, node);
    this.#byInode.set(node.inodeKey, node);
    this.#notify(this.onAdded, node);
    return node;
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
    if (had - take === 0) node.byOrigin.delete(origin);
    else node.byOrigin.set(origin, had - take);
    node.lookups -= take;
    if (node.lookups === 0) this.#drop(node);
  }

  /** Drop every lookup held by `origin` (its link went away). */
  forgetOrigin(origin: string): void {
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
