/**
 * READDIR / READDIRPLUS: ask the file system for a bounded number of entries, pack what fits.
 *
 * `maxEntries` is the count that could fit if every name were 1..8 bytes long, so handlers never
 * produce much more than fits. Plain entries that do not fit cost nothing: the kernel continues
 * from the `off` of the last packed one. READDIRPLUS entries carry a counted lookup, so each one
 * that does not fit is handed back through `forget` (nlookup 1 per entry) before replying.
 */
import type { DirEntryPlus } from "@mrc/protocol";
import type { ForgetItem, FuseFileSystem, RequestContext } from "../fs.js";
import { direntplusSize, direntSize, packDirents, packDirentsPlus } from "../wire/dirent.js";
import type { ReadInWire } from "../wire/io.js";

/** Upper bound on entries a reply of `size` bytes can hold. */
export function maxEntries(size: number, plus: boolean): number {
  return Math.max(1, Math.floor(size / (plus ? direntplusSize(1) : direntSize(1))));
}

/** Serve READDIR. */
export async function readdir(fs: FuseFileSystem, ctx: RequestContext, node: number, r: ReadInWire): Promise<Buffer> {
  const entries = await fs.readdir!(ctx, { node, fh: r.fh, offset: r.offset, maxEntries: maxEntries(r.size, false), size: r.size });
  return packDirents(entries, r.size).buf;
}

/** Lookups to give back for the entries past `count`. */
export function unpackedLookups(entries: readonly DirEntryPlus[], count: number): ForgetItem[] {
  const items: ForgetItem[] = [];
  for (const e of entries.slice(count)) if (e.entry !== undefined && e.entry.node !== 0) items.push([e.entry.node, 1]);
  return items;
}

/** Serve READDIRPLUS. */
export async function readdirplus(
  fs: FuseFileSystem, ctx: RequestContext, node: number, r: ReadInWire, log: (m: string) => void,
): Promise<Buffer> {
  const entries = await fs.readdirplus!(ctx, { node, fh: r.fh, offset: r.offset, maxEntries: maxEntries(r.size, true), size: r.size });
  const packed = packDirentsPlus(entries, r.size);
  const back = unpackedLookups(entries, packed.count);
  if (back.length > 0) {
    try {
      await fs.forget?.(ctx, { items: back });
    } catch (err) {
      log(`fuse: forget of unpacked readdirplus entries failed: ${String(err)}`);
    }
  }
  return packed.buf;
}
