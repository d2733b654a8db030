import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryPeers, wsPeers } from "@mrc/rpc/testing";
import { adoptPipe, pumpOutput } from "./output-pump.js";

test("a child's stdout is adopted and pumped into a link stream intact, with a slow reader", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mrc-pump-"));
  const { a, b, close } = await wsPeers();
  try {
    const data = randomBytes(24 * 1024 * 1024);
    writeFileSync(join(dir, "data"), data);
    const child = spawn("cat", [join(dir, "data")], { stdio: ["ignore", "pipe", "ignore"] });
    const w = b.openWriter();
    const r = a.reader(w.sid);
    const adopted = adoptPipe(child.stdout, w);
    assert.ok(adopted, "the pipe of a fresh child was not adopted (Node internals changed?)");
    const pumped = pumpOutput(adopted, w, true);
    const h = createHash("sha256");
    for await (const c of r) {
      h.update(c as Buffer);
      await new Promise((res) => setImmediate(res)); // a slow consumer: the pump must pause
    }
    await pumped;
    assert.equal(h.digest("hex"), createHash("sha256").update(data).digest("hex"));
    if (!adopted.closed) await once(adopted, "close"); // the pipe is closed after EOF
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a reader that resets the stream cuts the pipe: the child gets EPIPE", async () => {
  const { a, b, close } = await memoryPeers();
  const child = spawn("yes", [], { stdio: ["ignore", "pipe", "ignore"] });
  const w = b.openWriter();
  const r = a.reader(w.sid);
  const adopted = adoptPipe(child.stdout, w);
  assert.ok(adopted);
  const pumped = pumpOutput(adopted, w, true);
  await once(r, "data");
  r.destroy();
  await pumped;
  const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
  assert.ok(code !== 0 || signal !== null, "yes kept running");
  await close();
});

test("a stream that is not a child's fresh pipe is not adopted", async () => {
  const { b, close } = await memoryPeers();
  const child = spawn("true", [], { stdio: ["ignore", "pipe", "ignore"] });
  child.stdout.on("data", () => {});
  assert.equal(adoptPipe(child.stdout, b.openWriter()), undefined);
  await once(child, "close");
  await close();
});
