import { test } from "node:test";
import assert from "node:assert/strict";
import { RpcError, type Peer } from "@mrc/rpc";
import type { Attr } from "@mrc/protocol";
import type { RequestContext } from "@mrc/fuse";
import { LOCAL_FH, remoteFs } from "./fs-bridge.js";

const ATTR: Attr = {
  ino: 5, size: 5, blocks: 8, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0,
  mode: 0o100644, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096,
};
const ctx = (): RequestContext => ({ uid: 1000, gid: 1000, pid: 1, unique: 2, signal: new AbortController().signal });
const ids = { headUid: 0, headGid: 0, guestUid: 1000, guestGid: 1000 };

/** A head that delegates node 6 ahead with the first open of node 5, and records every call. */
function fakeHead(calls: Array<[string, Record<string, unknown>]>, notes: Array<[string, unknown]>): Peer {
  let nextFh = 20;
  return {
    call: async (m: string, p: Record<string, unknown>) => {
      calls.push([m, p]);
      if (m === "fs.open") return { fh: nextFh++, keepCache: false, attr: { ...ATTR }, data: Buffer.from("five!"), ahead: p.node === 5 ? [{ node: 6, data: Buffer.from("six") }] : undefined };
      if (m === "fs.getattr") return { ...ATTR, ino: p.node as number, size: 3 };
      if (m === "fs.read") return Buffer.from("six").subarray(p.offset as number, (p.offset as number) + (p.size as number));
      if (m === "fs.readahead") return { ahead: [] };
      return null;
    },
    notify: (m: string, p: unknown) => void notes.push([m, p]),
  } as unknown as Peer;
}

test("a delegated file is opened and read without the head; a handle opened so reaches the head only when it must", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const notes: Array<[string, unknown]> = [];
  const fs = remoteFs(fakeHead(calls, notes), { ids });
  const c = ctx();
  const first = await fs.open!(c, { node: 5, flags: 0 });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]![1].deleg, true, "the bridge asks for delegations");
  // Node 6 came delegated ahead: opened and read here.
  const o = await fs.open!(c, { node: 6, flags: 0 });
  assert.ok(o.fh >= LOCAL_FH);
  assert.equal(o.keepCache, false, "the first local open drops pages cached before the delegation");
  assert.equal(Buffer.from((await fs.read!(c, { node: 6, fh: o.fh, offset: 0, size: 4096 })) as Uint8Array).toString(), "six");
  // fstat of the local handle: asked by node, never with a handle number the head does not know.
  await fs.getattr!(c, { node: 6, fh: o.fh });
  const getattr = calls.find(([m]) => m === "fs.getattr")!;
  assert.deepEqual(getattr[1], { node: 6 });
  // The first open of a window asks for the next one, in the background.
  assert.ok(calls.some(([m, p]) => m === "fs.readahead" && p.node === 6));
  const before = calls.length;
  await fs.flush!(c, { node: 6, fh: o.fh, lockOwner: "1" });
  await fs.release!(c, { node: 6, fh: o.fh, flags: 0 });
  assert.equal(calls.length, before, "close of a local handle does not reach the head");
  // The head recalls it (an INVAL_INODE reaches the bridge): the next open asks the head, and
  // a local handle still open then reads through a head handle opened for it.
  const again = await fs.open!(c, { node: 6, flags: 0 });
  assert.ok(again.fh >= LOCAL_FH);
  fs.invalidated!({ kind: "inode", node: 6, off: 0, len: 0 });
  const n = calls.length;
  const data = await fs.read!(c, { node: 6, fh: again.fh, offset: 0, size: 4096 });
  assert.equal(Buffer.from(data as Uint8Array).toString(), "six");
  assert.deepEqual(calls.slice(n).map(([m]) => m), ["fs.open", "fs.read"]);
  const opened = calls[n]![1];
  assert.equal(opened.node, 6);
  assert.equal(calls[n + 1]![1].fh, 21, "read through the head's handle");
  const third = await fs.open!(c, { node: 6, flags: 0 });
  assert.ok(third.fh < LOCAL_FH, "no delegation any more: the open went to the head");
  await fs.release!(c, { node: 5, fh: first.fh, flags: 0 });
});

test("the first open of a file delegated ahead puts its contents into the page cache, when no handle of it is open", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const stored: Array<[number, string]> = [];
  let accept = true;
  const opts = { ids, storePages: (node: number, data: Uint8Array) => (stored.push([node, Buffer.from(data).toString()]), accept) };
  const fs = remoteFs(fakeHead(calls, []), opts);
  const c = ctx();
  const first = await fs.open!(c, { node: 5, flags: 0 });
  assert.deepEqual(stored, [], "an open through the head stores nothing");
  const o = await fs.open!(c, { node: 6, flags: 0 });
  assert.deepEqual(stored, [[6, "six"]]);
  assert.equal(o.keepCache, true, "the kernel keeps what was just stored");
  const o2 = await fs.open!(c, { node: 6, flags: 0 });
  assert.equal(o2.keepCache, true);
  assert.equal(stored.length, 1, "stored once per delegation");
  await fs.release!(c, { node: 6, fh: o.fh, flags: 0 });
  await fs.release!(c, { node: 6, fh: o2.fh, flags: 0 });
  await fs.release!(c, { node: 5, fh: first.fh, flags: 0 });

  // A kernel that did not take the contents: the open drops the pages, as without a store.
  accept = false;
  const fs2 = remoteFs(fakeHead([], []), opts);
  const f2 = await fs2.open!(c, { node: 5, flags: 0 });
  const n = await fs2.open!(c, { node: 6, flags: 0 });
  assert.equal(stored.length, 2);
  assert.equal(n.keepCache, false);
  await fs2.release!(c, { node: 6, fh: n.fh, flags: 0 });
  await fs2.release!(c, { node: 5, fh: f2.fh, flags: 0 });

  // Another handle of the file is open (its READs may hold page locks): no store.
  accept = true;
  const fs3 = remoteFs(fakeHead([], []), opts);
  const w = await fs3.open!(c, { node: 6, flags: 2 }); // read-write: through the head
  const f3 = await fs3.open!(c, { node: 5, flags: 0 });
  const r = await fs3.open!(c, { node: 6, flags: 0 });
  assert.ok(r.fh >= LOCAL_FH, "opened on the delegation");
  assert.equal(stored.length, 2, "no store while another handle of it is open");
  assert.equal(r.keepCache, false);
  await fs3.release!(c, { node: 6, fh: r.fh, flags: 0 });
  await fs3.release!(c, { node: 6, fh: w.fh, flags: 2 });
  await fs3.release!(c, { node: 5, fh: f3.fh, flags: 0 });
});

/** A head for deferred creates: reserves ids from 100, answers creates (or fails them with `fail`). */
function createHead(calls: Array<[string, Record<string, unknown>]>, fail?: string): Peer {
  return {
    call: async (m: string, p: Record<string, unknown>) => {
      calls.push([m, p]);
      if (m === "fs.reserve") return { first: 100, count: p.count };
      if (m === "fs.mkdir") return { node: 50, generation: 0, attr: { ...ATTR, mode: 0o40755 }, entryTtlMs: 1000, attrTtlMs: 1000 };
      if (m === "fs.create") {
        if (fail) throw new RpcError("SYSTEM", "no space", fail);
        const size = ((p.writes as Array<[number, Uint8Array]>) ?? []).reduce((a, [off, b]) => Math.max(a, off + b.length), 0);
        return { entry: { node: p.node ?? 7, generation: 0, attr: { ...ATTR, ino: 4242, size }, entryTtlMs: 1000, attrTtlMs: 1000 }, open: { fh: 30, keepCache: false } };
      }
      if (m === "fs.getattr") return { ...ATTR, ino: 4242 };
      return null;
    },
    notify: () => undefined,
  } as unknown as Peer;
}

test("a create in a directory known whole is answered at once and sent at close, with its writes, in one call", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const fs = remoteFs(createHead(calls), { ids });
  const c = ctx();
  await fs.mkdir!(c, { parent: 1, name: "d", mode: 0o755, umask: 0 }); // known whole: empty
  const first = await fs.create!(c, { parent: 50, name: "a", flags: 0o1101, mode: 0o644, umask: 0o022 });
  assert.ok(first.entry.node < 100, "no ids yet: the first create goes to the head");
  await new Promise((r) => setImmediate(r)); // the reserve answer
  const made = await fs.create!(c, { parent: 50, name: "b", flags: 0o1101, mode: 0o666, umask: 0o022 });
  assert.equal(made.entry.node, 100);
  assert.ok(made.open.fh >= LOCAL_FH);
  assert.equal(made.entry.attr.mode, 0o100644);
  assert.equal(made.entry.attrTtlMs, 0, "the kernel asks again for attributes");
  const n = calls.length;
  assert.equal(await fs.write!(c, { node: 100, fh: made.open.fh, offset: 0, data: Buffer.from("12345"), flags: 0 }), 5);
  const st = await fs.getattr!(c, { node: 100, fh: made.open.fh });
  assert.equal(("attr" in st ? st.attr : st).size, 5);
  assert.equal(calls.length, n, "nothing reached the head before the close");
  await fs.flush!(c, { node: 100, fh: made.open.fh, lockOwner: "1" });
  const sent = calls.slice(n);
  assert.deepEqual(sent.map(([m]) => m), ["fs.create"]);
  assert.equal(sent[0]![1].node, 100);
  assert.deepEqual((sent[0]![1].writes as Array<[number, Uint8Array]>).map(([o, b]) => [o, Buffer.from(b).toString()]), [[0, "12345"]]);
  const after = await fs.getattr!(c, { node: 100 });
  assert.equal(("attr" in after ? after.attr : after).ino, 4242, "the head's inode number once it is there");
  await fs.release!(c, { node: 100, fh: made.open.fh, flags: 0 });
  // O_EXCL and names that may exist always go to the head at once.
  const m2 = calls.length;
  await fs.create!(c, { parent: 50, name: "x", flags: 0o1101 | 0o200, mode: 0o644, umask: 0 });
  await fs.create!(c, { parent: 7, name: "y", flags: 0o1101, mode: 0o644, umask: 0 });
  assert.deepEqual(calls.slice(m2).map(([m]) => m), ["fs.create", "fs.create"]);
});

test("a deferred create that fails on the head fails the close with its errno", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const fs = remoteFs(createHead(calls, "ENOSPC"), { ids });
  const c = ctx();
  await fs.mkdir!(c, { parent: 1, name: "d", mode: 0o755, umask: 0 });
  await fs.create!(c, { parent: 50, name: "a", flags: 0o1101, mode: 0o644, umask: 0 }).catch(() => undefined);
  await new Promise((r) => setImmediate(r));
  const made = await fs.create!(c, { parent: 50, name: "b", flags: 0o1101, mode: 0o644, umask: 0 });
  assert.equal(made.entry.node, 100);
  await assert.rejects(fs.flush!(c, { node: 100, fh: made.open.fh, lockOwner: "1" }), (e: { errno?: string }) => e.errno === "ENOSPC");
});

test("a window that arrives after the guest got into it asks for the next one at once", async () => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  let fh = 40;
  const peer = {
    call: async (m: string, p: Record<string, unknown>) => {
      calls.push([m, p]);
      if (m === "fs.open") return { fh: fh++, keepCache: false, attr: { ...ATTR }, data: Buffer.from("x"), ahead: p.node === 5 ? [{ node: 6, data: Buffer.from("six") }] : undefined };
      if (m === "fs.readahead") return { ahead: p.node === 6 ? [{ node: 7, data: Buffer.from("7") }, { node: 8, data: Buffer.from("8") }] : [] };
      return null;
    },
    notify: () => undefined,
  } as unknown as Peer;
  const fs = remoteFs(peer, { ids });
  const c = ctx();
  await fs.open!(c, { node: 5, flags: 0 });
  const local = fs.open!(c, { node: 6, flags: 0 }); // in the window: asks for the next one (7, 8)
  const missed = fs.open!(c, { node: 7, flags: 0 }); // the guest is faster: 7 goes to the head
  await Promise.all([local, missed]);
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  const ra = calls.filter(([m]) => m === "fs.readahead").map(([, p]) => p.node);
  assert.deepEqual(ra, [6, 7], "the window 7, 8 came after 7 was opened: the next one was asked for at once");
});
