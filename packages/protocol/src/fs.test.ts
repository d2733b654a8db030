import { test } from "node:test";
import * as assert from "node:assert/strict";
import { ATTR_FIELDS, compactDirEntry, expandDirEntry, type DirEntryPlus } from "./fs.js";

test("compact readdirplus entries: arrays that expand back to the same entries; malformed ones are refused", () => {
  const attr = { ino: 9, size: 4096, blocks: 8, atimeSec: 1, atimeNsec: 2, mtimeSec: 3, mtimeNsec: 4, ctimeSec: 5, ctimeNsec: 6, mode: 0o100644, nlink: 1, uid: 7, gid: 8, rdev: 0, blksize: 4096 };
  const withEntry: DirEntryPlus = { name: "f", ino: 9, type: 8, off: 3, entry: { node: 42, generation: 0, attr, entryTtlMs: 10_000, attrTtlMs: 9_000 } };
  const dot: DirEntryPlus = { name: ".", ino: 1, type: 4, off: 1 };
  for (const d of [withEntry, dot]) {
    const c = compactDirEntry(d);
    assert.ok(Array.isArray(c));
    assert.deepEqual(expandDirEntry(JSON.parse(JSON.stringify(c))), d);
  }
  assert.equal(compactDirEntry(withEntry).length, 7 + ATTR_FIELDS.length);
  // Every Attr field is carried, in ATTR_FIELDS order.
  assert.deepEqual([...ATTR_FIELDS].sort(), Object.keys(attr).sort());
  assert.deepEqual(compactDirEntry(withEntry).slice(7), ATTR_FIELDS.map((k) => attr[k]));
  for (const bad of [null, {}, [], [1, 2, 3, 4], ["x", 1, 2], ["x", 1, 2, 3, 4], ["x", 1, 2, "3"], [...compactDirEntry(withEntry), 1]]) {
    assert.equal(expandDirEntry(bad), undefined, JSON.stringify(bad));
  }
});
