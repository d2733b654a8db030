import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { FileServer, TargetLink } from "@mrc/head";
import { startTargetDaemon, type TargetDaemon } from "./lib/mrc.js";
import { job } from "./lib/head.js";

// Delegations through real mounts: a target opens delegated files without asking the head, and
// every change — through another target, or by a process on the head — is seen by the next open.

let t1: TargetDaemon;
let t2: TargetDaemon;
let dir: string;
let files: FileServer;
let l1: TargetLink;
let l2: TargetLink;
/** fs.open calls that reached the head, per link. */
const opens = new Map<unknown, number>();

before(async () => {
  [t1, t2] = await Promise.all([startTargetDaemon("deleg-1"), startTargetDaemon("deleg-2")]);
  dir = mkdtempSync(join(tmpdir(), "mrc-deleg-"));
  // No inotify watcher: a change by a process on the head then reaches a target only through the
  // recall its lease break causes (with the watcher, its invalidation would mask a missing recall).
  files = new FileServer({ exports: [{ path: dir, readOnly: false }], delegate: true, watch: false });
  const svc = files.service as unknown as { open: (p: unknown, ctx?: { origin?: unknown }) => Promise<unknown> };
  const open = svc.open.bind(files.service);
  svc.open = (p, ctx) => (opens.set(ctx?.origin, (opens.get(ctx?.origin) ?? 0) + 1), open(p, ctx));
  await files.ready();
  l1 = await TargetLink.connect(`ws://${t1.addr}`, { token: t1.token });
  l2 = await TargetLink.connect(`ws://${t2.addr}`, { token: t2.token });
  await l1.attach(files);
  await l2.attach(files);
});

after(async () => {
  l1.close();
  l2.close();
  await Promise.all([t1.stop(), t2.stop()]);
  await files.close();
});

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
  assert.ok(asked <= 10, `${asked} of 120 opens reached the head`);
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
  execFileSync("perl", ["-e", "truncate($ARGV[0], 7) or die", f]);
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
