import { test } from "node:test";
import assert from "node:assert/strict";
import { Packr } from "msgpackr";
import { decode, encode, encodeCallHead, encodeData, F, RESULT_HEADER_MAX, writeResultHeader } from "./frames.js";
import type { RpcError } from "./errors.js";

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

test("hand-written RESULT headers decode like msgpack ones, for every id width", () => {
  const payload = Buffer.from([9, 8, 7, 0, 255]);
  for (const id of [0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
    const out = Buffer.alloc(RESULT_HEADER_MAX + payload.length, 0xee);
    payload.copy(out, RESULT_HEADER_MAX);
    const start = writeResultHeader(out, RESULT_HEADER_MAX, id, payload.length);
    assert.ok(start >= 0 && start < RESULT_HEADER_MAX);
    const frame = out.subarray(start);
    const f = decode(frame, 1 << 20);
    assert.equal(f.t, F.RESULT);
    if (f.t !== F.RESULT) return;
    assert.equal(f.id, id);
    assert.deepEqual(Buffer.from(f.result as Uint8Array), payload);
    assert.deepEqual(new Packr().unpack(frame), [F.RESULT, id, payload]);
  }
});

test("a RESULT header refuses what it cannot write", () => {
  assert.throws(() => writeResultHeader(Buffer.alloc(16), 16, -1, 1), /out of range/);
  assert.throws(() => writeResultHeader(Buffer.alloc(16), 16, 1, 2 ** 32), /too long/);
  assert.throws(() => writeResultHeader(Buffer.alloc(16), 4, 1, 1), /no room/);
});

test("a CALL with a binary tail decodes as params.data; malformed tails are refused", () => {
  const data = Buffer.from("tail bytes");
  const head = encodeCallHead(7, "fs.write", { fh: 1, offset: 2 }, 0, data.length);
  const f = decode(Buffer.concat([head, data]), 1 << 20);
  assert.ok(f.t === F.CALL && f.id === 7 && f.method === "fs.write");
  assert.deepEqual({ ...(f.params as object), data: Buffer.from((f.params as { data: Uint8Array }).data) }, { fh: 1, offset: 2, data });
  // Plain msgpack: a 6-element array whose last element is the tail (bin 32).
  const plain = new Packr({ useRecords: false, mapsAsObjects: true }).unpack(Buffer.concat([head, data])) as unknown[];
  assert.equal(plain.length, 6);
  assert.ok(Buffer.from(plain[5] as Uint8Array).equals(data));
  for (const bad of [
    [F.CALL, 7, "m", { fh: 1 }, 0, "not binary"],
    [F.CALL, 7, "m", [1, 2], 0, data],
    [F.CALL, 7, "m", { data: 1 }, 0, data],
  ]) assert.throws(() => decode(encode(bad), 1 << 20), (e: RpcError) => e.code === "BAD_FRAME");
});
