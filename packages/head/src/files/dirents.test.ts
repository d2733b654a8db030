import { test } from "node:test";
import * as assert from "node:assert/strict";
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { direntInodes, direntListings } from "./xattr-helper.js";
import { BIG_LISTING } from "./ops-dirs.js";
import { rejectsErrno, service, tempDir } from "./test-util.js";

test("direntInodes: every entry's inode number as lstat gives it, odd names included", async () => {
  using d = tempDir();
  const names = ["plain", "with space", "new\nline", "ünï", "x".repeat(255)];
  for (const n of names) writeFileSync(join(d.path, n), "");
  mkdirSync(join(d.path, "sub"));
  symlinkSync("/nowhere", join(d.path, "ln"));
  const fd = openSync(d.path, "r");
  try {
    const inos = await direntInodes(fd);
    assert.deepEqual([...inos.keys()].sort(), [".", "..", ...names, "sub", "ln"].sort());
    for (const n of [...names, "sub", "ln"]) assert.equal(inos.get(n), lstatSync(join(d.path, n)).ino, n);
    assert.equal(inos.get("."), lstatSync(d.path).ino);
  } finally {
    closeSync(fd);
  }
});

test("direntInodes: a directory with more entries than the limit is refused with E2BIG", async () => {
  using d = tempDir();
  for (let i = 0; i < 10; i++) writeFileSync(join(d.path, `f${i}`), "");
  const fd = openSync(d.path, "r");
  try {
    await rejectsErrno(direntInodes(fd, 5), "E2BIG");
    assert.equal((await direntInodes(fd, 12)).size, 12, "10 files, . and ..");
  } finally {
    closeSync(fd);
  }
});

test("readdir of a big directory: inode numbers from one getdents64 pass, as lstat gives them", async () => {
  using d = tempDir();
  const n = BIG_LISTING + 100;
  for (let i = 0; i < n; i++) writeFileSync(join(d.path, `f${i}`), "");
  const { fs, root } = await service([d.path]);
  const dh = await fs.opendir({ node: root.node });
  const before = direntListings.count;
  const first = await fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 100 }); // takes the listing
  assert.equal(direntListings.count, before + 1, "one listing by the helper");
  const all = [...first];
  for (let off = all.length; ; ) {
    const batch = await fs.readdir({ fh: dh.fh, offset: off, maxEntries: 1000 });
    if (batch.length === 0) break;
    all.push(...batch);
    off = batch[batch.length - 1]!.off;
  }
  assert.equal(direntListings.count, before + 1, "not again for the same listing");
  const files = all.filter((e) => e.name !== "." && e.name !== "..");
  assert.deepEqual(files.map((e) => e.name).sort(), readdirSync(d.path).sort());
  for (const e of files) assert.equal(e.ino, lstatSync(join(d.path, e.name)).ino, e.name);
  await fs.close();
});
