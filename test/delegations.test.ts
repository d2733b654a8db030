import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createHash } from "node:crypto";
import { existsSync, statSync, writeFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import type { TargetLink } from "@mrc/head";
import { job } from "./lib/head.js";
import { conformanceOnMount } from "./lib/conformance-mount.js";
import { twoTargets, type TwoTargets } from "./lib/two-targets.js";

// Delegations through real mounts: a target opens delegated files without asking the head, and
// every change — through another target, or by a process on the head — is seen by the next open.

let dir: string;
let l1: TargetLink;
let l2: TargetLink;
/** fs.open calls that reached the head, per link. */
const opens = new Map<unknown, number>();

let env: TwoTargets;

before(async () => {
  // No inotify watcher: a change by a process on the head then reaches a target only through the
  // recall its lease break causes (with the watcher, its invalidation would mask a missing recall).
  env = await twoTargets(["deleg-1", "deleg-2"], { delegate: true, watch: false }, (server) => {
    const svc = server.service as unknown as { open: (p: unknown, ctx?: { origin?: unknown }) => Promise<unknown> };
    const open = svc.open.bind(server.service);
    svc.open = (p, ctx) => (opens.set(ctx?.origin, (opens.get(ctx?.origin) ?? 0) + 1), open(p, ctx));
  });
  ({ dir, l1, l2 } = env);
});

after(() => env.close());

const sha = (b: Buffer): string => createHash("sha256").update(b).digest("hex");
const headOpens = (): number => [...opens.values()].reduce((a, b) => a + b, 0);

test("a scan of a directory opens most files without asking the head, and reads exactly the head's bytes", async () => {
  const d = join(dir, "scan");
  mkdirSync(d);
  for (let i = 0; i < 120; i++) writeFileSync(join(d, `f${i}`), `file ${i} `.repeat(1 + (i % 50)));
  // find lists in the order the mount lists (the head's: sorted by name) and cat opens the files
  // in that order: a scan.
  const names = readdirSync(d).sort();
  const expected = sha(Buffer.concat(names.map((n) => readFileSync(join(d, n)))));
  const before = headOpens();
  const r = await job(l1, ["sh", "-c", "find scan -type f -exec cat {} +"], { cwd: dir });
  assert.equal(r.status, 0, r.err);
  assert.equal(sha(Buffer.from(r.out)), expected);
  const asked = headOpens() - before;
  // Without delegations all 120 would (1-6 do on an idle machine: the first file, and files a fast
  // reader reached before their window; the bound leaves room for a loaded one).
  assert.ok(asked <= 40, `${asked} of 120 opens reached the head`);
});

test("contents a scan put into the page cache give way to the head's changes: the next scan reads the new bytes", async () => {
  const d = join(dir, "rescan");
  mkdirSync(d);
  for (let i = 0; i < 60; i++) writeFileSync(join(d, `f${String(i).padStart(2, "0")}`), `old ${i} `.repeat(40 + i));
  const all = (): string => sha(Buffer.concat(readdirSync(d).sort().map((n) => readFileSync(join(d, n)))));
  const scan = async (): Promise<string> => {
    const r = await job(l1, ["sh", "-c", "find rescan -type f | sort | xargs cat"], { cwd: dir });
    assert.equal(r.status, 0, r.err);
    return sha(Buffer.from(r.out));
  };
  assert.equal(await scan(), all());
  // A process on the head shrinks some files, grows others and rewrites some in place (same
  // size): the target's kernel holds the old contents of all of them in its page cache.
  const script = [
    ...Array.from({ length: 20 }, (_, i) => `printf 'short %d' ${i} > rescan/f${String(i * 3).padStart(2, "0")}`),
    ...Array.from({ length: 10 }, (_, i) => `head -c 9000 /dev/zero | tr '\\0' g >> rescan/f${String(i * 3 + 1).padStart(2, "0")}`),
    ...Array.from({ length: 10 }, (_, i) => `perl -e 'open(F, "+<", $ARGV[0]) or die; print F "NEW"' rescan/f${String(i * 3 + 2).padStart(2, "0")}`),
  ].join(" && ");
  const writer = spawn("/bin/sh", ["-c", script], { cwd: dir, stdio: "ignore" });
  assert.equal((await once(writer, "exit"))[0], 0);
  assert.equal(await scan(), all(), "the second scan reads exactly the head's new bytes");
});

test("a change by a process on the head reaches the next open of a delegated file", async () => {
  const f = join(dir, "conf.txt");
  writeFileSync(f, "first\n");
  // Two opens by the same target: the second one is delegated, the third answered by the target.
  for (let i = 0; i < 2; i++) assert.equal((await job(l1, ["cat", f])).out, "first\n");
  const before = headOpens();
  assert.equal((await job(l1, ["cat", f])).out, "first\n");
  assert.equal(headOpens(), before, "the delegated open did not reach the head");
  // A process on the head rewrites it: its open waits while the target gives the file up.
  const writer = spawn("/bin/sh", ["-c", `printf 'second, longer\\n' > '${f}'`], { stdio: "ignore" });
  assert.equal((await once(writer, "exit"))[0], 0);
  assert.equal((await job(l1, ["cat", f])).out, "second, longer\n");
  // ... and so does a truncate(2) without an open.
  for (let i = 0; i < 2; i++) assert.equal((await job(l1, ["cat", f])).out, "second, longer\n");
  // (Not execFileSync: this process serves the exports, and must not wait synchronously on a
  // writer its own recall would release.)
  const trunc = spawn("perl", ["-e", "truncate($ARGV[0], 7) or die", f], { stdio: "ignore" });
  assert.equal((await once(trunc, "exit"))[0], 0);
  assert.equal((await job(l1, ["cat", f])).out, "second,");
});

test("a write through another target reaches the next open of a delegated file", async () => {
  const f = join(dir, "shared.txt");
  writeFileSync(f, "one\n");
  for (let i = 0; i < 3; i++) assert.equal((await job(l1, ["cat", f])).out, "one\n");
  const w = await job(l2, ["sh", "-c", `printf 'two, from target 2\\n' > ${f}`]);
  assert.equal(w.status, 0, w.err);
  assert.equal((await job(l1, ["cat", f])).out, "two, from target 2\n");
  // Appending (no truncation) is a change too.
  for (let i = 0; i < 2; i++) await job(l1, ["cat", f]);
  assert.equal((await job(l2, ["sh", "-c", `echo three >> ${f}`])).status, 0);
  assert.equal((await job(l1, ["cat", f])).out, "two, from target 2\nthree\n");
});

test("files a target creates reach the head at their close, and one kept open reaches it anyway", { timeout: 30_000 }, async () => {
  // In a directory the target made (so it knows every name in it), creates are answered on the
  // target and sent with their first writes at close, or shortly after if the file stays open.
  const made = await job(l1, ["sh", "-c", "mkdir made && for i in 1 2 3; do echo \"line $i\" > made/f$i; done; cat made/f2; python3 -c 'import os, sys; os.close(os.open(sys.argv[1], os.O_CREAT | os.O_WRONLY)); print(os.stat(sys.argv[1]).st_ino)' made/empty"], { cwd: dir });
  assert.equal(made.status, 0, made.err);
  const [text, ino] = made.out.split("\n");
  assert.equal(text, "line 2");
  // Once closed, the file shows the head's inode number (not the provisional one it had).
  assert.equal(Number(ino), statSync(join(dir, "made", "empty")).ino);
  for (const i of [1, 2, 3]) assert.equal(readFileSync(join(dir, "made", `f${i}`), "utf8"), `line ${i}\n`);
  const input = new PassThrough();
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const running = job(l1, ["sh", "-c", "mkdir kept && exec 3>kept/log && echo started >&3 && echo ready && read go && echo done >&3"], {
    cwd: dir,
    input,
    onOut: (out) => out.includes("ready") && ready(),
  });
  await started;
  // The guest still holds the file open: the head gets it anyway (at the latest 10 ms after the
  // create, or as soon as the target asks the head anything; the deadline here is generous).
  const f = join(dir, "kept", "log");
  for (const until = Date.now() + 5000; !(existsSync(f) && readFileSync(f, "utf8") === "started\n"); await delay(5)) {
    assert.ok(Date.now() < until, "the file kept open never reached the head");
  }
  input.end("go\n");
  const r = await running;
  assert.equal(r.status, 0, r.err);
  assert.equal(readFileSync(f, "utf8"), "started\ndone\n");
});

test("the conformance suite agrees between a local directory and a mount with delegations and deferred creates", async () => {
  const r = await conformanceOnMount(l1, dir, "conformance");
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.diffs, []);
  assert.ok(r.cases > 50);
});
