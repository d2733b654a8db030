import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryPeers } from "@mrc/rpc/testing";
import { FS_PREFIX, FS_RECALL, type Entry, type OpenOut } from "@mrc/protocol";
import { FileServer } from "./file-server.js";
import { GIVE_UP_MS } from "./files/leases.js";

const O_RDONLY = 0;

/** A file server with one link whose target never answers recalls; the file `f` delegated to it. */
async function silentTarget(recallTimeoutMs: number) {
  const dir = mkdtempSync(join(tmpdir(), "mrc-recall-"));
  writeFileSync(join(dir, "f"), "before");
  const files = new FileServer({ exports: [{ path: dir, readOnly: false }], delegate: true, watch: false, recallTimeoutMs });
  const { a, b, close } = await memoryPeers();
  files.serve(a);
  const recalls: unknown[] = [];
  b.handle(FS_RECALL, (p: unknown) => (recalls.push(p), new Promise(() => {}))); // never answers
  const root = await b.call<Entry>(FS_PREFIX + "lookup", { parent: 1, name: "0" });
  const f = await b.call<Entry>(FS_PREFIX + "lookup", { parent: root.node, name: "f" });
  let last: OpenOut | undefined;
  for (let i = 0; i < 2; i++) {
    last = await b.call<OpenOut>(FS_PREFIX + "open", { node: f.node, flags: O_RDONLY, prefetch: 65536, deleg: true });
    await b.call(FS_PREFIX + "release", { fh: last.fh });
  }
  assert.equal(last?.deleg, true, "delegated on the second open");
  return { dir, files, b, f, recalls, close };
}

test("a target that never answers a recall holds a writer on the head no longer than the recall timeout", async () => {
  const t = await silentTarget(300);
  try {
    const start = Date.now();
    const writer = spawn("/bin/sh", ["-c", `printf after > '${join(t.dir, "f")}'`], { stdio: "ignore" });
    assert.equal((await once(writer, "exit"))[0], 0);
    const waited = Date.now() - start;
    assert.deepEqual(t.recalls, [{ nodes: [t.f.node] }]);
    assert.equal(readFileSync(join(t.dir, "f"), "utf8"), "after");
    // Let go by the recall's timeout (300 ms), not by the lease helper's last resort.
    assert.ok(waited < GIVE_UP_MS, `the writer waited ${waited} ms`);
    assert.deepEqual(t.files.service.delegations.holders(t.f.node), []);
  } finally {
    await t.close();
    await t.files.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test("a link that goes away gives its delegations back: a writer on the head then waits for nobody", async () => {
  const t = await silentTarget(60_000);
  try {
    await t.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(t.files.service.delegations.holders(t.f.node), []);
    assert.equal(t.files.service.delegations.active, 0, "its leases are released");
    const writer = spawn("/bin/sh", ["-c", `printf after > '${join(t.dir, "f")}'`], { stdio: "ignore" });
    assert.equal((await once(writer, "exit"))[0], 0);
    assert.deepEqual(t.recalls, []);
  } finally {
    await t.files.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
});
