import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { DirEntryPlus } from "@mrc/protocol";
import { DirReadahead, FIRST_DIR_WINDOW, MAX_DIR_WINDOW, MAX_PREOPENED, PREOPEN_TTL_MS, type PreOpened } from "./dir-readahead.js";

const attr = (mode: number) => ({ ino: 1, size: 0, blocks: 0, atimeSec: 0, atimeNsec: 0, mtimeSec: 0, mtimeNsec: 0, ctimeSec: 0, ctimeNsec: 0, mode, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096 });
/** A listing with `dirs` subdirectories (nodes first..first+dirs-1) and a file between each. */
function listing(first: number, dirs: number): DirEntryPlus[] {
  const out: DirEntryPlus[] = [{ name: ".", ino: 1, type: 4, off: 1 }];
  for (let i = 0; i < dirs; i++) {
    out.push({ name: `d${i}`, ino: 10 + i, type: 4, off: out.length + 1, entry: { node: first + i, generation: 0, attr: attr(0o040755), entryTtlMs: 1, attrTtlMs: 1 } });
    out.push({ name: `f${i}`, ino: 1000 + i, type: 8, off: out.length + 1, entry: { node: 9000 + first + i, generation: 0, attr: attr(0o100644), entryTtlMs: 1, attrTtlMs: 1 } });
  }
  return out;
}

function harness(now = () => 0) {
  const fetched: number[] = [];
  const discarded: number[] = [];
  const ra = new DirReadahead(
    async (node) => {
      fetched.push(node);
      if (node === 666) throw new Error("EACCES");
      return { fh: node * 10, keepCache: false, entries: [], eof: true, stamp: 0 } satisfies PreOpened;
    },
    (pre) => discarded.push(pre.fh / 10),
    now,
  );
  return { ra, fetched, discarded };
}

test("scattered opens read nothing ahead; the first open of a listed subdirectory starts a walk", async () => {
  const { ra, fetched } = harness();
  ra.opened(7, "miss"); // a directory no listing named
  assert.deepEqual(fetched, []);
  ra.listed(1, listing(100, 30), false);
  assert.deepEqual(fetched, [], "listing alone reads nothing ahead");
  ra.opened(100, "miss");
  assert.deepEqual(fetched, [101, 102, 103, 104].slice(0, FIRST_DIR_WINDOW));
  // The walk goes on: each window used doubles the next.
  assert.equal((await ra.take(101))?.fh, 1010);
  ra.opened(101, "hit");
  assert.deepEqual(fetched.slice(FIRST_DIR_WINDOW), [105, 106, 107, 108, 109]);
  assert.equal(ra.take(100), undefined, "nothing was read ahead for the directory asked for");
});

test("windows stop at the end of the listing and at MAX_DIR_WINDOW", async () => {
  const { ra, fetched } = harness();
  ra.listed(1, listing(100, 100), false);
  ra.opened(100, "miss");
  let node = 101;
  for (let i = 0; i < 12; i++) {
    assert.ok(await ra.take(node), `node ${node} was read ahead`);
    ra.opened(node, "hit");
    node++;
  }
  // Never more than MAX_DIR_WINDOW past the directory opened last.
  assert.ok(Math.max(...fetched) <= node - 1 + MAX_DIR_WINDOW);
  assert.equal(new Set(fetched).size, fetched.length, "no directory read ahead twice");
  const small = harness();
  small.ra.listed(1, listing(200, 3), false);
  small.ra.opened(200, "miss");
  assert.deepEqual(small.fetched, [201, 202]);
});

test("a directory opened from a readahead has its own first subdirectories read ahead (a walk goes down)", () => {
  const { ra, fetched } = harness();
  ra.listed(5, listing(300, 6), true);
  assert.deepEqual(fetched, [300, 301, 302, 303].slice(0, FIRST_DIR_WINDOW));
});

test("a spoilt listing stops readahead in that parent; a failed fetch is just absent", async () => {
  const { ra, fetched } = harness();
  ra.listed(1, listing(100, 30), false);
  ra.opened(100, "miss");
  const n = fetched.length;
  assert.ok(await ra.take(101));
  ra.opened(101, "spoilt");
  assert.equal(fetched.length, n);
  ra.opened(105, "miss");
  assert.equal(fetched.length, n, "no more in a parent whose tree is being changed");
  const h = harness();
  h.ra.listed(1, [...listing(100, 1), ...listing(666, 1).slice(1)], false);
  h.ra.opened(100, "miss");
  assert.deepEqual(h.fetched, [666]);
  assert.equal(await h.ra.take(666), undefined);
});

test("unused listings are given back after the TTL, and at most MAX_PREOPENED wait", async () => {
  let t = 0;
  const { ra, fetched, discarded } = harness(() => t);
  ra.listed(1, listing(100, 200), false);
  ra.opened(100, "miss");
  t = PREOPEN_TTL_MS + 1;
  ra.opened(7, "miss"); // any later open sweeps
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(discarded.sort(), fetched.slice().sort());
  assert.equal(ra.waiting, 0);
  // Many parents walked at once: capped.
  for (let p = 0; p < 40; p++) {
    ra.listed(10_000 + p, listing(20_000 + p * 100, 20), false);
    ra.opened(20_000 + p * 100, "miss");
  }
  assert.ok(ra.waiting <= MAX_PREOPENED);
});
