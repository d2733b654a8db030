import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DirEntryPlus, Entry, OpenOut } from "@mrc/protocol";
import { leaseHelperPid, service, tempDir, O_RDONLY, O_WRONLY } from "./test-util.js";
import type { FileService } from "./service.js";
import { FIRST_WINDOW } from "./scans.js";

const O_TRUNC = 0o1000;
const LINK_A = { name: "link A" };
const LINK_B = { name: "link B" };
const PREFETCH = 64 * 1024;

/** A service whose recalls are recorded, and answered when `answer` says so (default at once). */
async function delegatingService(dir: string) {
  const recalls: Array<{ origin: unknown; nodes: number[] }> = [];
  let gate: Promise<void> = Promise.resolve();
  const s = await service([dir], {
    recall: async (origin, nodes) => {
      recalls.push({ origin, nodes });
      await gate;
    },
  });
  return { ...s, recalls, hold: (p: Promise<void>) => void (gate = p) };
}

/** The entries (with their counted Entry) of directory `name` of the export, in listing order. */
async function listDir(fs: FileService, root: Entry, name: string, ctx: { origin: unknown }): Promise<Array<DirEntryPlus & { entry: Entry }>> {
  const dir = await fs.lookup({ parent: root.node, name }, ctx);
  const dh = await fs.opendir({ node: dir.node }, ctx);
  const listing = (await fs.readdirplus({ fh: dh.fh, offset: 0, maxEntries: 1000 }, ctx)) as DirEntryPlus[];
  await fs.releasedir({ fh: dh.fh });
  return listing.filter((x): x is DirEntryPlus & { entry: Entry } => x.entry !== undefined);
}

const readOpen = (node: number) => ({ node, flags: O_RDONLY, prefetch: PREFETCH, deleg: true });

test("the second open of a file by one target delegates it; a write through another target recalls it first", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "version 1");
  const { fs, root, recalls } = await delegatingService(d.path);
  try {
    assert.equal(fs.delegations.enabled, true);
    const e = await fs.lookup({ parent: root.node, name: "f" }, { origin: LINK_A });
    const first = await fs.open(readOpen(e.node), { origin: LINK_A });
    assert.equal(first.deleg, undefined, "a first open is not delegated");
    await fs.release({ fh: first.fh });
    const second = await fs.open(readOpen(e.node), { origin: LINK_A });
    assert.equal(second.deleg, true);
    assert.equal(Buffer.from(second.data!).toString(), "version 1");
    await fs.release({ fh: second.fh });
    assert.equal(fs.delegations.holders(e.node).length, 1);

    // Link B opens the file for writing: A's delegation is recalled before the open happens.
    const eb = await fs.lookup({ parent: root.node, name: "f" }, { origin: LINK_B });
    const w = await fs.open({ node: eb.node, flags: O_WRONLY | O_TRUNC }, { origin: LINK_B });
    assert.deepEqual(recalls, [{ origin: LINK_A, nodes: [e.node] }]);
    assert.deepEqual(fs.delegations.holders(e.node), []);
    // While B has it open for writing, nothing is delegated.
    const third = await fs.open(readOpen(e.node), { origin: LINK_A });
    assert.equal(third.deleg, undefined);
    await fs.release({ fh: third.fh });
    await fs.write({ fh: w.fh, offset: 0, data: Buffer.from("version 2") }, { origin: LINK_B });
    await fs.release({ fh: w.fh });
    const fourth = await fs.open(readOpen(e.node), { origin: LINK_A });
    assert.equal(fourth.deleg, true, "delegated again once the writer closed");
    assert.equal(Buffer.from(fourth.data!).toString(), "version 2");
    await fs.release({ fh: fourth.fh });
    // Forgetting the node gives the delegation back (and the lease with it).
    fs.forget({ items: [[e.node, 1]] }, { origin: LINK_A });
    assert.deepEqual(fs.delegations.holders(e.node), []);
    assert.equal(fs.delegations.active, 0);
  } finally {
    await fs.close();
  }
});

test("a process on the head that writes a delegated file waits until the target gave it up", { timeout: 10_000 }, async () => {
  using d = tempDir();
  const f = join(d.path, "f");
  writeFileSync(f, "old");
  const { fs, root, recalls, hold } = await delegatingService(d.path);
  try {
    const e = await fs.lookup({ parent: root.node, name: "f" }, { origin: LINK_A });
    for (let i = 0; i < 2; i++) await fs.release({ fh: (await fs.open(readOpen(e.node), { origin: LINK_A })).fh });
    assert.equal(fs.delegations.holders(e.node).length, 1);
    let answer!: () => void;
    hold(new Promise<void>((r) => (answer = r)));
    const writer = spawn("/bin/sh", ["-c", `printf new > '${f}'`], { stdio: "ignore" });
    let exited = false;
    const exit = once(writer, "exit").then(([code]) => ((exited = true), code));
    // The kernel held the writer in open(2) and the head asked the target to give the file up.
    while (recalls.length === 0) await new Promise((r) => setImmediate(r));
    assert.deepEqual(recalls, [{ origin: LINK_A, nodes: [e.node] }]);
    assert.equal(exited, false);
    assert.equal(readFileSync(f, "utf8"), "old");
    answer();
    assert.equal(await exit, 0);
    assert.equal(readFileSync(f, "utf8"), "new");
    assert.deepEqual(fs.delegations.holders(e.node), []);
  } finally {
    await fs.close();
  }
});

test("opens that follow the listing get the next files delegated ahead, and fs.readahead the window after", async () => {
  using d = tempDir();
  mkdirSync(join(d.path, "dir"));
  for (let i = 0; i < 40; i++) writeFileSync(join(d.path, "dir", `f${i}`), `contents of ${i}`);
  writeFileSync(join(d.path, "dir", "f0big"), Buffer.alloc(PREFETCH + 1)); // listed second
  const { fs, root } = await delegatingService(d.path);
  try {
    const ctx = { origin: LINK_A };
    const files = await listDir(fs, root, "dir", ctx);
    const nameOf = new Map(files.map((x) => [x.entry.node, x.name]));
    const open = async (i: number): Promise<OpenOut> => {
      const r = await fs.open(readOpen(files[i]!.entry.node), ctx);
      await fs.release({ fh: r.fh });
      return r;
    };
    assert.equal((await open(7)).ahead, undefined, "one open in the middle is no scan");
    const second = await open(8);
    assert.equal(second.ahead?.length, FIRST_WINDOW);
    for (const [k, a] of second.ahead!.entries()) {
      assert.equal(a.node, files[9 + k]!.entry.node, "the next files of the listing, in its order");
      assert.equal(Buffer.from(a.data).toString(), `contents of ${nameOf.get(a.node)!.slice(1)}`);
    }
    const more = await fs.readahead({ node: second.ahead![0]!.node, limit: PREFETCH }, ctx);
    assert.equal(more.ahead.length, FIRST_WINDOW * 2);
    assert.equal(more.ahead[0]!.node, files[9 + FIRST_WINDOW]!.entry.node);
    // An open that reached the head inside the window on its way brings nothing more, and the
    // scan goes on from that window.
    assert.equal((await open(15)).ahead, undefined);
    const after = await fs.readahead({ node: files[16]!.entry.node, limit: PREFETCH }, ctx);
    assert.equal(after.ahead[0]?.node, files[21]!.entry.node);
    // The listing's first file starts a scan by itself; the file too big to carry is skipped.
    assert.equal(files[1]!.name, "f0big");
    const fromStart = await open(0);
    assert.equal(fromStart.ahead?.[0]?.node, files[2]!.entry.node);
    // An open elsewhere in the listing ends the scan: nothing ahead.
    assert.equal((await open(30)).ahead, undefined);
    // The file too big to carry is never delegated ahead.
    const all = new Set([...second.ahead!, ...more.ahead, ...after.ahead, ...fromStart.ahead!].map((a) => a.node));
    assert.equal(all.has(files[1]!.entry.node), false);
    // Another link holds none of them.
    assert.deepEqual(await fs.readahead({ node: second.ahead![0]!.node, limit: PREFETCH }, { origin: LINK_B }), { ahead: [] });
    // The link goes away: its delegations and leases with it.
    assert.ok(fs.delegations.active > 0);
    fs.dropOrigin(LINK_A);
    assert.equal(fs.delegations.active, 0);
    assert.equal(fs.delegations.size, 0);
  } finally {
    await fs.close();
  }
});

test("without a recall path nothing is delegated", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  const { fs, root } = await service([d.path]);
  try {
    const e = await fs.lookup({ parent: root.node, name: "f" }, { origin: LINK_A });
    for (let i = 0; i < 2; i++) {
      const r = await fs.open(readOpen(e.node), { origin: LINK_A });
      assert.equal(r.deleg, undefined);
      await fs.release({ fh: r.fh });
    }
    assert.equal(fs.delegations.enabled, false);
  } finally {
    await fs.close();
  }
});

test("a deferred create names its node with a reserved id and brings its writes; an id not reserved is refused", async () => {
  using d = tempDir();
  const { fs, root } = await service([d.path]);
  try {
    const ctx = { origin: LINK_A };
    const { first, count } = await fs.reserve({ count: 4 }, ctx);
    assert.equal(count, 4);
    const r = await fs.create(
      { parent: root.node, name: "new", flags: O_WRONLY | 0o100 | O_TRUNC, mode: 0o644, umask: 0o022, node: first, writes: [[0, Buffer.from("hello ")], [6, Buffer.from("world")]] },
      ctx,
    );
    assert.equal(r.entry.node, first);
    assert.equal(r.entry.attr.size, 11);
    assert.equal(readFileSync(join(d.path, "new"), "utf8"), "hello world");
    assert.equal((await fs.getattr({ node: first })).size, 11);
    await fs.release({ fh: r.open.fh });
    // Used up: the same id again, an id of another link, a made-up id.
    for (const [node, origin] of [[first, LINK_A], [first + 1, LINK_B], [first + 100, LINK_A]] as const) {
      await assert.rejects(fs.create({ parent: root.node, name: `x${node}`, flags: O_WRONLY | 0o100, mode: 0o644, umask: 0, node }, { origin }), (e: { errno?: string }) => e.errno === "EINVAL");
    }
    // The name existed after all (created meanwhile elsewhere): the id becomes another id of that node.
    writeFileSync(join(d.path, "raced"), "theirs");
    const known = await fs.lookup({ parent: root.node, name: "raced" }, ctx);
    const r2 = await fs.create({ parent: root.node, name: "raced", flags: O_WRONLY | 0o100 | O_TRUNC, mode: 0o644, umask: 0, node: first + 1, writes: [[0, Buffer.from("ours")]] }, ctx);
    await fs.release({ fh: r2.open.fh });
    assert.equal(readFileSync(join(d.path, "raced"), "utf8"), "ours");
    assert.equal((await fs.getattr({ node: first + 1 })).ino, (await fs.getattr({ node: known.node })).ino);
  } finally {
    await fs.close();
  }
});

test("if the lease helper dies, every delegation is recalled and none is granted any more", { timeout: 10_000 }, async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  const { fs, root, recalls } = await delegatingService(d.path);
  try {
    const e = await fs.lookup({ parent: root.node, name: "f" }, { origin: LINK_A });
    for (let i = 0; i < 2; i++) await fs.release({ fh: (await fs.open(readOpen(e.node), { origin: LINK_A })).fh });
    assert.equal(fs.delegations.holders(e.node).length, 1);
    const helper = leaseHelperPid();
    assert.ok(helper !== undefined, "the lease helper runs as a child");
    process.kill(helper, "SIGKILL");
    while (recalls.length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(recalls, [{ origin: LINK_A, nodes: [e.node] }]);
    assert.equal(fs.delegations.enabled, false);
    const again = await fs.open(readOpen(e.node), { origin: LINK_A });
    assert.equal(again.deleg, undefined);
    await fs.release({ fh: again.fh });
  } finally {
    await fs.close();
  }
});

test("a listed file replaced by a FIFO before the window is read is skipped, without blocking", { timeout: 10_000 }, async () => {
  using d = tempDir();
  mkdirSync(join(d.path, "dir"));
  for (let i = 0; i < 8; i++) writeFileSync(join(d.path, "dir", `f${i}`), `file ${i}`);
  const { fs, root } = await delegatingService(d.path);
  try {
    const ctx = { origin: LINK_A };
    const files = await listDir(fs, root, "dir", ctx);
    // f2 becomes a FIFO with no writer: opening it for reading without O_NONBLOCK would block.
    unlinkSync(join(d.path, "dir", "f2"));
    execFileSync("mkfifo", [join(d.path, "dir", "f2")]);
    const r = await fs.open(readOpen(files[0]!.entry.node), ctx);
    await fs.release({ fh: r.fh });
    const ahead = (r.ahead ?? []).map((a) => a.node);
    assert.deepEqual(ahead, [files[1]!.entry.node, files[3]!.entry.node, files[4]!.entry.node]);
  } finally {
    await fs.close();
  }
});
