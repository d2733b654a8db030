/**
 * fuse_dirent / fuse_direntplus packing. Each record is padded to 8 bytes; a READDIR reply is a
 * run of records no longer than the size the kernel asked for.
 */
import type { DirEntry, DirEntryPlus, Entry } from "@mrc/protocol";
import { ENTRY_OUT_SIZE, writeEntryOut } from "./attr.js";
import { Writer } from "./cursor.js";

/** offsetof(struct fuse_dirent, name). */
export const DIRENT_NAME_OFFSET = 24;
/** offsetof(struct fuse_direntplus, dirent.name). */
export const DIRENTPLUS_NAME_OFFSET = ENTRY_OUT_SIZE + DIRENT_NAME_OFFSET;

/** Round up to a multiple of 8 (FUSE_REC_ALIGN). */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Bytes one fuse_dirent takes for a name of `nameLen` UTF-8 bytes. */
export function direntSize(nameLen: number): number {
  return align8(DIRENT_NAME_OFFSET + nameLen);
}

/** Bytes one fuse_direntplus takes for a name of `nameLen` UTF-8 bytes. */
export function direntplusSize(nameLen: number): number {
  return align8(DIRENTPLUS_NAME_OFFSET + nameLen);
}

/** An Entry of all zeros: the kernel skips entries with nodeid 0 ("." and ".."). */
const NO_ENTRY: Entry = {
  node: 0, generation: 0, entryTtlMs: 0, attrTtlMs: 0,
  attr: {
    ino: 0, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0,
    ctimeSec: 0, ctimeNsec: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0,
  },
};

/** Result of packing: the reply payload and how many entries made it in. */
export interface Packed {
  buf: Buffer;
  count: number;
}

function pack<E extends DirEntry>(
  entries: readonly E[], maxSize: number, sizeOf: (n: number) => number,
  write: (w: Writer, e: E, name: Buffer) => void,
): Packed {
  const names = entries.map((e) => Buffer.from(e.name, "utf8"));
  let total = 0;
  let count = 0;
  for (const n of names) {
    const s = sizeOf(n.length);
    if (total + s > maxSize) break;
    total += s;
    count++;
  }
  const w = new Writer(total);
  for (let i = 0; i < count; i++) {
    const name = names[i] as Buffer;
    const start = w.length;
    write(w, entries[i] as E, name);
    w.skip(start + sizeOf(name.length) - w.length);
  }
  return { buf: w.buf, count };
}

function writeDirent(w: Writer, e: DirEntry, name: Buffer): void {
  w.u64(e.ino).u64(e.off).u32(name.length).u32(e.type).bytes(name);
}

/** Pack as many fuse_dirent records as fit in `maxSize` bytes, in order. */
export function packDirents(entries: readonly DirEntry[], maxSize: number): Packed {
  return pack(entries, maxSize, direntSize, writeDirent);
}

/** Pack as many fuse_direntplus records as fit in `maxSize` bytes, in order. */
export function packDirentsPlus(entries: readonly DirEntryPlus[], maxSize: number): Packed {
  return pack(entries, maxSize, direntplusSize, (w, e, name) => {
    writeEntryOut(w, e.entry ?? NO_ENTRY);
    writeDirent(w, e, name);
  });
}
