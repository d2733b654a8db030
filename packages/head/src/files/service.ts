import type {
  Attr, CompactDirEntry, CreateIn, ReadaheadIn, ReadaheadOut, DirAttrs, WriteIn, WriteOut, DirEntry, DirEntryPlus, Entry, FileLock, FileServiceApi, LookupIn, OpenDirIn, OpenDirOut, OpenIn, OpenOut, ReadDirIn, SetAttrIn, StatfsOut,
} from "@mrc/protocol";
import { Core, type ExportSpec, type FileServiceOptions } from "./core.js";
import { ExportWatcher } from "./watcher.js";
import { originKey, type OpContext } from "./origin.js";
import * as names from "./ops-names.js";
import * as attrs from "./ops-attrs.js";
import * as io from "./ops-io.js";
import * as dirs from "./ops-dirs.js";
import * as xattr from "./ops-xattr.js";
import * as locks from "./ops-locks.js";

/**
 * The head's file service: serves the exported directories to targets, node by node, confined
 * to the exports (see docs/files.md). Every op takes the protocol params and an optional
 * {@link OpContext}; failures are thrown as errors with a string `errno`.
 */
export class FileService implements FileServiceApi {
  readonly #core: Core;
  readonly #watcher: ExportWatcher | undefined;

  constructor(opts: FileServiceOptions) {
    this.#core = new Core(opts);
    this.#watcher = opts.watch ? new ExportWatcher(this.#core) : undefined;
  }

  /** Export one more directory; returns its index (see {@link Core.addExport}). */
  addExport(e: ExportSpec): number {
    return this.#core.addExport(e);
  }

  /** The exports, in index order (index i is the virtual root's entry String(i)). */
  get exports(): ExportSpec[] {
    return this.#core.exports.map((e) => ({ path: e.path, readOnly: e.readOnly }));
  }

  /** Resolves when the export watcher (if any) is reporting changes (at once: watches are lazy). */
  ready(): Promise<void> {
    return this.#watcher?.ready() ?? Promise.resolve();
  }

  /** Directories currently watched for foreign changes (one inotify watch each); for tests and metrics. */
  get watchedCount(): number {
    return this.#watcher?.watchedCount ?? 0;
  }

  /** The node id behind an open file handle, if any (for {@link Core.track}). */
  #fileNode(fh: number): number | undefined {
    const h = this.#core.handles.peek(fh);
    return h?.kind === "file" ? h.node.id : undefined;
  }

  /** Number of live nodes (virtual root and export roots included); for tests and metrics. */
  get nodeCount(): number {
    return this.#core.table.size;
  }

  /**
   * A link went away: close every handle it opened (dropping their locks) and drop every
   * lookup it held, as if its kernel had released and forgotten everything.
   */
  dropOrigin(origin: unknown): void {
    const key = originKey(origin);
    for (const h of this.#core.handles.all()) {
      if (h.origin !== key) continue;
      this.#core.handles.delete(h.id);
      if (h.kind === "file") {
        io.releaseLocks(this.#core, h);
        this.#core.locks.releaseOwnerPrefix(h.node.inodeKey, `${key}/`);
        h.ref.close();
      }
    }
    this.#core.table.forgetOrigin(key);
    this.#core.delegations.dropOrigin(key);
    this.#core.scans.dropOrigin(key);
  }

  /** `ctx.origin` no longer holds delegations of these nodes (notification fs.delegreturn). */
  delegreturn(p: { nodes: number[] }, ctx?: OpContext): void {
    if (!Array.isArray(p.nodes)) return;
    const nodes = p.nodes.slice(0, 65_536).flatMap((id) => {
      const n = typeof id === "number" ? this.#core.table.peek(id) : undefined;
      return n === undefined ? [] : [n];
    });
    this.#core.delegations.returned(originKey(ctx?.origin), nodes);
  }

  /** Delegated inodes and the origins holding each (for tests and metrics). */
  get delegations(): { size: number; active: number; enabled: boolean; holders: (node: number) => string[] } {
    const d = this.#core.delegations;
    return {
      size: d.size,
      active: d.active,
      enabled: d.enabled,
      holders: (id) => {
        const n = this.#core.table.peek(id);
        return n === undefined ? [] : d.holders(n);
      },
    };
  }

  /** Stop the watcher and close every descriptor. */
  async close(): Promise<void> {
    await this.#watcher?.close();
    this.#core.close();
  }

  lookup(p: LookupIn, ctx?: OpContext): Promise<Entry> {
    return names.lookup(this.#core, p, ctx);
  }
  forget(p: { items: Array<[node: number, nlookup: number]> }, ctx?: OpContext): Promise<void> {
    return names.forget(this.#core, p, ctx);
  }
  getattr(p: { node: number; fh?: number }): Promise<Attr> {
    return attrs.getattr(this.#core, p);
  }
  setattr(p: SetAttrIn, ctx?: OpContext): Promise<Attr> {
    return this.#core.track([p.node], attrs.setattr(this.#core, p, ctx));
  }
  readlink(p: { node: number }): Promise<string> {
    return attrs.readlink(this.#core, p);
  }
  symlink(p: { parent: number; name: string; target: string }, ctx?: OpContext): Promise<Entry & DirAttrs> {
    return this.#core.track([p.parent], names.symlink(this.#core, p, ctx));
  }
  mknod(p: { parent: number; name: string; mode: number; rdev: number; umask: number }, ctx?: OpContext): Promise<Entry & DirAttrs> {
    return this.#core.track([p.parent], names.mknod(this.#core, p, ctx));
  }
  mkdir(p: { parent: number; name: string; mode: number; umask: number }, ctx?: OpContext): Promise<Entry & DirAttrs> {
    return this.#core.track([p.parent], names.mkdir(this.#core, p, ctx));
  }
  unlink(p: { parent: number; name: string }, ctx?: OpContext): Promise<DirAttrs> {
    return this.#core.track([p.parent], names.unlink(this.#core, p, ctx));
  }
  rmdir(p: { parent: number; name: string }, ctx?: OpContext): Promise<DirAttrs> {
    return this.#core.track([p.parent], names.rmdir(this.#core, p, ctx));
  }
  rename(p: { parent: number; name: string; newParent: number; newName: string; flags: number }, ctx?: OpContext): Promise<DirAttrs> {
    return this.#core.track([p.parent, p.newParent], names.rename(this.#core, p, ctx));
  }
  link(p: { node: number; newParent: number; newName: string }, ctx?: OpContext): Promise<Entry & DirAttrs> {
    return this.#core.track([p.node, p.newParent], names.link(this.#core, p, ctx));
  }
  open(p: OpenIn, ctx?: OpContext): Promise<OpenOut> {
    return this.#core.track([p.node], io.openFile(this.#core, p, ctx));
  }
  reserve(p: { count: number }, ctx?: OpContext): Promise<{ first: number; count: number }> {
    return io.reserve(this.#core, p, ctx);
  }
  readahead(p: ReadaheadIn, ctx?: OpContext): Promise<ReadaheadOut> {
    return io.readahead(this.#core, p, ctx);
  }
  create(
    p: CreateIn,
    ctx?: OpContext,
  ): Promise<{ entry: Entry; open: OpenOut } & DirAttrs> {
    return this.#core.track([p.parent], io.create(this.#core, p, ctx));
  }
  read(p: { fh: number; offset: number; size: number }): Promise<Uint8Array> {
    return io.read(this.#core, p);
  }
  /** read, into a buffer `into` supplies (the rpc layer's reply buffer: sent without a copy). */
  readInto(p: { fh: number; offset: number; size: number }, into: (size: number) => Buffer): Promise<Uint8Array> {
    return io.read(this.#core, p, into);
  }
  write(p: WriteIn, ctx?: OpContext): Promise<number | WriteOut> {
    return this.#core.track([this.#fileNode(p.fh)], io.write(this.#core, p, ctx));
  }
  flush(p: { fh: number; lockOwner?: string }): Promise<void> {
    return io.flush(this.#core, p);
  }
  fsync(p: { fh: number; datasync: boolean }): Promise<void> {
    return io.fsync(this.#core, p);
  }
  release(p: { fh: number; lockOwner?: string; flock?: boolean }): Promise<void> {
    return io.release(this.#core, p);
  }
  opendir(p: OpenDirIn, ctx?: OpContext): Promise<OpenDirOut> {
    return dirs.opendir(this.#core, p, ctx);
  }
  readdir(p: { fh: number; offset: number; maxEntries: number }): Promise<DirEntry[]> {
    return dirs.readdir(this.#core, p);
  }
  readdirplus(p: ReadDirIn & { compact: true }, ctx?: OpContext): Promise<CompactDirEntry[]>;
  readdirplus(p: ReadDirIn & { compact?: false }, ctx?: OpContext): Promise<DirEntryPlus[]>;
  readdirplus(p: ReadDirIn, ctx?: OpContext): Promise<DirEntryPlus[] | CompactDirEntry[]>;
  readdirplus(p: ReadDirIn, ctx?: OpContext): Promise<DirEntryPlus[] | CompactDirEntry[]> {
    return dirs.readdirplus(this.#core, p, ctx);
  }
  releasedir(p: { fh: number }): Promise<void> {
    return dirs.releasedir(this.#core, p);
  }
  fsyncdir(p: { fh: number; datasync: boolean }): Promise<void> {
    return dirs.fsyncdir(this.#core, p);
  }
  statfs(p: { node: number }): Promise<StatfsOut> {
    return attrs.statfs(this.#core, p);
  }
  access(p: { node: number; mask: number }): Promise<void> {
    return attrs.access(this.#core, p);
  }
  fallocate(p: { fh: number; mode: number; offset: number; length: number }, ctx?: OpContext): Promise<void> {
    return this.#core.track([this.#fileNode(p.fh)], io.fallocate(this.#core, p, ctx));
  }
  lseek(p: { fh: number; offset: number; whence: number }): Promise<number> {
    return io.lseek(this.#core, p);
  }
  copyFileRange(
    p: { fhIn: number; offIn: number; fhOut: number; offOut: number; len: number; flags: number },
    ctx?: OpContext,
  ): Promise<number> {
    return this.#core.track([this.#fileNode(p.fhOut)], io.copyFileRange(this.#core, p, ctx));
  }
  getxattr(p: { node: number; name: string; size: number }): Promise<Uint8Array | number> {
    return xattr.getxattr(this.#core, p);
  }
  setxattr(p: { node: number; name: string; value: Uint8Array; flags: number }, ctx?: OpContext): Promise<void> {
    return this.#core.track([p.node], xattr.setxattr(this.#core, p, ctx));
  }
  listxattr(p: { node: number; size: number }): Promise<Uint8Array | number> {
    return xattr.listxattr(this.#core, p);
  }
  removexattr(p: { node: number; name: string }, ctx?: OpContext): Promise<void> {
    return this.#core.track([p.node], xattr.removexattr(this.#core, p, ctx));
  }
  getlk(p: { fh: number; owner: string; lock: FileLock }): Promise<FileLock> {
    return locks.getlk(this.#core, p);
  }
  setlk(p: { fh: number; owner: string; lock: FileLock; wait: boolean; flock: boolean }, ctx?: OpContext): Promise<void> {
    return locks.setlk(this.#core, p, ctx);
  }
}
