/** Request/reply structs of open files: open, create, read, write, release, flush, fsync, ... */
import { Reader, Writer } from "./cursor.js";

/** fuse_open_in (OPEN, OPENDIR). */
export function decodeOpen(body: Buffer): { flags: number; openFlags: number } {
  const r = new Reader(body);
  return { flags: r.u32(), openFlags: r.u32() };
}

/** fuse_create_in + name. */
export function decodeCreate(body: Buffer): { flags: number; mode: number; umask: number; openFlags: number; name: string } {
  const r = new Reader(body);
  const flags = r.u32(), mode = r.u32(), umask = r.u32(), openFlags = r.u32();
  return { flags, mode, umask, openFlags, name: r.cstring() };
}

/** Size of fuse_open_out. */
export const OPEN_OUT_SIZE = 16;

/** Encode fuse_open_out. */
export function encodeOpenOut(fh: number, openFlags: number): Buffer {
  return new Writer(OPEN_OUT_SIZE).u64(fh).u32(openFlags).u32(0).buf;
}

/** Decoded fuse_read_in (READ, READDIR, READDIRPLUS). */
export interface ReadInWire {
  fh: number;
  offset: number;
  size: number;
  readFlags: number;
  lockOwner: bigint;
  flags: number;
}

/** fuse_read_in. */
export function decodeRead(body: Buffer): ReadInWire {
  const r = new Reader(body);
  const fh = r.u64(), offset = r.u64(), size = r.u32(), readFlags = r.u32();
  const lockOwner = r.u64big(), flags = r.u32();
  return { fh, offset, size, readFlags, lockOwner, flags };
}

/** Decoded fuse_write_in and the data that follows it. */
export interface WriteInWire {
  fh: number;
  offset: number;
  writeFlags: number;
  lockOwner: bigint;
  flags: number;
  data: Buffer;
}

/** fuse_write_in + data (the data is a view into the request buffer). */
export function decodeWrite(body: Buffer): WriteInWire {
  const r = new Reader(body);
  const fh = r.u64(), offset = r.u64(), size = r.u32(), writeFlags = r.u32();
  const lockOwner = r.u64big(), flags = r.u32();
  r.u32();
  return { fh, offset, writeFlags, lockOwner, flags, data: r.bytes(size) };
}

/** Encode fuse_write_out. */
export function encodeWriteOut(size: number): Buffer {
  return new Writer(8).u32(size).u32(0).buf;
}

/** fuse_release_in (RELEASE, RELEASEDIR). */
export function decodeRelease(body: Buffer): { fh: number; flags: number; releaseFlags: number; lockOwner: bigint } {
  const r = new Reader(body);
  const fh = r.u64(), flags = r.u32(), releaseFlags = r.u32();
  return { fh, flags, releaseFlags, lockOwner: r.u64big() };
}

/** fuse_flush_in. */
export function decodeFlush(body: Buffer): { fh: number; lockOwner: bigint } {
  const r = new Reader(body);
  const fh = r.u64();
  r.skip(8); // unused, padding
  return { fh, lockOwner: r.u64big() };
}

/** fuse_fsync_in (FSYNC, FSYNCDIR). */
export function decodeFsync(body: Buffer): { fh: number; fsyncFlags: number } {
  const r = new Reader(body);
  return { fh: r.u64(), fsyncFlags: r.u32() };
}

/** fuse_fallocate_in. */
export function decodeFallocate(body: Buffer): { fh: number; offset: number; length: number; mode: number } {
  const r = new Reader(body);
  return { fh: r.u64(), offset: r.u64(), length: r.u64(), mode: r.u32() };
}

/** fuse_lseek_in. */
export function decodeLseek(body: Buffer): { fh: number; offset: number; whence: number } {
  const r = new Reader(body);
  return { fh: r.u64(), offset: r.i64(), whence: r.u32() };
}

/** Encode fuse_lseek_out. */
export function encodeLseekOut(offset: number): Buffer {
  return new Writer(8).u64(offset).buf;
}

/** Decoded fuse_copy_file_range_in. */
export interface CopyFileRangeInWire {
  fhIn: number;
  offIn: number;
  nodeidOut: number;
  fhOut: number;
  offOut: number;
  len: number;
  flags: number;
}

/** fuse_copy_file_range_in. */
export function decodeCopyFileRange(body: Buffer): CopyFileRangeInWire {
  const r = new Reader(body);
  return {
    fhIn: r.u64(), offIn: r.u64(), nodeidOut: r.u64(), fhOut: r.u64(), offOut: r.u64(),
    len: r.u64(), flags: r.u64(),
  };
}
