import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { Invalidation } from "@mrc/protocol";
import { rejectsErrno, service, tempDir } from "./test-util.js";
import { helperCount } from "./xattr-helper.js";

const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;
const isRoot = process.getuid?.() === 0;

function getfattr(path: string, name: string): string | null {
  try {
    return execFileSync("getfattr", ["-h", "--only-values", "-n", name, path], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  } catch {
    return null;
  }
}

/** The local file system must support user xattrs for these tests (tmpfs does since 6.6). */
function xattrsWork(dir: string): boolean {
  try {
    writeFileSync(join(dir, ".probe"), "");
    execFileSync("setfattr", ["-n", "user.probe", "-v", "1", join(dir, ".probe")], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const buf = (s: string): Uint8Array => Buffer.from(s);
const str = (v: Uint8Array | number): string => Buffer.from(v as Uint8Array).toString();

test("getxattr / setxattr / listxattr / removexattr", async (t) => {
  using d = tempDir();
  if (!xattrsWork(d.path)) return t.skip("no user xattrs on the temp dir's file system");
  writeFileSync(join(d.path, "f"), "data");
  const { fs, root, invals } = await service([d.path]);
  try {
    const f = await fs.lookup({ parent: root.node, name: "f" });
    const T = {};
    // set + get, size 0 → length, too small → ERANGE, exact size ok
    await fs.setxattr({ node: f.node, name: "user.a", value: buf("hello"), flags: 0 }, { origin: T });
    assert.equal(getfattr(join(d.path, "f"), "user.a"), "hello");
    assert.ok(invals.some(([i, o]) => i.kind === "inode" && i.node === f.node && o === T), "set reports an inode change");
    assert.equal(await fs.getxattr({ node: f.node, name: "user.a", size: 0 }), 5);
    assert.equal(str(await fs.getxattr({ node: f.node, name: "user.a", size: 5 })), "hello");
    assert.equal(str(await fs.getxattr({ node: f.node, name: "user.a", size: 100 })), "hello");
    await rejectsErrno(fs.getxattr({ node: f.node, name: "user.a", size: 4 }), "ERANGE");
    await rejectsErrno(fs.getxattr({ node: f.node, name: "user.missing", size: 100 }), "ENODATA");
    await rejectsErrno(fs.getxattr({ node: f.node, name: "user.missing", size: 0 }), "ENODATA");
    // binary values and empty values survive
    const bin = Uint8Array.from([0, 1, 2, 255, 10, 32, 0]);
    await fs.setxattr({ node: f.node, name: "user.bin", value: bin, flags: 0 });
    assert.deepEqual([...(await fs.getxattr({ node: f.node, name: "user.bin", size: 64 }) as Uint8Array)], [...bin]);
    await fs.setxattr({ node: f.node, name: "user.empty", value: new Uint8Array(0), flags: 0 });
    assert.equal(await fs.getxattr({ node: f.node, name: "user.empty", size: 0 }), 0);
    // flags
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.a", value: buf("x"), flags: XATTR_CREATE }), "EEXIST");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.nope", value: buf("x"), flags: XATTR_REPLACE }), "ENODATA");
    await fs.setxattr({ node: f.node, name: "user.a", value: buf("bye"), flags: XATTR_REPLACE });
    await fs.setxattr({ node: f.node, name: "user.c", value: buf("new"), flags: XATTR_CREATE });
    assert.equal(str(await fs.getxattr({ node: f.node, name: "user.a", size: 10 })), "bye");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.a", value: buf("x"), flags: 4 }), "EINVAL");
    // list: length, exact, too small
    const want = ["user.a", "user.bin", "user.c", "user.empty"];
    const len = want.reduce((n, s) => n + s.length + 1, 0);
    assert.equal(await fs.listxattr({ node: f.node, size: 0 }), len);
    const list = str(await fs.listxattr({ node: f.node, size: len }));
    assert.deepEqual(list.split("\0").filter(Boolean).sort(), want);
    assert.ok(list.endsWith("\0"));
    await rejectsErrno(fs.listxattr({ node: f.node, size: len - 1 }), "ERANGE");
    // remove
    await fs.removexattr({ node: f.node, name: "user.c" });
    await rejectsErrno(fs.removexattr({ node: f.node, name: "user.c" }), "ENODATA");
    await rejectsErrno(fs.getxattr({ node: f.node, name: "user.c", size: 0 }), "ENODATA");
    // limits: names 1..255 bytes (ERANGE otherwise), values up to 64 KiB (E2BIG beyond)
    await rejectsErrno(fs.getxattr({ node: f.node, name: "", size: 0 }), "ERANGE");
    await rejectsErrno(fs.setxattr({ node: f.node, name: `user.${"n".repeat(251)}`, value: buf("x"), flags: 0 }), "ERANGE");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.big", value: new Uint8Array(65537), flags: 0 }), "E2BIG");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.", value: buf("x"), flags: 0 }), "EINVAL");
    const long = `user.${"n".repeat(250)}`; // 255 bytes
    await fs.setxattr({ node: f.node, name: long, value: buf("ok"), flags: 0 });
    assert.equal(str(await fs.getxattr({ node: f.node, name: long, size: 10 })), "ok");
    // namespaces: system.* (ACLs) refused; security.* not writable by guests
    await rejectsErrno(fs.getxattr({ node: f.node, name: "system.posix_acl_access", size: 0 }), "EOPNOTSUPP");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "system.posix_acl_access", value: buf("x"), flags: 0 }), "EOPNOTSUPP");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "security.capability", value: buf("x"), flags: 0 }), "EPERM");
    await rejectsErrno(fs.removexattr({ node: f.node, name: "security.selinux" }), "EPERM");
    // Removing file capabilities (kill-priv) is allowed: here there are none.
    await rejectsErrno(fs.removexattr({ node: f.node, name: "security.capability" }), "ENODATA");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "bogus.x", value: buf("x"), flags: 0 }), "EOPNOTSUPP");
    await rejectsErrno(fs.getxattr({ node: f.node, name: "security.capability", size: 0 }), "ENODATA");
    // directories too; the virtual root has none; unknown nodes → ESTALE
    mkdirSync(join(d.path, "dir"));
    const dir = await fs.lookup({ parent: root.node, name: "dir" });
    await fs.setxattr({ node: dir.node, name: "user.d", value: buf("dv"), flags: 0 });
    assert.equal(getfattr(join(d.path, "dir"), "user.d"), "dv");
    assert.equal(await fs.listxattr({ node: 1, size: 0 }), 0);
    await rejectsErrno(fs.getxattr({ node: 1, name: "user.a", size: 0 }), "ENODATA");
    await rejectsErrno(fs.setxattr({ node: 1, name: "user.a", value: buf("x"), flags: 0 }), "EROFS");
    await rejectsErrno(fs.getxattr({ node: 99999, name: "user.a", size: 0 }), "ESTALE");
  } finally {
    await fs.close();
  }
});

test("xattrs of a symlink node are the symlink's own, never its target's", async (t) => {
  using d = tempDir();
  if (!xattrsWork(d.path)) return t.skip("no user xattrs on the temp dir's file system");
  writeFileSync(join(d.path, "target"), "t");
  execFileSync("setfattr", ["-n", "user.secret", "-v", "target-value", join(d.path, "target")]);
  symlinkSync("target", join(d.path, "sl"));
  execFileSync("mkfifo", [join(d.path, "fifo")]);
  const { fs, root } = await service([d.path]);
  try {
    const sl = await fs.lookup({ parent: root.node, name: "sl" });
    await rejectsErrno(fs.getxattr({ node: sl.node, name: "user.secret", size: 100 }), "ENODATA");
    assert.equal(await fs.listxattr({ node: sl.node, size: 0 }), 0);
    // Linux refuses user.* on symlinks (EPERM); the target is untouched.
    await rejectsErrno(fs.setxattr({ node: sl.node, name: "user.x", value: buf("x"), flags: 0 }), "EPERM");
    assert.equal(getfattr(join(d.path, "target"), "user.x"), null);
    if (isRoot) {
      await fs.setxattr({ node: sl.node, name: "trusted.t", value: buf("on-link"), flags: 0 });
      assert.equal(getfattr(join(d.path, "sl"), "trusted.t"), "on-link");
      assert.equal(getfattr(join(d.path, "target"), "trusted.t"), null);
      assert.equal(str(await fs.getxattr({ node: sl.node, name: "trusted.t", size: 100 })), "on-link");
    }
    // A FIFO node is never opened: the call goes to its inode through the O_PATH fd.
    const fifo = await fs.lookup({ parent: root.node, name: "fifo" });
    await rejectsErrno(fs.getxattr({ node: fifo.node, name: "user.a", size: 0 }), "ENODATA");
  } finally {
    await fs.close();
  }
});

test("xattrs on a read-only export: reads work, set/remove → EROFS", async (t) => {
  using d = tempDir();
  if (!xattrsWork(d.path)) return t.skip("no user xattrs on the temp dir's file system");
  writeFileSync(join(d.path, "f"), "data");
  execFileSync("setfattr", ["-n", "user.a", "-v", "v", join(d.path, "f")]);
  const { fs, root } = await service([{ path: d.path, readOnly: true }]);
  try {
    const f = await fs.lookup({ parent: root.node, name: "f" });
    assert.equal(str(await fs.getxattr({ node: f.node, name: "user.a", size: 10 })), "v");
    await rejectsErrno(fs.setxattr({ node: f.node, name: "user.b", value: buf("x"), flags: 0 }), "EROFS");
    await rejectsErrno(fs.removexattr({ node: f.node, name: "user.a" }), "EROFS");
    assert.equal(getfattr(join(d.path, "f"), "user.a"), "v");
  } finally {
    await fs.close();
  }
});

test("xattr calls run concurrently on a small pool of helpers and do not hold up other ops", async (t) => {
  using d = tempDir();
  if (!xattrsWork(d.path)) return t.skip("no user xattrs on the temp dir's file system");
  const invals: Invalidation[] = [];
  const { fs, root } = await service([d.path], { onInvalidate: (i) => void invals.push(i) });
  try {
    const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
    for (const n of names) writeFileSync(join(d.path, n), n);
    const nodes = await Promise.all(names.map((name) => fs.lookup({ parent: root.node, name })));
    const t0 = performance.now();
    await Promise.all(nodes.map((e, i) => fs.setxattr({ node: e.node, name: "user.i", value: buf(String(i)), flags: 0 })));
    const got = await Promise.all(nodes.map((e) => fs.getxattr({ node: e.node, name: "user.i", size: 16 })));
    const ms = (performance.now() - t0) / 80;
    assert.deepEqual(got.map(str), names.map((_, i) => String(i)));
    assert.ok(helperCount() <= 4);
    t.diagnostic(`~${ms.toFixed(2)} ms per xattr call (80 calls, concurrent)`);
    // A getattr is not queued behind xattr calls.
    const many = Promise.all(nodes.map((e) => fs.getxattr({ node: e.node, name: "user.i", size: 16 })));
    await fs.getattr({ node: nodes[0]!.node });
    await many;
  } finally {
    await fs.close();
  }
});
