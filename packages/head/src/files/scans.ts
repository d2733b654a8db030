import type { DirEntryPlus } from "@mrc/protocol";

/** A regular file as a listing showed it to one origin. */
export interface Listed {
  readonly id: number;
  readonly size: number;
  readonly mtimeSec: number;
  readonly mtimeNsec: number;
}

/** One origin's listing of one directory, and where its opens have got to. */
interface Scan {
  readonly files: Listed[];
  readonly pos: Map<number, number>;
  /** Index of the last open that reached the head. */
  lastMiss: number;
  /** The last window handed out: its first and last index (end < start: none). */
  start: number;
  end: number;
  window: number;
}

/** Directories remembered per origin, and files per directory. */
const MAX_DIRS = 32;
const MAX_FILES = 100_000;
/** Readahead window (files): the first sequential open delegates this many, doubling to the max. */
export const FIRST_WINDOW = 4;
export const MAX_WINDOW = 64;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/**
 * The order in which each origin listed its directories, to tell a scan (tar, cp -r, grep -r,
 * a compiler reading its sources in turn) from scattered opens, like the kernel's readahead does
 * for the pages of one file: when an open that reached the head is the listing's first file, the
 * file right after the last such open, or the file right after the last window, the next files
 * of the listing are delegated with it (delegations.ts). The target opens those without asking;
 * when it gets into a window it asks for the next one in the background (fs.readahead), so a
 * steady scan finds its files delegated before it gets to them. Windows double up to
 * {@link MAX_WINDOW}; an open inside the last window (it was on its way) fetches nothing more, an
 * open anywhere else resets them.
 */
export class ScanOrders {
  readonly #byOrigin = new Map<string, Map<number, Scan>>();

  /** A readdirplus batch of directory `dir` starting at `offset` was sent to `origin`. */
  listed(origin: string, dir: number, offset: number, entries: DirEntryPlus[]): void {
    let dirs = this.#byOrigin.get(origin);
    if (dirs === undefined) this.#byOrigin.set(origin, (dirs = new Map()));
    let scan = dirs.get(dir);
    if (offset === 0 || scan === undefined) {
      if (offset !== 0) return; // a listing seen from its middle: no order to go by
      dirs.delete(dir);
      if (dirs.size >= MAX_DIRS) dirs.delete(dirs.keys().next().value!);
      dirs.set(dir, (scan = { files: [], pos: new Map(), lastMiss: -2, start: 0, end: -1, window: 0 }));
    }
    for (const d of entries) {
      const e = d.entry;
      if (e === undefined || (e.attr.mode & S_IFMT) !== S_IFREG || scan.files.length >= MAX_FILES) continue;
      if (scan.pos.has(e.node)) continue;
      scan.pos.set(e.node, scan.files.length);
      scan.files.push({ id: e.node, size: e.attr.size, mtimeSec: e.attr.mtimeSec, mtimeNsec: e.attr.mtimeNsec });
    }
  }

  /**
   * `origin` opened file `node` of directory `dir` through the head: the files to delegate with it
   * (none unless the open starts or continues a scan: it is the listing's first file, follows the
   * last open that reached the head, or lies in or right after the last window).
   */
  ahead(origin: string, dir: number, node: number): Listed[] {
    const scan = this.#byOrigin.get(origin)?.get(dir);
    const i = scan?.pos.get(node);
    if (scan === undefined || i === undefined) return [];
    const last = scan.lastMiss;
    scan.lastMiss = i;
    // Within the last window (the target opened it before that window reached it): the window is
    // on its way, and opening one of its files asks for the next; nothing more now.
    if (scan.end >= scan.start && i >= scan.start && i <= scan.end) return [];
    // Right after the last window: the scan goes on past it.
    if (scan.end >= scan.start && i === scan.end + 1) return this.#next(scan, i + 1);
    scan.window = 0;
    scan.end = -1;
    // Right after the last open, or the listing's first file (tar, cp -r, grep -r start there): a new scan.
    return i === 0 || i === last + 1 ? this.#next(scan, i + 1) : [];
  }

  /**
   * `origin` opened, on its own, a file of the last window of `dir` that `node` starts (fs.readahead):
   * the next window, twice as large, while the scan goes on.
   */
  more(origin: string, dir: number, node: number): Listed[] {
    const scan = this.#byOrigin.get(origin)?.get(dir);
    const i = scan?.pos.get(node);
    if (scan === undefined || i === undefined || scan.window === 0 || i < scan.start || i > scan.end) return [];
    return this.#next(scan, scan.end + 1);
  }

  #next(scan: Scan, from: number): Listed[] {
    scan.window = Math.min(MAX_WINDOW, scan.window === 0 ? FIRST_WINDOW : scan.window * 2);
    const to = Math.min(scan.files.length - 1, from + scan.window - 1);
    if (to < from) return [];
    scan.start = from;
    scan.end = to;
    return scan.files.slice(from, to + 1);
  }

  /** `origin`'s link went away. */
  dropOrigin(origin: string): void {
    this.#byOrigin.delete(origin);
  }
}
