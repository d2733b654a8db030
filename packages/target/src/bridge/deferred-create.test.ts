import { test } from "node:test";
import assert from "node:assert/strict";
import { DeferredCreates, DEFER_BYTES, type PendingCreate } from "./deferred-create.js";

const P = { parent: 50, name: "f", flags: 0o1101, mode: 0o666, umask: 0o022 };
const OWNER = { uid: 1000, gid: 1000 };

test("a deferred create is sent on its own shortly after, even if nothing else happens", { timeout: 5000 }, async () => {
  let sent!: (c: PendingCreate) => void;
  const got = new Promise<PendingCreate>((r) => (sent = r));
  const d = new DeferredCreates(
    async (c) => (sent(c), 9),
    async (count) => ({ first: 100, count }),
  );
  assert.equal(d.available(), false, "no ids yet");
  await new Promise((r) => setImmediate(r));
  assert.equal(d.available(), true);
  const c = d.take(P, 2 ** 40, OWNER, 0);
  assert.equal(c.node, 100);
  assert.equal(c.attr.mode, 0o100644);
  assert.equal(d.addWrite(c, 0, Buffer.from("abc")), true);
  assert.equal(c.attr.size, 3);
  assert.equal(await got, c);
  assert.equal(await d.settle(c), 9);
  assert.equal(d.count, 0);
  assert.equal(d.addWrite(c, 3, Buffer.from("d")), false, "once sent, writes go the usual way");
});

test("writes past the cap are not gathered; a head without fs.reserve turns deferral off", async () => {
  const d = new DeferredCreates(async () => 9, async (count) => ({ first: 7, count }));
  d.available();
  await new Promise((r) => setImmediate(r));
  const c = d.take(P, 2 ** 40, OWNER, 0);
  assert.equal(d.addWrite(c, 0, Buffer.alloc(DEFER_BYTES)), true);
  assert.equal(d.addWrite(c, DEFER_BYTES, Buffer.alloc(1)), false);
  await d.settleAll();
  const old = new DeferredCreates(async () => 9, async () => Promise.reject(new Error("METHOD_NOT_FOUND")));
  old.available();
  await new Promise((r) => setImmediate(r));
  assert.equal(old.available(), false);
});
