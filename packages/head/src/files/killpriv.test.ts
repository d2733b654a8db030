import { test } from "node:test";
import * as assert from "node:assert/strict";
import { chmodSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WriteOut } from "@mrc/protocol";
import { killedMode } from "./killpriv.js";
import { service, tempDir, O_RDWR, O_WRONLY } from "./test-util.js";

const O_TRUNC = 0o1000;

// These tests run as root: the head's own kernel keeps set-id bits on write and truncate
// (CAP_FSETID), so only the service's killSuidgid handling can clear them.

const perm = (path: string): number => statSync(path).mode & 0o7777;

/** A file in a fresh export with exactly `mode` (chmod: the umask would drop bits). */
async function setup(mode: number) {
  const d = tempDir();
  const path = join(d.path, "f");
  writeFileSync(path, "data");
  chmodSync(path, mode);
  const { fs, root } = await service([d.path]);
  const node = (await fs.lookup({ parent: root.node, name: "f" })).node;
  return { d, path, fs, root, node, [Symbol.asyncDispose]: async () => (await fs.close(), d[Symbol.dispose]()) };
}

test("killedMode: suid always, sgid only with group-exec, directories and plain files untouched", () => {
  assert.equal(killedMode(0o106755), 0o755);
  assert.equal(killedMode(0o104644), 0o644);
  assert.equal(killedMode(0o102644), undefined, "sgid without group-exec marks mandatory locking");
  assert.equal(killedMode(0o106745), 0o2745);
  assert.equal(killedMode(0o102750), 0o750);
  assert.equal(killedMode(0o100755), undefined);
  assert.equal(killedMode(0o042775), undefined);
  assert.equal(killedMode(0o101777), undefined, "sticky is no privilege");
});

test("write with killSuidgid clears suid (and sgid with group-exec); the answer carries the new mode", async () => {
  await using s = await setup(0o6755);
  const h = await s.fs.open({ node: s.node, flags: O_RDWR });
  const r = (await s.fs.write({ fh: h.fh, offset: 0, data: Buffer.from("x"), attr: true, killSuidgid: true })) as WriteOut;
  assert.equal(r.written, 1);
  assert.equal(perm(s.path), 0o755);
  assert.equal(r.attr!.mode & 0o7777, 0o755, "attributes taken after the chmod");
  // Nothing left to clear: a second write leaves the mode alone.
  await s.fs.write({ fh: h.fh, offset: 1, data: Buffer.from("y"), killSuidgid: true });
  assert.equal(perm(s.path), 0o755);
  await s.fs.release({ fh: h.fh });
});

test("write with killSuidgid keeps sgid without group-exec; without the flag nothing changes", async () => {
  await using a = await setup(0o2644);
  const ha = await a.fs.open({ node: a.node, flags: O_WRONLY });
  await a.fs.write({ fh: ha.fh, offset: 0, data: Buffer.from("x"), killSuidgid: true });
  assert.equal(perm(a.path), 0o2644);
  await a.fs.release({ fh: ha.fh });

  await using b = await setup(0o6755);
  const hb = await b.fs.open({ node: b.node, flags: O_WRONLY });
  const r = (await b.fs.write({ fh: hb.fh, offset: 0, data: Buffer.from("x"), attr: true })) as WriteOut;
  assert.equal(perm(b.path), 0o6755, "a writer with CAP_FSETID keeps the bits");
  assert.equal(r.attr!.mode & 0o7777, 0o6755);
  await b.fs.release({ fh: hb.fh });
});

test("O_TRUNC open and create with killSuidgid clear the bits; without it they stay", async () => {
  await using s = await setup(0o4755);
  const plain = await s.fs.open({ node: s.node, flags: O_WRONLY | O_TRUNC });
  assert.equal(perm(s.path), 0o4755);
  await s.fs.release({ fh: plain.fh });
  const o = await s.fs.open({ node: s.node, flags: O_WRONLY | O_TRUNC, killSuidgid: true });
  assert.equal(perm(s.path), 0o755);
  assert.equal(o.attr!.mode & 0o7777, 0o755);
  assert.equal(statSync(s.path).size, 0);
  await s.fs.release({ fh: o.fh });

  chmodSync(s.path, 0o6775);
  const c = await s.fs.create({ parent: s.root.node, name: "f", flags: O_WRONLY | O_TRUNC, mode: 0o644, umask: 0, killSuidgid: true });
  assert.equal(perm(s.path), 0o775);
  assert.equal(c.entry.attr.mode & 0o7777, 0o775);
  await s.fs.release({ fh: c.open.fh });
});

test("setattr size with killSuidgid clears the bits (by node and by handle); without it they stay", async () => {
  await using s = await setup(0o6755);
  await s.fs.setattr({ node: s.node, size: 2 });
  assert.equal(perm(s.path), 0o6755);
  const a = await s.fs.setattr({ node: s.node, size: 1, killSuidgid: true });
  assert.equal(perm(s.path), 0o755);
  assert.equal(a.mode & 0o7777, 0o755);
  assert.equal(a.size, 1);

  chmodSync(s.path, 0o4700);
  const h = await s.fs.open({ node: s.node, flags: O_RDWR });
  const b = await s.fs.setattr({ node: s.node, fh: h.fh, size: 0, killSuidgid: true });
  assert.equal(b.mode & 0o7777, 0o700);
  await s.fs.release({ fh: h.fh });
});
