import * as fs from "node:fs";
import type { BigIntStats } from "node:fs";
import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import { fingerprint, sameFingerprint } from "./attr.js";
import { isFsError, log } from "./errors.js";
import { childPath, procPath } from "./jail.js";
import { lstat } from "./sys.js";

/** The watch primitive (replaceable in tests, e.g. to simulate ENOSPC). */
export const watchImpl = {
  watch: (path: string, listener: (event: string, name: string | null) => void): fs.FSWatcher =>
    fs.watch(path, { persistent: false, encoding: "utf8" }, listener),
};

/**
 * Reports changes made by other processes on the head to nodes the service knows, lazily:
 * exactly the directory nodes that currently exist are watched, each with one non-recursive
 * inotify watch (Node's fs.watch), started when the node is created (lookup, readdirplus,
 * mkdir, create, export roots) and stopped when it is dropped. Nothing is scanned up front.
 *
 * A watch is placed on `/proc/self/fd/<fd>/.`: inotify resolves the magic link to the
 * directory inode the node pins, so the watch follows the directory wherever it is moved on
 * the head (events name entries relative to it; no path is ever re-resolved). The trailing
 * `/.` makes events about the directory itself arrive with the name ".", which no entry can
 * have. A directory watch also reports content and attribute changes of the files directly in
 * it, so files need no watch of their own.
 *
 * Event names are mapped to nodes only through a fresh lstat of that one name in the pinned
 * directory, by (dev, ino); unknown inodes invalidate nothing. Echoes of the service's own
 * changes are dropped (they were already reported with their origin when made).
 */
export class ExportWatcher {
  readonly #watches = new Map<number, fs.FSWatcher>();
  #closed = false;
  /** Set after a failed watch (ENOSPC...) so the failure is logged once per episode. */
  #failing = false;

  constructor(private readonly core: Core) {
    core.table.onAdded = (node) => this.#watch(node);
    core.table.onDropped = (node) => this.#unwatch(node);
    for (const node of core.table.all()) this.#watch(node);
  }

  /** Resolves at once: watches are placed synchronously as directory nodes appear. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  /** Number of directories currently watched (one inotify watch each). */
  get watchedCount(): number {
    return this.#watches.size;
  }

  /** Stop watching. */
  close(): Promise<void> {
    this.#closed = true;
    this.core.table.onAdded = undefined;
    this.core.table.onDropped = undefined;
    for (const w of this.#watches.values()) w.close();
    this.#watches.clear();
    return Promise.resolve();
  }

  #watch(node: FsNode): void {
    if (this.#closed || !node.isDir || node.ref === null || this.#watches.has(node.id)) return;
    // use() calls its function synchronously, so the watch exists when this returns.
    void node
      .use(async (fd) => {
        const w = watchImpl.watch(`${procPath(fd)}/.`, (event, name) => this.#event(node, event, name));
        w.on("error", (err) => {
          log.warn(`watch of node ${node.id} failed; it is no longer watched`, err);
          this.#unwatch(node);
        });
        this.#watches.set(node.id, w);
        this.#failing = false;
      })
      .catch((err: unknown) => {
        if (isFsError(err) && err.errno === "ESTALE") return;
        if (!this.#failing) {
          const code = (err as { code?: string }).code;
          const hint = code === "ENOSPC" ? " (inotify watch limit: raise fs.inotify.max_user_watches)" : "";
          log.warn(`cannot watch directories${hint}; changes by other processes on the head to unwatched directories show only after the cache TTLs`, err);
        }
        this.#failing = true;
      });
  }

  #unwatch(node: FsNode): void {
    const w = this.#watches.get(node.id);
    if (w === undefined) return;
    this.#watches.delete(node.id);
    w.close();
  }

  #event(dir: FsNode, event: string, name: string | null): void {
    if (this.#closed || this.#watches.get(dir.id) === undefined) return;
    this.#handle(dir, event, name ?? ".").catch((err: unknown) => {
      if (isFsError(err) && err.errno === "ESTALE") return; // the directory node went away meanwhile
      log.warn(`watcher event ${event} ${name} in node ${dir.id}`, err);
    });
  }

  /** True if `st` is the state the service itself left `node` in (an echo of an own change). */
  #isEcho(node: FsNode, st: BigIntStats): boolean {
    return sameFingerprint(node.ownFp, fingerprint(st));
  }

  #inode(node: FsNode): void {
    this.core.emit({ kind: "inode", node: node.id, off: 0, len: -1 }, undefined);
  }

  /**
   * Stat `node` at a moment when no own operation on it is in flight, so the result can be
   * compared with the state the service recorded. Null if the service keeps changing it (then
   * the event is taken for an echo of those changes: they are reported with their origin, and
   * a coinciding foreign change is bounded by the attribute TTL).
   */
  async #quietStat(node: FsNode): Promise<BigIntStats | null> {
    for (let round = 0; round < 5; round++) {
      await this.core.settled(node.id);
      const st = await node.stat();
      if (!this.core.busy(node.id)) return st;
    }
    return null;
  }

  async #handle(dir: FsNode, event: string, name: string): Promise<void> {
    if (name === ".") {
      // The directory itself: attributes changed, moved or deleted (libuv calls these "rename").
      const st = await this.#quietStat(dir);
      if (st !== null && !this.#isEcho(dir, st)) this.#inode(dir);
      return;
    }
    if (name === ".." || name.includes("/") || name.includes("\0")) return;
    // "rename": a name appeared, vanished or moved (libuv also reports attribute changes of
    // subdirectories this way). "change": content or attributes of the file at `name`.
    if (event === "rename") {
      // The kernel may report an own change before the operation making it has recorded it.
      await this.core.settled(dir.id);
      if (this.core.takeOwnEntry(dir.id, name)) return; // reported when made
    }
    const lst = await dir.use((fd) => lstat(childPath(fd, name))).catch((err: unknown) => {
      if (isFsError(err)) throw err; // ESTALE: the directory node is gone
      return null;
    });
    const child = lst !== null ? this.core.table.byStat(lst) : undefined;
    if (child !== undefined && child !== dir) {
      // The name holds the child's inode now: the name a lazy node is reached by from now on.
      if (child.lazy) {
        child.parent = dir.id;
        child.name = name;
      }
      // null: the service keeps changing it (its own changes); undefined: gone meanwhile (a change).
      const st = await this.#quietStat(child).catch(() => undefined);
      // Any change made by someone else moves the inode's ctime (namespace changes included),
      // so a child still in the state the service left it in means the event is an echo.
      if (st === null || (st !== undefined && this.#isEcho(child, st))) return;
    }
    if (event === "rename") {
      this.core.emit({ kind: "entry", parent: dir.id, name }, undefined);
      this.#inode(dir);
    }
    if (child !== undefined && child !== dir) this.#inode(child);
  }
}
