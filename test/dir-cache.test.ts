import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { job } from "./lib/head.js";
import { twoTargets, type TwoTargets } from "./lib/two-targets.js";

// Listings kept by the target's kernel (FOPEN_CACHE_DIR): a directory listed whole is listed again
// from the kernel's cache when the head says nothing changed since, and never when something did —
// through another target, through the same one, or by a process on the head (no watcher here:
// only the head's check at opendir stands between a change and a stale listing).

let env: TwoTargets;
/** Listing calls (readdir, readdirplus, and opendirs that brought a listing) that reached the head. */
let listings = 0;

before(async () => {
  env = await twoTargets(["dircache-1", "dircache-2"], { watch: false }, (server) => {
    const svc = server.service as unknown as Record<string, (p: unknown, ctx?: unknown) => Promise<unknown>>;
    for (const m of ["readdir", "readdirplus", "opendir"] as const) {
      const f = svc[m]!.bind(server.service);
      svc[m] = async (p, ctx) => {
        const r = await f(p, ctx);
        if (m !== "opendir" || Array.isArray((r as { entries?: unknown }).entries)) listings++;
        return r;
      };
    }
  });
});

after(() => env.close());

async function ls(l: TwoTargets["l1"], dir: string): Promise<string[]> {
  const r = await job(l, ["ls", "-a", dir], { cwd: env.dir });
  assert.equal(r.status, 0, r.err);
  return r.out.split("\n").filter(Boolean).sort();
}

test("a listing is served again from the target's kernel while unchanged, and never once changed", async () => {
  const { dir, l1, l2 } = env;
  const d = join(dir, "cached");
  mkdirSync(d);
  for (let i = 0; i < 50; i++) writeFileSync(join(d, `f${i}`), "");
  const expect = (): string[] => [".", "..", ...readdirSync(d)].sort();

  assert.deepEqual(await ls(l1, "cached"), expect());
  const before = listings;
  assert.deepEqual(await ls(l1, "cached"), expect());
  assert.equal(listings, before, "the second listing came from the kernel's cache");

  // Another target adds a name.
  assert.equal((await job(l2, ["sh", "-c", "echo x > cached/from-t2"], { cwd: dir })).status, 0);
  assert.deepEqual(await ls(l1, "cached"), expect());
  assert.ok(expect().includes("from-t2"));

  // This target removes one.
  assert.equal((await job(l1, ["rm", "cached/f7"], { cwd: dir })).status, 0);
  assert.deepEqual(await ls(l1, "cached"), expect());
  assert.ok(!expect().includes("f7"));

  // A process on the head adds and removes names, and puts the directory's mtime back as it was:
  // the kernel's own check (the mtime it has cached) cannot see it, and there is no watcher here;
  // only the head's check at opendir (its ctime moved) stands between this and a stale listing.
  const ref = join(env.dir, "..", `mtime-ref-${process.pid}`);
  const p = spawn("/bin/sh", ["-c", `touch -r '${d}' '${ref}' && touch '${d}/on-head' && rm '${d}/f8' && touch -r '${ref}' '${d}' && rm '${ref}'`], { stdio: "ignore" });
  assert.equal((await once(p, "exit"))[0], 0);
  assert.deepEqual(await ls(l1, "cached"), expect());
  assert.ok(expect().includes("on-head") && !expect().includes("f8"));

  // And once unchanged again, the kernel's listing serves.
  const settled = listings;
  assert.deepEqual(await ls(l1, "cached"), expect());
  assert.equal(listings, settled, "unchanged since the last listing: from the cache again");
});
