import type { DirEntry, DirEntryPlus } from "@mrc/protocol";

/** A lookup count to hand back to the head: [node, nlookup]. */
export type Lookups = Array<[node: number, nlookup: number]>;

/** Bytes a direntplus record takes for a name of up to 48 bytes (entry_out 128 + dirent 24 + name). */
const RECORD_GUESS = 200;

interface Batch {
  node: number;
  entries: DirEntryPlus[];
  eof: boolean;
  stamp: number;
  served: boolean;
}

/**
 * Listings the head sent with `fs.opendir` (its `prefetch`): the kernel's first READDIRPLUS of
 * the handle (offset 0) is answered from them, and, when they reach the end of the listing, the
 * READDIRPLUS that follows the last entry too (with nothing). That makes `ls`/`find` of a directory
 * one round trip to the head instead of three (opendir, readdirplus, the empty readdirplus).
 *
 * Lookup counts stay exact: each prefetched Entry counts one lookup on the head. Served to the
 * kernel, the entries that did not fit are forgotten by the FUSE session as usual; not served
 * (the kernel read at another offset, used plain READDIR, or closed the directory first), they are
 * returned to the caller to forget.
 */
export class DirPrefetch {
  readonly #batches = new Map<number, Batch>();
  /** How many entries to ask for: what the kernel's last READDIRPLUS buffer holds (32 KiB → 163). */
  count = 160;

  /** The head sent `entries` (eof: the whole listing) with the opendir of `fh`. */
  put(fh: number, node: number, entries: DirEntryPlus[], eof: boolean, stamp: number): void {
    this.#batches.set(fh, { node, entries, eof, stamp, served: false });
  }

  /**
   * The answer to a READDIR(PLUS) of `fh` at `offset` when this target has it (`list`, with the
   * stamp the entries were taken at), else `list` undefined (ask the head). `forget`: lookups of
   * prefetched entries that will never reach the kernel.
   */
  take(fh: number, offset: number, plus: boolean, size: number): { list?: DirEntry[] | DirEntryPlus[]; stamp: number; forget: Lookups } {
    if (plus && size > 0) this.count = Math.max(16, Math.min(1024, Math.floor(size / RECORD_GUESS)));
    const b = this.#batches.get(fh);
    if (b === undefined) return { stamp: 0, forget: [] };
    if (!b.served && offset === 0) {
      b.served = true;
      if (!b.eof) this.#batches.delete(fh);
      if (plus) return { list: b.entries, stamp: b.stamp, forget: [] };
      return { list: b.entries.map(({ name, ino, type, off }) => ({ name, ino, type, off })), stamp: b.stamp, forget: lookupsOf(b.entries) };
    }
    this.#batches.delete(fh);
    if (!b.served) return { stamp: 0, forget: lookupsOf(b.entries) };
    // After the whole listing, the kernel asks once more from the last entry's offset.
    const last = b.entries[b.entries.length - 1];
    if (b.eof && last !== undefined && offset === last.off) return { list: [], stamp: b.stamp, forget: [] };
    return { stamp: 0, forget: [] };
  }

  /** `fh` is released: the lookups of a batch never served. */
  drop(fh: number): Lookups {
    const b = this.#batches.get(fh);
    this.#batches.delete(fh);
    return b !== undefined && !b.served ? lookupsOf(b.entries) : [];
  }
}

/** The nodes a batch's entries name (each a lookup counted on the head). */
export function nodesOf(entries: DirEntryPlus[]): number[] {
  const out: number[] = [];
  for (const e of entries) if (e.entry !== undefined && e.entry.node !== 0) out.push(e.entry.node);
  return out;
}

/** The lookups a batch's entries hold on the head, to forget them. */
export function lookupsOf(entries: DirEntryPlus[]): Lookups {
  return nodesOf(entries).map((node) => [node, 1]);
}
