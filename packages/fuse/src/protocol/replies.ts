/** Result shapes → reply payloads (the few conversions shared by several opcodes). */
import type { Attr } from "@mrc/protocol";
import type { AttrReply, FuseOpenOut } from "../fs.js";
import { encodeAttrOut } from "../wire/attr.js";
import { FOPEN } from "../wire/constants.js";
import { encodeOpenOut } from "../wire/io.js";
import { encodeGetxattrOut } from "../wire/xattr.js";
import { fuseError } from "../errors.js";

/** fuse_attr_out from a bare Attr (default TTL) or an AttrReply. */
export function attrOut(r: Attr | AttrReply, defaultTtlMs: number): Buffer {
  return "attr" in r ? encodeAttrOut(r.attr, r.attrTtlMs) : encodeAttrOut(r, defaultTtlMs);
}

/** FOPEN_* bits of an OpenOut: keepCache → KEEP_CACHE, directIo → DIRECT_IO, plus raw bits. */
export function openFlags(o: FuseOpenOut): number {
  return (o.keepCache ? FOPEN.KEEP_CACHE : 0) | (o.directIo === true ? FOPEN.DIRECT_IO : 0) | (o.openFlags ?? 0);
}

/** fuse_open_out for an OpenOut. */
export function openOut(o: FuseOpenOut): Buffer {
  return encodeOpenOut(o.fh, openFlags(o));
}

/**
 * GETXATTR/LISTXATTR reply: a size-0 probe gets fuse_getxattr_out with the length; otherwise the
 * bytes, or ERANGE when they exceed the kernel's buffer.
 */
export function xattrReply(size: number, r: Uint8Array | number): Uint8Array {
  const len = typeof r === "number" ? r : r.length;
  if (size === 0) return encodeGetxattrOut(len);
  if (len > size) throw fuseError("ERANGE");
  if (typeof r === "number") throw fuseError("EIO", "xattr handler returned a length for a sized request");
  return r;
}

/** Lock owners are opaque u64s; they travel as decimal strings. */
export function owner(v: bigint): string {
  return v.toString();
}
