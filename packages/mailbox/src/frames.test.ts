import { test } from "node:test";
import assert from "node:assert/strict";
import { DoorFrameReader, T, encodeDoorBuffer, FLAG_NO_WAIT } from "./door-frames.js";
import { parseAddress } from "./address.js";

test("door frames: SEND has the documented bytes", () => {
  const b = encodeDoorBuffer({ t: T.SEND, req: 7, flags: FLAG_NO_WAIT, addr: "h-1/j2", data: Buffer.from("hi") });
  // len=16 | type 01 | req 7 | flags 01 | addrLen 6 | "h-1/j2" | "hi"
  assert.equal(b.toString("hex"), "00000010" + "01" + "00000007" + "01" + "0006" + Buffer.from("h-1/j2").toString("hex") + "6869");
});

test("door frames: every type round-trips, split at every byte", () => {
  const frames = [
    { t: T.SEND, req: 1, flags: 0, addr: "h-a/j1/x", data: Buffer.from("payload") },
    { t: T.RECV, req: 2, timeoutMs: 1500, box: "" },
    { t: T.OPEN, req: 3, name: "side" },
    { t: T.WHOAMI, req: 4 },
    { t: T.ACK, req: 5 },
    { t: T.MSG, req: 6, from: "h-a/j2", box: "h-a/j1", data: Buffer.from([0, 1, 2]) },
    { t: T.ADDR, req: 7, addr: "h-a/j1" },
    { t: T.ERR, req: 8, code: "MAILBOX_ENDED", message: "gone" },
  ] as const;
  const all = Buffer.concat(frames.map((f) => encodeDoorBuffer(f as never)));
  for (let cut = 0; cut <= all.length; cut++) {
    const r = new DoorFrameReader();
    const got = [...r.push(all.subarray(0, cut)), ...r.push(all.subarray(cut))];
    assert.deepEqual(got, frames);
  }
});

test("door frames: oversized and unknown frames are refused", () => {
  assert.throws(() => new DoorFrameReader(100).push(Buffer.from("0000ffff01", "hex")), /exceeds the limit/);
  assert.throws(() => new DoorFrameReader().push(Buffer.from("000000057700000001", "hex")), /unknown door frame type/);
  assert.throws(() => new DoorFrameReader().push(Buffer.from("000000060100000001", "hex").subarray(0, 9).length ? Buffer.from("000000060100000001aa", "hex") : Buffer.alloc(0)), /truncated/);
});

test("addresses: parse and limits", () => {
  assert.deepEqual(parseAddress("h-1/j2"), { home: "h-1", job: "j2" });
  assert.deepEqual(parseAddress("h-1/j2/side"), { home: "h-1", job: "j2", name: "side" });
  for (const bad of ["", "h", "h/", "/j", "h/j/n/x", "h/../x", "h/j k", "h/" + "j".repeat(65), 42]) {
    assert.throws(() => parseAddress(bad), { code: "BAD_ADDRESS" });
  }
});
