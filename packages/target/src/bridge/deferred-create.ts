import type { Attr } from "@mrc/protocol";

/** How long a create may stay on the target before it is sent anyway, ms. */
export const DEFER_MS = 10;
/** Bytes of writes a deferred create may gather before it is sent (the rest goes as usual). */
export const DEFER_BYTES = 1024 * 1024;
/** Creates deferred at once, at most. */
const MAX_PENDING = 256;
/** Ids asked for at a time, and the stock below which more are asked for. */
const RESERVE_BATCH = 512;
const RESERVE_LOW = 128;

const S_IFREG = 0o100000;

/** A create answered on the target and not sent yet. */
export interface PendingCreate {
  readonly node: number;
  readonly fh: number;
  readonly parent: number;
  readonly name: string;
  readonly flags: number;
  readonly mode: number;
  readonly umask: number;
  /** The kernel's FUSE_OPEN_KILL_SUIDGID (an O_TRUNC create by a caller without CAP_FSETID), passed on. */
  readonly killSuidgid: boolean;
  readonly writes: Array<[number, Uint8Array]>;
  bytes: number;
  /** What the kernel is told about the file until the head has it (size follows the writes). */
  readonly attr: Attr;
  /** The head's handle of the file, once sent (settles when the head answered). */
  sent: Promise<number> | null;
  timer: NodeJS.Timeout | null;
  /** The bridge cache's stamp when the create was answered (its reply's attributes date from then). */
  stamp: number;
}

/**
 * Deferred creates: a file this target creates in a directory it knows completely (so the name is
 * known not to exist), without O_EXCL, is answered to its kernel at once — with a node id the head
 * reserved for this target (fs.reserve) — and the create goes to the head with the first writes
 * in one call: when the file is closed (close(2) still returns only once it is on the head, with
 * its errors), when anything else is asked of the head, or {@link DEFER_MS} after the create,
 * whichever comes first. A file written and closed at once (the usual case) costs one round trip
 * instead of two. What it costs: until then the file's inode number is a provisional one (the
 * node id), and it appears on the head and to other targets up to 10 ms later.
 */
export class DeferredCreates {
  readonly #byNode = new Map<number, PendingCreate>();
  /** Reserved ids not used yet: [next, end) ranges. */
  readonly #ranges: Array<[number, number]> = [];
  #stock = 0;
  #asking = false;
  #off: boolean;

  constructor(
    /** Send `c` to the head (fs.create with `node` and `writes`); resolves to the head's handle. */
    private readonly send: (c: PendingCreate) => Promise<number>,
    /** fs.reserve; rejects on a head without it (deferral then stays off). */
    private readonly reserve: (count: number) => Promise<{ first: number; count: number }>,
    enabled = true,
  ) {
    this.#off = !enabled;
  }

  /** Creates waiting to be sent. */
  get count(): number {
    return this.#byNode.size;
  }

  /** A create can be deferred now (ids in stock, not too many pending); asks for more ids when low. */
  available(): boolean {
    if (this.#off) return false;
    if (this.#stock < RESERVE_LOW) this.#refill();
    return this.#stock > 0 && this.#byNode.size < MAX_PENDING;
  }

  #refill(): void {
    if (this.#asking) return;
    this.#asking = true;
    this.reserve(RESERVE_BATCH).then(
      (r) => {
        this.#asking = false;
        if (Number.isSafeInteger(r?.first) && Number.isSafeInteger(r?.count) && r.count > 0) {
          this.#ranges.push([r.first, r.first + r.count]);
          this.#stock += r.count;
        }
      },
      () => {
        this.#asking = false;
        this.#off = true; // an older head: no deferred creates
      },
    );
  }

  /** Defer a create: its node id and the attributes the kernel gets now. */
  take(p: { parent: number; name: string; flags: number; mode: number; umask: number; killSuidgid?: boolean }, fh: number, owner: { uid: number; gid: number }, stamp: number): PendingCreate {
    const range = this.#ranges[0]!;
    const node = range[0]++;
    if (range[0] >= range[1]) this.#ranges.shift();
    this.#stock--;
    const now = Date.now();
    const sec = Math.floor(now / 1000);
    const nsec = (now % 1000) * 1_000_000;
    const c: PendingCreate = {
      node, fh, parent: p.parent, name: p.name, flags: p.flags, mode: p.mode, umask: p.umask, killSuidgid: p.killSuidgid === true, writes: [], bytes: 0,
      attr: {
        ino: node, size: 0, blocks: 0, atimeSec: sec, atimeNsec: nsec, mtimeSec: sec, mtimeNsec: nsec, ctimeSec: sec, ctimeNsec: nsec,
        mode: S_IFREG | (p.mode & ~p.umask & 0o7777), nlink: 1, uid: owner.uid, gid: owner.gid, rdev: 0, blksize: 4096,
      },
      sent: null,
      timer: null,
      stamp,
    };
    c.timer = setTimeout(() => void this.settle(c).catch(() => {}), DEFER_MS);
    this.#byNode.set(node, c);
    return c;
  }

  /** The pending create of `node` (not sent yet), if any. */
  byNode(node: number): PendingCreate | undefined {
    const c = this.#byNode.get(node);
    return c?.sent === null ? c : undefined;
  }

  /** Gather a write into a create not sent yet; false when it must go the usual way (sent, or too much). */
  addWrite(c: PendingCreate, offset: number, data: Uint8Array): boolean {
    if (c.sent !== null || c.bytes + data.byteLength > DEFER_BYTES) return false;
    c.writes.push([offset, Buffer.from(data)]); // a copy: request buffers are recycled
    c.bytes += data.byteLength;
    const end = offset + data.byteLength;
    if (end > c.attr.size) {
      c.attr.size = end;
      c.attr.blocks = Math.ceil(end / 512);
    }
    return true;
  }

  /** Send `c` now (once); resolves to the head's handle, or rejects with the create's error. */
  settle(c: PendingCreate): Promise<number> {
    if (c.sent === null) {
      if (c.timer !== null) clearTimeout(c.timer);
      c.timer = null;
      c.sent = this.send(c);
      c.sent.then(
        () => this.#byNode.delete(c.node),
        () => this.#byNode.delete(c.node),
      );
    }
    return c.sent;
  }

  /** Send every pending create (before anything else is asked of the head); errors stay with their files. */
  async settleAll(): Promise<void> {
    await Promise.allSettled([...this.#byNode.values()].map((c) => this.settle(c)));
  }
}
