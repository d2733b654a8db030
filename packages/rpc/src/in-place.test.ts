import { test } from "node:test";
import assert from "node:assert/strict";
import { Peer } from "./peer.js";
import { CALL_TAIL_FEATURE, F, decode, encode } from "./frames.js";
import { InPlaceReply, replyBuffer } from "./data-frames.js";
import type { Transport } from "./transport.js";

/** A transport that holds what is sent (as a socket with a full buffer would) until told. */
function heldTransport() {
  const held: Array<{ data: Uint8Array; sent: (() => void) | undefined }> = [];
  const t: Transport = {
    send: (data, sent) => void held.push({ data, sent }),
    sendParts: (parts, released) => void held.push({ data: Buffer.concat(parts), sent: released }),
    close: () => {},
    bufferedAmount: 0,
    onMessage: () => {},
    onClose: () => {},
    onDrain: () => {},
  };
  return { t, held };
}

const flush = () => new Promise((r) => setImmediate(r));

test("an in-place reply's pooled buffer is reused only after the transport has written it", async () => {
  const { t, held } = heldTransport();
  const peer = new Peer(t, { side: "listener" });
  const frames: ArrayBuffer[] = [];
  peer.handle("fill", (p: { byte: number }) => {
    const buf = replyBuffer(1024 * 1024);
    frames.push(buf.buffer as ArrayBuffer);
    buf.fill(p.byte);
    return new InPlaceReply(buf);
  });
  t.onMessage(encode([F.CALL, 1, "fill", { byte: 1 }, 0]));
  await flush();
  assert.equal(held.length, 1);
  // While the first reply is still held, a second one must get another buffer.
  t.onMessage(encode([F.CALL, 2, "fill", { byte: 2 }, 0]));
  await flush();
  assert.equal(held.length, 2);
  assert.notEqual(frames[1], frames[0], "a buffer still being written was handed out again");
  const first = decode(held[0]!.data, 2 << 20);
  assert.ok(first.t === F.RESULT && first.id === 1);
  assert.ok(first.t === F.RESULT && (first.result as Uint8Array).every((b) => b === 1), "first reply overwritten");
  // Once written, its buffer goes back to the pool and serves the next reply.
  held[0]!.sent?.();
  t.onMessage(encode([F.CALL, 3, "fill", { byte: 3 }, 0]));
  await flush();
  assert.equal(frames[2], frames[0], "a written buffer was not recycled");
  peer.close();
});

test("an in-place reply nobody waits for any more is not sent", async () => {
  const { t, held } = heldTransport();
  const peer = new Peer(t, { side: "listener" });
  let release!: () => void;
  peer.handle("slow", async () => {
    await new Promise<void>((r) => (release = r));
    return new InPlaceReply(replyBuffer(100 * 1024).fill(7));
  });
  t.onMessage(encode([F.CALL, 1, "slow", {}, 0]));
  await flush();
  t.onMessage(encode([F.CANCEL, 1]));
  release();
  await flush();
  assert.equal(held.length, 0);
  peer.close();
});

test("a call's binary tail: sent after the head uncopied, decoded as params.data, settled only once released", async () => {
  const { t, held } = heldTransport();
  const peer = new Peer(t, { side: "dialer", remoteFeatures: [CALL_TAIL_FEATURE] });
  const tail = Buffer.alloc(300 * 1024, 5);
  let settled = false;
  const call = peer.call("put", { fh: 3, offset: 2 ** 40 }, { tail }).then((v) => ((settled = true), v));
  assert.equal(held.length, 1);
  const f = decode(held[0]!.data, 2 << 20);
  assert.ok(f.t === F.CALL && f.method === "put");
  const params = f.params as { fh: number; offset: number; data: Uint8Array };
  assert.equal(params.fh, 3);
  assert.equal(params.offset, 2 ** 40);
  assert.ok(Buffer.from(params.data).equals(tail));
  // The answer comes while the transport still holds the tail: the caller must not have it back.
  t.onMessage(encode([F.RESULT, f.id, 42]));
  await flush();
  assert.equal(settled, false, "the call settled while the transport still referenced its tail");
  held[0]!.sent?.();
  assert.equal(await call, 42);
  peer.close();
});

test("a call's tail goes inside the frame to a peer that did not announce tails", async () => {
  const { t, held } = heldTransport();
  const peer = new Peer(t, { side: "dialer" });
  const call = peer.call("put", { fh: 3 }, { tail: Buffer.from("abc") });
  const f = decode(held[0]!.data, 1 << 20);
  assert.ok(f.t === F.CALL);
  assert.equal(encode([F.CALL, f.id, "put", { fh: 3, data: Buffer.from("abc") }, 0]).equals(Buffer.from(held[0]!.data)), true);
  t.onMessage(encode([F.RESULT, f.id, null]));
  assert.equal(await call, null);
  peer.close();
});
