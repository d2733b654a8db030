/** fuse_file_lock, fuse_lk_in, fuse_lk_out. */
import type { FileLock } from "@mrc/protocol";
import { OFFSET_MAX } from "./constants.js";
import { Reader, Writer } from "./cursor.js";

/** Decoded fuse_lk_in (GETLK, SETLK, SETLKW). */
export interface LkInWire {
  fh: number;
  owner: bigint;
  lock: FileLock;
  lkFlags: number;
}

function readLock(r: Reader): FileLock {
  const start = r.u64big(), end = r.u64big(), type = r.u32(), pid = r.u32();
  return { start: Number(start), end: end >= OFFSET_MAX ? -1 : Number(end), type, pid };
}

/** fuse_lk_in. An end of OFFSET_MAX ("to EOF") becomes -1. */
export function decodeLk(body: Buffer): LkInWire {
  const r = new Reader(body);
  const fh = r.u64(), owner = r.u64big(), lock = readLock(r), lkFlags = r.u32();
  return { fh, owner, lock, lkFlags };
}

/** Encode fuse_lk_out; an end of -1 becomes OFFSET_MAX. */
export function encodeLkOut(l: FileLock): Buffer {
  return new Writer(24)
    .u64(l.start).u64(l.end < 0 ? OFFSET_MAX : l.end).u32(l.type).u32(l.pid).buf;
}

/** Encode fuse_lk_in (tests). */
export function encodeLkIn(l: LkInWire): Buffer {
  return new Writer(48)
    .u64(l.fh).u64(l.owner).u64(l.lock.start).u64(l.lock.end < 0 ? OFFSET_MAX : l.lock.end)
    .u32(l.lock.type).u32(l.lock.pid).u32(l.lkFlags).buf;
}
