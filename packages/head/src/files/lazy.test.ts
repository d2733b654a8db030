// Nodes other than directories hold no fd (nodes.ts): they are reached again through their parent
// and name, checked by (dev, ino, type, birth time), or through an open handle; else ESTALE.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rejectsErrno, service, tempDir, O_RDONLY, O_RDWR } from "./test-util.js";

const fdCount = (): number => readdirSync("/proc/self/fd").length;

test("listing and creating files holds no descriptor per file", async () => {
  using d = tempDir();
  for (let i = 0; i < 50; i++) writeFileSync(join(d.path, `f${i}`), String(i));
  const { fs, root } = await service([d.path]);
  const fds0 = fdCount();
  const dh = await fs.opendir({ node: root.node });
  const plus = await fs.readdirplus({ fh: dh.fh, offset: 0, maxEntries: 100 });
  await fs.releasedir({ fh: dh.fh });
  assert.equal(plus.filter((e) => e.entry !== undefined).length, 50);
  const c = await fs.create({ parent: root.node, name: "new", flags: O_RDWR, mode: 0o644, umask: 0 });
  assert.equal(fdCount(), fds0 + 1, "only the open handle of the created file");
  await fs.release({ fh: c.open.fh });
  assert.equal(fdCount(), fds0);
  // ... and each of them still works.
  const f7 = plus.find((e) => e.name === "f7")!.entry!;
  const h = await fs.open({ node: f7.node, flags: O_RDONLY });
  assert.equal(Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 10 })).toString(), "7");
  await fs.release({ fh: h.fh });
  assert.equal((await fs.getattr({ node: f7.node })).size, 1);
  await fs.setattr({ node: f7.node, mode: 0o600 });
  assert.equal(statSync(join(d.path, "f7")).mode & 0o777, 0o600);
  assert.equal(fdCount(), fds0);
  await fs.close();
});

test("a file unlinked while open is reached through its handle, and is stale once closed", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "abc");
  const { fs, root } = await service([d.path]);
  const f = await fs.lookup({ parent: root.node, name: "f" });
  const h = await fs.open({ node: f.node, flags: O_RDWR });
  unlinkSync(join(d.path, "f"));
  // fstat(2) of the open file: the kernel asks GETATTR without the handle.
  assert.equal((await fs.getattr({ node: f.node })).nlink, 0);
  await fs.setattr({ node: f.node, mode: 0o640 });
  assert.equal((await fs.getattr({ node: f.node })).mode & 0o777, 0o640);
  await fs.setattr({ node: f.node, fh: h.fh, size: 1 });
  assert.equal(Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 10 })).toString(), "a");
  await fs.release({ fh: h.fh });
  await rejectsErrno(fs.getattr({ node: f.node }), "ESTALE");
  await rejectsErrno(fs.open({ node: f.node, flags: O_RDONLY }), "ESTALE");
  await fs.close();
});

test("a deleted file's inode number taken by a new file is a new node; the old one is stale", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  let reused = false;
  for (let i = 0; i < 20 && !reused; i++) {
    writeFileSync(join(d.path, "old"), "old");
    const old = await fs.lookup({ parent: root.node, name: "old" });
    unlinkSync(join(d.path, "old"));
    writeFileSync(join(d.path, "new"), "new!");
    const fresh = await fs.lookup({ parent: root.node, name: "new" });
    if (fresh.attr.ino === old.attr.ino) {
      reused = true;
      assert.notEqual(fresh.node, old.node, "a reused inode number is not the old node");
      await rejectsErrno(fs.getattr({ node: old.node }), "ESTALE");
      assert.equal((await fs.getattr({ node: fresh.node })).size, 4);
    }
    unlinkSync(join(d.path, "new"));
  }
  assert.ok(reused, "the file system never reused an inode number (the case was not exercised)");
  await fs.close();
});

test("a file renamed on the head is stale under its old name and the same node under the new one", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "a"), "data");
  const { fs, root } = await service([d.path]);
  const a = await fs.lookup({ parent: root.node, name: "a" });
  renameSync(join(d.path, "a"), join(d.path, "b"));
  await rejectsErrno(fs.getattr({ node: a.node }), "ESTALE");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "a" }), "ENOENT");
  const b = await fs.lookup({ parent: root.node, name: "b" });
  assert.equal(b.node, a.node);
  assert.equal((await fs.getattr({ node: a.node })).size, 4);
  // A rename through the service keeps the node reachable.
  await fs.rename({ parent: root.node, name: "b", newParent: root.node, newName: "c", flags: 0 });
  assert.equal((await fs.getattr({ node: a.node })).size, 4);
  await fs.close();
});

test("a file replaced on the head by another is never opened (nor truncated) in its place", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "mine");
  writeFileSync(join(d.path, "other"), "theirs");
  const { fs, root } = await service([d.path]);
  const f = await fs.lookup({ parent: root.node, name: "f" });
  const h = await fs.open({ node: f.node, flags: O_RDONLY });
  assert.equal(Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 10 })).toString(), "mine");
  await fs.release({ fh: h.fh });
  renameSync(join(d.path, "other"), join(d.path, "f"));
  await rejectsErrno(fs.open({ node: f.node, flags: O_RDONLY }), "ESTALE");
  await rejectsErrno(fs.open({ node: f.node, flags: O_RDWR | 0o1000 /* O_TRUNC */ }), "ESTALE");
  assert.equal(readFileSync(join(d.path, "f"), "utf8"), "theirs");
  await fs.close();
});
