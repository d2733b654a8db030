import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync, readFileSync, statSync, lstatSync, mkdirSync, existsSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { rejectsErrno, service, tempDir, O_RDONLY, O_WRONLY, O_RDWR } from "./test-util.js";
import { constants as c } from "node:fs";

test("virtual root: attrs, listing, read-only", async () => {
  using a = tempDir();
  using b = tempDir();
  const { fs } = await service([a.path, b.path]);
  const attr = await fs.getattr({ node: 1 });
  assert.equal(attr.mode, 0o040555);
  assert.equal(attr.ino, 1);
  const dh = await fs.opendir({ node: 1 });
  const list = await fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 10 });
  assert.deepEqual(list.map((e) => [e.name, e.off]), [[".", 1], ["..", 2], ["0", 3], ["1", 4]]);
  assert.equal(list[2]!.ino, Number(statSync(a.path).ino));
  await rejectsErrno(fs.access({ node: 1, mask: 2 }), "EROFS");
  await fs.access({ node: 1, mask: 5 });
  await rejectsErrno(fs.create({ parent: 1, name: "x", flags: O_RDWR, mode: 0o644, umask: 0 }), "EROFS");
  await rejectsErrno(fs.open({ node: 1, flags: O_RDONLY }), "EISDIR");
  const plus = await fs.readdirplus({ fh: dh.fh, offset: 2, maxEntries: 10 });
  assert.deepEqual(plus.map((e) => e.name), ["0", "1"]);
  assert.ok(plus.every((e) => e.entry !== undefined));
  await fs.releasedir({ fh: dh.fh });
  await fs.close();
});

test("lookup, getattr and same inode → same node", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "hello");
  const { fs, root } = await service([d.path]);
  const f1 = await fs.lookup({ parent: root.node, name: "f" });
  const f2 = await fs.lookup({ parent: root.node, name: "f" });
  assert.equal(f1.node, f2.node);
  assert.equal(f1.attr.size, 5);
  const st = statSync(join(d.path, "f"), { bigint: true });
  assert.equal(f1.attr.mtimeNsec, Number(st.mtimeNs % 1_000_000_000n));
  assert.equal(f1.attr.ino, Number(st.ino));
  await rejectsErrno(fs.lookup({ parent: root.node, name: "nope" }), "ENOENT");
  await rejectsErrno(fs.lookup({ parent: f1.node, name: "x" }), "ENOTDIR");
  await fs.close();
});

test("create, write, read, O_EXCL, O_APPEND, O_TRUNC, umask", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  const c1 = await fs.create({ parent: root.node, name: "f", flags: O_RDWR | c.O_EXCL, mode: 0o666, umask: 0o002 });
  assert.equal(c1.entry.attr.mode, 0o100664, "guest umask applied, head umask not");
  assert.equal(await fs.write({ fh: c1.open.fh, offset: 0, data: Buffer.from("abcdef") }), 6);
  assert.equal(await fs.write({ fh: c1.open.fh, offset: 2, data: Buffer.from("XY") }), 2);
  assert.equal(Buffer.from(await fs.read({ fh: c1.open.fh, offset: 1, size: 100 })).toString(), "bXYef");
  assert.equal((await fs.read({ fh: c1.open.fh, offset: 100, size: 10 })).length, 0);
  await rejectsErrno(fs.create({ parent: root.node, name: "f", flags: O_RDWR | c.O_EXCL, mode: 0o644, umask: 0 }), "EEXIST");
  await fs.release({ fh: c1.open.fh });
  await rejectsErrno(fs.read({ fh: c1.open.fh, offset: 0, size: 1 }), "EBADF");
  const ap = await fs.open({ node: c1.entry.node, flags: O_WRONLY | c.O_APPEND });
  await fs.write({ fh: ap.fh, offset: 0, data: Buffer.from("!") });
  assert.equal(readFileSync(join(d.path, "f"), "utf8"), "abXYef!");
  await rejectsErrno(fs.read({ fh: ap.fh, offset: 0, size: 1 }), "EBADF");
  await fs.release({ fh: ap.fh });
  const ro = await fs.open({ node: c1.entry.node, flags: O_RDONLY });
  await rejectsErrno(fs.write({ fh: ro.fh, offset: 0, data: Buffer.from("x") }), "EBADF");
  await fs.release({ fh: ro.fh });
  const tr = await fs.open({ node: c1.entry.node, flags: O_WRONLY | c.O_TRUNC });
  assert.equal(statSync(join(d.path, "f")).size, 0);
  await fs.release({ fh: tr.fh });
  await rejectsErrno(fs.open({ node: c1.entry.node, flags: 3 }), "EINVAL");
  await rejectsErrno(fs.open({ node: root.node, flags: O_WRONLY }), "EISDIR");
  await fs.close();
});

test("keepCache: true only when unchanged since this origin's last open/release", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "v1");
  const { fs, root } = await service([d.path]);
  const A = {}, B = {};
  const f = await fs.lookup({ parent: root.node, name: "f" });
  const o1 = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: A });
  assert.equal(o1.keepCache, false, "first open");
  await fs.release({ fh: o1.fh });
  const o2 = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: A });
  assert.equal(o2.keepCache, true, "unchanged");
  await fs.release({ fh: o2.fh });
  const ob = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: B });
  await fs.release({ fh: ob.fh });
  const w = await fs.open({ node: f.node, flags: O_WRONLY }, { origin: A });
  await fs.write({ fh: w.fh, offset: 0, data: Buffer.from("v2") }, { origin: A });
  await fs.release({ fh: w.fh });
  const ob2 = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: B });
  assert.equal(ob2.keepCache, false, "written by another origin since");
  await fs.release({ fh: ob2.fh });
  const oa = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: A });
  assert.equal(oa.keepCache, true, "own write was cached by the writer");
  await fs.release({ fh: oa.fh });
  writeFileSync(join(d.path, "f"), "changed on the head");
  const oa2 = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: A });
  assert.equal(oa2.keepCache, false, "changed on the head");
  await fs.close();
});

test("setattr: mode, owner, size (path and fh), times now/exact/omit", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "0123456789");
  const { fs, root } = await service([d.path]);
  const f = await fs.lookup({ parent: root.node, name: "f" });
  let a = await fs.setattr({ node: f.node, mode: 0o4751 });
  assert.equal(a.mode, 0o104751);
  a = await fs.setattr({ node: f.node, size: 3 });
  assert.equal(a.size, 3);
  const h = await fs.open({ node: f.node, flags: O_RDWR });
  a = await fs.setattr({ node: f.node, fh: h.fh, size: 7 });
  assert.equal(readFileSync(join(d.path, "f")).length, 7);
  a = await fs.setattr({ node: f.node, uid: 1234, gid: 4321 });
  assert.deepEqual([a.uid, a.gid], [1234, 4321]);
  a = await fs.setattr({ node: f.node, gid: 0 });
  assert.deepEqual([a.uid, a.gid], [1234, 0]);
  a = await fs.setattr({ node: f.node, atime: { sec: 1_000_000, nsec: 500_000_000 }, mtime: { sec: 2_000_000, nsec: 250_000_000 } });
  assert.deepEqual([a.atimeSec, a.atimeNsec, a.mtimeSec, a.mtimeNsec], [1_000_000, 500_000_000, 2_000_000, 250_000_000]);
  a = await fs.setattr({ node: f.node, mtime: "now" });
  assert.equal(a.atimeSec, 1_000_000, "atime omitted stays");
  assert.ok(Math.abs(a.mtimeSec - Date.now() / 1000) < 5);
  await rejectsErrno(fs.setattr({ node: root.node, size: 0 }), "EISDIR");
  await rejectsErrno(fs.setattr({ node: f.node, size: -1 }), "EINVAL");
  await fs.release({ fh: h.fh });
  await fs.close();
});

test("mkdir, mknod (file, fifo, device), symlink, readlink, link, unlink, rmdir", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  const dir = await fs.mkdir({ parent: root.node, name: "dir", mode: 0o777, umask: 0o022 });
  assert.equal(dir.attr.mode, 0o040755);
  await rejectsErrno(fs.mkdir({ parent: root.node, name: "dir", mode: 0o777, umask: 0 }), "EEXIST");
  const reg = await fs.mknod({ parent: dir.node, name: "reg", mode: 0o100640, rdev: 0, umask: 0 });
  assert.equal(reg.attr.mode, 0o100640);
  const fifo = await fs.mknod({ parent: dir.node, name: "fifo", mode: 0o010666, rdev: 0, umask: 0o022 });
  assert.equal(fifo.attr.mode, 0o010644);
  assert.ok(lstatSync(join(d.path, "dir", "fifo")).isFIFO());
  await rejectsErrno(fs.mknod({ parent: dir.node, name: "dev", mode: 0o020600, rdev: 0x0103, umask: 0 }), "EPERM");
  await rejectsErrno(fs.mknod({ parent: dir.node, name: "fifo", mode: 0o010666, rdev: 0, umask: 0 }), "EEXIST");
  const sl = await fs.symlink({ parent: dir.node, name: "sl", target: "../some/where" });
  assert.equal(await fs.readlink({ node: sl.node }), "../some/where");
  assert.equal(readlinkSync(join(d.path, "dir", "sl")), "../some/where");
  await rejectsErrno(fs.readlink({ node: reg.node }), "EINVAL");
  await rejectsErrno(fs.symlink({ parent: dir.node, name: "sl", target: "x" }), "EEXIST");
  const ln = await fs.link({ node: reg.node, newParent: root.node, newName: "hard" });
  assert.equal(ln.node, reg.node);
  assert.equal(ln.attr.nlink, 2);
  await rejectsErrno(fs.link({ node: dir.node, newParent: root.node, newName: "dl" }), "EPERM");
  await rejectsErrno(fs.link({ node: reg.node, newParent: root.node, newName: "hard" }), "EEXIST");
  await rejectsErrno(fs.rmdir({ parent: root.node, name: "dir" }), "ENOTEMPTY");
  await rejectsErrno(fs.unlink({ parent: root.node, name: "dir" }), "EISDIR");
  await rejectsErrno(fs.rmdir({ parent: root.node, name: "hard" }), "ENOTDIR");
  await rejectsErrno(fs.unlink({ parent: root.node, name: "missing" }), "ENOENT");
  for (const n of ["reg", "fifo", "sl"]) await fs.unlink({ parent: dir.node, name: n });
  await fs.rmdir({ parent: root.node, name: "dir" });
  assert.equal(existsSync(join(d.path, "dir")), false);
  await fs.close();
});

test("rename: plain, NOREPLACE, EXCHANGE, bad flags", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "a"), "A");
  writeFileSync(join(d.path, "b"), "B");
  mkdirSync(join(d.path, "sub"));
  const { fs, root } = await service([d.path]);
  const sub = await fs.lookup({ parent: root.node, name: "sub" });
  await rejectsErrno(fs.rename({ parent: root.node, name: "a", newParent: root.node, newName: "b", flags: 1 }), "EEXIST");
  await fs.rename({ parent: root.node, name: "a", newParent: root.node, newName: "b", flags: 2 });
  assert.equal(readFileSync(join(d.path, "a"), "utf8"), "B");
  assert.equal(readFileSync(join(d.path, "b"), "utf8"), "A");
  await fs.rename({ parent: root.node, name: "a", newParent: sub.node, newName: "c", flags: 1 });
  assert.equal(readFileSync(join(d.path, "sub", "c"), "utf8"), "B");
  await rejectsErrno(fs.rename({ parent: root.node, name: "zz", newParent: root.node, newName: "b", flags: 2 }), "ENOENT");
  await fs.rename({ parent: sub.node, name: "c", newParent: root.node, newName: "b", flags: 0 });
  assert.equal(readFileSync(join(d.path, "b"), "utf8"), "B");
  await rejectsErrno(fs.rename({ parent: root.node, name: "b", newParent: root.node, newName: "x", flags: 3 }), "EINVAL");
  await rejectsErrno(fs.rename({ parent: root.node, name: "b", newParent: root.node, newName: "x", flags: 4 }), "EINVAL");
  await rejectsErrno(fs.rename({ parent: root.node, name: "sub", newParent: sub.node, newName: "x", flags: 0 }), "EINVAL");
  // A symlink renamed through the service can still be read.
  const sl = await fs.symlink({ parent: root.node, name: "sl", target: "t" });
  await fs.rename({ parent: root.node, name: "sl", newParent: sub.node, newName: "sl2", flags: 0 });
  assert.equal(await fs.readlink({ node: sl.node }), "t");
  await fs.close();
});

test("readdir offsets are stable; readdirplus counts lookups", async () => {
  using d = tempDir();
  for (let i = 0; i < 10; i++) writeFileSync(join(d.path, `f${i}`), String(i));
  const { fs, root } = await service([d.path]);
  const dh = await fs.opendir({ node: root.node });
  const first = await fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 5 });
  assert.deepEqual(first.map((e) => e.off), [1, 2, 3, 4, 5]);
  assert.deepEqual(first.slice(0, 2).map((e) => e.name), [".", ".."]);
  assert.equal(first[0]!.ino, Number(statSync(d.path).ino));
  writeFileSync(join(d.path, "late"), "x"); // not in this listing
  const rest = await fs.readdir({ fh: dh.fh, offset: 5, maxEntries: 100 });
  const all = [...first, ...rest].map((e) => e.name);
  assert.equal(all.length, 12);
  assert.ok(!all.includes("late"));
  const again = await fs.readdir({ fh: dh.fh, offset: 3, maxEntries: 2 });
  assert.deepEqual(again.map((e) => e.name), first.slice(3, 5).map((e) => e.name));
  assert.deepEqual(await fs.readdir({ fh: dh.fh, offset: 99, maxEntries: 5 }), []);
  const rewound = await fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 100 });
  assert.ok(rewound.map((e) => e.name).includes("late"), "rewind re-reads the directory");
  const before = fs.nodeCount;
  const plus = await fs.readdirplus({ fh: dh.fh, offset: 2, maxEntries: 100 });
  assert.equal(plus.length, 11);
  assert.ok(plus.every((e) => e.entry !== undefined && e.entry.attr.ino === e.ino));
  assert.equal(fs.nodeCount, before + 11);
  await fs.forget({ items: plus.map((e) => [e.entry!.node, 1]) });
  assert.equal(fs.nodeCount, before);
  await fs.fsyncdir({ fh: dh.fh, datasync: false });
  await fs.releasedir({ fh: dh.fh });
  await rejectsErrno(fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 1 }), "EBADF");
  await fs.close();
});

test("lookup counts: the node and its fd go at zero; underflow is not thrown", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  mkdirSync(join(d.path, "sub"));
  const { fs, root } = await service([d.path]);
  const fdCount = () => (require_fs().readdirSync("/proc/self/fd").length);
  const base = fs.nodeCount;
  const fds0 = fdCount();
  // A directory node holds an O_PATH fd; a file node holds none (it is lazy).
  const s1 = await fs.lookup({ parent: root.node, name: "sub" });
  await fs.lookup({ parent: root.node, name: "sub" });
  assert.equal(fs.nodeCount, base + 1);
  await waitFor(() => fdCount() === fds0 + 1); // the duplicate lookup's fd is closed asynchronously
  const e1 = await fs.lookup({ parent: root.node, name: "f" });
  await fs.lookup({ parent: root.node, name: "f" });
  assert.equal(fs.nodeCount, base + 2);
  assert.equal(fdCount(), fds0 + 1);
  await fs.forget({ items: [[s1.node, 2]] });
  assert.equal(fs.nodeCount, base + 1);
  await waitFor(() => fdCount() === fds0);
  await fs.forget({ items: [[e1.node, 1]] });
  assert.equal(fs.nodeCount, base + 1);
  await fs.forget({ items: [[e1.node, 1]] });
  assert.equal(fs.nodeCount, base);
  await fs.forget({ items: [[e1.node, 5]] }); // underflow: logged only
  await rejectsErrno(fs.getattr({ node: e1.node }), "ESTALE");
  const e2 = await fs.lookup({ parent: root.node, name: "f" });
  assert.notEqual(e2.node, e1.node, "ids are never reused");
  // Lookups per origin: dropping an origin forgets what it held.
  const L = {};
  await fs.lookup({ parent: root.node, name: "f" }, { origin: L });
  await fs.forget({ items: [[e2.node, 1]] });
  assert.equal(fs.nodeCount, base + 1);
  fs.dropOrigin(L);
  assert.equal(fs.nodeCount, base);
  await fs.close();
});

import { createRequire } from "node:module";
function require_fs(): typeof import("node:fs") {
  return createRequire(import.meta.url)("node:fs") as typeof import("node:fs");
}
async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error("condition not reached");
    await new Promise((r) => setImmediate(r));
  }
}

test("fsync, flush, statfs, access, lseek, fallocate, copyFileRange, xattrs", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "src"), "0123456789");
  const { fs, root } = await service([d.path]);
  const src = await fs.lookup({ parent: root.node, name: "src" });
  const hs = await fs.open({ node: src.node, flags: O_RDONLY });
  const dst = await fs.create({ parent: root.node, name: "dst", flags: O_RDWR, mode: 0o644, umask: 0 });
  const hd = dst.open.fh;
  await fs.fsync({ fh: hd, datasync: false });
  await fs.fsync({ fh: hd, datasync: true });
  await fs.flush({ fh: hd, lockOwner: "o" });
  const sf = await fs.statfs({ node: root.node });
  assert.ok(sf.blocks > 0 && sf.bsize > 0 && sf.namelen === 255);
  await fs.access({ node: src.node, mask: 4 });
  await rejectsErrno(fs.access({ node: src.node, mask: 1 }), "EACCES");
  assert.equal(await fs.copyFileRange({ fhIn: hs.fh, offIn: 2, fhOut: hd, offOut: 1, len: 100, flags: 0 }), 8);
  assert.deepEqual(readFileSync(join(d.path, "dst")), Buffer.from("\x0023456789"));
  await rejectsErrno(fs.copyFileRange({ fhIn: hd, offIn: 0, fhOut: hs.fh, offOut: 0, len: 1, flags: 0 }), "EBADF");
  await rejectsErrno(fs.copyFileRange({ fhIn: hd, offIn: 0, fhOut: hd, offOut: 2, len: 5, flags: 0 }), "EINVAL");
  assert.equal(await fs.lseek({ fh: hs.fh, offset: 3, whence: 3 }), 3);
  assert.equal(await fs.lseek({ fh: hs.fh, offset: 3, whence: 4 }), 10);
  assert.equal(await fs.lseek({ fh: hs.fh, offset: -2, whence: 2 }), 8);
  await rejectsErrno(fs.lseek({ fh: hs.fh, offset: 10, whence: 3 }), "ENXIO");
  await rejectsErrno(fs.lseek({ fh: hs.fh, offset: 10, whence: 4 }), "ENXIO");
  await fs.fallocate({ fh: hd, mode: 0, offset: 0, length: 4096 });
  assert.equal(statSync(join(d.path, "dst")).size, 4096);
  await fs.fallocate({ fh: hd, mode: 0, offset: 0, length: 10 });
  assert.equal(statSync(join(d.path, "dst")).size, 4096, "never shrinks");
  await rejectsErrno(fs.fallocate({ fh: hd, mode: 2, offset: 0, length: 10 }), "EOPNOTSUPP"); // PUNCH_HOLE without KEEP_SIZE: the kernel refuses
  await rejectsErrno(fs.fallocate({ fh: hs.fh, mode: 0, offset: 0, length: 10 }), "EBADF");
  // xattrs in detail: xattr.test.ts
  await rejectsErrno(fs.getxattr({ node: src.node, name: "user.x", size: 0 }), "ENODATA");
  const ga = await fs.getattr({ node: dst.entry.node, fh: hd });
  assert.equal(ga.size, 4096);
  await fs.release({ fh: hs.fh });
  await fs.release({ fh: hd });
  await fs.close();
});

test("invalidations carry the origin of the op that made the change", async () => {
  using d = tempDir();
  const { fs, root, invals } = await service([d.path]);
  const T = { name: "target-1" };
  const c1 = await fs.create({ parent: root.node, name: "f", flags: O_RDWR, mode: 0o644, umask: 0 }, { origin: T });
  await fs.write({ fh: c1.open.fh, offset: 3, data: Buffer.from("xy") }, { origin: T });
  assert.ok(invals.some(([i, o]) => i.kind === "entry" && i.parent === root.node && i.name === "f" && o === T));
  assert.ok(invals.some(([i, o]) => i.kind === "inode" && i.node === c1.entry.node && i.off === 3 && i.len === 2 && o === T));
  await fs.unlink({ parent: root.node, name: "f" }, { origin: T });
  assert.ok(invals.some(([i]) => i.kind === "delete" && i.child === c1.entry.node && i.name === "f"));
  await fs.release({ fh: c1.open.fh });
  await fs.close();
});
