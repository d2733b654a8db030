/**
 * An in-memory FuseFileSystem: a reference implementation of the interface, used by the mount
 * tests and handy for anyone who needs a throwaway mount. Not tuned, not persistent.
 */
import type { Attr, DirEntry, DirEntryPlus, Entry, SetAttrIn, SetTime, StatfsOut } from "@mrc/protocol";
import { fuseError } from "../errors.js";
import type { ForgetItem, FuseFileSystem, FuseOpenOut, RequestContext } from "../fs.js";

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const O_TRUNC = 0o1000;
const O_ACCMODE = 3;
const RENAME_NOREPLACE = 1;
const RENAME_EXCHANGE = 2;
const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;

/** One inode of the memory file system. */
export interface MemNode {
  id: number;
  attr: Attr;
  /** Contents; may be longer than attr.size (spare capacity, zero-filled). */
  data: Buffer;
  target: string;
  children: Map<string, number>;
  parent: number;
  xattrs: Map<string, Buffer>;
  /** Lookups the kernel holds (entry replies − forgets). */
  lookups: number;
}

/** Options of {@link MemFs}. */
export interface MemFsOptions {
  entryTtlMs?: number;
  attrTtlMs?: number;
}

function now(): { sec: number; nsec: number } {
  const ms = Date.now();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1_000_000 };
}

/** The memory file system. Root is node 1. */
export class MemFs implements FuseFileSystem {
  /** All live nodes, by id. */
  readonly nodes = new Map<number, MemNode>();
  /** Every forget the kernel sent, in order (tests). */
  readonly forgets: ForgetItem[] = [];
  private nextId = 2;
  private nextFh = 1;
  private readonly entryTtlMs: number;
  private readonly attrTtlMs: number;

  constructor(options: MemFsOptions = {}) {
    this.entryTtlMs = options.entryTtlMs ?? 1000;
    this.attrTtlMs = options.attrTtlMs ?? 1000;
    this.nodes.set(1, this.makeNode(1, S_IFDIR | 0o755, 0, 0, 1));
  }

  private makeNode(id: number, mode: number, uid: number, gid: number, parent: number): MemNode {
    const t = now();
    return {
      id, data: Buffer.alloc(0), target: "", children: new Map(), parent, xattrs: new Map(), lookups: 0,
      attr: {
        ino: id, size: 0, blocks: 0, atimeSec: t.sec, atimeNsec: t.nsec, mtimeSec: t.sec, mtimeNsec: t.nsec,
        ctimeSec: t.sec, ctimeNsec: t.nsec, mode, nlink: (mode & S_IFMT) === S_IFDIR ? 2 : 1, uid, gid,
        rdev: 0, blksize: 4096,
      },
    };
  }

  /** Node `id` or ENOENT. */
  node(id: number): MemNode {
    const n = this.nodes.get(id);
    if (n === undefined) throw fuseError("ENOENT", `no node ${id}`);
    return n;
  }

  private dir(id: number): MemNode {
    const n = this.node(id);
    if ((n.attr.mode & S_IFMT) !== S_IFDIR) throw fuseError("ENOTDIR");
    return n;
  }

  private child(parent: number, name: string): MemNode {
    const id = this.dir(parent).children.get(name);
    if (id === undefined) throw fuseError("ENOENT");
    return this.node(id);
  }

  private entry(n: MemNode): Entry {
    n.lookups++;
    return { node: n.id, generation: 0, attr: { ...n.attr }, entryTtlMs: this.entryTtlMs, attrTtlMs: this.attrTtlMs };
  }

  private touch(n: MemNode, what: { m?: boolean; c?: boolean }): void {
    const t = now();
    if (what.m === true) {
      n.attr.mtimeSec = t.sec;
      n.attr.mtimeNsec = t.nsec;
    }
    if (what.c !== false) {
      n.attr.ctimeSec = t.sec;
      n.attr.ctimeNsec = t.nsec;
    }
  }

  /** Resize; `data` is a capacity buffer (grown by doubling), `attr.size` the logical size. */
  private setSize(n: MemNode, size: number): void {
    const old = n.attr.size;
    if (size > n.data.length) {
      const d = Buffer.alloc(Math.max(size, Math.min(n.data.length * 2, size + (64 << 20))));
      n.data.copy(d, 0, 0, old);
      n.data = d;
    } else if (size < old) n.data.fill(0, size, old);
    n.attr.size = size;
    n.attr.blocks = Math.ceil(size / 512);
  }

  private add(ctx: RequestContext, parent: number, name: string, mode: number): MemNode {
    const p = this.dir(parent);
    if (p.children.has(name)) throw fuseError("EEXIST");
    const n = this.makeNode(this.nextId++, mode, ctx.uid, ctx.gid, parent);
    this.nodes.set(n.id, n);
    p.children.set(name, n.id);
    if ((mode & S_IFMT) === S_IFDIR) p.attr.nlink++;
    this.touch(p, { m: true });
    return n;
  }

  private dropIfUnused(n: MemNode): void {
    if (n.attr.nlink === 0 && n.lookups <= 0 && n.id !== 1) this.nodes.delete(n.id);
  }

  async lookup(_ctx: RequestContext, p: { parent: number; name: string }): Promise<Entry> {
    if (p.name === ".") return this.entry(this.dir(p.parent));
    if (p.name === "..") return this.entry(this.node(this.dir(p.parent).parent));
    return this.entry(this.child(p.parent, p.name));
  }

  forget(_ctx: RequestContext, p: { items: ForgetItem[] }): void {
    for (const [id, nlookup] of p.items) {
      this.forgets.push([id, nlookup]);
      const n = this.nodes.get(id);
      if (n === undefined) continue;
      n.lookups -= nlookup;
      this.dropIfUnused(n);
    }
  }

  async getattr(_ctx: RequestContext, p: { node: number }): Promise<Attr> {
    return { ...this.node(p.node).attr };
  }

  async setattr(_ctx: RequestContext, p: SetAttrIn): Promise<Attr> {
    const n = this.node(p.node);
    if (p.mode !== undefined) n.attr.mode = (n.attr.mode & S_IFMT) | (p.mode & 0o7777);
    if (p.uid !== undefined) n.attr.uid = p.uid;
    if (p.gid !== undefined) n.attr.gid = p.gid;
    if (p.size !== undefined) {
      if ((n.attr.mode & S_IFMT) === S_IFDIR) throw fuseError("EISDIR");
      this.setSize(n, p.size);
      this.touch(n, { m: true });
    }
    const set = (t: SetTime | undefined, k: "atime" | "mtime"): void => {
      if (t === undefined) return;
      const v = t === "now" ? now() : t;
      n.attr[`${k}Sec`] = v.sec;
      n.attr[`${k}Nsec`] = v.nsec;
    };
    set(p.atime, "atime");
    set(p.mtime, "mtime");
    this.touch(n, {});
    return { ...n.attr };
  }

  async readlink(_ctx: RequestContext, p: { node: number }): Promise<string> {
    const n = this.node(p.node);
    if ((n.attr.mode & S_IFMT) !== S_IFLNK) throw fuseError("EINVAL");
    return n.target;
  }

  async symlink(ctx: RequestContext, p: { parent: number; name: string; target: string }): Promise<Entry> {
    const n = this.add(ctx, p.parent, p.name, S_IFLNK | 0o777);
    n.target = p.target;
    n.attr.size = Buffer.byteLength(p.target);
    return this.entry(n);
  }

  async mknod(ctx: RequestContext, p: { parent: number; name: string; mode: number; rdev: number }): Promise<Entry> {
    const n = this.add(ctx, p.parent, p.name, p.mode);
    n.attr.rdev = p.rdev;
    return this.entry(n);
  }

  async mkdir(ctx: RequestContext, p: { parent: number; name: string; mode: number }): Promise<Entry> {
    return this.entry(this.add(ctx, p.parent, p.name, S_IFDIR | (p.mode & 0o7777)));
  }

  private remove(parent: number, name: string, dir: boolean): void {
    const p = this.dir(parent);
    const n = this.child(parent, name);
    const isDir = (n.attr.mode & S_IFMT) === S_IFDIR;
    if (dir && !isDir) throw fuseError("ENOTDIR");
    if (!dir && isDir) throw fuseError("EISDIR");
    if (isDir && n.children.size > 0) throw fuseError("ENOTEMPTY");
    p.children.delete(name);
    if (isDir) {
      p.attr.nlink--;
      n.attr.nlink = 0;
    } else n.attr.nlink--;
    this.touch(p, { m: true });
    this.touch(n, {});
    this.dropIfUnused(n);
  }

  async unlink(_ctx: RequestContext, p: { parent: number; name: string }): Promise<void> {
    this.remove(p.parent, p.name, false);
  }

  async rmdir(_ctx: RequestContext, p: { parent: number; name: string }): Promise<void> {
    this.remove(p.parent, p.name, true);
  }

  async rename(_ctx: RequestContext, p: { parent: number; name: string; newParent: number; newName: string; flags: number }): Promise<void> {
    const from = this.dir(p.parent);
    const to = this.dir(p.newParent);
    const n = this.child(p.parent, p.name);
    const existing = to.children.get(p.newName);
    if (p.flags & RENAME_EXCHANGE) {
      if (existing === undefined) throw fuseError("ENOENT");
      from.children.set(p.name, existing);
      to.children.set(p.newName, n.id);
      this.node(existing).parent = from.id;
      n.parent = to.id;
      return;
    }
    if (existing !== undefined) {
      if (p.flags & RENAME_NOREPLACE) throw fuseError("EEXIST");
      if (existing !== n.id) this.remove(p.newParent, p.newName, (this.node(existing).attr.mode & S_IFMT) === S_IFDIR);
    }
    from.children.delete(p.name);
    to.children.set(p.newName, n.id);
    if ((n.attr.mode & S_IFMT) === S_IFDIR && from !== to) {
      from.attr.nlink--;
      to.attr.nlink++;
    }
    n.parent = to.id;
    this.touch(from, { m: true });
    this.touch(to, { m: true });
    this.touch(n, {});
  }

  async link(_ctx: RequestContext, p: { node: number; newParent: number; newName: string }): Promise<Entry> {
    const n = this.node(p.node);
    const to = this.dir(p.newParent);
    if (to.children.has(p.newName)) throw fuseError("EEXIST");
    to.children.set(p.newName, n.id);
    n.attr.nlink++;
    this.touch(n, {});
    return this.entry(n);
  }

  async open(_ctx: RequestContext, p: { node: number; flags: number }): Promise<FuseOpenOut> {
    const n = this.node(p.node);
    if ((p.flags & O_TRUNC) !== 0 && (p.flags & O_ACCMODE) !== 0) {
      this.setSize(n, 0);
      this.touch(n, { m: true });
    }
    return { fh: this.nextFh++, keepCache: false };
  }

  async create(ctx: RequestContext, p: { parent: number; name: string; flags: number; mode: number }): Promise<{ entry: Entry; open: FuseOpenOut }> {
    const n = this.add(ctx, p.parent, p.name, S_IFREG | (p.mode & 0o7777));
    return { entry: this.entry(n), open: { fh: this.nextFh++, keepCache: false } };
  }

  async read(_ctx: RequestContext, p: { node: number; offset: number; size: number }): Promise<Uint8Array> {
    const n = this.node(p.node);
    const size = n.attr.size;
    return n.data.subarray(Math.min(p.offset, size), Math.min(p.offset + p.size, size));
  }

  async write(_ctx: RequestContext, p: { node: number; offset: number; data: Uint8Array }): Promise<number> {
    const n = this.node(p.node);
    const end = p.offset + p.data.length;
    if (end > n.attr.size) this.setSize(n, end);
    n.data.set(p.data, p.offset);
    this.touch(n, { m: true });
    return p.data.length;
  }

  async flush(): Promise<void> {}
  async fsync(): Promise<void> {}
  async release(): Promise<void> {}

  async opendir(_ctx: RequestContext, p: { node: number }): Promise<FuseOpenOut> {
    this.dir(p.node);
    return { fh: this.nextFh++, keepCache: false };
  }

  private listing(node: number): Array<{ name: string; n: MemNode }> {
    const d = this.dir(node);
    return [
      { name: ".", n: d },
      { name: "..", n: this.node(d.parent) },
      ...[...d.children].map(([name, id]) => ({ name, n: this.node(id) })),
    ];
  }

  async readdir(_ctx: RequestContext, p: { node: number; offset: number; maxEntries: number }): Promise<DirEntry[]> {
    return this.listing(p.node).slice(p.offset, p.offset + p.maxEntries).map(({ name, n }, i) => ({
      name, ino: n.id, type: (n.attr.mode & S_IFMT) >> 12, off: p.offset + i + 1,
    }));
  }

  async readdirplus(_ctx: RequestContext, p: { node: number; offset: number; maxEntries: number }): Promise<DirEntryPlus[]> {
    return this.listing(p.node).slice(p.offset, p.offset + p.maxEntries).map(({ name, n }, i) => {
      const e: DirEntryPlus = { name, ino: n.id, type: (n.attr.mode & S_IFMT) >> 12, off: p.offset + i + 1 };
      if (name !== "." && name !== "..") e.entry = this.entry(n);
      return e;
    });
  }

  async releasedir(): Promise<void> {}

  async statfs(): Promise<StatfsOut> {
    return { blocks: 1 << 20, bfree: 1 << 19, bavail: 1 << 19, files: 1 << 16, ffree: (1 << 16) - this.nodes.size, bsize: 4096, namelen: 255, frsize: 4096 };
  }

  async getxattr(_ctx: RequestContext, p: { node: number; name: string; size: number }): Promise<Uint8Array | number> {
    const v = this.node(p.node).xattrs.get(p.name);
    if (v === undefined) throw fuseError("ENODATA");
    return p.size === 0 ? v.length : v;
  }

  async setxattr(_ctx: RequestContext, p: { node: number; name: string; value: Uint8Array; flags: number }): Promise<void> {
    const x = this.node(p.node).xattrs;
    if (p.flags & XATTR_CREATE && x.has(p.name)) throw fuseError("EEXIST");
    if (p.flags & XATTR_REPLACE && !x.has(p.name)) throw fuseError("ENODATA");
    x.set(p.name, Buffer.from(p.value));
  }

  async listxattr(_ctx: RequestContext, p: { node: number; size: number }): Promise<Uint8Array | number> {
    const names = Buffer.from([...this.node(p.node).xattrs.keys()].map((k) => `${k}\0`).join(""), "utf8");
    return p.size === 0 ? names.length : names;
  }

  async removexattr(_ctx: RequestContext, p: { node: number; name: string }): Promise<void> {
    if (!this.node(p.node).xattrs.delete(p.name)) throw fuseError("ENODATA");
  }
}
