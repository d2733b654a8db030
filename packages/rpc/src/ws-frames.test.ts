import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DIRECT_BYTES, FrameReader, frameHeader, OP, WS_CLOSE } from "./ws-frames.js";

test("frame headers: the three length forms and the mask bit, as RFC 6455 lays them out", () => {
  assert.deepEqual([...frameHeader(OP.BINARY, true, 0, false)], [0x82, 0]);
  assert.deepEqual([...frameHeader(OP.BINARY, true, 125, false)], [0x82, 125]);
  assert.deepEqual([...frameHeader(OP.CONT, false, 126, false)], [0x00, 126, 0, 126]);
  assert.deepEqual([...frameHeader(OP.BINARY, false, 65535, false)], [0x02, 126, 0xff, 0xff]);
  assert.deepEqual([...frameHeader(OP.BINARY, true, 65536, false)], [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  assert.deepEqual([...frameHeader(OP.BINARY, true, 2 ** 32 + 5, false)], [0x82, 127, 0, 0, 0, 1, 0, 0, 0, 5]);
  // A client's frame: mask bit and an all-zero key.
  assert.deepEqual([...frameHeader(OP.PING, true, 3, true)], [0x89, 0x80 | 3, 0, 0, 0, 0]);
  assert.deepEqual([...frameHeader(OP.BINARY, true, 300, true)], [0x82, 0x80 | 126, 1, 44, 0, 0, 0, 0]);
});

/** A frame as a client with a random mask key sends it (the payload XORed), for reader tests. */
function clientFrame(opcode: number, fin: boolean, payload: Uint8Array, key: Buffer | null): Buffer {
  const h = frameHeader(opcode, fin, payload.length, key !== null);
  const body = Buffer.from(payload);
  if (key !== null) {
    key.copy(h, h.length - 4);
    for (let i = 0; i < body.length; i++) body[i]! ^= key[i & 3]!;
  }
  return Buffer.concat([h, body]);
}

/** A deterministic pseudo-random source (so a failure can be reproduced). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

interface Heard {
  messages: Uint8Array[];
  control: Array<[number, string]>;
  errors: Array<[number, string]>;
}

function reader(server: boolean, maxMessage = 8 * 1024 * 1024): { r: FrameReader; heard: Heard } {
  const heard: Heard = { messages: [], control: [], errors: [] };
  const r = new FrameReader({
    server,
    maxMessage,
    onMessage: (d) => heard.messages.push(d),
    onControl: (op, p) => heard.control.push([op, Buffer.from(p).toString()]),
    onError: (code, msg) => heard.errors.push([code, msg]),
  });
  return { r, heard };
}

/**
 * A stream of messages of many sizes (around the direct-read threshold too), some split into
 * fragments with pings between them, masked with random keys when `masked`.
 */
function script(seed: number, masked: boolean): { stream: Buffer; messages: Buffer[]; pings: string[] } {
  const rand = rng(seed);
  const sizes = [0, 1, 125, 126, 65535, 65536, DIRECT_BYTES - 1, DIRECT_BYTES, DIRECT_BYTES + 1, 300_000, 1024 * 1024 + 7];
  const frames: Buffer[] = [];
  const messages: Buffer[] = [];
  const pings: string[] = [];
  const key = () => (masked ? (rand(4) === 0 ? Buffer.alloc(4) : randomBytes(4)) : null);
  for (let i = 0; i < 40; i++) {
    const size = rand(3) === 0 ? sizes[rand(sizes.length)]! : rand(3000);
    const m = randomBytes(size);
    messages.push(m);
    const parts = rand(3) === 0 ? 1 + rand(4) : 1;
    let at = 0;
    for (let p = 0; p < parts; p++) {
      const end = p === parts - 1 ? size : at + rand(size - at + 1);
      frames.push(clientFrame(p === 0 ? OP.BINARY : OP.CONT, p === parts - 1, m.subarray(at, end), key()));
      at = end;
      if (rand(4) === 0) {
        const text = `ping ${i}.${p}`;
        pings.push(text);
        frames.push(clientFrame(OP.PING, true, Buffer.from(text), key()));
      }
    }
  }
  return { stream: Buffer.concat(frames), messages, pings };
}

/** The reader reported exactly the script's messages and pings, and no error. */
function heardAll(heard: Heard, messages: Buffer[], pings: string[], seed: number): void {
  assert.deepEqual(heard.errors, []);
  assert.equal(heard.messages.length, messages.length);
  heard.messages.forEach((m, i) => assert.ok(Buffer.from(m).equals(messages[i]!), `seed ${seed}: message ${i} (${messages[i]!.length} bytes)`));
  assert.deepEqual(heard.control, pings.map((p) => [OP.PING, p]));
}

for (const masked of [true, false]) {
  const side = masked ? "server (masked frames in)" : "client (unmasked frames in)";
  test(`reader, ${side}: pushed chunks of random sizes give back every message and ping`, () => {
    for (const seed of [1, 2, 3]) {
      const { stream, messages, pings } = script(seed, masked);
      const { r, heard } = reader(masked);
      const rand = rng(seed * 7);
      for (let at = 0; at < stream.length; ) {
        const n = 1 + rand(rand(2) === 0 ? 40 : 200_000);
        r.push(Buffer.from(stream.subarray(at, at + n))); // a fresh chunk, as a socket gives
        at += n;
      }
      heardAll(heard, messages, pings, seed);
    }
  });

  test(`reader, ${side}: directed reads of random sizes; messages handed out are never overwritten`, () => {
    for (const seed of [4, 5, 6]) {
      const { stream, messages, pings } = script(seed, masked);
      const { r, heard } = reader(masked);
      const rand = rng(seed * 11);
      let at = 0;
      while (at < stream.length) {
        // The socket fills part of the buffer the reader names, as read(2) would.
        const target = r.readTarget();
        assert.ok(target.length > 0);
        const n = Math.min(target.length, stream.length - at, 1 + rand(rand(2) === 0 ? 100 : 300_000));
        stream.copy(target, 0, at, at + n);
        r.commit(n);
        at += n;
      }
      // Compared only now, after all reads: a view into a reused buffer would have changed.
      heardAll(heard, messages, pings, seed);
    }
  });
}

test("a large message is read straight into the buffer handed to the application", () => {
  const { r, heard } = reader(false);
  const payload = randomBytes(1024 * 1024);
  const f = Buffer.concat([frameHeader(OP.BINARY, true, payload.length, false), payload]);
  let t = r.readTarget();
  f.copy(t, 0, 0, 1000);
  r.commit(1000);
  t = r.readTarget();
  assert.equal(t.length, f.length - 1000, "the next read is aimed at exactly the rest of the payload");
  f.copy(t, 0, 1000);
  r.commit(t.length);
  assert.equal(heard.messages.length, 1);
  const m = heard.messages[0]!;
  assert.ok(Buffer.from(m).equals(payload));
  assert.equal(m.buffer, t.buffer, "the message is the buffer the kernel read into");
});

test("malformed streams are refused with the RFC's close codes, and nothing is reported after", () => {
  const key = Buffer.from([1, 2, 3, 4]);
  const cases: Array<[string, boolean, Buffer, number, RegExp]> = [
    ["reserved bits", true, Buffer.from([0xc2, 0x80, 0, 0, 0, 0]), WS_CLOSE.PROTOCOL_ERROR, /reserved bits/],
    ["unmasked from a client", true, Buffer.from([0x82, 0x01, 0x41]), WS_CLOSE.PROTOCOL_ERROR, /unmasked/],
    ["masked from a server", false, clientFrame(OP.BINARY, true, Buffer.from("a"), key), WS_CLOSE.PROTOCOL_ERROR, /masked frame from a server/],
    ["text frame", true, clientFrame(OP.TEXT, true, Buffer.from("hi"), key), WS_CLOSE.UNSUPPORTED, /text frames/],
    ["oversized control", true, clientFrame(OP.PING, true, Buffer.alloc(126), key), WS_CLOSE.PROTOCOL_ERROR, /control frame/],
    ["fragmented control", true, clientFrame(OP.PING, false, Buffer.alloc(1), key), WS_CLOSE.PROTOCOL_ERROR, /control frame/],
    ["unknown opcode", true, clientFrame(0x3, true, Buffer.alloc(1), key), WS_CLOSE.PROTOCOL_ERROR, /opcode 3/],
    ["continuation first", true, clientFrame(OP.CONT, true, Buffer.alloc(1), key), WS_CLOSE.PROTOCOL_ERROR, /continuation/],
    [
      "new message inside a fragmented one",
      true,
      Buffer.concat([clientFrame(OP.BINARY, false, Buffer.alloc(1), key), clientFrame(OP.BINARY, true, Buffer.alloc(1), key)]),
      WS_CLOSE.PROTOCOL_ERROR,
      /before the fragmented one ended/,
    ],
    // Only the header of a 2 MiB frame: refused before any of its payload arrives.
    ["too big", true, frameHeader(OP.BINARY, true, 2 * 1024 * 1024, true), WS_CLOSE.TOO_BIG, /exceeds the limit/],
    [
      "too big in fragments",
      true,
      Buffer.concat([clientFrame(OP.BINARY, false, Buffer.alloc(600_000), key), frameHeader(OP.CONT, true, 600_000, true)]),
      WS_CLOSE.TOO_BIG,
      /exceeds the limit/,
    ],
    ["64-bit length out of range", true, Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), WS_CLOSE.TOO_BIG, /out of range/],
  ];
  for (const [name, server, bytes, code, re] of cases) {
    for (const mode of ["push", "directed"] as const) {
      const { r, heard } = reader(server, 1024 * 1024);
      const after = clientFrame(OP.BINARY, true, Buffer.from("after"), server ? key : null);
      const all = Buffer.concat([bytes, after]);
      if (mode === "push") r.push(all);
      else {
        for (let at = 0; at < all.length && heard.errors.length === 0; ) {
          const t = r.readTarget();
          const n = Math.min(t.length, all.length - at);
          all.copy(t, 0, at, at + n);
          r.commit(n);
          at += n;
        }
      }
      assert.equal(heard.errors.length, 1, `${name} (${mode}): one error`);
      assert.equal(heard.errors[0]![0], code, `${name} (${mode}): close code`);
      assert.match(heard.errors[0]![1], re, `${name} (${mode})`);
      assert.equal(heard.messages.length, 0, `${name} (${mode}): nothing delivered`);
    }
  }
});
