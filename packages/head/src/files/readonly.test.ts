import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { rejectsErrno, service, tempDir, O_RDONLY, O_WRONLY, O_RDWR } from "./test-util.js";
import { constants as c } from "node:fs";

test("a read-only export refuses every mutation with EROFS and still reads", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "data");
  mkdirSync(join(d.path, "sub"));
  symlinkSync("f", join(d.path, "sl"));
  const { fs, root } = await service([{ path: d.path, readOnly: true }]);
  const f = await fs.lookup({ parent: root.node, name: "f" });
  const sub = await fs.lookup({ parent: root.node, name: "sub" });
  const sl = await fs.lookup({ parent: root.node, name: "sl" });
  const r = await fs.open({ node: f.node, flags: O_RDONLY });
  assert.equal(Buffer.from(await fs.read({ fh: r.fh, offset: 0, size: 10 })).toString(), "data");
  const P = root.node;
  const mutations: Array<[string, () => Promise<unknown>]> = [
    ["setattr mode", () => fs.setattr({ node: f.node, mode: 0o600 })],
    ["setattr size", () => fs.setattr({ node: f.node, size: 0 })],
    ["setattr times", () => fs.setattr({ node: f.node, mtime: "now" })],
    ["setattr symlink", () => fs.setattr({ node: sl.node, mtime: "now" })],
    ["open write", () => fs.open({ node: f.node, flags: O_WRONLY })],
    ["open rdwr", () => fs.open({ node: f.node, flags: O_RDWR })],
    ["open trunc", () => fs.open({ node: f.node, flags: O_RDONLY | c.O_TRUNC })],
    ["create", () => fs.create({ parent: P, name: "n", flags: O_RDWR, mode: 0o644, umask: 0 })],
    ["create existing", () => fs.create({ parent: P, name: "f", flags: O_RDONLY, mode: 0o644, umask: 0 })],
    ["mkdir", () => fs.mkdir({ parent: P, name: "n", mode: 0o755, umask: 0 })],
    ["mknod", () => fs.mknod({ parent: P, name: "n", mode: 0o010644, rdev: 0, umask: 0 })],
    ["symlink", () => fs.symlink({ parent: P, name: "n", target: "x" })],
    ["link", () => fs.link({ node: f.node, newParent: sub.node, newName: "n" })],
    ["unlink", () => fs.unlink({ parent: P, name: "f" })],
    ["rmdir", () => fs.rmdir({ parent: P, name: "sub" })],
    ["rename", () => fs.rename({ parent: P, name: "f", newParent: sub.node, newName: "f", flags: 0 })],
    ["rename exchange", () => fs.rename({ parent: P, name: "f", newParent: P, newName: "sub", flags: 2 })],
    ["setxattr", () => fs.setxattr({ node: f.node, name: "user.a", value: new Uint8Array(1), flags: 0 })],
    ["removexattr", () => fs.removexattr({ node: f.node, name: "user.a" })],
    ["write", () => fs.write({ fh: r.fh, offset: 0, data: Buffer.from("x") })],
    ["fallocate", () => fs.fallocate({ fh: r.fh, mode: 0, offset: 0, length: 100 })],
    ["copyFileRange", () => fs.copyFileRange({ fhIn: r.fh, offIn: 0, fhOut: r.fh, offOut: 10, len: 1, flags: 0 })],
    ["access W_OK", () => fs.access({ node: f.node, mask: 2 })],
  ];
  for (const [what, op] of mutations) {
    await rejectsErrno(op(), "EROFS").catch((err: Error) => {
      throw new Error(`${what}: ${err.message}`);
    });
  }
  assert.deepEqual(readdirSync(d.path).sort(), ["f", "sl", "sub"]);
  assert.equal(readFileSync(join(d.path, "f"), "utf8"), "data");
  await fs.access({ node: f.node, mask: 4 });
  await fs.close();
});
