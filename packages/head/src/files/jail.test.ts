import { test } from "node:test";
import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync, symlinkSync, renameSync, readFileSync, linkSync } from "node:fs";
import { join } from "node:path";
import { rejectsErrno, service, tempDir, O_RDONLY, O_RDWR } from "./test-util.js";

test("names that could leave a directory are refused", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  await rejectsErrno(fs.lookup({ parent: root.node, name: ".." }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "." }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "../etc" }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "a/b" }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "a\0b" }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "" }), "ENOENT");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "x".repeat(256) }), "ENAMETOOLONG");
  await rejectsErrno(fs.lookup({ parent: 1, name: ".." }), "EINVAL");
  await rejectsErrno(fs.lookup({ parent: 1, name: "1" }), "ENOENT");
  await rejectsErrno(fs.lookup({ parent: 1, name: "00" }), "ENOENT");
  await rejectsErrno(fs.mkdir({ parent: root.node, name: "..", mode: 0o755, umask: 0 }), "EINVAL");
  await rejectsErrno(fs.create({ parent: root.node, name: "../x", flags: O_RDWR, mode: 0o644, umask: 0 }), "EINVAL");
  await rejectsErrno(fs.rename({ parent: root.node, name: "a", newParent: root.node, newName: "../a", flags: 0 }), "EINVAL");
  await fs.close();
});

test("a symlink to /etc is a symlink node: never followed by the head", async () => {
  using d = tempDir();
  symlinkSync("/etc/passwd", join(d.path, "pw"));
  symlinkSync("/etc", join(d.path, "etc"));
  const { fs, root } = await service([d.path]);
  const pw = await fs.lookup({ parent: root.node, name: "pw" });
  assert.equal(pw.attr.mode & 0o170000, 0o120000);
  assert.equal(await fs.readlink({ node: pw.node }), "/etc/passwd");
  await rejectsErrno(fs.open({ node: pw.node, flags: O_RDONLY }), "ELOOP");
  await rejectsErrno(fs.opendir({ node: pw.node }), "ENOTDIR");
  const etc = await fs.lookup({ parent: root.node, name: "etc" });
  await rejectsErrno(fs.lookup({ parent: etc.node, name: "passwd" }), "ENOTDIR");
  await rejectsErrno(fs.opendir({ node: etc.node }), "ENOTDIR");
  await rejectsErrno(fs.mkdir({ parent: etc.node, name: "x", mode: 0o755, umask: 0 }), "ENOTDIR");
  await rejectsErrno(fs.create({ parent: etc.node, name: "x", flags: O_RDWR, mode: 0o644, umask: 0 }), "ENOTDIR");
  // setattr on the symlink node acts on the link (times) or is refused (mode), never on /etc/passwd.
  const before = readFileSync("/etc/passwd");
  await rejectsErrno(fs.setattr({ node: pw.node, mode: 0o777 }), "EOPNOTSUPP");
  await rejectsErrno(fs.setattr({ node: pw.node, size: 0 }), "EINVAL");
  await fs.setattr({ node: pw.node, mtime: { sec: 1000, nsec: 0 } });
  assert.deepEqual(readFileSync("/etc/passwd"), before);
  const a = await fs.getattr({ node: pw.node });
  assert.equal(a.mtimeSec, 1000);
  // create over an existing symlink does not follow it.
  await rejectsErrno(fs.create({ parent: root.node, name: "pw", flags: O_RDWR, mode: 0o644, umask: 0 }), "ELOOP");
  await fs.close();
});

test("a directory swapped for a symlink after lookup: the held node stays the original directory", async () => {
  using d = tempDir();
  using outside = tempDir();
  writeFileSync(join(outside.path, "secret"), "outside");
  mkdirSync(join(d.path, "sub"));
  writeFileSync(join(d.path, "sub", "inner"), "inside");
  const { fs, root } = await service([d.path]);
  const sub = await fs.lookup({ parent: root.node, name: "sub" });
  // The race, made deterministic: move the directory away and put a symlink to outside in its place.
  renameSync(join(d.path, "sub"), join(d.path, "moved"));
  symlinkSync(outside.path, join(d.path, "sub"));
  await rejectsErrno(fs.lookup({ parent: sub.node, name: "secret" }), "ENOENT");
  const inner = await fs.lookup({ parent: sub.node, name: "inner" });
  const h = await fs.open({ node: inner.node, flags: O_RDONLY });
  assert.equal(Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 100 })).toString(), "inside");
  const c = await fs.create({ parent: sub.node, name: "new", flags: O_RDWR, mode: 0o644, umask: 0 });
  await fs.write({ fh: c.open.fh, offset: 0, data: Buffer.from("w") });
  assert.equal(readFileSync(join(d.path, "moved", "new"), "utf8"), "w");
  assert.deepEqual((await import("node:fs")).readdirSync(outside.path), ["secret"]);
  // A fresh lookup of the name gives the symlink, which is not followed.
  const again = await fs.lookup({ parent: root.node, name: "sub" });
  assert.equal(again.attr.mode & 0o170000, 0o120000);
  await rejectsErrno(fs.lookup({ parent: again.node, name: "secret" }), "ENOTDIR");
  await fs.close();
});

test("a file swapped for a symlink between lookups never opens the outside file", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "in");
  const { fs, root } = await service([d.path]);
  const f = await fs.lookup({ parent: root.node, name: "f" });
  renameSync(join(d.path, "f"), join(d.path, "g"));
  symlinkSync("/etc/passwd", join(d.path, "f"));
  // The file node is reached again by its name, which now holds a symlink: not the same inode,
  // so the node is stale (the guest's kernel then looks the path up again and gets the symlink).
  await rejectsErrno(fs.open({ node: f.node, flags: O_RDONLY }), "ESTALE");
  await rejectsErrno(fs.getattr({ node: f.node }), "ESTALE");
  const again = await fs.lookup({ parent: root.node, name: "f" });
  assert.equal(again.attr.mode & 0o170000, 0o120000);
  await rejectsErrno(fs.open({ node: again.node, flags: O_RDONLY }), "ELOOP");
  // Found under its new name, the file is the same node again, and works.
  const g = await fs.lookup({ parent: root.node, name: "g" });
  assert.equal(g.node, f.node);
  const h = await fs.open({ node: f.node, flags: O_RDONLY });
  assert.equal(Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 10 })).toString(), "in");
  await fs.close();
});

test("cross-export rename and link are EXDEV; hard links from outside cannot be named", async () => {
  using a = tempDir();
  using b = tempDir();
  writeFileSync(join(a.path, "f"), "x");
  const { fs, root } = await service([a.path, b.path]);
  const rootB = await fs.lookup({ parent: 1, name: "1" });
  await rejectsErrno(fs.rename({ parent: root.node, name: "f", newParent: rootB.node, newName: "f", flags: 0 }), "EXDEV");
  const f = await fs.lookup({ parent: root.node, name: "f" });
  await rejectsErrno(fs.link({ node: f.node, newParent: rootB.node, newName: "f" }), "EXDEV");
  // The virtual root is read-only: nothing can be renamed or linked into it.
  await rejectsErrno(fs.rename({ parent: root.node, name: "f", newParent: 1, newName: "f", flags: 0 }), "EROFS");
  await rejectsErrno(fs.link({ node: f.node, newParent: 1, newName: "f" }), "EROFS");
  await rejectsErrno(fs.unlink({ parent: 1, name: "0" }), "EROFS");
  await rejectsErrno(fs.rmdir({ parent: 1, name: "0" }), "EROFS");
  await rejectsErrno(fs.mkdir({ parent: 1, name: "9", mode: 0o755, umask: 0 }), "EROFS");
  await rejectsErrno(fs.setattr({ node: 1, mode: 0o777 }), "EROFS");
  // Unknown node ids (e.g. guessed ones) are not resolvable.
  await rejectsErrno(fs.getattr({ node: 999999 }), "ESTALE");
  await fs.close();
});

test("an outside file hard-linked into the export is only what the export shows", async () => {
  using d = tempDir();
  using outside = tempDir();
  writeFileSync(join(outside.path, "o"), "o");
  linkSync(join(outside.path, "o"), join(d.path, "l"));
  const { fs, root } = await service([d.path]);
  const l = await fs.lookup({ parent: root.node, name: "l" });
  // The only way to reach it is through the name inside the export; there is no way to name
  // the outside directory (no "..", single components only).
  assert.equal(l.attr.nlink, 2);
  await rejectsErrno(fs.lookup({ parent: l.node, name: "o" }), "ENOTDIR");
  await fs.close();
});

test("a real race: a directory and a symlink to outside exchanged continuously never leak", async () => {
  using d = tempDir();
  using outside = tempDir();
  writeFileSync(join(outside.path, "secret"), "outside");
  mkdirSync(join(d.path, "sub"));
  writeFileSync(join(d.path, "sub", "secret"), "inside");
  symlinkSync(outside.path, join(d.path, "lnk"));
  const { fs, root } = await service([d.path]);
  const { spawn } = await import("node:child_process");
  const nr = process.arch === "arm64" ? 276 : 316;
  // Atomically exchange sub <-> lnk in a loop (renameat2 RENAME_EXCHANGE) from another process.
  const swapper = spawn(
    "perl",
    ["-e", `$|=1; chdir $ARGV[0]; print "go\\n"; my ($a, $b) = ("sub", "lnk"); for (1..2000000) { syscall(${nr}, -100, $a, -100, $b, 2) }`, d.path],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const done = new Promise((r) => swapper.on("exit", r));
  await new Promise((r) => swapper.stdout.once("data", r)); // the swapper is running
  let reads = 0;
  let sawSymlink = 0;
  try {
    for (let i = 0; i < 2000 && (reads < 50 || sawSymlink < 50); i++) {
      const sub = await fs.lookup({ parent: root.node, name: "sub" }).catch(() => null);
      if (sub === null) continue;
      if ((sub.attr.mode & 0o170000) === 0o120000) sawSymlink++;
      const s = await fs.lookup({ parent: sub.node, name: "secret" }).catch(() => null);
      if (s === null) continue;
      const h = await fs.open({ node: s.node, flags: O_RDONLY }).catch(() => null);
      if (h === null) continue;
      const text = Buffer.from(await fs.read({ fh: h.fh, offset: 0, size: 100 })).toString();
      assert.equal(text, "inside");
      reads++;
      await fs.release({ fh: h.fh });
    }
  } finally {
    swapper.kill();
    await done;
  }
  assert.ok(sawSymlink > 0, "the race was not exercised");
  assert.ok(reads > 0, "the race test made no successful read");
  await fs.close();
});
