import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PassThrough } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { job } from "./lib/head.js";
import { twoTargets, type TwoTargets } from "./lib/two-targets.js";

// Directory readahead through real mounts: a walk's next directories are opened on the head
// before the guest gets to them, and a listing read ahead is never shown once something in it
// changed — through another target or through the same one.

let env: TwoTargets;
/** fs.opendir calls that reached the head, per link. */
const opendirs = new Map<unknown, number>();
/** Directory handles the head has open. */
const open = new Set<number>();

before(async () => {
  env = await twoTargets(["dirra-1", "dirra-2"], {}, (server) => {
    const svc = server.service as unknown as {
      opendir: (p: unknown, ctx?: { origin?: unknown }) => Promise<{ fh: number }>;
      releasedir: (p: { fh: number }) => Promise<void>;
    };
    const opendir = svc.opendir.bind(server.service);
    const releasedir = svc.releasedir.bind(server.service);
    svc.opendir = async (p, ctx) => {
      opendirs.set(ctx?.origin, (opendirs.get(ctx?.origin) ?? 0) + 1);
      const r = await opendir(p, ctx);
      open.add(r.fh);
      return r;
    };
    svc.releasedir = (p) => (open.delete(p.fh), releasedir(p));
  });
});

after(() => env.close());

const total = (): number => [...opendirs.values()].reduce((a, b) => a + b, 0);

/** Every path under `root` (relative to `base`), sorted: what `find | sort` prints. */
function walk(base: string, root: string): string[] {
  const out = [relative(base, root)];
  for (const name of readdirSync(root)) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) out.push(...walk(base, p));
    else out.push(relative(base, p));
  }
  return out.sort();
}

test("a walk opens the next directories on the head ahead of the guest; a listing changed since is not shown", async () => {
  const { dir, l1, l2 } = env;
  const tree = join(dir, "tree");
  for (let d = 0; d < 10; d++) {
    mkdirSync(join(tree, `d${d}`, "sub"), { recursive: true });
    for (let f = 0; f < 3; f++) writeFileSync(join(tree, `d${d}`, `f${f}`), `${d}/${f}\n`);
    writeFileSync(join(tree, `d${d}`, "sub", "deep"), "deep\n");
  }
  // The head lists in its directory order; the guest opens the first subdirectory of it.
  const order = readdirSync(tree);
  const input = new PassThrough();
  let ready!: () => void;
  const listed = new Promise<void>((r) => (ready = r));
  const before = total();
  const running = job(
    l1,
    ["sh", "-c", `ls tree >/dev/null && ls tree/${order[0]} >/dev/null && echo ready && read go && rm tree/${order[3]}/f1 && find tree | sort`],
    { cwd: dir, input, onOut: (out) => out.includes("ready") && ready() },
  );
  await listed;
  // The guest opened 2 directories; the next ones of the listing are opened ahead (4 at first).
  for (const until = Date.now() + 5000; total() - before < 6; await delay(5)) {
    assert.ok(Date.now() < until, `no readahead: ${total() - before} opendirs reached the head`);
  }
  // Meanwhile another target changes two of the directories read ahead (the head tells this
  // target before it answers that one, so before the "go" below reaches the guest).
  const other = await job(l2, ["sh", "-c", `touch tree/${order[1]}/new && rm tree/${order[2]}/f0 && mkdir tree/${order[2]}/made`], { cwd: dir });
  assert.equal(other.status, 0, other.err);
  // ... and the guest itself removes a file in a third one before listing it (rm above).
  input.end("go\n");
  const r = await running;
  assert.equal(r.status, 0, r.err);
  const expected = walk(dir, tree);
  assert.ok(expected.includes(`tree/${order[1]}/new`) && expected.includes(`tree/${order[2]}/made`));
  assert.ok(!expected.includes(`tree/${order[2]}/f0`) && !expected.includes(`tree/${order[3]}/f1`));
  assert.deepEqual(r.out.trim().split("\n").slice(1), expected); // (after "ready")
});

test("listings read ahead and never used are given back to the head", async () => {
  const { dir, l1 } = env;
  const wide = join(dir, "wide");
  for (let d = 0; d < 30; d++) mkdirSync(join(wide, `w${d}`, "x"), { recursive: true });
  const first = readdirSync(wide)[0]!;
  const before = total();
  const r = await job(l1, ["sh", "-c", `ls wide >/dev/null && ls wide/${first} >/dev/null`], { cwd: dir });
  assert.equal(r.status, 0, r.err);
  assert.ok(total() - before >= 6, "the next directories were read ahead");
  // The guest closed its two; the ones read ahead for it are released by the target once unused
  // for PREOPEN_TTL_MS (5 s), with the link still up.
  for (const until = Date.now() + 15_000; open.size > 0; await delay(20)) {
    assert.ok(Date.now() < until, `${open.size} directory handles still open on the head`);
  }
});
