/** fuse_init_in / fuse_init_out. */
import { Reader, Writer } from "./cursor.js";

/** Decoded fuse_init_in; `flags` is the 64-bit set flags | flags2 << 32. */
export interface InitIn {
  major: number;
  minor: number;
  maxReadahead: number;
  flags: bigint;
}

/** Decode fuse_init_in. Kernels before 7.36 send 16 bytes (no flags2). */
export function decodeInitIn(body: Buffer): InitIn {
  const r = new Reader(body);
  const major = r.u32(), minor = r.u32(), maxReadahead = r.u32();
  const lo = BigInt(r.u32());
  const hi = r.remaining >= 4 ? BigInt(r.u32()) : 0n;
  return { major, minor, maxReadahead, flags: lo | (hi << 32n) };
}

/** Encode fuse_init_in (tests). Always the 64-byte 7.36+ layout. */
export function encodeInitIn(i: InitIn): Buffer {
  return new Writer(64)
    .u32(i.major).u32(i.minor).u32(i.maxReadahead)
    .u32(Number(i.flags & 0xffff_ffffn)).u32(Number(i.flags >> 32n)).buf;
}

/** Fields of fuse_init_out we set. */
export interface InitOut {
  major: number;
  minor: number;
  maxReadahead: number;
  flags: bigint;
  maxBackground: number;
  congestionThreshold: number;
  maxWrite: number;
  /** Timestamp granularity in ns (1 = full nanosecond precision). */
  timeGran: number;
  maxPages: number;
}

/** Size of fuse_init_out the kernel accepts for a given negotiated minor. */
export function initOutSize(minor: number): number {
  if (minor < 5) return 8;
  if (minor < 23) return 24;
  return 64;
}

/** Encode fuse_init_out, truncated to the size the negotiated minor expects. */
export function encodeInitOut(o: InitOut): Buffer {
  const w = new Writer(64)
    .u32(o.major).u32(o.minor).u32(o.maxReadahead).u32(Number(o.flags & 0xffff_ffffn))
    .u16(o.maxBackground).u16(o.congestionThreshold).u32(o.maxWrite).u32(o.timeGran)
    .u16(o.maxPages).u16(0) // map_alignment: DAX only
    .u32(Number((o.flags >> 32n) & 0xffff_ffffn));
  // max_stack_depth (7.40, passthrough), request_timeout (7.43) and unused stay zero.
  return w.buf.subarray(0, initOutSize(o.minor));
}

/** Decode fuse_init_out (tests). */
export function decodeInitOut(body: Buffer): InitOut {
  const r = new Reader(body);
  const major = r.u32(), minor = r.u32(), maxReadahead = r.u32(), lo = BigInt(r.u32());
  const maxBackground = r.u16(), congestionThreshold = r.u16(), maxWrite = r.u32();
  const timeGran = r.u32(), maxPages = r.u16();
  r.u16();
  const hi = BigInt(r.u32());
  return {
    major, minor, maxReadahead, flags: lo | (hi << 32n), maxBackground, congestionThreshold,
    maxWrite, timeGran, maxPages,
  };
}
