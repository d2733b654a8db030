import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { HeldOutput, LineSplitter, OutputBudget, Printer } from "./output.js";

/**
 * Two writers into one shared "pipe" (like 2>&1), each completing its writes later and at its own
 * pace: only by waiting for one stream's writes before using the other can order be kept.
 */
function sharedPipe() {
  const pipe: string[] = [];
  let release: Array<() => void> = [];
  const writer = () =>
    new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _e, cb) {
        // The bytes land only when the test releases them (an asynchronous writer).
        release.push(() => {
          pipe.push(chunk.toString());
          cb();
        });
      },
    });
  const flushAll = () => {
    const r = release;
    release = [];
    r.forEach((f) => f());
    return r.length;
  };
  return { pipe, out: writer(), err: writer(), flushAll };
}

test("Printer keeps the order of writes across stdout and stderr sharing one pipe", async () => {
  const { pipe, out, err, flushAll } = sharedPipe();
  const p = new Printer(out, err);
  void p.write(1, Buffer.from("o1 "));
  void p.write(1, Buffer.from("o2 "));
  void p.write(2, Buffer.from("e1 "));
  void p.write(1, Buffer.from("o3 "));
  const idle = p.idle();
  // Release completions (the err write must wait for the out writes to complete, and so on).
  let rounds = 0;
  let settled = false;
  void idle.then(() => (settled = true));
  while (!settled && rounds < 50) {
    flushAll();
    await new Promise((r) => setImmediate(r));
    rounds++;
  }
  assert.equal(settled, true);
  assert.equal(pipe.join(""), "o1 o2 e1 o3 ");
});

test("Printer erases the progress line before terminal output and reports the first write error once", async () => {
  const events: string[] = [];
  const progress = { update() {}, clear: () => void events.push("clear"), resume: () => void events.push("resume"), close() {} };
  const out = Object.assign(new Writable({ write: (c: Buffer, _e, cb) => (events.push(`out:${c}`), cb()) }), { isTTY: false });
  const err = new Writable({ write: (c: Buffer, _e, cb) => (events.push(`err:${c}`), cb()) });
  const p = new Printer(out, err, { progress });
  await p.write(1, Buffer.from("a"));
  await p.write(2, Buffer.from("b"));
  await p.idle();
  assert.deepEqual(events, ["out:a", "clear", "err:b", "resume"], "stdout is a pipe: the terminal line stays; stderr erases it");

  const errors: string[] = [];
  const bad = new Writable({ write: (_c, _e, cb) => cb(new Error("EPIPE")) });
  const q = new Printer(bad, err, { onError: (e) => void errors.push(e.message) });
  await q.write(1, Buffer.from("x"));
  await q.write(1, Buffer.from("y"));
  await q.idle();
  assert.deepEqual(errors, ["EPIPE"]);
});

test("HeldOutput: memory first, then a spill file; stdout before stderr; budget given back", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "mrc-held-"));
  try {
    const budget = new OutputBudget(10, tmp);
    const h = new HeldOutput(budget, "7");
    h.add(2, Buffer.from("E1"));
    h.add(1, Buffer.from("12345678")); // budget now full (10)
    h.add(1, Buffer.from("abc")); // spills
    h.add(1, Buffer.from("d")); // follows into the file even though it would fit nowhere else
    h.add(2, Buffer.from("E2"));
    assert.equal(budget.used, 10);
    assert.equal(h.spilled, 6);
    assert.equal(h.size, 16);
    assert.equal(readdirSync(tmp).length, 1);
    const got: string[] = [];
    const sink = (tag: string) => new Writable({ write: (c: Buffer, _e, cb) => (got.push(`${tag}${c}`), cb()) });
    const p = new Printer(sink("1:"), sink("2:"));
    await p.task(() => h.writeTo(p));
    assert.deepEqual(got.join("|"), "1:12345678|1:abcd|2:E1|2:E2");
    assert.equal(budget.used, 0);
    budget.dispose();
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("LineSplitter: whole lines out, the rest kept, long partial lines not held forever", () => {
  const s = new LineSplitter(8);
  assert.equal(s.push(Buffer.from("ab")), undefined);
  assert.equal(s.push(Buffer.from("c\nde"))?.toString(), "abc\n");
  assert.equal(s.push(Buffer.from("f\ng\n"))?.toString(), "def\ng\n");
  assert.equal(s.end(), undefined);
  assert.equal(s.push(Buffer.from("0123456789"))?.toString(), "0123456789");
  assert.equal(s.push(Buffer.from("tail")), undefined);
  assert.equal(s.end()?.toString(), "tail");
});
