import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync, mkdirSync, unlinkSync, renameSync } from "node:fs";
import { join } from "node:path";
import type { Invalidation } from "@mrc/protocol";
import { FileService } from "./service.js";
import { watchImpl } from "./watcher.js";
import { log } from "./errors.js";
import { tempDir, O_RDWR } from "./test-util.js";

/** Wait for an invalidation matching `pred`, failing after `ms`. */
function waitInval(list: Array<[Invalidation, unknown]>, on: { fn?: (() => void) | undefined }, pred: (i: Invalidation, o: unknown) => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no matching invalidation")), ms);
    const check = (): void => {
      if (list.some(([i, o]) => pred(i, o))) {
        clearTimeout(timer);
        on.fn = undefined;
        resolve();
      }
    };
    on.fn = check;
    check();
  });
}

test("changes made by others on the head invalidate known nodes and names", async () => {
  using d = tempDir();
  mkdirSync(join(d.path, "sub"));
  writeFileSync(join(d.path, "sub", "f"), "v1");
  const list: Array<[Invalidation, unknown]> = [];
  const on: { fn?: (() => void) | undefined } = {};
  const fs = new FileService({
    exports: [{ path: d.path, readOnly: false }],
    watch: true,
    onInvalidate: (i, o) => {
      list.push([i, o]);
      on.fn?.();
    },
  });
  try {
    await fs.ready();
    const root = await fs.lookup({ parent: 1, name: "0" });
    const sub = await fs.lookup({ parent: root.node, name: "sub" });
    const f = await fs.lookup({ parent: sub.node, name: "f" });
    writeFileSync(join(d.path, "sub", "f"), "v2 longer");
    await waitInval(list, on, (i, o) => i.kind === "inode" && i.node === f.node && o === undefined);
    writeFileSync(join(d.path, "sub", "new"), "n");
    await waitInval(list, on, (i) => i.kind === "entry" && i.parent === sub.node && i.name === "new");
    unlinkSync(join(d.path, "sub", "new"));
    await waitInval(list, on, (i) => i.kind === "entry" && i.parent === sub.node && i.name === "new" && list.filter(([x]) => x.kind === "entry" && x.name === "new").length >= 2);
    // The service's own change is reported once, with its origin, and its echo is dropped.
    const T = {};
    list.length = 0;
    const c = await fs.create({ parent: sub.node, name: "own", flags: O_RDWR, mode: 0o644, umask: 0 }, { origin: T });
    await fs.release({ fh: c.open.fh });
    // A foreign change made afterwards acts as a barrier: once it is seen, the echo would have been too.
    writeFileSync(join(d.path, "sub", "barrier"), "b");
    await waitInval(list, on, (i) => i.kind === "entry" && i.name === "barrier");
    const own = list.filter(([i]) => i.kind === "entry" && i.name === "own");
    assert.equal(own.length, 1);
    assert.equal(own[0]![1], T);
  } finally {
    await fs.close();
  }
});

/** An invalidation recorder with a waiter, for the tests below. */
function recorder(): { list: Array<[Invalidation, unknown]>; on: { fn?: (() => void) | undefined }; cb: (i: Invalidation, o: unknown) => void } {
  const list: Array<[Invalidation, unknown]> = [];
  const on: { fn?: (() => void) | undefined } = {};
  return { list, on, cb: (i, o) => (list.push([i, o]), on.fn?.()) };
}

test("the watcher is lazy: ready() is immediate on a big tree and only known directories are watched", async () => {
  using d = tempDir();
  // 20k files in 2k directories (a0..a39/d*/f0..f9).
  for (let i = 0; i < 2000; i++) {
    const dir = join(d.path, `a${i % 40}`, `d${i}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 10; f++) writeFileSync(join(dir, `f${f}`), "x");
  }
  const r = recorder();
  const t0 = performance.now();
  const fs = new FileService({ exports: [{ path: d.path, readOnly: false }], watch: true, onInvalidate: r.cb });
  await fs.ready();
  const took = performance.now() - t0;
  try {
    assert.ok(took < 300, `ready() took ${took.toFixed(1)} ms`);
    assert.equal(fs.watchedCount, 1); // the export root
    const root = await fs.lookup({ parent: 1, name: "0" });
    const a0 = await fs.lookup({ parent: root.node, name: "a0" });
    assert.equal(fs.watchedCount, 2);
    // readdirplus of a0 hands out its 50 subdirectories: each is watched while known.
    const dh = await fs.opendir({ node: a0.node });
    const list = await fs.readdirplus({ fh: dh.fh, offset: 0, maxEntries: 4096 });
    await fs.releasedir({ fh: dh.fh });
    const subdirs = list.filter((e) => e.entry !== undefined);
    assert.equal(subdirs.length, 50);
    assert.equal(fs.watchedCount, 52);
    // Files need no watch of their own: a foreign write to a file in a known directory is seen.
    const d0 = subdirs.find((e) => e.name === "d0")!;
    const f0 = await fs.lookup({ parent: d0.entry!.node, name: "f0" });
    assert.equal(fs.watchedCount, 52);
    writeFileSync(join(d.path, "a0", "d0", "f0"), "changed");
    await waitInval(r.list, r.on, (i, o) => i.kind === "inode" && i.node === f0.node && o === undefined);
    // Dropping nodes stops their watches.
    await fs.forget({ items: subdirs.map((e) => [e.entry!.node, 1] as [number, number]) });
    assert.equal(fs.watchedCount, 2);
    await fs.forget({ items: [[a0.node, 1]] });
    assert.equal(fs.watchedCount, 1); // export roots stay
  } finally {
    await fs.close();
  }
  assert.equal(fs.watchedCount, 0);
});

test("a watched directory renamed on the head keeps reporting; own writes are not echoed", async () => {
  using d = tempDir();
  mkdirSync(join(d.path, "sub"));
  writeFileSync(join(d.path, "sub", "f"), "v1");
  const r = recorder();
  const fs = new FileService({ exports: [{ path: d.path, readOnly: false }], watch: true, onInvalidate: r.cb });
  try {
    await fs.ready();
    const root = await fs.lookup({ parent: 1, name: "0" });
    const sub = await fs.lookup({ parent: root.node, name: "sub" });
    const f = await fs.lookup({ parent: sub.node, name: "f" });
    renameSync(join(d.path, "sub"), join(d.path, "moved"));
    await waitInval(r.list, r.on, (i, o) => i.kind === "entry" && i.parent === root.node && i.name === "moved" && o === undefined);
    writeFileSync(join(d.path, "moved", "f"), "v2 after the move");
    await waitInval(r.list, r.on, (i, o) => i.kind === "inode" && i.node === f.node && o === undefined);
    writeFileSync(join(d.path, "moved", "g"), "new");
    await waitInval(r.list, r.on, (i, o) => i.kind === "entry" && i.parent === sub.node && i.name === "g" && o === undefined);
    // Own writes, truncation, setattr and a mkdir through the service: reported with their origin only.
    const T = {};
    r.list.length = 0;
    const h = await fs.open({ node: f.node, flags: O_RDWR }, { origin: T });
    for (let i = 0; i < 20; i++) await fs.write({ fh: h.fh, offset: i * 10, data: Buffer.from("0123456789") }, { origin: T });
    await fs.setattr({ node: f.node, size: 5 }, { origin: T });
    await fs.setattr({ node: f.node, mode: 0o600 }, { origin: T });
    await fs.release({ fh: h.fh });
    await fs.mkdir({ parent: sub.node, name: "newdir", mode: 0o755, umask: 0o22 }, { origin: T });
    writeFileSync(join(d.path, "moved", "barrier"), "b");
    await waitInval(r.list, r.on, (i) => i.kind === "entry" && i.name === "barrier");
    await new Promise((res) => setTimeout(res, 100));
    const foreign = r.list.filter(([i, o]) => o === undefined && !(i.kind === "entry" && i.name === "barrier") && !(i.kind === "inode" && i.node === sub.node));
    assert.deepEqual(foreign, []);
  } finally {
    await fs.close();
  }
});

test("without inotify watches (ENOSPC) the service logs once and still works", async () => {
  using d = tempDir();
  mkdirSync(join(d.path, "a"));
  mkdirSync(join(d.path, "b"));
  const orig = watchImpl.watch;
  const origWarn = log.warn;
  const warnings: string[] = [];
  log.warn = (msg) => void warnings.push(msg);
  watchImpl.watch = () => {
    throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
  };
  try {
    const fs = new FileService({ exports: [{ path: d.path, readOnly: false }], watch: true });
    await fs.ready();
    const root = await fs.lookup({ parent: 1, name: "0" });
    await fs.lookup({ parent: root.node, name: "a" });
    await fs.lookup({ parent: root.node, name: "b" });
    await new Promise((res) => setImmediate(res));
    assert.equal(fs.watchedCount, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /max_user_watches/);
    await fs.close();
  } finally {
    watchImpl.watch = orig;
    log.warn = origWarn;
  }
});
