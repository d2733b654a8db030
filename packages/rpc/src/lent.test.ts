// Large messages received into pooled buffers (socket-transport.ts): what the application is lent
// comes back to the pool only when it says so, and nothing it keeps is ever overwritten.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { wsPeers } from "./testing.js";

const sha = (b: Uint8Array) => createHash("sha1").update(b).digest("hex");
const MIB = 1024 * 1024;

test("a large result lent to the caller comes back to the pool on release, and is reused for the next one", async () => {
  const { a, b, close } = await wsPeers();
  try {
    const blobs = Array.from({ length: 6 }, () => randomBytes(MIB));
    a.handle("get", (p: { i: number }) => blobs[p.i]);
    const buffers: ArrayBufferLike[] = [];
    for (let i = 0; i < blobs.length; i++) {
      let release: (() => void) | undefined;
      const r = await b.call<Uint8Array>("get", { i }, { onLent: (rel) => (release = rel) });
      assert.equal(sha(r), sha(blobs[i]!), `result ${i} intact`);
      assert.ok(release !== undefined, "a 1 MiB result is lent");
      buffers.push(r.buffer);
      release();
      release(); // a second call does nothing
    }
    assert.equal(new Set(buffers).size, 1, "every result after the first reused the released buffer");
    // A small result is never lent.
    a.handle("small", () => new Uint8Array(100));
    let lent = false;
    await b.call("small", {}, { onLent: () => (lent = true) });
    assert.equal(lent, false);
  } finally {
    await close();
  }
});

test("results not released, and params of handlers that do not lend them, are never overwritten", async () => {
  const { a, b, close } = await wsPeers();
  try {
    const kept: Array<[Uint8Array, string]> = [];
    // `keep` holds on to its params' data after it settled (as a mailbox keeps a message): not lent.
    a.handle("keep", (p: { data: Uint8Array }) => {
      kept.push([p.data, sha(p.data)]);
      return null;
    });
    // `use` lends its params: their buffer goes back once it settled.
    let seenUse = 0;
    a.handle(
      "use",
      (p: { data: Uint8Array }) => {
        seenUse += p.data.length;
        return null;
      },
      { paramsLent: true },
    );
    const results: Array<[Uint8Array, string]> = [];
    a.handle("get", () => randomBytes(MIB));
    for (let i = 0; i < 8; i++) {
      await b.call("keep", {}, { tail: randomBytes(MIB - 100) });
      await b.call("use", {}, { tail: randomBytes(MIB - 100) });
      const r = await b.call<Uint8Array>("get", {}); // no onLent: never released
      results.push([r, sha(r)]);
    }
    assert.equal(seenUse, 8 * (MIB - 100));
    for (const [d, h] of kept) assert.equal(sha(d), h, "kept params unchanged");
    for (const [d, h] of results) assert.equal(sha(d), h, "unreleased results unchanged");
    assert.equal(new Set(kept.map(([d]) => d.buffer)).size, kept.length, "each kept message has a buffer of its own");
  } finally {
    await close();
  }
});

test("a lending handler's message buffer is reused only after the handler settled", async () => {
  const { a, b, close } = await wsPeers();
  try {
    const order: string[] = [];
    let firstBuffer: ArrayBufferLike | undefined;
    let finish!: () => void;
    a.handle(
      "slow",
      async (p: { data: Uint8Array; n: number }) => {
        const h = sha(p.data);
        if (p.n === 0) {
          firstBuffer = p.data.buffer;
          // While this handler is still running, more large messages arrive: none may land here.
          await new Promise<void>((r) => (finish = r));
        }
        assert.equal(sha(p.data), h, `call ${p.n}: data unchanged while the handler ran`);
        order.push(`done ${p.n}`);
        return p.n === 0 ? null : p.data.buffer === firstBuffer;
      },
      { paramsLent: true },
    );
    const first = b.call("slow", { n: 0 }, { tail: randomBytes(MIB) });
    const during = [];
    for (let n = 1; n <= 3; n++) during.push(b.call<boolean>("slow", { n }, { tail: randomBytes(MIB) }));
    const reusedDuring = await Promise.all(during);
    assert.deepEqual(reusedDuring, [false, false, false], "the first call's buffer was not reused while it ran");
    finish();
    await first;
    assert.deepEqual(order, ["done 1", "done 2", "done 3", "done 0"]);
    // Now it is free: the next large message may land in it.
    const after = await b.call<boolean>("slow", { n: 4 }, { tail: randomBytes(MIB) });
    assert.equal(typeof after, "boolean");
  } finally {
    await close();
  }
});
