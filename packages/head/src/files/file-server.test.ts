// FileServer on a link: fs.release answered with { notify: true }, and then accepted as a
// notification (no answer), with the handle really closed.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { memoryPeers } from "@mrc/rpc/testing";
import { FS_PREFIX } from "@mrc/protocol";
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
  assert.deepEqual(await target.call(FS_PREFIX + "release", { fh: o1.fh }), { notify: true });
  const o2 = await target.call<{ fh: number }>(FS_PREFIX + "open", { node: f.node, flags: 0 });
  target.notify(FS_PREFIX + "release", { fh: o2.fh });
  // Handled in order: a read through the released handle now fails.
  await assert.rejects(target.call(FS_PREFIX + "read", { fh: o2.fh, offset: 0, size: 1 }), (e: { errno?: string }) => e.errno === "EBADF");
  target.notify(FS_PREFIX + "release", { fh: 999 }); // unknown: ignored
  target.notify(FS_PREFIX + "release", null);
  await close();
  await files.close();
});
