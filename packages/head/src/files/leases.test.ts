import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { leaseHelperPid, tempDir } from "./test-util.js";
import { LeaseHolder } from "./leases.js";

/** Start `sh -c script` on the head (another process); resolves with its exit code. */
function headProcess(script: string): { exited: Promise<number>; done: () => boolean } {
  const child = spawn("/bin/sh", ["-c", script], { stdio: "ignore" });
  let finished = false;
  const exited = once(child, "exit").then(([code]) => {
    finished = true;
    return code as number;
  });
  return { exited, done: () => finished };
}

/**
 * A file in `dir` holding `contents`, with a read lease taken on it: `broke` resolves with the id
 * of the first break, `breaks` lists them all.
 */
async function leasedFile(dir: string, contents: string) {
  const f = join(dir, "f");
  writeFileSync(f, contents);
  const breaks: number[] = [];
  let wake!: (id: number) => void;
  const broke = new Promise<number>((r) => (wake = r));
  const leases = new LeaseHolder((id) => {
    breaks.push(id);
    wake(id);
  });
  const fd = openSync(f, "r");
  try {
    return { f, leases, breaks, broke, id: await leases.take(fd) };
  } finally {
    closeSync(fd);
  }
}

test("a head process that opens a leased file for writing waits until the lease is released", async () => {
  using d = tempDir();
  const { f, leases, broke, id } = await leasedFile(d.path, "v1");
  try {
    assert.notEqual(id, null, `lease refused: ${leases.lastError ?? leases.unavailable}`);
    assert.equal(leases.count, 1);
    const writer = headProcess(`echo v2 > '${f}'`);
    // The kernel tells the holder before the writer's open returns ...
    assert.equal(await broke, id);
    // ... and the writer is still blocked in open(2): the file is unchanged.
    assert.equal(writer.done(), false);
    assert.equal(readFileSync(f, "utf8"), "v1");
    leases.release(id!);
    assert.equal(await writer.exited, 0);
    assert.equal(readFileSync(f, "utf8"), "v2\n");
    assert.equal(leases.count, 0);
  } finally {
    leases.close();
  }
});

test("a truncate(2) on the head breaks the lease too; readers do not", async () => {
  using d = tempDir();
  const { f, leases, breaks, broke, id } = await leasedFile(d.path, "contents");
  try {
    assert.notEqual(id, null);
    // A reader is no conflict: it finishes without a break.
    assert.equal(await headProcess(`cat '${f}' > /dev/null`).exited, 0);
    assert.deepEqual(breaks, []);
    const t = headProcess(`perl -e 'truncate($ARGV[0], 0) or die "$!"' '${f}'`);
    await broke;
    assert.deepEqual(breaks, [id]);
    assert.equal(readFileSync(f, "utf8"), "contents");
    leases.release(id!);
    assert.equal(await t.exited, 0);
    assert.equal(readFileSync(f, "utf8"), "");
  } finally {
    leases.close();
  }
});

test("no lease on a file open for writing (EAGAIN), and none when delegations are disabled", async () => {
  using d = tempDir();
  const f = join(d.path, "f");
  writeFileSync(f, "x");
  const leases = new LeaseHolder(() => assert.fail("no lease, no break"));
  const off = new LeaseHolder(() => {}, () => {}, false);
  const w = openSync(f, "r+");
  const r = openSync(f, "r");
  try {
    assert.equal(await leases.take(r), null);
    assert.match(leases.lastError ?? "", /^(EAGAIN|EWOULDBLOCK)$/);
    assert.equal(leases.count, 0);
    closeSync(w);
    assert.equal(await off.take(r), null);
    assert.equal(off.unavailable, "disabled");
    const id = await leases.take(r);
    assert.notEqual(id, null, "once the writer closed, the lease is granted");
  } finally {
    closeSync(r);
    leases.close();
    off.close();
  }
});

test("a helper that does not answer costs no more than TAKE_TIMEOUT_MS: the lease is refused", { timeout: 10_000 }, async () => {
  using d = tempDir();
  const f = join(d.path, "f");
  writeFileSync(f, "x");
  const leases = new LeaseHolder(() => {});
  const fd = openSync(f, "r");
  try {
    assert.notEqual(await leases.take(fd), null, "the helper is up");
    const helper = leaseHelperPid()!;
    process.kill(helper, "SIGSTOP");
    try {
      assert.equal(await leases.take(fd), null);
      assert.equal(leases.lastError, "ETIMEDOUT");
    } finally {
      process.kill(helper, "SIGCONT");
    }
  } finally {
    closeSync(fd);
    leases.close();
  }
});
