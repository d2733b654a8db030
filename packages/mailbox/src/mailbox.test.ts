import { test } from "node:test";
import assert from "node:assert/strict";
import { Mailbox } from "./mailbox.js";
import type { Envelope } from "./wire.js";

const env = (from: string, seq: number, low = 1, noWait = false): Envelope => ({ to: "h/r", from, seq, low, data: Buffer.from(`${from}:${seq}`), noWait });
const drain = (m: Mailbox) => {
  const out: string[] = [];
  for (let r = m.take(); r; r = m.take()) out.push(r.data.toString());
  return out;
};

test("mailbox: reorders per sender and drops duplicates", async () => {
  const m = new Mailbox("h/r");
  const p3 = m.deliver(env("a", 3));
  const p2 = m.deliver(env("a", 2));
  assert.ok(p3 instanceof Promise && p2 instanceof Promise);
  assert.deepEqual(m.deliver(env("a", 1)), { ok: true });
  assert.deepEqual(await p2, { ok: true });
  assert.deepEqual(await p3, { ok: true });
  assert.deepEqual(m.deliver(env("a", 2)), { ok: true }); // duplicate
  assert.deepEqual(drain(m), ["a:1", "a:2", "a:3"]);
});

test("mailbox: a full queue holds deliveries; noWait fails and does not block later seqs", async () => {
  const m = new Mailbox("h/r", { maxMessages: 2, maxBytes: 1 << 20 });
  m.deliver(env("a", 1));
  m.deliver(env("a", 2));
  const p3 = m.deliver(env("a", 3));
  assert.ok(p3 instanceof Promise);
  assert.throws(() => m.deliver(env("a", 4, 1, true)), { code: "MAILBOX_FULL" });
  const p5 = m.deliver(env("a", 5));
  assert.equal(m.take()!.data.toString(), "a:1");
  await p3;
  assert.equal(m.take()!.data.toString(), "a:2");
  await p5;
  assert.deepEqual(drain(m), ["a:3", "a:5"]);
});

test("mailbox: low skips gaps the sender settled", () => {
  const m = new Mailbox("h/r");
  m.deliver(env("a", 1));
  const p = m.deliver(env("a", 3, 2)); // 2 pending somewhere
  assert.ok(p instanceof Promise);
  m.deliver(env("a", 4, 3)); // 2 settled (failed) at the sender
  assert.deepEqual(drain(m), ["a:1", "a:3", "a:4"]);
});

test("mailbox: freeze + activate hands queue, order state and pending arrivals over", async () => {
  const a = new Mailbox("h/r", { maxMessages: 2, maxBytes: 1 << 20 });
  a.deliver(env("s", 1));
  a.deliver(env("s", 2));
  const pending = a.deliver(env("s", 3));
  const snap = a.freeze({ hubId: "t-b" });
  assert.deepEqual(await pending, { moved: { hubId: "t-b" } });
  const b = new Mailbox("h/r", { maxMessages: 2, maxBytes: 1 << 20 }, "standby");
  const early = b.deliver(env("s", 4)); // redirected before the takeover
  const retried = b.deliver(env("s", 3));
  b.activate(snap);
  assert.deepEqual(b.deliver(env("s", 1)), { ok: true }); // late duplicate
  const got = drain(b);
  await Promise.all([early, retried]);
  got.push(...drain(b));
  assert.deepEqual(got, ["s:1", "s:2", "s:3", "s:4"]);
  assert.deepEqual(a.deliver(env("x", 1)), { moved: { hubId: "t-b" } });
});
