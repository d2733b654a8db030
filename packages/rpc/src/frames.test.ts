import { test } from "node:test";
import assert from "node:assert/strict";
import { Packr } from "msgpackr";
import { decode, encodeData, F } from "./frames.js";

test("hand-encoded DATA frames decode like msgpack ones, for every sid width", () => {
  const payload = Buffer.from([1, 2, 3, 250, 0]);
  for (const sid of [1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1]) {
    const f = decode(encodeData(sid, payload), 1 << 20);
    assert.equal(f.t, F.DATA);
    if (f.t !== F.DATA) return;
    assert.equal(f.sid, sid);
    assert.deepEqual(Buffer.from(f.data), payload);
    // And the generic decoder of any msgpack implementation agrees.
    assert.deepEqual(new Packr().unpack(encodeData(sid, payload)), [20, sid, payload]);
  }
});

test("stream ids beyond 32 bits are refused", () => {
  assert.throws(() => encodeData(2 ** 32, new Uint8Array(1)), /out of range/);
});

test("an empty DATA payload round-trips", () => {
  const f = decode(encodeData(3, new Uint8Array(0)), 1024);
  assert.equal(f.t === F.DATA && f.data.byteLength, 0);
});
