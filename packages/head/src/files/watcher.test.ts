import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync, mkdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { Invalidation } from "@mrc/protocol";
import { FileService } from "./service.js";
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
