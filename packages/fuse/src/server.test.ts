import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdir, mkdtemp, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import type { Entry } from "@mrc/protocol";
import type { RequestContext } from "./fs.js";
import { readMountInfo } from "./device/mountinfo.js";
import { FSTYPE, recoverStaleMounts, unmountFuse } from "./mount.js";
import { type FuseServer, mountFileSystem } from "./server.js";
import { MemFs } from "./testing/memfs.js";
import { runNode, runSh, spawnUntil } from "./testing/spawn.js";

const T = { timeout: 60_000 };
/** All test mounts live under here, so a crashed earlier run can be cleaned without touching others'. */
const ROOT = join(tmpdir(), "mrc-fuse-tests");

before(async () => {
  await mkdir(ROOT, { recursive: true });
  await recoverStaleMounts(ROOT, { onlyUnhealthy: true });
});

async function isFuseMount(dir: string): Promise<boolean> {
  return (await readMountInfo()).some((m) => m.mountpoint === dir && m.fstype === FSTYPE);
}

async function withMount<F extends MemFs>(fs: F, body: (srv: FuseServer, dir: string, fs: F) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(ROOT, "m-"));
  const srv = await mountFileSystem(dir, fs);
  try {
    await body(srv, dir, fs);
  } finally {
    if (await isFuseMount(dir)) await srv.unmount();
    await srv.closed;
    await rmdir(dir).catch(() => undefined);
  }
}

const POSIX_SCRIPT = `
const fs = require("fs"), m = process.argv[1], r = {};
const E = (f) => { try { return f(); } catch (e) { return "ERR:" + e.code; } };
fs.mkdirSync(m + "/d");
fs.writeFileSync(m + "/d/f.txt", "hello world");
r.read = fs.readFileSync(m + "/d/f.txt", "utf8");
r.ls = fs.readdirSync(m + "/d").sort();
const st = fs.statSync(m + "/d/f.txt");
r.size = st.size; r.isFile = st.isFile(); r.nlink = st.nlink;
r.dirIsDir = fs.statSync(m + "/d").isDirectory();
fs.renameSync(m + "/d/f.txt", m + "/d/g.txt");
r.afterRename = fs.readdirSync(m + "/d").sort();
fs.symlinkSync("g.txt", m + "/d/ln");
r.readlink = fs.readlinkSync(m + "/d/ln");
r.viaLink = fs.readFileSync(m + "/d/ln", "utf8");
fs.truncateSync(m + "/d/g.txt", 5);
r.truncated = fs.readFileSync(m + "/d/g.txt", "utf8");
fs.chmodSync(m + "/d/g.txt", 0o600);
r.mode = (fs.statSync(m + "/d/g.txt").mode & 0o7777).toString(8);
fs.utimesSync(m + "/d/g.txt", 1000, 2000);
r.mtime = fs.statSync(m + "/d/g.txt").mtimeMs;
fs.linkSync(m + "/d/g.txt", m + "/d/h.txt");
r.nlinkAfterLink = fs.statSync(m + "/d/g.txt").nlink;
const big = Buffer.alloc(3 * 1024 * 1024 + 123);
for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 255;
fs.writeFileSync(m + "/big", big);
r.bigOk = Buffer.compare(fs.readFileSync(m + "/big"), big) === 0;
const fd = fs.openSync(m + "/d/g.txt", "r+");
fs.writeSync(fd, "XY", 1);
fs.closeSync(fd);
r.pwrite = fs.readFileSync(m + "/d/g.txt", "utf8");
r.statfsBsize = fs.statfsSync(m).bsize;
r.rmdirNotEmpty = E(() => fs.rmdirSync(m + "/d"));
r.enoent = E(() => fs.statSync(m + "/nope"));
for (let i = 0; i < 300; i++) fs.writeFileSync(m + "/d/many-" + String(i).padStart(4, "0") + "-with-a-longish-name", "");
r.many = fs.readdirSync(m + "/d").filter((n) => n.startsWith("many-")).length;
for (let i = 0; i < 300; i++) fs.unlinkSync(m + "/d/many-" + String(i).padStart(4, "0") + "-with-a-longish-name");
fs.unlinkSync(m + "/d/ln"); fs.unlinkSync(m + "/d/g.txt"); fs.unlinkSync(m + "/d/h.txt");
r.afterUnlink = fs.readdirSync(m + "/d");
fs.rmdirSync(m + "/d");
r.root = fs.readdirSync(m).sort();
console.log(JSON.stringify(r));
`;

test("a real mount: POSIX operations from a child process, then unmount", T, async () => {
  await withMount(new MemFs(), async (srv, dir, mem) => {
    assert.ok(await isFuseMount(dir));
    assert.equal(srv.negotiated.maxWrite, 1 << 20);
    assert.ok(srv.negotiated.flagNames.includes("DO_READDIRPLUS"));
    const res = await runNode(POSIX_SCRIPT, [dir]);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), {
      read: "hello world", ls: ["f.txt"], size: 11, isFile: true, nlink: 1, dirIsDir: true,
      afterRename: ["g.txt"], readlink: "g.txt", viaLink: "hello world", truncated: "hello",
      mode: "600", mtime: 2_000_000, nlinkAfterLink: 2, bigOk: true, pwrite: "hXYlo", statfsBsize: 4096,
      rmdirNotEmpty: "ERR:ENOTEMPTY", enoent: "ERR:ENOENT", many: 300, afterUnlink: [], root: ["big"],
    });
    const sh = await runSh(`cd "$1" && echo one > s && echo two >> s && cat s && mkdir -p x/y && ls x && setfattr -n user.k -v val s && getfattr --only-values -n user.k s && echo && mv s x/y/t && ls x/y && rm -r x`, [dir]);
    assert.equal(sh.code, 0, sh.stderr);
    assert.equal(sh.stdout, "one\ntwo\ny\nval\nt\n");
    assert.ok(mem.nodes.size >= 2);
    await srv.unmount();
    assert.equal(await isFuseMount(dir), false);
  });
});

test("notifications: inval_inode refreshes cached attrs, inval_entry/delete drop cached names", T, async () => {
  await withMount(new MemFs({ entryTtlMs: 60_000, attrTtlMs: 60_000 }), async (srv, dir, mem) => {
    const stat = `const fs = require("fs"); try { console.log(fs.statSync(process.argv[1]).size) } catch (e) { console.log(e.code) }`;
    assert.equal((await runSh(`printf 12345 > "$1/f"; mkdir "$1/sub"; : > "$1/sub/x"`, [dir])).code, 0);
    assert.equal((await runNode(stat, [`${dir}/f`])).stdout.trim(), "5");
    const f = mem.node(mem.node(1).children.get("f") as number);
    f.data = Buffer.from("12345678901");
    f.attr.size = 11;
    assert.equal((await runNode(stat, [`${dir}/f`])).stdout.trim(), "5", "cached attributes (this proves the next step matters)");
    assert.equal(await srv.notifyInvalInode(f.id, 0, 0), true);
    assert.equal((await runNode(stat, [`${dir}/f`])).stdout.trim(), "11");

    mem.node(1).children.delete("f");
    assert.equal((await runNode(stat, [`${dir}/f`])).stdout.trim(), "11", "cached dentry");
    assert.equal(await srv.notifyInvalEntry(1, "f"), true);
    assert.equal((await runNode(stat, [`${dir}/f`])).stdout.trim(), "ENOENT");

    const sub = mem.node(mem.node(1).children.get("sub") as number);
    const x = sub.children.get("x") as number;
    assert.equal((await runNode(stat, [`${dir}/sub/x`])).stdout.trim(), "0");
    sub.children.delete("x");
    assert.equal(await srv.notifyDelete(sub.id, x, "x"), true);
    assert.equal((await runNode(stat, [`${dir}/sub/x`])).stdout.trim(), "ENOENT");
    assert.equal(await srv.notifyInvalEntry(1, "never-looked-up"), false, "ENOENT from the kernel: nothing cached");

    // The synchronous attributes-only form (looked up: attributes cached for a minute).
    assert.equal((await runSh(`printf abc > "$1/g"`, [dir])).code, 0);
    assert.equal((await runNode(stat, [`${dir}/g`])).stdout.trim(), "3");
    const g = mem.node(mem.node(1).children.get("g") as number);
    g.attr.size = 7;
    assert.equal((await runNode(stat, [`${dir}/g`])).stdout.trim(), "3", "cached");
    assert.equal(srv.notifyInvalAttrsNow(g.id), true);
    assert.equal((await runNode(stat, [`${dir}/g`])).stdout.trim(), "7");
    assert.equal(srv.notifyInvalAttrsNow(987_654), false, "a node the kernel does not know");
  });
});

/** A MemFs whose opens keep the page cache and which counts the READs that reach it. */
class KeepCacheFs extends MemFs {
  reads = 0;
  override async open(ctx: RequestContext, p: { node: number; flags: number }): Promise<{ fh: number; keepCache: boolean }> {
    return { ...(await super.open(ctx, p)), keepCache: true };
  }
  override read(ctx: RequestContext, p: { node: number; offset: number; size: number }): Promise<Uint8Array> {
    this.reads++;
    return super.read(ctx, p);
  }
}

test("notify store: contents put into the page cache are read without a READ", T, async () => {
  await withMount(new KeepCacheFs({ entryTtlMs: 60_000, attrTtlMs: 60_000 }), async (srv, dir, mem) => {
    assert.equal((await runSh(`printf xxxxxxxxxxxx > "$1/f" && stat -c %s "$1/f"`, [dir])).stdout.trim(), "12");
    const f = mem.node(mem.node(1).children.get("f") as number);
    // Two pages and a bit (the last page partial), unlike what the file system itself would answer.
    const stored = Buffer.alloc(2 * 4096 + 12, "s");
    f.data = Buffer.alloc(stored.length, "x");
    f.attr.size = stored.length;
    assert.equal(srv.notifyStoreNow(f.id, 0, stored), true);
    const cat = await runSh(`cat "$1/f"; echo; stat -c %s "$1/f"`, [dir]);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stdout, `${stored.toString()}\n${stored.length}\n`, "the stored bytes, and the size grown to hold them");
    assert.equal(mem.reads, 0, "no READ reached the file system");
    assert.equal(srv.notifyStoreNow(987_654, 0, stored), false, "a node the kernel does not know");
  });
});

/** A MemFs whose lookup of "hang" blocks until the kernel interrupts it. */
class HangingFs extends MemFs {
  started!: () => void;
  readonly lookupStarted = new Promise<void>((r) => (this.started = r));
  aborted!: (reason: unknown) => void;
  readonly lookupAborted = new Promise<unknown>((r) => (this.aborted = r));

  override lookup(ctx: RequestContext, p: { parent: number; name: string }): Promise<Entry> {
    if (p.name !== "hang") return super.lookup(ctx, p);
    this.started();
    return new Promise((_resolve, reject) => {
      ctx.signal.addEventListener("abort", () => {
        this.aborted(ctx.signal.reason);
        reject(ctx.signal.reason);
      });
    });
  }
}

test("interrupt: a signal to the blocked caller aborts the handler; the mount keeps working", T, async () => {
  await withMount(new HangingFs(), async (srv, dir, fs) => {
    const child = await spawnUntil(process.execPath, ["-e", `console.log("go"); require("fs").statSync(process.argv[1] + "/hang")`, dir], "go");
    await fs.lookupStarted;
    assert.equal(srv.inFlight, 1);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const reason = await fs.lookupAborted;
    assert.equal((reason as Error).name, "AbortError");
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, "SIGTERM", `exit code ${code}`);
    assert.equal(srv.inFlight, 0);
    const after = await runSh(`echo ok > "$1/after" && cat "$1/after"`, [dir]);
    assert.equal(after.stdout, "ok\n");
  });
});

test("recovery: a server killed with SIGKILL leaves a dead mount; recoverStaleMounts cleans it", T, async () => {
  const prefix = await mkdtemp(join(ROOT, "recover-"));
  const dir = join(prefix, "mnt");
  await runSh(`mkdir "$1"`, [dir]);
  const index = new URL("./index.js", import.meta.url).pathname;
  const script = `import { mountFileSystem, MemFs } from ${JSON.stringify(index)};
await mountFileSystem(process.argv[1], new MemFs());
console.log("ready");
setInterval(() => {}, 1 << 30);`;
  const child = await spawnUntil(process.execPath, ["--input-type=module", "-e", script, dir], "ready");
  try {
    assert.ok(await isFuseMount(dir));
    assert.equal((await runSh(`echo hi > "$1/f" && cat "$1/f"`, [dir])).stdout, "hi\n");
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
    assert.ok(await isFuseMount(dir), "the mount outlives its server");
    const st = await runNode(`try { require("fs").statSync(process.argv[1]) } catch (e) { console.log(e.code) }`, [dir]);
    assert.equal(st.stdout.trim(), "ENOTCONN");
    const found = await recoverStaleMounts(prefix);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.mountpoint, dir);
    assert.equal(found[0]?.health, "disconnected");
    assert.equal(found[0]?.unmounted, true);
    assert.equal(await isFuseMount(dir), false);
    assert.deepEqual(await recoverStaleMounts(prefix), []);
  } finally {
    child.kill("SIGKILL");
    if (await isFuseMount(dir)) await unmountFuse(dir, { lazy: true });
    await runSh(`rmdir "$1" "$2"`, [dir, prefix]);
  }
});
