import { promises as fsp } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { Core } from "./core.js";
import { fingerprint, sameFingerprint } from "./attr.js";
import { log } from "./errors.js";

/**
 * Watches the exports for changes made by other processes on the head and turns them into
 * invalidations of nodes the service knows. Paths from chokidar are mapped to nodes by
 * (dev, ino) of a fresh lstat, never by trusting the path: a path that no longer leads to a
 * known inode invalidates nothing. Echoes of the service's own changes are dropped (they were
 * already reported with their origin when made).
 */
export class ExportWatcher {
  readonly #watcher: FSWatcher;
  readonly #ready: Promise<void>;
  readonly #roots: Set<string>;

  constructor(private readonly core: Core) {
    this.#roots = new Set(core.exports.map((e) => resolve(e.path)));
    this.#watcher = watch(
      core.exports.map((e) => e.path),
      { ignoreInitial: true, atomic: false, awaitWriteFinish: false, followSymlinks: false, persistent: false },
    );
    this.#ready = new Promise((res) => this.#watcher.once("ready", () => res()));
    this.#watcher.on("all", (event, path) => {
      this.#handle(event, resolve(path)).catch((err) => log.warn(`watcher event ${event} ${path}`, err));
    });
    this.#watcher.on("error", (err) => log.warn("watcher error", err));
  }

  /** Resolves once the initial scan is done and changes are being reported. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Stop watching. */
  close(): Promise<void> {
    return this.#watcher.close();
  }

  async #nodeAt(path: string) {
    const st = await fsp.lstat(path, { bigint: true }).catch(() => null);
    if (st === null) return { node: undefined, st: null };
    return { node: this.core.table.byInode(st.dev, st.ino), st };
  }

  async #handle(event: string, path: string): Promise<void> {
    if (event === "change") {
      const { node, st } = await this.#nodeAt(path);
      if (node === undefined || st === null) return;
      if (sameFingerprint(node.ownFp, fingerprint(st))) return; // our own write
      this.core.emit({ kind: "inode", node: node.id, off: 0, len: -1 }, undefined);
      return;
    }
    if (event !== "add" && event !== "addDir" && event !== "unlink" && event !== "unlinkDir") return;
    if (this.#roots.has(path)) return;
    const { node: parent } = await this.#nodeAt(dirname(path));
    if (parent === undefined || !parent.isDir) return;
    const name = basename(path);
    if (this.core.takeOwnEntry(parent.id, name)) return;
    this.core.emit({ kind: "entry", parent: parent.id, name }, undefined);
    this.core.emit({ kind: "inode", node: parent.id, off: 0, len: -1 }, undefined);
  }
}
