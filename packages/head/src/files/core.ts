import type { BigIntStats } from "node:fs";
import * as fs from "node:fs";
import type { Attr, Entry, Invalidation } from "@mrc/protocol";
import { NodeTable, type FsNode } from "./nodes.js";
import { HandleTable } from "./handles.js";
import { LockManager } from "./locks.js";
import { fsError, log } from "./errors.js";
import { openExportRoot, procPath } from "./jail.js";
import { toAttr, fingerprint } from "./attr.js";
import { chmod, fstat } from "./sys.js";
import { Delegations, type Recall } from "./delegations.js";
import { ScanOrders } from "./scans.js";
import { StartSlots, earlyWritebackBytes } from "./early-writeback.js";

/** One exported directory. */
export interface ExportSpec {
  /** Absolute path on the head; the guest sees it at the same path. */
  path: string;
  /** Refuse every mutation with EROFS. */
  readOnly: boolean;
}

/** Options of {@link FileService}. */
export interface FileServiceOptions {
  /** Exports in order: export i is the virtual root's entry named String(i). */
  exports: ExportSpec[];
  /** Entry (name → node) cache time handed to the kernel; default 1000 ms. */
  entryTtlMs?: number;
  /** Attribute cache time handed to the kernel; default 1000 ms. */
  attrTtlMs?: number;
  /**
   * Called for every change targets may have cached: changes through the service (origin is the
   * ctx.origin of the op that made it, so the caller can skip echoing it back) and, with
   * `watch`, changes made by other processes on the head (origin undefined).
   */
  onInvalidate?: (inv: Invalidation, origin?: unknown) => void;
  /** Watch the directories the service knows (lazily, inotify) and report foreign changes to onInvalidate. */
  watch?: boolean;
  /** Share one lock manager between services (locks are keyed by inode). */
  locks?: LockManager;
  /**
   * Takes delegations back from a target (see delegations.ts). Without it nothing is delegated:
   * every open asks the head.
   */
  recall?: Recall;
  /**
   * Early writeback step in bytes (early-writeback.ts): each time a handle has written this much, the
   * head's writeback of the file is started. 0 turns it off; default MRC_EARLY_WRITEBACK_MIB or 16 MiB.
   */
  earlyWritebackBytes?: number;
  /** How early writeback starts writeback (default sync_file_range through the helper); for tests. */
  earlyWritebackStart?: (fd: number) => Promise<void>;
}

const ZERO_ATTR: Attr = Object.freeze({
  ino: 0, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0,
});

/** How long a suppression record for the service's own entry change waits for its watcher echo. */
const ECHO_WINDOW_MS = 2000;

/** State and helpers shared by the operation groups (internal to the files module). */
export class Core {
  readonly table = new NodeTable();
  readonly handles = new HandleTable();
  readonly locks: LockManager;
  readonly exports: Array<ExportSpec & { root: FsNode }>;
  readonly entryTtlMs: number;
  readonly attrTtlMs: number;
  /** Early writeback step in bytes; 0 = off. */
  readonly earlyWritebackBytes: number;
  /** How early writeback starts writeback; undefined = the helper's sync_file_range. */
  readonly earlyWritebackStart: ((fd: number) => Promise<void>) | undefined;
  /** Early writeback starts running now, over all handles. */
  readonly startSlots = new StartSlots();
  readonly born = Date.now();
  readonly #onInvalidate: ((inv: Invalidation, origin?: unknown) => void) | undefined;
  /** "parentId\0name" → expiry: own entry changes whose watcher echo should be dropped. */
  readonly ownEntries = new Map<string, number>();
  /** node id → own operations in flight that change it (or its entries), for the watcher. */
  readonly #inflight = new Map<number, Set<Promise<unknown>>>();
  /** Read delegations handed to targets, and the leases that guard them. */
  readonly delegations: Delegations;
  /** Listing order per origin and directory: scans get the next files delegated ahead. */
  readonly scans = new ScanOrders();

  constructor(opts: FileServiceOptions) {
    this.table.handleRef = (node) => this.handles.fileRefOf(node);
    this.delegations = new Delegations(opts.recall);
    this.table.onOriginForgot = (node, origin) => this.delegations.returned(origin, [node]);
    this.entryTtlMs = opts.entryTtlMs ?? 1000;
    this.attrTtlMs = opts.attrTtlMs ?? 1000;
    this.earlyWritebackBytes = opts.earlyWritebackBytes ?? earlyWritebackBytes();
    this.earlyWritebackStart = opts.earlyWritebackStart;
    this.#onInvalidate = opts.onInvalidate;
    this.locks = opts.locks ?? new LockManager();
    this.exports = opts.exports.map((e, i) => {
      const { fd, st } = openExportRoot(e.path);
      if (!st.isDirectory()) {
        fs.closeSync(fd);
        throw new Error(`export ${e.path} is not a directory`);
      }
      return { path: e.path, readOnly: e.readOnly, root: this.table.addExportRoot(i, fd, st) };
    });
  }

  /**
   * Export one more directory (a head daemon's exports grow as jobs ask for them): its index, the
   * existing one if the path is already exported. An export asked read-write once stays writable
   * for the service; jobs that asked for it read-only get a read-only bind mount on the target.
   */
  addExport(e: ExportSpec): number {
    const i = this.exports.findIndex((x) => x.path === e.path);
    if (i >= 0) {
      if (!e.readOnly) this.exports[i]!.readOnly = false;
      return i;
    }
    const { fd, st } = openExportRoot(e.path);
    if (!st.isDirectory()) {
      fs.closeSync(fd);
      throw fsError("ENOTDIR", `export ${e.path} is not a directory`);
    }
    const n = this.exports.length;
    this.exports.push({ path: e.path, readOnly: e.readOnly, root: this.table.addExportRoot(n, fd, st) });
    return n;
  }

  /** The node `id` (ESTALE if unknown). */
  node(id: number): FsNode {
    return this.table.get(id);
  }

  /** The directory node `id` (ENOTDIR otherwise). */
  dirNode(id: number): FsNode {
    const n = this.table.get(id);
    if (!n.isDir) throw fsError("ENOTDIR", `node ${id} is not a directory`);
    return n;
  }

  /** Throw EROFS unless `node` lies in a writable export. */
  checkWritable(node: FsNode): void {
    if (node.isVirtualRoot) throw fsError("EROFS", "the virtual root is read-only");
    if (this.exports[node.exportIndex]?.readOnly !== false) throw fsError("EROFS", "read-only export");
  }

  /** An Entry for `node`, counting one lookup for `origin`. */
  entry(node: FsNode, st: BigIntStats, origin: string): Entry {
    this.table.addLookup(node, origin);
    return {
      node: node.id,
      generation: 0,
      attr: toAttr(st),
      entryTtlMs: this.entryTtlMs,
      attrTtlMs: this.attrTtlMs,
    };
  }

  /** Report an invalidation; listener errors are logged, never thrown into the op. */
  emit(inv: Invalidation, origin: unknown): void {
    if (this.#onInvalidate === undefined) return;
    try {
      this.#onInvalidate(inv, origin);
    } catch (err) {
      log.warn("onInvalidate threw", err);
    }
  }

  /** A negative Entry: `name` does not exist, and the kernel may remember that for entryTtlMs. */
  negativeEntry(): Entry {
    return { node: 0, generation: 0, attr: ZERO_ATTR, entryTtlMs: this.entryTtlMs, attrTtlMs: 0 };
  }

  /**
   * The service itself changed `name` in `parent`: tell others, and expect the watcher echo.
   * `parentSt`: the parent's stat taken after the change, if the caller has one.
   */
  entryChanged(parent: FsNode, name: string, origin: unknown, parentSt?: BigIntStats): void {
    parent.writes++; // listings taken before this are not the directory's any more
    this.ownEntries.set(`${parent.id}\0${name}`, Date.now() + ECHO_WINDOW_MS);
    this.emit({ kind: "entry", parent: parent.id, name }, origin);
    this.inodeChanged(parent, origin, 0, -1, parentSt);
  }

  /**
   * The service itself changed the content or attributes of `node`: tell others. `st`: the
   * node's stat taken after the change, if the caller has one (else one is taken here).
   */
  inodeChanged(node: FsNode, origin: unknown, off = 0, len = -1, st?: BigIntStats): void {
    this.emit({ kind: "inode", node: node.id, off, len }, origin);
    if (st !== undefined) {
      node.ownFp = fingerprint(st);
      return;
    }
    // Remember the resulting state so the watcher can recognise its echo (not awaited, but
    // tracked: the watcher waits for it before judging an event on this node).
    if (!node.isVirtualRoot)
      this.track(
        [node.id],
        node
          .stat()
          .then((st) => void (node.ownFp = fingerprint(st)))
          .catch(() => undefined),
      );
  }

  /**
   * Register `p`, an own operation changing the nodes `ids` (content, attributes, or entries of
   * a directory), until it settles. The watcher may see the kernel's event for such a change
   * before the operation has recorded it as its own; it waits for these first.
   */
  track<T>(ids: Array<number | undefined>, p: Promise<T>): Promise<T> {
    const keys = [...new Set(ids.filter((id): id is number => typeof id === "number"))];
    for (const k of keys) {
      let set = this.#inflight.get(k);
      if (set === undefined) this.#inflight.set(k, (set = new Set()));
      set.add(p);
    }
    const done = (): void => {
      for (const k of keys) {
        const set = this.#inflight.get(k);
        set?.delete(p);
        if (set?.size === 0) this.#inflight.delete(k);
      }
    };
    p.then(done, done);
    return p;
  }

  /** True while own operations changing node `id` are in flight. */
  busy(id: number): boolean {
    return this.#inflight.has(id);
  }

  /** Wait until the own operations on node `id` that were in flight (and what they started) settle. */
  async settled(id: number): Promise<void> {
    // Bounded rounds: an op registers its follow-ups (inodeChanged) before it settles, so a
    // second round sees them; a steady stream of new ops cannot starve the caller.
    for (let round = 0; round < 3; round++) {
      const set = this.#inflight.get(id);
      if (set === undefined) return;
      await Promise.allSettled([...set]);
    }
  }

  /** True (and consumed) if a watcher event for parent/name is the echo of an own change. */
  takeOwnEntry(parentId: number, name: string): boolean {
    const key = `${parentId}\0${name}`;
    const until = this.ownEntries.get(key);
    if (until === undefined) return false;
    this.ownEntries.delete(key);
    return until >= Date.now();
  }

  /** Set the permission bits the guest asked for when the head's own umask removed some. */
  async fixMode(fd: number, st: BigIntStats, wanted: number): Promise<BigIntStats> {
    const have = Number(st.mode) & 0o7777;
    const inheritedSgid = st.isDirectory() ? have & 0o2000 : 0;
    if (have === (wanted | inheritedSgid)) return st;
    await chmod(procPath(fd), wanted | inheritedSgid);
    return fstat(fd);
  }

  /** Close everything (service shutdown). */
  close(): void {
    this.delegations.close();
    for (const h of this.handles.all()) if (h.kind === "file") h.ref.close();
    this.table.closeAll();
  }
}
