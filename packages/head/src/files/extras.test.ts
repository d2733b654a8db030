// What the file service adds to its answers so targets can skip round trips: negative lookups
// without errors, directory attributes after name operations, attributes and contents with open,
// attributes with writes. Also the synchronous metadata path and its fallback to the threadpool.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { lstatSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { rejectsErrno, service, tempDir, O_RDONLY, O_RDWR, O_WRONLY } from "./test-util.js";
import { setSyncMetadata } from "./sys.js";
import { MAX_PREFETCH } from "./ops-io.js";

const O_CREAT = 0o100;
const O_TRUNC = 0o1000;

/** The directory's current attributes as a local stat sees them (size, mtime ns, nlink). */
function dirState(path: string): [number, number, number] {
  const st = statSync(path, { bigint: true });
  return [Number(st.size), Number(st.mtimeNs % 1_000_000_000n), Number(st.nlink)];
}

test("lookup with negative: a missing name is a node-0 entry, an existing one a normal entry", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  const { fs, root } = await service([d.path], { entryTtlMs: 7000 });
  const miss = await fs.lookup({ parent: root.node, name: "nope", negative: true });
  assert.equal(miss.node, 0);
  assert.equal(miss.entryTtlMs, 7000);
  const hit = await fs.lookup({ parent: root.node, name: "f", negative: true });
  assert.ok(hit.node > 1);
  assert.equal(hit.attr.size, 1);
  await rejectsErrno(fs.lookup({ parent: root.node, name: "nope" }), "ENOENT");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "x".repeat(256), negative: true }), "ENAMETOOLONG");
  await rejectsErrno(fs.lookup({ parent: root.node, name: "..", negative: true }), "EINVAL");
  await fs.close();
});

test("name operations return the directory's attributes after the change", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  const sub = await fs.mkdir({ parent: root.node, name: "sub", mode: 0o755, umask: 0 });
  const match = (a: { size: number; mtimeNsec: number; nlink: number } | undefined, path: string) =>
    assert.deepEqual(a && [a.size, a.mtimeNsec, a.nlink], dirState(path));
  match(sub.parentAttr, d.path);
  const c = await fs.create({ parent: sub.node, name: "f", flags: O_WRONLY | O_CREAT, mode: 0o644, umask: 0 });
  match(c.parentAttr, join(d.path, "sub"));
  await fs.release({ fh: c.open.fh });
  const l = await fs.link({ node: c.entry.node, newParent: root.node, newName: "hard" });
  match(l.parentAttr, d.path);
  const s = await fs.symlink({ parent: sub.node, name: "ln", target: "f" });
  match(s.parentAttr, join(d.path, "sub"));
  const r = await fs.rename({ parent: sub.node, name: "ln", newParent: root.node, newName: "ln2", flags: 0 });
  match(r.parentAttr, join(d.path, "sub"));
  match(r.newParentAttr, d.path);
  match((await fs.unlink({ parent: root.node, name: "ln2" })).parentAttr, d.path);
  match((await fs.unlink({ parent: root.node, name: "hard" })).parentAttr, d.path);
  await fs.unlink({ parent: sub.node, name: "f" });
  match((await fs.rmdir({ parent: root.node, name: "sub" })).parentAttr, d.path);
  await fs.close();
});

test("open returns the attributes, and with prefetch the whole small file", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "small"), "hello world");
  writeFileSync(join(d.path, "big"), Buffer.alloc(5000, 7));
  writeFileSync(join(d.path, "empty"), "");
  const { fs, root } = await service([d.path]);
  const small = await fs.lookup({ parent: root.node, name: "small" });
  const o = await fs.open({ node: small.node, flags: O_RDONLY, prefetch: 4096 });
  assert.equal(o.keepCache, false);
  assert.equal(Buffer.from(o.data!).toString(), "hello world");
  assert.equal(o.attr!.size, 11);
  await fs.release({ fh: o.fh });
  // Reopened unchanged: the target's page cache is good, so nothing is sent.
  const again = await fs.open({ node: small.node, flags: O_RDONLY, prefetch: 4096 });
  assert.equal(again.keepCache, true);
  assert.equal(again.data, undefined);
  await fs.release({ fh: again.fh });
  // Too large, or not read-only, or not asked: attributes only.
  const big = await fs.lookup({ parent: root.node, name: "big" });
  const ob = await fs.open({ node: big.node, flags: O_RDONLY, prefetch: 4096 });
  assert.equal(ob.data, undefined);
  assert.equal(ob.attr!.size, 5000);
  const rw = await fs.open({ node: small.node, flags: O_RDWR, prefetch: 4096 });
  assert.equal(rw.data, undefined);
  const plain = await fs.open({ node: big.node, flags: O_RDONLY });
  assert.equal(plain.data, undefined);
  const empty = await fs.lookup({ parent: root.node, name: "empty" });
  const oe = await fs.open({ node: empty.node, flags: O_RDONLY, prefetch: 4096 });
  assert.equal(oe.data!.length, 0);
  assert.ok(MAX_PREFETCH >= 64 * 1024);
  // O_TRUNC: the attributes after the truncation.
  const t = await fs.open({ node: big.node, flags: O_WRONLY | O_TRUNC });
  assert.equal(t.attr!.size, 0);
  for (const h of [ob, rw, plain, oe, t]) await fs.release({ fh: h.fh });
  await fs.close();
});

test("write with attr: the count and the attributes right after the write; the plain form still answers a number", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  const c = await fs.create({ parent: root.node, name: "w", flags: O_RDWR | O_CREAT, mode: 0o644, umask: 0 });
  assert.equal(await fs.write({ fh: c.open.fh, offset: 0, data: Buffer.from("abc") }), 3);
  const r = await fs.write({ fh: c.open.fh, offset: 10, data: Buffer.from("xyz"), attr: true });
  assert.ok(typeof r === "object");
  assert.equal(r.written, 3);
  assert.equal(r.attr!.size, 13);
  const st = statSync(join(d.path, "w"), { bigint: true });
  assert.equal(r.attr!.mtimeNsec, Number(st.mtimeNs % 1_000_000_000n));
  await fs.release({ fh: c.open.fh });
  await fs.close();
});

test("the threadpool path gives the same answers, and a FIFO is never opened on the event loop", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "data");
  execFileSync("mkfifo", [join(d.path, "fifo")]);
  setSyncMetadata(false);
  try {
    const { fs, root } = await service([d.path]);
    assert.equal((await fs.lookup({ parent: root.node, name: "nope", negative: true })).node, 0);
    const f = await fs.lookup({ parent: root.node, name: "f" });
    const o = await fs.open({ node: f.node, flags: O_RDONLY, prefetch: 100 });
    assert.equal(Buffer.from(o.data!).toString(), "data");
    await fs.release({ fh: o.fh });
    const w = await fs.write({ fh: (await fs.open({ node: f.node, flags: O_WRONLY })).fh, offset: 0, data: Buffer.from("D"), attr: true });
    assert.deepEqual(typeof w === "object" ? [w.written, w.attr] : w, [1, undefined]); // no attributes without the synchronous stat
    await fs.close();
  } finally {
    setSyncMetadata(true);
  }
  // With the synchronous path on, opening a FIFO (which blocks until a writer comes) must not
  // block the event loop: a writer started later still gets in.
  const { fs, root } = await service([d.path]);
  const fifo = await fs.lookup({ parent: root.node, name: "fifo" });
  const opening = fs.open({ node: fifo.node, flags: O_RDONLY });
  await new Promise((r) => setTimeout(r, 50));
  execFileSync("sh", ["-c", `echo hi > ${join(d.path, "fifo")}`]);
  const of = await opening;
  await fs.release({ fh: of.fh });
  await fs.close();
});

test("create of a name that exists after all: the existing file (truncated with O_TRUNC), not a new one", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "old contents");
  const { symlinkSync } = await import("node:fs");
  symlinkSync("nowhere", join(d.path, "dangling"));
  const { fs, root } = await service([d.path]);
  const before = await fs.lookup({ parent: root.node, name: "f" });
  const c = await fs.create({ parent: root.node, name: "f", flags: O_RDWR | O_CREAT | O_TRUNC, mode: 0o600, umask: 0 });
  assert.equal(c.entry.node, before.node);
  assert.equal(c.entry.attr.size, 0);
  assert.equal(statSync(join(d.path, "f")).mode & 0o777, 0o644, "an existing file keeps its mode");
  await fs.release({ fh: c.open.fh });
  await rejectsErrno(fs.create({ parent: root.node, name: "dangling", flags: O_RDWR | O_CREAT, mode: 0o644, umask: 0 }), "ELOOP");
  await fs.close();
});

/** f0..f5 (f<i> holding i bytes), a directory "sub" and a symlink "ln" → "f1". */
function sampleDir(dir: string): void {
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `f${i}`), "x".repeat(i));
  mkdirSync(join(dir, "sub"));
  symlinkSync("f1", join(dir, "ln"));
}

/** Run `list` with synchronous metadata calls (on the event loop), then without (threadpool). */
async function onBothPaths<T>(list: () => Promise<T>): Promise<{ onLoop: T; pooled: T }> {
  const onLoop = await list();
  setSyncMetadata(false);
  try {
    return { onLoop, pooled: await list() };
  } finally {
    setSyncMetadata(true);
  }
}

test("readdir: inode numbers on the event loop and on the threadpool agree with lstat; names gone since the listing are skipped", async () => {
  using d = tempDir();
  sampleDir(d.path);
  const { onLoop, pooled } = await onBothPaths(async (): Promise<Array<[string, number, number]>> => {
    const { fs, root } = await service([d.path]);
    const dh = await fs.opendir({ node: root.node });
    const head = await fs.readdir({ fh: dh.fh, offset: 0, maxEntries: 2 }); // takes the listing: ".", ".."
    rmSync(join(d.path, "f3"));
    const rest = await fs.readdir({ fh: dh.fh, offset: 2, maxEntries: 100 });
    writeFileSync(join(d.path, "f3"), "xxx");
    await fs.close();
    assert.deepEqual(head.map((e) => e.name), [".", ".."]);
    return rest.map((e) => [e.name, e.ino, e.off]);
  });
  assert.deepEqual(onLoop, pooled);
  assert.deepEqual(onLoop.map(([n]) => n).sort(), ["f0", "f1", "f2", "f4", "f5", "ln", "sub"], "f3 vanished after the listing was taken");
  for (const [name, ino] of onLoop) assert.equal(ino, lstatSync(join(d.path, name)).ino, `${name}: the inode lstat gives (a symlink's own)`);
});

test("readdirplus: the event-loop batch and the threadpool give the same entries; names gone since the listing are skipped", async () => {
  using d = tempDir();
  sampleDir(d.path);
  const { onLoop, pooled } = await onBothPaths(async (): Promise<Array<[string, number, number]>> => {
    const { fs, root } = await service([d.path]);
    const dh = await fs.opendir({ node: root.node });
    const head = await fs.readdirplus({ fh: dh.fh, offset: 0, maxEntries: 2 }); // takes the listing: ".", ".."
    rmSync(join(d.path, "f3"));
    const rest = await fs.readdirplus({ fh: dh.fh, offset: 2, maxEntries: 100 });
    writeFileSync(join(d.path, "f3"), "xxx");
    const all = [...head, ...rest];
    assert.deepEqual(head.map((e) => e.name), [".", ".."]);
    assert.ok(rest.every((e) => e.entry !== undefined && e.entry.attr.ino === e.ino && e.entry.node > 1));
    const sub = rest.find((e) => e.name === "sub");
    assert.equal(sub?.type, 4);
    assert.equal(((await fs.getattr({ node: sub!.entry!.node })).mode & 0o170000), 0o040000, "the directory's node works");
    await fs.close();
    return all.map((e) => [e.name, e.off, e.entry === undefined ? -1 : e.entry.attr.size]);
  });
  const byName = (l: Array<[string, number, number]>) => [...l].sort((a, b) => a[0].localeCompare(b[0]));
  assert.deepEqual(byName(onLoop), byName(pooled));
  assert.ok(!onLoop.some(([n]) => n === "f3"), "f3 vanished after the listing was taken");
  assert.deepEqual(onLoop.find(([n]) => n === "f5")?.[2], 5);
  assert.deepEqual(onLoop.find(([n]) => n === "ln")?.[2], 2, "a symlink's own size (lstat)");
});

test("opendir with cacheDir: keepCache (and no listing) only while the last whole listing to this origin is still the directory's", async () => {
  using d = tempDir();
  sampleDir(d.path);
  const { fs, root } = await service([d.path]);
  const a = { origin: "target-a" };
  const b = { origin: "target-b" };
  const open = (ctx: { origin: string }) => fs.opendir({ node: root.node, prefetch: 100, compact: true, cacheDir: true }, ctx);
  const first = await open(a);
  assert.equal(first.keepCache, false, "never listed to a");
  assert.equal(first.eof, true, "the whole listing came with the opendir");
  const again = await open(a);
  assert.equal(again.keepCache, true);
  assert.equal(again.entries, undefined, "nothing listed when the kernel keeps it");
  assert.equal((await open(b)).keepCache, false, "per origin");
  // A change through the service (by b): a's listing is not the directory's any more.
  const c = await fs.create({ parent: root.node, name: "new", mode: 0o644, umask: 0, flags: O_RDWR | O_CREAT }, b);
  await fs.release({ fh: c.open.fh });
  assert.equal((await open(a)).keepCache, false);
  assert.equal((await open(a)).keepCache, true, "listed whole again just now");
  // A change by anyone else (the directory's ctime moves).
  rmSync(join(d.path, "f2"));
  assert.equal((await open(a)).keepCache, false);
  // A listing not read to its end does not count; without cacheDir nothing is kept either.
  assert.equal((await open(a)).keepCache, true);
  rmSync(join(d.path, "f3"));
  const partial = await fs.opendir({ node: root.node, cacheDir: true }, a);
  await fs.readdir({ fh: partial.fh, offset: 0, maxEntries: 3 }); // after the change, but not to the end
  assert.equal((await open(a)).keepCache, false);
  assert.equal((await fs.opendir({ node: root.node }, a)).keepCache, false);
  await fs.close();
});
