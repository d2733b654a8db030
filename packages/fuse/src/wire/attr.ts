/** fuse_attr (88 B), fuse_attr_out (104 B) and fuse_entry_out (128 B). */
import type { Attr, Entry } from "@mrc/protocol";
import { Reader, Writer } from "./cursor.js";

/** Size of struct fuse_attr. */
export const ATTR_SIZE = 88;
/** Size of struct fuse_attr_out. */
export const ATTR_OUT_SIZE = 104;
/** Size of struct fuse_entry_out. */
export const ENTRY_OUT_SIZE = 128;

/** Write a fuse_attr at the writer's position. */
export function writeAttr(w: Writer, a: Attr): Writer {
  return w
    .u64(a.ino).u64(a.size).u64(a.blocks)
    .u64(a.atimeSec).u64(a.mtimeSec).u64(a.ctimeSec)
    .u32(a.atimeNsec).u32(a.mtimeNsec).u32(a.ctimeNsec)
    .u32(a.mode).u32(a.nlink).u32(a.uid).u32(a.gid).u32(a.rdev).u32(a.blksize)
    .u32(0); // flags: FUSE_ATTR_SUBMOUNT / DAX, never set by us
}

/** Read a fuse_attr (tests, tools). */
export function readAttr(r: Reader): Attr {
  const ino = r.u64(), size = r.u64(), blocks = r.u64();
  const atimeSec = r.u64(), mtimeSec = r.u64(), ctimeSec = r.u64();
  const atimeNsec = r.u32(), mtimeNsec = r.u32(), ctimeNsec = r.u32();
  const mode = r.u32(), nlink = r.u32(), uid = r.u32(), gid = r.u32(), rdev = r.u32();
  const blksize = r.u32();
  r.u32();
  return {
    ino, size, blocks, atimeSec, atimeNsec, mtimeSec, mtimeNsec, ctimeSec, ctimeNsec,
    mode, nlink, uid, gid, rdev, blksize,
  };
}

/** Split a TTL in milliseconds into the kernel's (seconds, nanoseconds). Negative → 0. */
export function ttl(ms: number): [sec: number, nsec: number] {
  const t = Math.max(0, ms);
  const sec = Math.floor(t / 1000);
  return [sec, Math.round((t - sec * 1000) * 1e6)];
}

/** Encode fuse_attr_out. */
export function encodeAttrOut(attr: Attr, attrTtlMs: number): Buffer {
  const [s, ns] = ttl(attrTtlMs);
  return writeAttr(new Writer(ATTR_OUT_SIZE).u64(s).u32(ns).u32(0), attr).buf;
}

/** Write a fuse_entry_out at the writer's position. */
export function writeEntryOut(w: Writer, e: Entry): Writer {
  const [es, ens] = ttl(e.entryTtlMs);
  const [as, ans] = ttl(e.attrTtlMs);
  return writeAttr(w.u64(e.node).u64(e.generation).u64(es).u64(as).u32(ens).u32(ans), e.attr);
}

/** Encode fuse_entry_out. */
export function encodeEntryOut(e: Entry): Buffer {
  return writeEntryOut(new Writer(ENTRY_OUT_SIZE), e).buf;
}

/** Decoded fuse_entry_out (TTLs as sec/nsec, as on the wire). */
export interface EntryOutWire {
  node: number;
  generation: number;
  entryValid: number;
  attrValid: number;
  entryValidNsec: number;
  attrValidNsec: number;
  attr: Attr;
}

/** Read a fuse_entry_out (tests). */
export function readEntryOut(r: Reader): EntryOutWire {
  const node = r.u64(), generation = r.u64(), entryValid = r.u64(), attrValid = r.u64();
  const entryValidNsec = r.u32(), attrValidNsec = r.u32();
  return { node, generation, entryValid, attrValid, entryValidNsec, attrValidNsec, attr: readAttr(r) };
}
