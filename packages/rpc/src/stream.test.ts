import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { memoryPeers, wsPeers } from "./testing.js";
import { MAX_DATA_CHUNK } from "./limits.js";
import type { StreamReader } from "./stream.js";

/** Every chunk the reader delivers in flowing mode (one per DATA frame), until END. */
async function chunksOf(r: StreamReader): Promise<Buffer[]> {
  const out: Buffer[] = [];
  r.on("data", (c: Buffer) => out.push(c));
  await once(r, "end");
  return out;
}

test("small writes made in one turn travel as one frame", async () => {
  const { a, b, close } = await memoryPeers();
  const w = b.openWriter();
  const got = chunksOf(a.reader(w.sid));
  const parts = Array.from({ length: 200 }, (_, i) => Buffer.alloc(1000, i));
  for (const p of parts) w.write(p);
  w.end();
  const chunks = await got;
  assert.equal(chunks.length, 1);
  assert.deepEqual(Buffer.concat(chunks), Buffer.concat(parts));
  await close();
});

test("a large write goes out in frames of at most MAX_DATA_CHUNK, never beyond the reader's window", async () => {
  for (const window of [4 * 1024 * 1024, 10_000]) {
    const { a, b, close } = await memoryPeers({ limits: { streamWindow: window } });
    const w = b.openWriter();
    const got = chunksOf(a.reader(w.sid));
    const data = randomBytes(3 * MAX_DATA_CHUNK + 12345);
    w.end(data);
    const chunks = await got;
    assert.deepEqual(Buffer.concat(chunks), data);
    const limit = Math.min(window, MAX_DATA_CHUNK);
    assert.ok(chunks.every((c) => c.length <= limit), `a frame exceeded ${limit} bytes`);
    assert.ok(chunks.length <= Math.ceil(data.length / limit) + 1, `${chunks.length} frames for ${data.length} bytes`);
    await close();
  }
});

test("copyIn takes bytes from a reused buffer, holds the producer back past a frame, and delivers them intact over ws", async () => {
  const { a, b, close } = await wsPeers();
  const w = b.openWriter();
  const r = a.reader(w.sid);
  // A slow reader: the writer's queue fills and copyIn says stop.
  const h = createHash("sha256");
  let sawStop = false;
  const read = (async () => {
    for await (const c of r) {
      h.update(c as Buffer);
      await new Promise((res) => setImmediate(res));
    }
  })();
  const scratch = Buffer.allocUnsafe(64 * 1024);
  const want = createHash("sha256");
  for (let i = 0; i < 1024; i++) {
    scratch.fill(i & 0xff); // overwritten right after copyIn: the writer must have copied it
    scratch.writeUInt32BE(i, 0);
    want.update(scratch);
    if (!w.copyIn(scratch)) {
      sawStop = true;
      await new Promise<void>((res) => w.whenRoom(res));
    }
  }
  w.end();
  await Promise.all([read, once(w, "finish")]);
  assert.equal(h.digest("hex"), want.digest("hex"));
  assert.ok(sawStop, "copyIn never asked the producer to wait");
  await close();
});

test("a lone small write is sent without waiting for more", async () => {
  const { a, b, close } = await memoryPeers();
  const w = b.openWriter();
  const r = a.reader(w.sid);
  w.write("prompt> ");
  // Nothing else is written and the stream stays open: the bytes must still arrive.
  const [c] = (await once(r, "data")) as [Buffer];
  assert.equal(c.toString(), "prompt> ");
  w.end();
  await close();
});
