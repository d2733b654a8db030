import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, fstatSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { FdRef } from "./fd-ref.js";
import { StartSlots, EarlyWriteback, earlyWritebackBytes } from "./early-writeback.js";
import { startWriteback } from "./xattr-helper.js";
import { O_RDWR, service, tempDir } from "./test-util.js";

/** A start the test finishes by hand, recording which fds it was asked to start. */
function manualStart(): { calls: number[]; finish(err?: Error): void; fn: (fd: number) => Promise<void> } {
  const calls: number[] = [];
  let settle: ((err?: Error) => void) | undefined;
  return {
    calls,
    finish: (err) => settle?.(err),
    fn: (fd) => {
      calls.push(fd);
      return new Promise<void>((resolve, reject) => {
        settle = (err) => (err ? reject(err) : resolve());
      });
    },
  };
}

test("early writeback: one start per step, never two at once for a handle", async () => {
  using d = tempDir();
  const ref = new FdRef(openSync(join(d.path, "f"), "w"), "EBADF");
  const s = manualStart();
  const wb = new EarlyWriteback(100, new StartSlots(), s.fn);
  wb.wrote(ref, 60);
  assert.equal(s.calls.length, 0, "below the step: no start");
  wb.wrote(ref, 40);
  assert.equal(s.calls.length, 1, "the step reached: one start");
  wb.wrote(ref, 500);
  assert.equal(s.calls.length, 1, "a start running: no second one");
  s.finish();
  await wb.idle();
  wb.wrote(ref, 1);
  assert.equal(s.calls.length, 2, "what was written while it ran is a step: the next write starts again");
  s.finish();
  await wb.idle();
  wb.wrote(ref, 99);
  assert.equal(s.calls.length, 2, "99 more bytes are below the step");
  wb.wrote(ref, 1);
  assert.equal(s.calls.length, 3);
  s.finish(new Error("EACCES"));
  await wb.idle();
  wb.wrote(ref, 100);
  assert.equal(s.calls.length, 4, "a failed start changes nothing for the next");
  s.finish();
  await wb.idle();
  ref.close();
});

test("early writeback: handles share the service's slots; one that found none tries again at its next write", async () => {
  using d = tempDir();
  const a = new FdRef(openSync(join(d.path, "a"), "w"), "EBADF");
  const b = new FdRef(openSync(join(d.path, "b"), "w"), "EBADF");
  const s = manualStart();
  const slots = new StartSlots(1);
  const wa = new EarlyWriteback(10, slots, s.fn);
  const wb = new EarlyWriteback(10, slots, s.fn);
  wa.wrote(a, 10);
  wb.wrote(b, 10);
  assert.equal(s.calls.length, 1, "one slot: b waits");
  s.finish();
  await wa.idle();
  assert.equal(slots.busy, 0);
  wb.wrote(b, 1);
  assert.equal(s.calls.length, 2, "b's next write takes the free slot");
  s.finish();
  await wb.idle();
  a.close();
  b.close();
});

test("early writeback: a handle released during a start keeps its fd until the helper has answered", async () => {
  using d = tempDir();
  const fd = openSync(join(d.path, "f"), "w");
  const ref = new FdRef(fd, "EBADF");
  const s = manualStart();
  const wb = new EarlyWriteback(1, new StartSlots(), s.fn);
  wb.wrote(ref, 1);
  ref.close();
  assert.ok(fstatSync(fd).isFile(), "still open while the start runs");
  s.finish();
  await wb.idle();
  assert.throws(() => fstatSync(fd), /EBADF/, "closed once the start is done");
  wb.wrote(ref, 5);
  assert.equal(s.calls.length, 1, "a closed handle starts nothing");
});

test("early writeback step: MRC_EARLY_WRITEBACK_MIB, default 16 MiB, 0 or junk turns it off", () => {
  assert.equal(earlyWritebackBytes({}), 16 << 20);
  assert.equal(earlyWritebackBytes({ MRC_EARLY_WRITEBACK_MIB: "4" }), 4 << 20);
  assert.equal(earlyWritebackBytes({ MRC_EARLY_WRITEBACK_MIB: "0" }), 0);
  assert.equal(earlyWritebackBytes({ MRC_EARLY_WRITEBACK_MIB: "x" }), 0);
});

/** True when filefrag shows extents of `path` still waiting for delayed allocation (dirty, not yet written back). */
function delalloc(path: string): boolean {
  return execFileSync("filefrag", ["-v", path], { encoding: "utf8" }).includes("delalloc");
}

test("startWriteback: the helper starts the writeback of a file's dirty pages (ext4: no delayed extents left)", async (t) => {
  using d = tempDir();
  const path = join(d.path, "f");
  const fd = openSync(path, "w");
  try {
    writeSync(fd, Buffer.alloc(4 << 20, 1));
    if (!delalloc(path)) return t.skip("the file system under the temp dir has no delayed allocation to observe");
    await startWriteback(fd);
    assert.equal(delalloc(path), false, "every extent allocated: writeback was submitted");
    assert.equal(statSync(path).size, 4 << 20);
  } finally {
    closeSync(fd);
  }
});

test("early writeback through the service: each step starts writeback of the handle's own file; the data is intact", async () => {
  using d = tempDir();
  const started: number[] = [];
  const { fs, root } = await service([d.path], {
    earlyWritebackBytes: 256 << 10,
    earlyWritebackStart: async (fd) => void started.push(Number(fstatSync(fd).ino)),
  });
  const { open } = await fs.create({ parent: root.node, name: "f", mode: 0o644, umask: 0, flags: O_RDWR | 0o100 });
  const chunk = Buffer.alloc(64 << 10, 7);
  for (let i = 0; i < 16; i++) {
    await fs.write({ fh: open.fh, offset: i * chunk.length, data: chunk });
    await new Promise((resolve) => setImmediate(resolve)); // a start's callbacks are microtasks: done by now
  }
  await fs.fsync({ fh: open.fh, datasync: true });
  await fs.release({ fh: open.fh });
  const ino = Number(statSync(join(d.path, "f")).ino);
  assert.deepEqual(started, [ino, ino, ino, ino], "1 MiB written in 256 KiB steps: four starts, all on this file");
  const got = readFileSync(join(d.path, "f"));
  assert.equal(got.length, 16 * chunk.length);
  assert.ok(got.every((b) => b === 7));
  await fs.close();
});

test("early writeback off (earlyWritebackBytes 0): no start at all", async () => {
  using d = tempDir();
  let starts = 0;
  const { fs, root } = await service([d.path], { earlyWritebackBytes: 0, earlyWritebackStart: async () => void starts++ });
  const { open } = await fs.create({ parent: root.node, name: "f", mode: 0o644, umask: 0, flags: O_RDWR | 0o100 });
  await fs.write({ fh: open.fh, offset: 0, data: Buffer.alloc(1 << 20) });
  await fs.release({ fh: open.fh });
  assert.equal(starts, 0);
  await fs.close();
});
