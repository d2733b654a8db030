/** fuse_statfs_out (fuse_kstatfs, 80 bytes). */
import type { StatfsOut } from "@mrc/protocol";
import { Writer } from "./cursor.js";

/** Size of fuse_statfs_out. */
export const STATFS_OUT_SIZE = 80;

/** Encode fuse_statfs_out. */
export function encodeStatfsOut(s: StatfsOut): Buffer {
  return new Writer(STATFS_OUT_SIZE)
    .u64(s.blocks).u64(s.bfree).u64(s.bavail).u64(s.files).u64(s.ffree)
    .u32(s.bsize).u32(s.namelen).u32(s.frsize).buf;
}
