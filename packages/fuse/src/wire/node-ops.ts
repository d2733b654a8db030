/** Request structs of the name and inode operations (lookup, mkdir, rename, setattr, ...). */
import { Reader } from "./cursor.js";

/** A request body that is just one NUL-terminated name (LOOKUP, UNLINK, RMDIR, REMOVEXATTR). */
export function decodeName(body: Buffer): { name: string } {
  return { name: new Reader(body).cstring() };
}

/** SYMLINK: "name\0target\0". */
export function decodeSymlink(body: Buffer): { name: string; target: string } {
  const r = new Reader(body);
  const name = r.cstring();
  return { name, target: r.cstring() };
}

/** fuse_forget_in. */
export function decodeForget(body: Buffer): { nlookup: number } {
  return { nlookup: new Reader(body).u64() };
}

/** fuse_batch_forget_in followed by `count` fuse_forget_one. */
export function decodeBatchForget(body: Buffer): { items: Array<[node: number, nlookup: number]> } {
  const r = new Reader(body);
  const count = r.u32();
  r.u32();
  const items: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) items.push([r.u64(), r.u64()]);
  return { items };
}

/** fuse_getattr_in. */
export function decodeGetattr(body: Buffer): { getattrFlags: number; fh: number } {
  const r = new Reader(body);
  const getattrFlags = r.u32();
  r.u32();
  return { getattrFlags, fh: r.u64() };
}

/** Decoded fuse_setattr_in, raw: `valid` says which fields mean anything. */
export interface SetattrInWire {
  valid: number;
  fh: number;
  size: number;
  lockOwner: bigint;
  atime: number;
  mtime: number;
  ctime: number;
  atimensec: number;
  mtimensec: number;
  ctimensec: number;
  mode: number;
  uid: number;
  gid: number;
}

/** fuse_setattr_in (88 bytes). */
export function decodeSetattr(body: Buffer): SetattrInWire {
  const r = new Reader(body);
  const valid = r.u32();
  r.u32();
  const fh = r.u64(), size = r.u64(), lockOwner = r.u64big();
  const atime = r.i64(), mtime = r.i64(), ctime = r.i64();
  const atimensec = r.u32(), mtimensec = r.u32(), ctimensec = r.u32(), mode = r.u32();
  r.u32();
  const uid = r.u32(), gid = r.u32();
  return { valid, fh, size, lockOwner, atime, mtime, ctime, atimensec, mtimensec, ctimensec, mode, uid, gid };
}

/** fuse_mknod_in + name. */
export function decodeMknod(body: Buffer): { mode: number; rdev: number; umask: number; name: string } {
  const r = new Reader(body);
  const mode = r.u32(), rdev = r.u32(), umask = r.u32();
  r.u32();
  return { mode, rdev, umask, name: r.cstring() };
}

/** fuse_mkdir_in + name. */
export function decodeMkdir(body: Buffer): { mode: number; umask: number; name: string } {
  const r = new Reader(body);
  const mode = r.u32(), umask = r.u32();
  return { mode, umask, name: r.cstring() };
}

/** Decoded RENAME / RENAME2 request. */
export interface RenameInWire {
  newdir: number;
  flags: number;
  name: string;
  newName: string;
}

/** fuse_rename_in + "old\0new\0" (RENAME: flags are 0). */
export function decodeRename(body: Buffer): RenameInWire {
  const r = new Reader(body);
  const newdir = r.u64();
  const name = r.cstring();
  return { newdir, flags: 0, name, newName: r.cstring() };
}

/** fuse_rename2_in + "old\0new\0". */
export function decodeRename2(body: Buffer): RenameInWire {
  const r = new Reader(body);
  const newdir = r.u64(), flags = r.u32();
  r.u32();
  const name = r.cstring();
  return { newdir, flags, name, newName: r.cstring() };
}

/** fuse_link_in + new name. */
export function decodeLink(body: Buffer): { oldnodeid: number; name: string } {
  const r = new Reader(body);
  const oldnodeid = r.u64();
  return { oldnodeid, name: r.cstring() };
}

/** fuse_access_in. */
export function decodeAccess(body: Buffer): { mask: number } {
  return { mask: new Reader(body).u32() };
}

/** fuse_interrupt_in: the unique of the request to interrupt. */
export function decodeInterrupt(body: Buffer): { unique: number } {
  return { unique: new Reader(body).u64() };
}

/** A body we do not look at (DESTROY, STATFS, READLINK, ...). */
export function decodeEmpty(_body: Buffer): Record<string, never> {
  return {};
}
