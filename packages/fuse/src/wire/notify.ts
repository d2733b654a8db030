/** Payloads of the notifications we send: INVAL_INODE, INVAL_ENTRY, DELETE, STORE. */
import { NotifyCode } from "./constants.js";
import { Writer } from "./cursor.js";
import { encodeNotify } from "./header.js";

/**
 * fuse_notify_inval_inode_out: drop cached attributes of `node` and its page cache from `off` for
 * `len` bytes (len <= 0: to the end). off < 0 invalidates attributes only.
 */
export function encodeNotifyInvalInode(node: number, off: number, len: number): Buffer {
  return encodeNotify(NotifyCode.INVAL_INODE, new Writer(24).u64(node).i64(off).i64(len).buf);
}

/** fuse_notify_inval_entry_out + name + NUL: drop the dentry `name` in `parent`. */
export function encodeNotifyInvalEntry(parent: number, name: string, flags = 0): Buffer {
  const n = Buffer.from(name, "utf8");
  const w = new Writer(16 + n.length + 1).u64(parent).u32(n.length).u32(flags).bytes(n);
  return encodeNotify(NotifyCode.INVAL_ENTRY, w.buf);
}

/** fuse_notify_delete_out + name + NUL: `name` in `parent` (which was `child`) is gone. */
export function encodeNotifyDelete(parent: number, child: number, name: string): Buffer {
  const n = Buffer.from(name, "utf8");
  const w = new Writer(24 + n.length + 1).u64(parent).u64(child).u32(n.length).u32(0).bytes(n);
  return encodeNotify(NotifyCode.DELETE, w.buf);
}

/**
 * fuse_notify_store_out (the header part; the data follows it in the same write): put `size`
 * bytes at `off` into the page cache of `node`, growing its cached size if they reach past it.
 */
export function encodeNotifyStoreHeader(node: number, off: number, size: number): Buffer {
  return encodeNotify(NotifyCode.STORE, new Writer(24).u64(node).u64(off).u32(size).u32(0).buf, size);
}
