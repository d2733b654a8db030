import assert from "node:assert/strict";
import { test } from "node:test";
import type { Attr, Entry } from "@mrc/protocol";
import { cstr, hex, le16, le32, le64 } from "../testing/bytes.js";
import {
  ATTR_SIZE, decodeAccess, decodeBatchForget, decodeCopyFileRange, decodeCreate, decodeFallocate,
  decodeFlush, decodeForget, decodeFsync, decodeGetattr, decodeGetxattr, decodeInHeader, decodeInitIn,
  decodeInitOut, decodeInterrupt, decodeLink, decodeListxattr, decodeLk, decodeLseek, decodeMkdir,
  decodeMknod, decodeName, decodeOpen, decodeOutHeader, decodeRead, decodeRelease, decodeRename,
  decodeRename2, decodeSetattr, decodeSetxattr, decodeSymlink, decodeWrite, direntSize, direntplusSize,
  encodeAttrOut, encodeEntryOut, encodeGetxattrOut, encodeInHeader, encodeInitOut, encodeLkOut,
  encodeLseekOut, encodeNotifyDelete, encodeNotifyInvalEntry, encodeNotifyInvalInode, encodeNotifyStoreHeader, encodeOpenOut,
  encodeReply, encodeStatfsOut, encodeWriteOut, ENTRY_OUT_SIZE, INIT_FLAGS, OPCODE_NAMES, OPCODES,
  packDirents, packDirentsPlus, Reader, splitRequest, ttl, WireError, Writer, writeAttr,
} from "./index.js";

const ATTR: Attr = {
  ino: 0x1122, size: 5, blocks: 1, atimeSec: 100, atimeNsec: 7, mtimeSec: 200, mtimeNsec: 8,
  ctimeSec: 300, ctimeNsec: 9, mode: 0o100644, nlink: 1, uid: 1000, gid: 100, rdev: 0, blksize: 4096,
};
const ATTR_HEX =
  le64(0x1122) + le64(5) + le64(1) + le64(100) + le64(200) + le64(300) +
  le32(7) + le32(8) + le32(9) + le32(0o100644) + le32(1) + le32(1000) + le32(100) + le32(0) + le32(4096) + le32(0);

test("fuse_in_header: 40 bytes, decode and encode agree with a hand-built vector", () => {
  const v = hex(`${le32(48)}${le32(1)}${le64(0x10)}${le64(1)}${le32(1000)}${le32(100)}${le32(4242)}${le16(0)}${le16(0)}`);
  assert.equal(v.length, 40);
  const h = decodeInHeader(v);
  assert.deepEqual(h, { len: 48, opcode: 1, unique: 16, nodeid: 1, uid: 1000, gid: 100, pid: 4242, totalExtlen: 0 });
  assert.deepEqual(encodeInHeader(h), v);
});

test("splitRequest strips extensions and rejects lengths past the read", () => {
  const hdr = encodeInHeader({ len: 40 + 8 + 16, opcode: 1, unique: 2, nodeid: 1, uid: 0, gid: 0, pid: 0, totalExtlen: 2 });
  const buf = Buffer.concat([hdr, hex(cstr("abcdefg")), Buffer.alloc(16, 0xee)]);
  assert.deepEqual(splitRequest(buf).body, hex(cstr("abcdefg")));
  assert.throws(() => splitRequest(buf.subarray(0, 50)), WireError);
  assert.throws(() => decodeInHeader(Buffer.alloc(39)), WireError);
});

test("fuse_out_header and replies: error is negative, error replies carry no payload", () => {
  assert.deepEqual(encodeReply(0x1234, 0, hex("aabb")), hex(`${le32(18)}${le32(0)}${le64(0x1234)}aabb`));
  assert.deepEqual(encodeReply(7, 2, hex("aabb")), hex(`${le32(16)}feffffff${le64(7)}`));
  assert.deepEqual(decodeOutHeader(encodeReply(7, 38)), { len: 16, error: -38, unique: 7 });
});

test("fuse_attr is 88 bytes in kernel field order", () => {
  const w = writeAttr(new Writer(ATTR_SIZE), ATTR);
  assert.equal(w.length, 88);
  assert.deepEqual(w.buf, hex(ATTR_HEX));
});

test("ttl splits milliseconds into sec + nsec", () => {
  assert.deepEqual(ttl(1500), [1, 500_000_000]);
  assert.deepEqual(ttl(0), [0, 0]);
  assert.deepEqual(ttl(-5), [0, 0]);
  assert.deepEqual(ttl(0.001), [0, 1000]);
});

test("fuse_attr_out (104) and fuse_entry_out (128)", () => {
  assert.deepEqual(encodeAttrOut(ATTR, 2250), hex(le64(2) + le32(250_000_000) + le32(0) + ATTR_HEX));
  const e: Entry = { node: 42, generation: 3, attr: ATTR, entryTtlMs: 1000, attrTtlMs: 500 };
  const b = encodeEntryOut(e);
  assert.equal(b.length, ENTRY_OUT_SIZE);
  assert.deepEqual(b, hex(le64(42) + le64(3) + le64(1) + le64(0) + le32(0) + le32(500_000_000) + ATTR_HEX));
});

test("fuse_open_out, write_out, lseek_out, getxattr_out, statfs_out", () => {
  assert.deepEqual(encodeOpenOut(9, 3), hex(le64(9) + le32(3) + le32(0)));
  assert.deepEqual(encodeWriteOut(4096), hex(le32(4096) + le32(0)));
  assert.deepEqual(encodeLseekOut(1 << 20), hex(le64(1 << 20)));
  assert.deepEqual(encodeGetxattrOut(17), hex(le32(17) + le32(0)));
  const s = encodeStatfsOut({ blocks: 1, bfree: 2, bavail: 3, files: 4, ffree: 5, bsize: 4096, namelen: 255, frsize: 512 });
  assert.deepEqual(s, hex(le64(1) + le64(2) + le64(3) + le64(4) + le64(5) + le32(4096) + le32(255) + le32(512) + "00".repeat(28)));
});

test("fuse_init_in: 7.36+ layout with flags2, and the old 16-byte layout", () => {
  const v = hex(le32(7) + le32(45) + le32(131072) + le32(0x73fffffb) + le32(0x5fd) + "00".repeat(44));
  const i = decodeInitIn(v);
  assert.equal(i.major, 7);
  assert.equal(i.minor, 45);
  assert.equal(i.maxReadahead, 131072);
  assert.equal(i.flags, 0x73fffffbn | (0x5fdn << 32n));
  assert.equal(decodeInitIn(hex(le32(7) + le32(31) + le32(4096) + le32(1))).flags, 1n);
});

test("fuse_init_out: 64 bytes for minor ≥ 23, flags2 from the high half", () => {
  const o = {
    major: 7, minor: 38, maxReadahead: 131072, flags: INIT_FLAGS.ASYNC_READ | INIT_FLAGS.MAX_PAGES | INIT_FLAGS.INIT_EXT | INIT_FLAGS.HAS_EXPIRE_ONLY,
    maxBackground: 64, congestionThreshold: 48, maxWrite: 1 << 20, timeGran: 1, maxPages: 256,
  };
  const b = encodeInitOut(o);
  assert.deepEqual(b, hex(
    le32(7) + le32(38) + le32(131072) + le32((1 | (1 << 22) | (1 << 30)) >>> 0) + le16(64) + le16(48) +
    le32(1 << 20) + le32(1) + le16(256) + le16(0) + le32(1 << 3) + "00".repeat(28),
  ));
  assert.deepEqual(decodeInitOut(b), o);
  assert.equal(encodeInitOut({ ...o, minor: 22 }).length, 24);
});

test("name-only and name-carrying request bodies", () => {
  assert.deepEqual(decodeName(hex(cstr("héllo"))), { name: "héllo" });
  assert.throws(() => decodeName(hex("6162")), WireError);
  assert.deepEqual(decodeSymlink(hex(cstr("ln") + cstr("/tmp/x"))), { name: "ln", target: "/tmp/x" });
  assert.deepEqual(decodeMknod(hex(le32(0o10644) + le32(0x0801) + le32(0o22) + le32(0) + cstr("fifo"))),
    { mode: 0o10644, rdev: 0x801, umask: 0o22, name: "fifo" });
  assert.deepEqual(decodeMkdir(hex(le32(0o755) + le32(0o22) + cstr("d"))), { mode: 0o755, umask: 0o22, name: "d" });
  assert.deepEqual(decodeLink(hex(le64(5) + cstr("hard"))), { oldnodeid: 5, name: "hard" });
  assert.deepEqual(decodeCreate(hex(le32(0o102) + le32(0o100644) + le32(0o22) + le32(0) + cstr("f"))),
    { flags: 0o102, mode: 0o100644, umask: 0o22, openFlags: 0, name: "f" });
});

test("rename_in and rename2_in", () => {
  assert.deepEqual(decodeRename(hex(le64(7) + cstr("a") + cstr("b"))), { newdir: 7, flags: 0, name: "a", newName: "b" });
  assert.deepEqual(decodeRename2(hex(le64(7) + le32(1) + le32(0) + cstr("a") + cstr("b"))), { newdir: 7, flags: 1, name: "a", newName: "b" });
});

test("forget_in, batch_forget_in, interrupt_in, access_in, getattr_in", () => {
  assert.deepEqual(decodeForget(hex(le64(3))), { nlookup: 3 });
  assert.deepEqual(decodeBatchForget(hex(le32(2) + le32(0) + le64(5) + le64(1) + le64(6) + le64(9))), { items: [[5, 1], [6, 9]] });
  assert.throws(() => decodeBatchForget(hex(le32(3) + le32(0) + le64(5) + le64(1))), WireError);
  assert.deepEqual(decodeInterrupt(hex(le64(0x20))), { unique: 0x20 });
  assert.deepEqual(decodeAccess(hex(le32(4) + le32(0))), { mask: 4 });
  assert.deepEqual(decodeGetattr(hex(le32(1) + le32(0) + le64(77))), { getattrFlags: 1, fh: 77 });
});

test("setattr_in (88 bytes): every field at its offset", () => {
  const v = hex(
    le32(0x1ff) + le32(0) + le64(11) + le64(4096) + le64(0xdeadbeefn) + le64(1000) + le64(2000) + le64(3000) +
    le32(1) + le32(2) + le32(3) + le32(0o100600) + le32(0) + le32(1000) + le32(100) + le32(0),
  );
  assert.equal(v.length, 88);
  assert.deepEqual(decodeSetattr(v), {
    valid: 0x1ff, fh: 11, size: 4096, lockOwner: 0xdeadbeefn, atime: 1000, mtime: 2000, ctime: 3000,
    atimensec: 1, mtimensec: 2, ctimensec: 3, mode: 0o100600, uid: 1000, gid: 100,
  });
});

test("open_in, read_in, write_in (+data), release_in, flush_in, fsync_in", () => {
  assert.deepEqual(decodeOpen(hex(le32(0o2) + le32(0))), { flags: 2, openFlags: 0 });
  assert.deepEqual(decodeRead(hex(le64(3) + le64(8192) + le32(4096) + le32(2) + le64(99) + le32(0o100000) + le32(0))),
    { fh: 3, offset: 8192, size: 4096, readFlags: 2, lockOwner: 99n, flags: 0o100000 });
  const w = decodeWrite(hex(le64(3) + le64(10) + le32(3) + le32(0) + le64(0) + le32(1) + le32(0) + "616263"));
  assert.equal(w.offset, 10);
  assert.deepEqual(w.data, Buffer.from("abc"));
  assert.throws(() => decodeWrite(hex(le64(3) + le64(10) + le32(4) + le32(0) + le64(0) + le32(1) + le32(0) + "616263")), WireError);
  assert.deepEqual(decodeRelease(hex(le64(4) + le32(2) + le32(2) + le64(0xabn))), { fh: 4, flags: 2, releaseFlags: 2, lockOwner: 0xabn });
  assert.deepEqual(decodeFlush(hex(le64(4) + le32(0) + le32(0) + le64(0xcdn))), { fh: 4, lockOwner: 0xcdn });
  assert.deepEqual(decodeFsync(hex(le64(4) + le32(1) + le32(0))), { fh: 4, fsyncFlags: 1 });
});

test("fallocate_in, lseek_in, copy_file_range_in", () => {
  assert.deepEqual(decodeFallocate(hex(le64(1) + le64(2) + le64(3) + le32(1) + le32(0))), { fh: 1, offset: 2, length: 3, mode: 1 });
  assert.deepEqual(decodeLseek(hex(le64(1) + le64(100) + le32(3) + le32(0))), { fh: 1, offset: 100, whence: 3 });
  assert.deepEqual(decodeCopyFileRange(hex(le64(1) + le64(2) + le64(3) + le64(4) + le64(5) + le64(6) + le64(0))),
    { fhIn: 1, offIn: 2, nodeidOut: 3, fhOut: 4, offOut: 5, len: 6, flags: 0 });
});

test("xattr structs: compat 8-byte setxattr_in vs SETXATTR_EXT 16-byte", () => {
  assert.deepEqual(decodeSetxattr(hex(le32(2) + le32(1) + cstr("user.a") + "6869"), false),
    { flags: 1, setxattrFlags: 0, name: "user.a", value: Buffer.from("hi") });
  assert.deepEqual(decodeSetxattr(hex(le32(2) + le32(1) + le32(1) + le32(0) + cstr("user.a") + "6869"), true),
    { flags: 1, setxattrFlags: 1, name: "user.a", value: Buffer.from("hi") });
  assert.deepEqual(decodeGetxattr(hex(le32(0) + le32(0) + cstr("user.a"))), { size: 0, name: "user.a" });
  assert.deepEqual(decodeListxattr(hex(le32(64) + le32(0))), { size: 64 });
});

test("lk_in / lk_out: OFFSET_MAX end ↔ -1", () => {
  const v = hex(le64(5) + le64(0x1234n) + le64(10) + le64(0x7fffffffffffffffn) + le32(1) + le32(321) + le32(1) + le32(0));
  assert.deepEqual(decodeLk(v), { fh: 5, owner: 0x1234n, lock: { start: 10, end: -1, type: 1, pid: 321 }, lkFlags: 1 });
  assert.deepEqual(encodeLkOut({ start: 0, end: -1, type: 2, pid: 0 }), hex(le64(0) + le64(0x7fffffffffffffffn) + le32(2) + le32(0)));
  assert.deepEqual(encodeLkOut({ start: 1, end: 9, type: 0, pid: 7 }), hex(le64(1) + le64(9) + le32(0) + le32(7)));
});

test("dirent packing: 8-byte alignment, size limit, order kept", () => {
  assert.equal(direntSize(1), 32);
  assert.equal(direntSize(8), 32);
  assert.equal(direntSize(9), 40);
  assert.equal(direntplusSize(1), 160);
  const entries = [
    { name: "a", ino: 2, type: 8, off: 1 },
    { name: "long-name", ino: 3, type: 4, off: 2 },
    { name: "c", ino: 4, type: 10, off: 3 },
  ];
  const all = packDirents(entries, 4096);
  assert.equal(all.count, 3);
  assert.deepEqual(all.buf, hex(
    le64(2) + le64(1) + le32(1) + le32(8) + "61" + "00".repeat(7) +
    le64(3) + le64(2) + le32(9) + le32(4) + Buffer.from("long-name").toString("hex") + "00".repeat(7) +
    le64(4) + le64(3) + le32(1) + le32(10) + "63" + "00".repeat(7),
  ));
  const two = packDirents(entries, 72 + 31);
  assert.equal(two.count, 2);
  assert.equal(two.buf.length, 72);
  assert.equal(packDirents(entries, 31).count, 0);
});

test("direntplus packing: entry_out then dirent; absent entry is all zeros", () => {
  const e: Entry = { node: 2, generation: 0, attr: ATTR, entryTtlMs: 1000, attrTtlMs: 1000 };
  const p = packDirentsPlus([{ name: ".", ino: 1, type: 4, off: 1 }, { name: "f", ino: 2, type: 8, off: 2, entry: e }], 4096);
  assert.equal(p.count, 2);
  assert.equal(p.buf.length, 320);
  assert.deepEqual(p.buf.subarray(0, 128), Buffer.alloc(128));
  assert.deepEqual(p.buf.subarray(128, 160), hex(le64(1) + le64(1) + le32(1) + le32(4) + "2e" + "00".repeat(7)));
  assert.deepEqual(p.buf.subarray(160, 288), encodeEntryOut(e));
  assert.equal(packDirentsPlus([{ name: "f", ino: 2, type: 8, off: 2, entry: e }], 159).count, 0);
});

test("notify payloads: inval_inode, inval_entry, delete (unique 0, error = code)", () => {
  assert.deepEqual(encodeNotifyInvalInode(5, 0, -1), hex(le32(40) + le32(2) + le64(0) + le64(5) + le64(0) + le64(-1n)));
  assert.deepEqual(encodeNotifyInvalEntry(1, "ab"), hex(le32(35) + le32(3) + le64(0) + le64(1) + le32(2) + le32(0) + "616200"));
  assert.deepEqual(encodeNotifyDelete(1, 9, "ab"), hex(le32(43) + le32(6) + le64(0) + le64(1) + le64(9) + le32(2) + le32(0) + "616200"));
  // fuse_notify_store_out; the length counts the 5 data bytes that follow in the same write.
  assert.deepEqual(encodeNotifyStoreHeader(7, 4096, 5), hex(le32(16 + 24 + 5) + le32(4) + le64(0) + le64(7) + le64(4096) + le32(5) + le32(0)));
});

test("opcode table: one row per opcode, numbers unique, no-reply ops marked", () => {
  assert.equal(OPCODE_NAMES.size, Object.keys(OPCODES).length);
  assert.equal(OPCODE_NAMES.get(1), "LOOKUP");
  assert.equal(OPCODE_NAMES.get(42), "BATCH_FORGET");
  const noReply = Object.entries(OPCODES).filter(([, s]) => !s.reply).map(([n]) => n).sort();
  assert.deepEqual(noReply, ["BATCH_FORGET", "FORGET", "NOTIFY_REPLY"]);
  assert.equal(OPCODES.RENAME2.names, 2);
});

test("Reader saturates u64 above 2^53 and reads signed i64", () => {
  const r = new Reader(hex(le64(0xffffffffffffffffn) + le64(-5n)));
  assert.equal(r.u64(), Number.MAX_SAFE_INTEGER);
  assert.equal(r.i64(), -5);
});

test("u64 read and write: exact up to 2^53 - 1 without BigInt, saturating above, BigInt and negative forms kept", () => {
  const vals = [0, 1, 0xffff_ffff, 0x1_0000_0000, 0x1_2345_6789_abcd, Number.MAX_SAFE_INTEGER];
  for (const v of vals) {
    const b = new Writer(8).u64(v).buf;
    assert.equal(b.readBigUInt64LE(0), BigInt(v));
    assert.equal(new Reader(b).u64(), v);
  }
  const big = Buffer.alloc(8);
  big.writeBigUInt64LE(2n ** 53n);
  assert.equal(new Reader(big).u64(), Number.MAX_SAFE_INTEGER);
  big.writeBigUInt64LE(2n ** 64n - 1n);
  assert.equal(new Reader(big).u64(), Number.MAX_SAFE_INTEGER);
  assert.equal(new Writer(8).u64(-1).buf.readBigUInt64LE(0), 2n ** 64n - 1n);
  assert.equal(new Writer(8).u64(2n ** 63n).buf.readBigUInt64LE(0), 2n ** 63n);
  assert.throws(() => new Writer(8).u64(1.5));
});
