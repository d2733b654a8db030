import { ROOT_NODE, type Attr } from "@mrc/protocol";

/** How long the kernel may remember that a name does not exist, ms. */
export const NEGATIVE_TTL_MS = 10_000;

/**
 * How long attributes that came with a head reply may answer the kernel's next GETATTR of that
 * node, ms (see {@link BridgeCache}). Short: this only saves the GETATTR the kernel sends right
 * after its own operation dropped its cached attributes (a create drops the directory's, a read
 * the file's atime); anything older goes to the head as before.
 */
export const ATTR_REUSE_MS = 1000;

/**
 * What the bridge remembers between requests to spare round trips, all of it learnt from the head
 * or made through this target, and dropped by the head's invalidations (FuseFileSystem.invalidated)
 * exactly like the kernel's own caches. Each is only ever used for a state the head reported
 * *after* the last change this target made to it, and any change through this target or pushed by
 * the head forgets it first.
 *
 * - Attributes: every reply that carries attributes (lookup, getattr, setattr, create, mkdir, ...,
 *   open, write, readdirplus, and the directory attributes name operations return) is kept for
 *   {@link ATTR_REUSE_MS}. The kernel drops its cached attributes of a node after its own
 *   operations on it (a directory after each create, a file's size after each write, atime after
 *   each read, ...) and asks again; when the bridge already has the state after that operation it
 *   answers at once. Requests that may change a node "mark" it when they arrive (write, setattr,
 *   read: atime, ...); a reply is kept only if its node was not marked since the call was sent
 *   (sequence stamps).
 * - Complete directories: a directory this target created (mkdir), or listed from start to end
 *   (readdir), has a known set of names; every name operation through this target updates it, and
 *   changes by others arrive as invalidations, which forget it (it also expires after
 *   NEGATIVE_TTL_MS, like a negative dentry). A lookup of a name not in the set
 *   is answered "does not exist" here (what the kernel caches as a negative dentry anyway).
 * - Open prefetch: a small file opened read-only comes with its contents; the kernel's READs of
 *   that handle are answered from them until the file changes.
 * - Delegations: contents the head delegated (fs.open `deleg`/`ahead`); opens and reads of the
 *   node are answered from them until the head recalls them (an INVAL_INODE, as any other
 *   invalidation) or this target changes the node; dropped ones are told to the head.
 * - Shadows: a file this target created empty, while only this target writes it, is the sum of
 *   its writes: READs of it (a linker or assembler reading back what it wrote) are answered from a
 *   copy of them (bounded; dropped at release, on any other change, or when too large).
 */
export class BridgeCache {
  private seq = 0;
  private attrFloor = 0;
  private dirFloor = 0;
  /** node → seq of its last change (attributes, contents). */
  private readonly marks = new Map<number, number>();
  /** directory node → seq of its last entry change. */
  private readonly dirMarks = new Map<number, number>();
  private readonly attrs = new Map<number, { attr: Attr; until: number }>();
  /**
   * Directory node → the names it may hold (complete: any other name does not exist), until a
   * deadline: like the kernel's negative dentries, it bounds staleness should an invalidation be
   * lost (a head whose inotify watches ran out).
   */
  private readonly dirs = new Map<number, { names: Set<string>; until: number }>();
  /** fh → contents read at open, for the READs of that handle. */
  private readonly prefetched = new Map<number, { node: number; data: Uint8Array }>();
  /** node → its whole contents, as this target wrote them (see the class comment). */
  private readonly shadows = new Map<number, Shadow>();
  /**
   * node → contents the head delegated (fs.open `deleg`/`ahead`): the head recalls them before the
   * file can change, so opens and reads of the node are answered from them. `opened`: a local open
   * has happened since (the first one has the kernel drop any older cached pages).
   */
  private readonly delegs = new Map<number, { data: Uint8Array; opened: boolean }>();
  private delegBytes = 0;
  /** Called when a delegation is given up here (not at the head's request: that one knows). */
  onDelegationDropped: ((node: number) => void) | undefined;

  /** Stamp to take before a call whose reply carries state to keep. */
  stamp(): number {
    return this.seq;
  }

  /**
   * `node`'s contents or attributes may change now: forget its attributes and prefetched
   * contents, and any reply about it already under way.
   */
  mark(node: number): void {
    this.marks.set(node, ++this.seq);
    this.attrs.delete(node);
    if (this.delegs.size > 0) this.dropDelegation(node, true);
    if (this.prefetched.size > 0) for (const [fh, p] of this.prefetched) if (p.node === node) this.prefetched.delete(fh);
    if (this.marks.size > 100_000) {
      this.marks.clear();
      this.attrFloor = ++this.seq;
    }
  }

  /** Entries of directory `node` change now (through this target): a listing under way is void. */
  dirChanged(node: number): void {
    this.dirMarks.set(node, ++this.seq);
    if (this.dirMarks.size > 100_000) {
      this.dirMarks.clear();
      this.dirFloor = ++this.seq;
    }
  }

  /** Any node's attributes may have changed (an unlink or rename changes a node we cannot name). */
  markAll(): void {
    this.marks.clear();
    this.attrs.clear();
    this.attrFloor = ++this.seq;
  }

  private fresh(node: number, stamp: number): boolean {
    return stamp >= this.attrFloor && (this.marks.get(node) ?? 0) <= stamp;
  }

  private dirFresh(node: number, stamp: number): boolean {
    return stamp >= this.dirFloor && (this.dirMarks.get(node) ?? 0) <= stamp;
  }

  /**
   * A listing of `dir` taken at `stamp` still holds: no entry of `dir` and none of `nodes` changed
   * since (through this target, or pushed by the head).
   */
  listingFresh(dir: number, nodes: Iterable<number>, stamp: number): boolean {
    if (!this.dirFresh(dir, stamp)) return false;
    for (const n of nodes) if (!this.fresh(n, stamp)) return false;
    return true;
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

  /** `node` holds exactly `names` (created empty, or listed whole, with no change since `stamp`). */
  knownDir(node: number, names: Set<string>, stamp: number): void {
    // Never the virtual root: the head may add exports without telling anyone.
    if (node === ROOT_NODE || !this.dirFresh(node, stamp)) return;
    if (this.dirs.size >= 10_000) this.dirs.delete(this.dirs.keys().next().value!);
    this.dirs.set(node, { names, until: Date.now() + NEGATIVE_TTL_MS });
  }

  /** `name` may exist in `parent` from now on (a name operation through this target). */
  addName(parent: number, name: string): void {
    this.dirChanged(parent);
    this.dirs.get(parent)?.names.add(name);
  }

  /** A lookup found `name` in `parent` (nothing changed; a set that lacked it was wrong). */
  foundName(parent: number, name: string): void {
    const d = this.dirs.get(parent);
    if (d !== undefined && !d.names.has(name)) this.dirs.delete(parent);
  }

  /** `name` was removed from `parent` through this target. */
  removeName(parent: number, name: string): void {
    this.dirChanged(parent);
    this.dirs.get(parent)?.names.delete(name);
  }

  /** True when `name` certainly does not exist in `parent`. */
  absent(parent: number, name: string): boolean {
    const d = this.dirs.get(parent);
    if (d === undefined) return false;
    if (Date.now() > d.until) {
      this.dirs.delete(parent);
      return false;
    }
    return !d.names.has(name);
  }

  /** The head says `node` changed (someone else did it): forget everything about it. */
  invalidate(node: number): void {
    this.mark(node);
    this.dirChanged(node);
    this.dirs.delete(node);
    this.shadows.delete(node);
  }

  forgetNode(node: number): void {
    this.attrs.delete(node);
    this.dirs.delete(node);
    this.dropDelegation(node, false); // the head forgets the delegation with the lookup
  }

  /**
   * The head delegated `node` with these contents (in a reply to a call sent at `stamp`). Kept
   * unless this target changed the node since (then it is handed back at once).
   */
  delegate(node: number, data: Uint8Array, stamp: number): void {
    if (!this.fresh(node, stamp) || data.byteLength > MAX_DELEG_BYTES / 16) {
      this.onDelegationDropped?.(node);
      return;
    }
    this.dropDelegation(node, false);
    while (this.delegs.size > 0 && (this.delegs.size >= MAX_DELEGS || this.delegBytes + data.byteLength > MAX_DELEG_BYTES)) {
      this.dropDelegation(this.delegs.keys().next().value!, true);
    }
    this.delegs.set(node, { data, opened: false });
    this.delegBytes += data.byteLength;
  }

  /** The delegation of `node`, if this target holds one. */
  delegation(node: number): { data: Uint8Array; opened: boolean } | undefined {
    return this.delegs.get(node);
  }

  /** Give up the delegation of `node`; `tell`: let the head know (it did not ask). */
  dropDelegation(node: number, tell: boolean): void {
    const d = this.delegs.get(node);
    if (d === undefined) return;
    this.delegs.delete(node);
    this.delegBytes -= d.data.byteLength;
    if (tell) this.onDelegationDropped?.(node);
  }

  setPrefetched(fh: number, node: number, data: Uint8Array, stamp: number): void {
    if (this.fresh(node, stamp)) this.prefetched.set(fh, { node, data });
  }

  /** Bytes for a READ of `fh` (node `node`) this target can answer itself, or undefined. */
  read(fh: number, node: number, offset: number, size: number): Uint8Array | undefined {
    const p = this.prefetched.get(fh);
    if (p !== undefined) {
      const end = Math.min(offset + size, p.data.length);
      if (end >= p.data.length) this.prefetched.delete(fh); // read to the end: the page cache has it now
      return offset >= end ? new Uint8Array(0) : p.data.subarray(offset, end);
    }
    const d = this.delegs.get(node);
    if (d !== undefined) {
      const end = Math.min(offset + size, d.data.length);
      return offset >= end ? new Uint8Array(0) : d.data.subarray(offset, end);
    }
    return this.shadows.get(node)?.read(offset, size);
  }

  dropHandle(fh: number, node: number | undefined): void {
    this.prefetched.delete(fh);
    if (node !== undefined) this.shadows.delete(node);
  }

  /** A file this target just created empty and may write: keep a shadow of its contents. */
  startShadow(node: number): void {
    if (this.shadows.size >= MAX_SHADOWS) this.shadows.delete(this.shadows.keys().next().value!);
    this.shadows.set(node, new Shadow());
  }

  /** A write through this target; false drops the shadow (too large). */
  shadowWrite(node: number, offset: number, data: Uint8Array): void {
    const s = this.shadows.get(node);
    if (s !== undefined && !s.write(offset, data)) this.shadows.delete(node);
  }

  /** The file changes in a way its shadow does not follow (truncate, fallocate, append, ...). */
  dropShadow(node: number): void {
    this.shadows.delete(node);
  }
}

/** Delegations held at once, and the bytes of contents they may hold together. */
const MAX_DELEGS = 16_384;
const MAX_DELEG_BYTES = 64 * 1024 * 1024;

/** Shadows at once, and bytes each may hold. */
const MAX_SHADOWS = 64;
const SHADOW_BYTES = 8 * 1024 * 1024;

/** The contents of a file created empty, as the writes made them (later writes win). */
class Shadow {
  private size = 0;
  private bytes = 0;
  private readonly writes: Array<{ off: number; data: Buffer }> = [];

  write(offset: number, data: Uint8Array): boolean {
    if (data.byteLength === 0) return true;
    this.bytes += data.byteLength;
    if (this.bytes > SHADOW_BYTES || this.writes.length > 65_536) return false;
    this.writes.push({ off: offset, data: Buffer.from(data) }); // a copy: request buffers are recycled
    this.size = Math.max(this.size, offset + data.byteLength);
    return true;
  }

  read(offset: number, size: number): Uint8Array {
    const end = Math.min(offset + size, this.size);
    if (end <= offset) return new Uint8Array(0);
    const out = Buffer.alloc(end - offset); // never written: a hole, zeros
    for (const w of this.writes) {
      const a = Math.max(offset, w.off);
      const b = Math.min(end, w.off + w.data.length);
      if (a < b) w.data.copy(out, a - offset, a - w.off, b - w.off);
    }
    return out;
  }
}

