import { test } from "node:test";
import assert from "node:assert/strict";
import type { Peer } from "@mrc/rpc";
import type { Attr, Entry } from "@mrc/protocol";
import type { RequestContext } from "@mrc/fuse";
import { remoteFs } from "./fs-bridge.js";
import { WriteBehind } from "./write-behind.js";

const ATTR: Attr = {
  ino: 5, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0o100755, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096,
};
const ENTRY: Entry = { node: 5, generation: 0, attr: ATTR, entryTtlMs: 1000, attrTtlMs: 1000 };
const ctx = (): RequestContext => ({ uid: 1000, gid: 1000, pid: 1, unique: 2, signal: new AbortController().signal });

/** A peer that records fs.* calls and answers what the bridge needs. */
function fakePeer(calls: Array<[string, Record<string, unknown>]>): Peer {
  const answer = (m: string, p: Record<string, unknown>): unknown => {
    if (m === "fs.write") return { written: (p.data as Uint8Array).length, attr: { ...ATTR } };
    if (m === "fs.open") return { fh: 9, keepCache: false, attr: { ...ATTR } };
    if (m === "fs.create") return { entry: { ...ENTRY, attr: { ...ATTR } }, open: { fh: 10, keepCache: false } };
    if (m === "fs.setattr") return { ...ATTR };
    return null;
  };
  return {
    // A binary tail reaches the head as params.data (rpc CallOptions.tail).
    call: async (m: string, p: Record<string, unknown>, o?: { tail?: Uint8Array }) => {
      const q = o?.tail !== undefined ? { ...p, data: o.tail } : p;
      calls.push([m, q]);
      return answer(m, q);
    },
    notify: () => undefined,
  } as unknown as Peer;
}

const ids = { headUid: 0, headGid: 0, guestUid: 1000, guestGid: 1000 };

test("the bridge sends killSuidgid: true to the head only when the kernel asked (write, open, create, setattr)", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const fs = remoteFs(fakePeer(calls), { ids });
  const c = ctx();
  await fs.open!(c, { node: 5, flags: 0o1001, killSuidgid: true });
  await fs.open!(c, { node: 5, flags: 0o1001 });
  await fs.create!(c, { parent: 1, name: "f", flags: 0o1101, mode: 0o644, umask: 0, killSuidgid: true });
  await fs.setattr!(c, { node: 5, size: 0, killSuidgid: true });
  await fs.setattr!(c, { node: 5, size: 0 });
  await fs.write!(c, { node: 5, fh: 9, offset: 0, data: Buffer.from("a"), flags: 0, killSuidgid: true });
  await fs.flush!(c, { node: 5, fh: 9, lockOwner: "1" });
  await fs.write!(c, { node: 5, fh: 9, offset: 1, data: Buffer.from("b"), flags: 0 });
  await fs.flush!(c, { node: 5, fh: 9, lockOwner: "1" });
  const kills = calls.filter(([m]) => m !== "fs.flush").map(([m, p]) => [m, p.killSuidgid]);
  assert.deepEqual(kills, [
    ["fs.open", true], ["fs.open", undefined], ["fs.create", true],
    ["fs.setattr", true], ["fs.setattr", undefined], ["fs.write", true], ["fs.write", undefined],
  ]);
  assert.ok(calls.every(([, p]) => !("killSuidgid" in p) || p.killSuidgid === true), "never sent as false");
});

test("write-behind: a chunk carries the kill flag when any write gathered into it did", async () => {
  const sent: Array<[number, string, boolean]> = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const wb = new WriteBehind(async (_fh, offset, data, kill) => {
    sent.push([offset, Buffer.from(data).toString(), kill]);
    if (sent.length === 1) await gate; // hold the first chunk so the next writes gather
    return data.length;
  });
  await wb.write(1, 0, Buffer.from("a"));
  await wb.write(1, 1, Buffer.from("b"));
  await wb.write(1, 2, Buffer.from("c"), undefined, true);
  release();
  await wb.drain(1);
  await wb.write(1, 3, Buffer.from("d"));
  await wb.drain(1);
  assert.deepEqual(sent, [[0, "a", false], [1, "bc", true], [3, "d", false]]);
});
