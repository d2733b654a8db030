import type { DirEntryPlus } from "@mrc/protocol";

/** A directory opened on the head ahead of the kernel: its handle and its first listing batch. */
export interface PreOpened {
  fh: number;
  keepCache: boolean;
  entries: DirEntryPlus[];
  /** The batch holds the whole listing. */
  eof: boolean;
  /** The bridge cache's stamp taken before the call (what the listing may be checked against). */
  stamp: number;
}

/** Subdirectories the first readahead of a walk opens; each window that is used doubles it. */
export const FIRST_DIR_WINDOW = 4;
export const MAX_DIR_WINDOW = 16;
/** Listings read ahead and not yet used, at most (each holds a head handle and lookups). */
export const MAX_PREOPENED = 48;
/** A listing read ahead and not used within this long is given back (ms). */
export const PREOPEN_TTL_MS = 5000;
/** Directories whose subdirectory order is remembered. */
const MAX_WALKS = 32;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** One listed directory's subdirectories, in listing order, and how far the readahead got. */
interface Walk {
  readonly subdirs: number[];
  readonly pos: Map<number, number>;
  /** Highest index read ahead so far (-1: none). */
  issued: number;
  window: number;
  /** A listing read ahead in this directory was spoilt before use (the tree is being changed): no more readahead here. */
  spoilt: boolean;
}

interface Pending {
  readonly result: Promise<PreOpened | undefined>;
  readonly at: number;
}

/**
 * Directory readahead: a walk of a tree (find, tar, du, cp -r, grep -r, rsync) opens the
 * subdirectories of each directory it listed, in listing order, one after the other, and each
 * open used to cost a round trip in which the head lists the directory (for a cold directory of a
 * hundred files, milliseconds of lstat). Like {@link ScanOrders} does for files on the head, this
 * tells a walk from scattered opens: when the kernel opens a subdirectory of a directory it listed,
 * the next ones in listing order are opened on the head in the background (`fs.opendir` with its
 * first batch), 4 at first and twice as many each time a window is used (up to 16 ahead); a
 * directory opened from a readahead has its own first subdirectories read ahead at once (a walk
 * goes down). The kernel's OPENDIR of such a directory then takes the handle and listing that are
 * waiting (or on their way) instead of asking.
 *
 * The bridge uses a listing read ahead only if nothing it holds may have changed since the call
 * was sent (the bridge cache's stamps: a change through this target or pushed by the head of the
 * directory or of any entry in it spoils it); a spoilt one is given back and the directory is
 * asked for as before, and readahead stops in that parent. Unused listings are given back after
 * {@link PREOPEN_TTL_MS}; at most {@link MAX_PREOPENED} wait at once.
 */
export class DirReadahead {
  readonly #walks = new Map<number, Walk>();
  readonly #pending = new Map<number, Pending>();
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param fetch opens directory `node` on the head with its first batch (rejects on any error)
   * @param discard gives back a listing that will not be used (its handle and its entries' lookups)
   */
  constructor(
    private readonly fetch: (node: number) => Promise<PreOpened>,
    private readonly discard: (pre: PreOpened) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Listings read ahead (settled or not) not yet taken. */
  get waiting(): number {
    return this.#pending.size;
  }

  /**
   * The kernel opens directory `node`: the listing read ahead for it, if any, awaited if still on
   * its way (undefined if none, or if it failed). The caller checks that it is still valid and
   * reports with {@link opened}.
   */
  take(node: number): Promise<PreOpened | undefined> | undefined {
    const p = this.#pending.get(node);
    if (p === undefined) return undefined;
    this.#pending.delete(node);
    return p.result;
  }

  /**
   * Directory `node` was opened by the kernel: `hit` when from a listing read ahead (the walk goes
   * on: the window doubles), false when it was asked for (a walk may start here: first window).
   * `spoilt`: there was a listing read ahead, but it could not be used.
   */
  opened(node: number, how: "hit" | "miss" | "spoilt"): void {
    this.#sweep();
    const found = this.#walkOf(node);
    if (found === undefined) return;
    const [, w, i] = found;
    if (how === "spoilt") w.spoilt = true;
    if (w.spoilt) return;
    w.window = how === "hit" ? Math.min(Math.max(w.window, FIRST_DIR_WINDOW) * 2, MAX_DIR_WINDOW) : FIRST_DIR_WINDOW;
    this.#issue(w, i + 1, i + w.window);
  }

  /**
   * The kernel got the start of directory `dir`'s listing: remember its subdirectories' order.
   * `walking`: `dir` was itself read ahead, so a walk is going on and will descend into it: its
   * first subdirectories are read ahead now.
   */
  listed(dir: number, entries: DirEntryPlus[], walking: boolean): void {
    const subdirs: number[] = [];
    const pos = new Map<number, number>();
    for (const d of entries) {
      const e = d.entry;
      if (e === undefined || e.node === 0 || (e.attr.mode & S_IFMT) !== S_IFDIR || pos.has(e.node)) continue;
      pos.set(e.node, subdirs.length);
      subdirs.push(e.node);
    }
    this.#walks.delete(dir);
    if (subdirs.length === 0) return;
    if (this.#walks.size >= MAX_WALKS) this.#walks.delete(this.#walks.keys().next().value!);
    const w: Walk = { subdirs, pos, issued: -1, window: 0, spoilt: false };
    this.#walks.set(dir, w);
    if (walking) {
      w.window = FIRST_DIR_WINDOW;
      this.#issue(w, 0, FIRST_DIR_WINDOW - 1);
    }
  }

  #walkOf(node: number): [number, Walk, number] | undefined {
    for (const [dir, w] of this.#walks) {
      const i = w.pos.get(node);
      if (i !== undefined) return [dir, w, i];
    }
    return undefined;
  }

  /** Read ahead subdirectories `from`..`to` of `w` not read ahead yet. */
  #issue(w: Walk, from: number, to: number): void {
    const end = Math.min(to, w.subdirs.length - 1);
    for (let j = Math.max(from, w.issued + 1); j <= end; j++) {
      if (this.#pending.size >= MAX_PREOPENED) break;
      const node = w.subdirs[j]!;
      w.issued = j;
      if (this.#pending.has(node)) continue;
      const result = this.fetch(node).then(
        (r) => r,
        () => undefined, // a directory gone, unreadable, a link down: the kernel's open will say
      );
      this.#pending.set(node, { result, at: this.now() });
    }
    this.#arm();
  }

  #drop(node: number): void {
    const p = this.#pending.get(node);
    if (p === undefined) return;
    this.#pending.delete(node);
    void p.result.then((r) => {
      if (r !== undefined) this.discard(r);
    });
  }

  /** Give back listings older than the TTL. */
  #sweep(): void {
    const limit = this.now() - PREOPEN_TTL_MS;
    for (const [node, p] of this.#pending) if (p.at <= limit) this.#drop(node);
  }

  /** A timer for when the oldest listing waiting expires (entries are in the order they were made). */
  #arm(): void {
    if (this.#timer !== undefined) return;
    const oldest = this.#pending.values().next().value;
    if (oldest === undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#sweep();
      this.#arm();
    }, Math.max(0, oldest.at + PREOPEN_TTL_MS - this.now()) + 1);
    this.#timer.unref();
  }
}
