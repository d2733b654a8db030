/** fuse_in_header (40 bytes) and fuse_out_header (16 bytes), and whole-message framing. */
import { Reader, WireError, Writer } from "./cursor.js";

/** Size of struct fuse_in_header. */
export const IN_HEADER_SIZE = 40;
/** Size of struct fuse_out_header. */
export const OUT_HEADER_SIZE = 16;

/** Decoded struct fuse_in_header. */
export interface InHeader {
  len: number;
  opcode: number;
  unique: number;
  nodeid: number;
  uid: number;
  gid: number;
  pid: number;
  /** Length of request extensions, in 8-byte units (7.38+). */
  totalExtlen: number;
}

/** Decode the header of one request read from /dev/fuse. */
export function decodeInHeader(buf: Buffer): InHeader {
  const r = new Reader(buf);
  const h: InHeader = {
    len: r.u32(),
    opcode: r.u32(),
    unique: r.u64(),
    nodeid: r.u64(),
    uid: r.u32(),
    gid: r.u32(),
    pid: r.u32(),
    totalExtlen: r.u16(),
  };
  r.u16();
  return h;
}

/** Encode a fuse_in_header (used by tests and tools that craft requests). */
export function encodeInHeader(h: InHeader): Buffer {
  return new Writer(IN_HEADER_SIZE)
    .u32(h.len).u32(h.opcode).u64(h.unique).u64(h.nodeid)
    .u32(h.uid).u32(h.gid).u32(h.pid).u16(h.totalExtlen).u16(0).buf;
}

/**
 * Split one request into header and body. The body excludes request extensions (which trail
 * it, `totalExtlen * 8` bytes) since we negotiate none that we read.
 */
export function splitRequest(buf: Buffer): { header: InHeader; body: Buffer } {
  const header = decodeInHeader(buf);
  const end = header.len - header.totalExtlen * 8;
  if (header.len > buf.length || end < IN_HEADER_SIZE) {
    throw new WireError(`bad request length ${header.len} (read ${buf.length})`);
  }
  return { header, body: buf.subarray(IN_HEADER_SIZE, end) };
}

/** Decoded struct fuse_out_header. */
export interface OutHeader {
  len: number;
  /** 0, a negative errno, or (with unique 0) a notification code. */
  error: number;
  unique: number;
}

/** Decode a fuse_out_header (tests). */
export function decodeOutHeader(buf: Buffer): OutHeader {
  const r = new Reader(buf);
  return { len: r.u32(), error: r.i32(), unique: r.u64() };
}

/** A complete reply: out header + payload. `errno` > 0 makes an error reply with no payload. */
export function encodeReply(unique: number, errno: number, payload?: Uint8Array): Buffer {
  const body = errno === 0 && payload !== undefined ? payload : undefined;
  const len = OUT_HEADER_SIZE + (body?.length ?? 0);
  const w = new Writer(len).u32(len).i32(errno === 0 ? 0 : -Math.abs(errno)).u64(unique);
  if (body !== undefined) w.bytes(body);
  return w.buf;
}

/** The out header of a successful reply whose `payloadLength` bytes of payload follow it. */
export function encodeReplyHeader(unique: number, payloadLength: number): Buffer {
  return new Writer(OUT_HEADER_SIZE).u32(OUT_HEADER_SIZE + payloadLength).i32(0).u64(unique).buf;
}

/**
 * A notification message: unique 0, error = notify code, then the payload. `trailing`: bytes that
 * follow it in the same write (a STORE's data), counted in the length but not part of the buffer.
 */
export function encodeNotify(code: number, payload: Uint8Array, trailing = 0): Buffer {
  const size = OUT_HEADER_SIZE + payload.length;
  return new Writer(size).u32(size + trailing).i32(code).u64(0).bytes(payload).buf;
}
