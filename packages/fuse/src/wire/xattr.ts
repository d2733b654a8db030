/** Extended-attribute structs: setxattr_in, getxattr_in, getxattr_out. */
import { Reader, Writer } from "./cursor.js";

/** Decoded SETXATTR request. */
export interface SetxattrInWire {
  flags: number;
  /** fuse_setxattr_in.setxattr_flags; only present with FUSE_SETXATTR_EXT. */
  setxattrFlags: number;
  name: string;
  value: Buffer;
}

/**
 * fuse_setxattr_in + name + value. Without FUSE_SETXATTR_EXT the kernel sends the 8-byte compat
 * struct (size, flags); with it, 16 bytes.
 */
export function decodeSetxattr(body: Buffer, ext: boolean): SetxattrInWire {
  const r = new Reader(body);
  const size = r.u32(), flags = r.u32();
  let setxattrFlags = 0;
  if (ext) {
    setxattrFlags = r.u32();
    r.u32();
  }
  const name = r.cstring();
  return { flags, setxattrFlags, name, value: r.bytes(size) };
}

/** fuse_getxattr_in + name (GETXATTR). */
export function decodeGetxattr(body: Buffer): { size: number; name: string } {
  const r = new Reader(body);
  const size = r.u32();
  r.u32();
  return { size, name: r.cstring() };
}

/** fuse_getxattr_in alone (LISTXATTR). */
export function decodeListxattr(body: Buffer): { size: number } {
  return { size: new Reader(body).u32() };
}

/** Encode fuse_getxattr_out: the reply to a size-0 probe. */
export function encodeGetxattrOut(size: number): Buffer {
  return new Writer(8).u32(size).u32(0).buf;
}
