import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, writeFileSync, readFileSync, symlinkSync, mkdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { PassThrough } from "node:stream";
import { FileServer, TargetLink } from "@mrc/head";
import { readMountInfo } from "@mrc/fuse";
import { runMrc, processAlive, type TargetDaemon } from "./lib/mrc.js";
import { twoTargets, type TwoTargets } from "./lib/two-targets.js";
import { job } from "./lib/head.js";
import { conformanceOnMount } from "./lib/conformance-mount.js";

let t1: TargetDaemon;
let t2: TargetDaemon;
let dir: string; // the head's export
let files: FileServer;
let l1: TargetLink;
let l2: TargetLink;

let env: TwoTargets;

before(async () => {
  env = await twoTargets(["tok-1", "tok-2"]);
  ({ t1, t2, dir, files, l1, l2 } = env);
});

after(() => env.close()); // removes the export: 1 GiB of it

test("a guest sees the head's files at the same path, as its own, and writes go to the head", async () => {
  writeFileSync(join(dir, "hello.txt"), "from the head\n");
  const r = await job(l1, ["sh", "-c", "cat hello.txt; id -u; stat -c %U hello.txt; echo from-guest > out.txt"], { cwd: dir });
  assert.equal(r.status, 0, r.err);
  assert.equal(r.out, "from the head\n65534\nnobody\n");
  assert.equal(readFileSync(join(dir, "out.txt"), "utf8"), "from-guest\n");
});

test("the conformance suite agrees between a local directory and the mrc mount", async () => {
  // Same user on both sides: nobody, locally via setpriv, on the mount as the guest user.
  const r = await conformanceOnMount(l1, dir, "conformance");
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.diffs, []);
  assert.ok(r.cases > 50);
});

test("two targets see each other's closed writes", async () => {
  const w1 = await job(l1, ["sh", "-c", "echo one > shared.txt"], { cwd: dir });
  assert.equal(w1.status, 0, w1.err);
  const r2 = await job(l2, ["cat", "shared.txt"], { cwd: dir });
  assert.equal(r2.out, "one\n");
  const w2 = await job(l2, ["sh", "-c", "echo second-version > shared.txt"], { cwd: dir });
  assert.equal(w2.status, 0, w2.err);
  const r1 = await job(l1, ["cat", "shared.txt"], { cwd: dir });
  assert.equal(r1.out, "second-version\n");
});

test("a name created on one target (or on the head) is seen at once where it was looked up as missing", async () => {
  const miss = await job(l1, ["sh", "-c", "cat newname 2>/dev/null || echo missing; cat headname 2>/dev/null || echo missing"], { cwd: dir });
  assert.equal(miss.out, "missing\nmissing\n");
  assert.equal((await job(l2, ["sh", "-c", "echo created > newname"], { cwd: dir })).status, 0);
  // A change by another process on the head: the head's watcher sees it and pushes it.
  const pushed = new Promise<void>((resolve) => {
    const on = (inv: { kind: string; name?: string }) => {
      if (inv.kind === "entry" && inv.name === "headname") (files.off("inval", on), resolve());
    };
    files.on("inval", on);
  });
  writeFileSync(join(dir, "headname"), "from head\n");
  await pushed;
  const r = await job(l1, ["sh", "-c", "cat newname; cat headname 2>/dev/null || echo missing"], { cwd: dir });
  assert.equal(r.out, "created\nfrom head\n");
});

test("a change made on the head is seen by the next open on a target", async () => {
  const f = join(dir, "cached.txt");
  writeFileSync(f, "v1\n");
  assert.equal((await job(l1, ["cat", f])).out, "v1\n");
  writeFileSync(f, "version two, longer\n");
  assert.equal((await job(l1, ["cat", f])).out, "version two, longer\n");
  writeFileSync(f, "v3\n"); // shorter again, and same second as v2
  assert.equal((await job(l1, ["cat", f])).out, "v3\n");
});

test("listing a directory is one call to the head, and each listing sees the head's changes", async () => {
  const d = mkdtempSync(join(tmpdir(), "mrc-list-"));
  mkdirSync(join(d, "sub"));
  for (let i = 0; i < 30; i++) writeFileSync(join(d, "sub", `f${i}`), String(i));
  const server = new FileServer({ exports: [{ path: d, readOnly: false }] });
  const calls: Record<string, number> = {};
  const svc = server.service as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ["opendir", "readdir", "readdirplus"]) {
    const orig = svc[m]!.bind(server.service);
    svc[m] = (...a: unknown[]) => ((calls[m] = (calls[m] ?? 0) + 1), orig(...a));
  }
  const link = await TargetLink.connect(`ws://${t1.addr}`, { token: t1.token });
  try {
    await link.attach(server);
    const r1 = await job(link, ["sh", "-c", "ls -1 sub | wc -l; ls -1a sub | head -3 | tr '\\n' ' '; echo; find sub -type f | wc -l"], { cwd: d });
    assert.equal(r1.status, 0, r1.err);
    assert.equal(r1.out, "30\n. .. f0 \n30\n");
    assert.equal(calls.readdirplus ?? 0, 0, "the listings came with opendir");
    assert.equal(calls.readdir ?? 0, 0);
    assert.ok((calls.opendir ?? 0) >= 3);
    writeFileSync(join(d, "sub", "late"), "x");
    unlinkSync(join(d, "sub", "f0"));
    const r2 = await job(link, ["sh", "-c", "ls -1 sub | wc -l; ls sub/late; ls sub/f0 2>&1 >/dev/null | wc -l"], { cwd: d });
    assert.equal(r2.out, "30\nsub/late\n1\n");
    assert.equal(calls.readdirplus ?? 0, 0);
  } finally {
    link.close();
    await server.close();
  }
});

test("flock and POSIX locks taken on one target exclude a job on another", async () => {
  writeFileSync(join(dir, "lockfile"), "");
  for (const kind of ["flock", "posix"] as const) {
    const hold =
      kind === "flock"
        ? ["flock", "-x", "lockfile", "sh", "-c", "echo HELD; read x"]
        : ["python3", "-c", "import fcntl,sys\nf=open('lockfile','r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('HELD',flush=True)\nsys.stdin.readline()"];
    const tryLock =
      kind === "flock"
        ? ["flock", "-n", "-x", "lockfile", "true"]
        : ["python3", "-c", "import fcntl,sys\nf=open('lockfile','r+')\ntry:\n  fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\nexcept OSError as e:\n  sys.exit(1)"];
    const input = new PassThrough();
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    const holder = job(l1, hold, { cwd: dir, input, onOut: (s) => s.includes("HELD") && held() });
    await isHeld;
    const blocked = await job(l2, tryLock, { cwd: dir });
    assert.equal(blocked.status, 1, `${kind}: second target got the lock while the first held it (${blocked.err})`);
    input.end("\n");
    assert.equal((await holder).status, 0);
    const free = await job(l2, tryLock, { cwd: dir });
    assert.equal(free.status, 0, `${kind}: lock not released (${free.err})`);
  }
});

test("a job writes 1 GiB and the head holds exactly those bytes", async () => {
  // pipefail: a write error of tee (ENOSPC at its close, say) fails the job instead of the checksum.
  const r = await job(l1, ["bash", "-c", "set -o pipefail; head -c 1073741824 /dev/urandom | tee big.bin | sha256sum"], { cwd: dir });
  assert.equal(r.status, 0, r.err);
  const h = createHash("sha256");
  for await (const c of createReadStream(join(dir, "big.bin"))) h.update(c as Buffer);
  assert.equal(r.out.split(" ")[0], h.digest("hex"));
});

test("a read-only export refuses writes with EROFS", async () => {
  const ro = mkdtempSync(join(tmpdir(), "mrc-ro-"));
  writeFileSync(join(ro, "keep.txt"), "keep\n");
  const r = await runMrc(["run", "-r", t1.addr, "-d", `${ro}:ro`, "--", "sh", "-c", "cat keep.txt; echo x > keep.txt; echo rc=$?"], {
    env: { ...process.env, MRC_TOKEN: t1.token },
    cwd: ro,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.toString(), /^keep\nrc=[12]\n$/);
  assert.match(r.stderr, /Read-only file system/);
  assert.equal(readFileSync(join(ro, "keep.txt"), "utf8"), "keep\n");
});

test("a cwd outside every export is a clear error", async () => {
  const other = mkdtempSync(join(tmpdir(), "mrc-other-"));
  const r = await runMrc(["run", "-r", t1.addr, "-d", dir, "--", "true"], { env: { ...process.env, MRC_TOKEN: t1.token }, cwd: other });
  assert.equal(r.status, 255);
  assert.match(r.stderr, /is in no export; export it with -d or give --cwd/);
});

test("a symlink that points out of the export is followed in the guest's own view, never on the head", async () => {
  symlinkSync("/proc/self/comm", join(dir, "escape"));
  const r = await job(l1, ["sh", "-c", "readlink escape; cat escape"], { cwd: dir });
  assert.equal(r.status, 0, r.err);
  // readlink gives the link text; reading resolves on the target (the guest's cat), not the head (node).
  assert.equal(r.out, "/proc/self/comm\ncat\n");
});

test("the head dying mid-I/O ends the job and leaves no mount behind", async () => {
  const d = mkdtempSync(join(tmpdir(), "mrc-die-"));
  let pid = 0;
  let mountpoint = "";
  const before = new Set((await readMountInfo()).filter((m) => m.fstype === "fuse.mrc").map((m) => m.mountpoint));
  const r = await runMrc(["run", "-r", t2.addr, "--", "sh", "-c", "echo $$; while :; do dd if=/dev/zero of=x bs=1M count=8 conv=fsync 2>/dev/null; done"], {
    env: { ...process.env, MRC_TOKEN: t2.token },
    cwd: d,
    onSpawn: (p) =>
      p.stdout!.once("data", async (b: Buffer) => {
        pid = Number(b.toString().trim());
        const now = (await readMountInfo()).filter((m) => m.fstype === "fuse.mrc" && !before.has(m.mountpoint));
        mountpoint = now[0]?.mountpoint ?? "";
        p.kill("SIGKILL");
      }),
  });
  assert.equal(r.signal, "SIGKILL");
  assert.notEqual(mountpoint, "");
  await t2.waitLog((l) => l.msg === "exports unmounted" && l.mountpoint === mountpoint, 10_000);
  const after = await readMountInfo();
  assert.equal(after.some((m) => m.mountpoint === mountpoint), false, "mount left behind");
  assert.equal(processAlive(pid), false, "guest still running");
  // The target still serves jobs.
  assert.equal((await job(l2, ["echo", "ok"])).out, "ok\n");
});

