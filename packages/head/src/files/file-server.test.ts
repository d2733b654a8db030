// FileServer on a link: fs.release / fs.releasedir answered with { notify: true, batch: true },
// and then accepted as notifications (no answer), releases also in batches, with the handles
// really closed; fs.opendir with the first batch of the listing.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { memoryPeers } from "@mrc/rpc/testing";
import { FS_PREFIX, expandDirEntry } from "@mrc/protocol";
import { FileServer } from "../file-server.js";
import { tempDir } from "./test-util.js";

test("fs.release: the call announces notifications, and a notified release closes the handle", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  const files = new FileServer({ exports: [{ path: d.path, readOnly: false }], watch: false });
  const { a: head, b: target, close } = await memoryPeers();
  files.serve(head);
  const root = await target.call<{ node: number }>(FS_PREFIX + "lookup", { parent: 1, name: "0" });
  const f = await target.call<{ node: number }>(FS_PREFIX + "lookup", { parent: root.node, name: "f" });
  const o1 = await target.call<{ fh: number }>(FS_PREFIX + "open", { node: f.node, flags: 0 });
  assert.deepEqual(await target.call(FS_PREFIX + "release", { fh: o1.fh }), { notify: true, batch: true });
  const o2 = await target.call<{ fh: number }>(FS_PREFIX + "open", { node: f.node, flags: 0 });
  target.notify(FS_PREFIX + "release", { fh: o2.fh });
  // Handled in order: a read through the released handle now fails.
  await assert.rejects(target.call(FS_PREFIX + "read", { fh: o2.fh, offset: 0, size: 1 }), (e: { errno?: string }) => e.errno === "EBADF");
  target.notify(FS_PREFIX + "release", { fh: 999 }); // unknown: ignored
  target.notify(FS_PREFIX + "release", null);
  // A batch of plain releases.
  const many = await Promise.all([0, 1, 2].map(() => target.call<{ fh: number }>(FS_PREFIX + "open", { node: f.node, flags: 0 })));
  target.notify(FS_PREFIX + "release", { fhs: many.map((o) => o.fh) });
  for (const o of many) {
    await assert.rejects(target.call(FS_PREFIX + "read", { fh: o.fh, offset: 0, size: 1 }), (e: { errno?: string }) => e.errno === "EBADF");
  }
  await close();
  await files.close();
});

test("fs.opendir with prefetch: the first readdirplus batch and eof; releasedir as a notification", async () => {
  using d = tempDir();
  for (let i = 0; i < 5; i++) writeFileSync(join(d.path, `f${i}`), "x");
  const files = new FileServer({ exports: [{ path: d.path, readOnly: false }], watch: false });
  const { a: head, b: target, close } = await memoryPeers();
  files.serve(head);
  const root = await target.call<{ node: number }>(FS_PREFIX + "lookup", { parent: 1, name: "0" });
  const nodes0 = files.service.nodeCount;
  type DirOut = { fh: number; entries?: Array<{ name: string; off: number; entry?: { node: number } }>; eof?: boolean };
  const whole = await target.call<DirOut>(FS_PREFIX + "opendir", { node: root.node, prefetch: 100 });
  assert.equal(whole.eof, true);
  assert.deepEqual(whole.entries!.map((e) => e.name).sort(), [".", "..", "f0", "f1", "f2", "f3", "f4"]);
  assert.equal(files.service.nodeCount, nodes0 + 5, "each prefetched entry counts a lookup");
  // The rest of the listing, after the batch, is empty.
  const last = whole.entries![whole.entries!.length - 1]!.off;
  assert.deepEqual(await target.call(FS_PREFIX + "readdirplus", { fh: whole.fh, offset: last, maxEntries: 10 }), []);
  assert.deepEqual(await target.call(FS_PREFIX + "releasedir", { fh: whole.fh }), { notify: true, batch: true });
  const part = await target.call<DirOut>(FS_PREFIX + "opendir", { node: root.node, prefetch: 3 });
  assert.equal(part.eof, false);
  assert.equal(part.entries!.length, 3);
  const rest = await target.call<Array<{ name: string }>>(FS_PREFIX + "readdir", { fh: part.fh, offset: part.entries![2]!.off, maxEntries: 10 });
  assert.equal(rest.length, 4);
  target.notify(FS_PREFIX + "releasedir", { fh: part.fh });
  await assert.rejects(target.call(FS_PREFIX + "readdir", { fh: part.fh, offset: 0, maxEntries: 1 }), (e: { errno?: string }) => e.errno === "EBADF");
  // Compact: the same entries as arrays.
  const compact = await target.call<{ fh: number; entries: unknown[] }>(FS_PREFIX + "opendir", { node: root.node, prefetch: 100, compact: true });
  assert.deepEqual(compact.entries.map((c) => expandDirEntry(c)?.name).sort(), [".", "..", "f0", "f1", "f2", "f3", "f4"]);
  const rows = await target.call<unknown[]>(FS_PREFIX + "readdirplus", { fh: compact.fh, offset: 2, maxEntries: 2, compact: true });
  assert.equal(rows.length, 2);
  assert.ok(rows.every((c) => expandDirEntry(c)?.entry !== undefined));
  // Without prefetch: a plain OpenOut.
  const plain = await target.call<DirOut>(FS_PREFIX + "opendir", { node: root.node });
  assert.equal(plain.entries, undefined);
  await close();
  await files.close();
});
