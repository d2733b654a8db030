import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { DirEntryPlus } from "@mrc/protocol";
import { DirPrefetch } from "./dir-prefetch.js";

const ATTR = { ino: 1, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0, mode: 0o100644, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096 };
const batch = (): DirEntryPlus[] => [
  { name: ".", ino: 1, type: 4, off: 1 },
  { name: "..", ino: 1, type: 4, off: 2 },
  { name: "a", ino: 5, type: 8, off: 3, entry: { node: 50, generation: 0, attr: ATTR, entryTtlMs: 1, attrTtlMs: 1 } },
  { name: "b", ino: 6, type: 8, off: 4, entry: { node: 60, generation: 0, attr: ATTR, entryTtlMs: 1, attrTtlMs: 1 } },
];

test("a whole listing: offset 0 served, the call after the last entry answered empty, then the head", () => {
  const d = new DirPrefetch();
  d.put(7, 3, batch(), true, 11);
  const first = d.take(7, 0, true, 32768);
  assert.equal(first.list?.length, 4);
  assert.equal(first.stamp, 11);
  assert.deepEqual(first.forget, []);
  assert.deepEqual(d.take(7, 4, false, 32768).list, [], "the end, asked as plain READDIR");
  assert.equal(d.take(7, 0, true, 32768).list, undefined, "a rewind goes to the head");
  assert.deepEqual(d.drop(7), []);
});

test("a partial batch: served once; a later offset goes to the head", () => {
  const d = new DirPrefetch();
  d.put(7, 3, batch(), false, 1);
  assert.equal(d.take(7, 0, true, 32768).list?.length, 4);
  assert.equal(d.take(7, 4, true, 32768).list, undefined);
});

test("not served to the kernel: every prefetched lookup is handed back", () => {
  const d = new DirPrefetch();
  d.put(7, 3, batch(), true, 1);
  assert.deepEqual(d.drop(7), [[50, 1], [60, 1]]);
  d.put(8, 3, batch(), true, 1);
  const odd = d.take(8, 3, true, 32768); // the kernel started elsewhere
  assert.equal(odd.list, undefined);
  assert.deepEqual(odd.forget, [[50, 1], [60, 1]]);
  d.put(9, 3, batch(), true, 1);
  const plain = d.take(9, 0, false, 32768); // plain READDIR: names only, lookups back
  assert.deepEqual(plain.list?.map((e) => Object.keys(e).sort()), Array(4).fill(["ino", "name", "off", "type"]));
  assert.deepEqual(plain.forget, [[50, 1], [60, 1]]);
  assert.deepEqual(d.take(9, 4, true, 32768).list, []);
});

test("the prefetch count follows the kernel's READDIRPLUS buffer", () => {
  const d = new DirPrefetch();
  d.take(1, 0, true, 4096);
  assert.equal(d.count, 20);
  d.take(1, 0, true, 32768);
  assert.equal(d.count, 163);
  d.take(1, 0, false, 1 << 20); // plain READDIR sizes do not count
  assert.equal(d.count, 163);
});
