// Issue 4: the head daemon, detach/attach/logs, restart with jobs running, placement, slots
// under a burst, dial-in targets, draining, and TLS pinning — with real daemons as processes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { projectDir, startHead, startTargetDaemon, tokenFile, until, type HeadDaemonProc, type TargetDaemon } from "./lib/head-daemon.js";
import { MRC, processAlive, runMrc } from "./lib/mrc.js";

const TOKEN = "cluster-test-token";
const seq = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `${a + i}\n`).join("");
/** A path the guests (run as nobody) can see appear: in a world-readable temp dir. */
function gatePath(): string {
  const d = mkdtempSync(join(tmpdir(), "mrc-gate-"));
  chmodSync(d, 0o755);
  return join(d, "go");
}
const jobsOf = async (h: HeadDaemonProc) => JSON.parse((await h.mrc(["ps", "-a", "--json"])).stdout.toString()) as Array<{ id: string; state: string; target?: string; pid?: number; status?: number }>;

let t1: TargetDaemon;
let t2: TargetDaemon;
let tok: string;
const cleanup: Array<() => Promise<void> | void> = [];

before(async () => {
  tok = tokenFile(TOKEN);
  t1 = await startTargetDaemon(TOKEN, ["--name", "t1", "--slots", "4"]);
  t2 = await startTargetDaemon(TOKEN, ["--name", "t2", "--slots", "4"]);
});

after(async () => {
  for (const c of cleanup.reverse()) await c();
  await t1.stop();
  await t2.stop();
});

async function headWith(targets: Parameters<typeof projectDir>[0], args: string[] = []): Promise<{ h: HeadDaemonProc; project: string }> {
  const project = projectDir(targets);
  const h = await startHead(project, { args, token: TOKEN });
  cleanup.push(() => h.stop());
  return { h, project };
}

test("detach, attach and logs: not a byte of output lost", async () => {
  const { h } = await headWith([{ name: "t1", url: t1.addr, tokenFile: tok }]);
  const gate = gatePath();
  // Half the output, then wait for the gate (the guest polls; the test opens it), then the rest.
  const script = `seq 1 50000; seq 1 100 >&2; while [ ! -e ${gate} ]; do sleep 0.05; done; seq 50001 100000`;
  const sub = await h.mrc(["run", "--detach", "-r", "t1", "--", "sh", "-c", script]);
  assert.equal(sub.status, 0, sub.stderr);
  const id = sub.stdout.toString().trim();
  assert.match(id, /^\d+$/);
  // ps lists it running on t1.
  const running = await until("job running", async () => (await jobsOf(h)).find((j) => j.id === id && j.state === "running"));
  assert.equal(running.target, "t1");
  // logs (no -f) shows the first half once it is logged.
  await until("first half logged", async () => ((await h.mrc(["logs", id])).stdout.toString() === seq(1, 50000) ? true : undefined));
  // attach follows: replay + live until the end; open the gate once attached.
  const attached = h.mrc(["attach", id], {
    onSpawn: (p) => {
      p.stdin!.end();
      p.stdout!.once("data", () => writeFileSync(gate, ""));
    },
  });
  const a = await attached;
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout.toString(), seq(1, 100000));
  assert.equal(a.stderr, seq(1, 100));
  const w = await h.mrc(["wait", id]);
  assert.equal(w.status, 0);
  const l = await h.mrc(["logs", id]);
  assert.equal(l.stdout.toString(), seq(1, 100000));
  assert.equal(l.stderr, seq(1, 100));
  rmSync(gate, { force: true });
});

test("wait and kill give the job's status; a queued job is dequeued by kill", async () => {
  const { h } = await headWith([{ name: "t1", url: t1.addr, tokenFile: tok }]);
  const id = (await h.mrc(["run", "--detach", "-r", "t1", "--", "sh", "-c", "exit 7"])).stdout.toString().trim();
  assert.equal((await h.mrc(["wait", id])).status, 7);
  const id2 = (await h.mrc(["run", "--detach", "-r", "t1", "--", "sleep", "30"])).stdout.toString().trim();
  await until("sleep running", async () => (await jobsOf(h)).find((j) => j.id === id2 && j.state === "running"));
  assert.equal((await h.mrc(["kill", "-s", "INT", id2])).status, 0);
  assert.equal((await h.mrc(["wait", id2])).status, 130);
  const missing = await h.mrc(["wait", "99999"]);
  assert.equal(missing.status, 255);
  assert.match(missing.stderr, /no such job/);
});

test("the head daemon restarted while a job runs: the job goes on and is attached again", async () => {
  const project = projectDir([{ name: "t1", url: t1.addr, tokenFile: tok }]);
  const dir = mkdtempSync(join(tmpdir(), "mrc-headdir-"));
  let h = await startHead(project, { dir, token: TOKEN });
  const gate = gatePath();
  const script = `seq 1 1000; while [ ! -e ${gate} ]; do sleep 0.05; done; seq 1001 3000`;
  const id = (await h.mrc(["run", "--detach", "-r", "t1", "--", "sh", "-c", script])).stdout.toString().trim();
  await until("first part logged", async () => ((await h.mrc(["logs", id])).stdout.toString() === seq(1, 1000) ? true : undefined));
  const job = (await jobsOf(h)).find((j) => j.id === id)!;
  assert.ok(job.pid && processAlive(job.pid));
  await h.stop("SIGKILL"); // a crash, not a clean stop
  assert.ok(processAlive(job.pid!), "the guest outlives its head");
  writeFileSync(gate, ""); // output produced while no head listens: the target keeps it
  h = await startHead(project, { dir, token: TOKEN });
  cleanup.push(() => h.stop());
  const w = await h.mrc(["wait", id]);
  assert.equal(w.status, 0, w.stderr);
  const l = await h.mrc(["logs", id]);
  assert.equal(l.stdout.toString(), seq(1, 3000));
  rmSync(gate, { force: true });
});

test("the head daemon restarted: a durable job's mailbox is found again, and a job started since reaches it", async () => {
  const project = projectDir([
    { name: "t1", url: t1.addr, tokenFile: tok },
    { name: "t2", url: t2.addr, tokenFile: tok },
  ]);
  const dir = mkdtempSync(join(tmpdir(), "mrc-headdir-"));
  let h = await startHead(project, { dir, token: TOKEN });
  const home = h.logs.find((l) => l.msg === "head started")?.homeId;
  assert.equal(typeof home, "string");
  const id = (await h.mrc(["run", "--detach", "-r", "t1", "--", process.execPath, MRC, "mbox", "recv", "--count", "1", "--from"])).stdout.toString().trim();
  await until("receiver running", async () => ((await jobsOf(h)).find((j) => j.id === id)?.state === "running" ? true : undefined));
  await h.stop("SIGKILL");
  h = await startHead(project, { dir, token: TOKEN });
  cleanup.push(() => h.stop());
  assert.equal(h.logs.find((l) => l.msg === "head started")?.homeId, home, "the same home after the restart");
  // t1 counts as connected once its hub has told the new router its mailboxes (in its hello).
  await until("t1 linked again", async () => {
    const mon = JSON.parse((await h.mrc(["mon", "--json"])).stdout.toString()) as { targets: Array<{ name: string; connected: boolean }> };
    return mon.targets.find((t) => t.name === "t1")?.connected === true ? true : undefined;
  });
  // A job started by the new daemon on the other target sends to the old job's address.
  const send = await h.mrc(["run", "-r", "t2", "--", process.execPath, MRC, "mbox", "send", `${home}/j${id}`, "after the restart"]);
  assert.equal(send.status, 0, send.stderr.toString());
  const w = await h.mrc(["wait", id]);
  assert.equal(w.status, 0, w.stderr.toString());
  assert.match((await h.mrc(["logs", id])).stdout.toString(), new RegExp(`^${home}/j\\d+ 17\nafter the restart$`));
});

test("placement prefers the idle target; a draining target gets no new work", async () => {
  const { h } = await headWith([
    { name: "t1", url: t1.addr, tokenFile: tok, labels: ["pool"] },
    { name: "t2", url: t2.addr, tokenFile: tok, labels: ["pool"] },
  ]);
  // Load t1 with guests of another head (a direct run), so it is busier than t2.
  const busy = [0, 1].map(() => runMrc(["run", "-r", t1.addr, "--", "sleep", "20"], { env: { ...process.env, MRC_TOKEN: TOKEN, MRC_HEAD_DIR: "/nonexistent" } }));
  await until("t1 busy", async () => {
    const snap = JSON.parse((await h.mrc(["mon", "--json"])).stdout.toString()) as { targets: Array<{ name: string; running: number; connected: boolean; statsAt: number }> };
    const ready = snap.targets.every((t) => t.connected && t.statsAt > 0);
    return ready && (snap.targets.find((t) => t.name === "t1")?.running ?? 0) >= 2 ? true : undefined;
  });
  const id = (await h.mrc(["run", "--detach", "-r", "@pool", "--", "true"])).stdout.toString().trim();
  assert.equal((await h.mrc(["wait", id])).status, 0);
  assert.equal((await jobsOf(h)).find((j) => j.id === id)!.target, "t2");
  // Drain t2: work for the pool goes to t1 although t2 is idler.
  assert.equal((await h.mrc(["target", "drain", "t2"])).status, 0);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await h.mrc(["run", "--detach", "-r", "t1,t2", "--", "true"])).stdout.toString().trim());
  for (const j of ids) assert.equal((await h.mrc(["wait", j])).status, 0);
  const all = await jobsOf(h);
  for (const j of ids) assert.equal(all.find((x) => x.id === j)!.target, "t1");
  assert.equal((await h.mrc(["target", "undrain", "t2"])).status, 0);
  execFileSync("pkill", ["-f", `run -r ${t1.addr} -- sleep 20`]);
  await Promise.all(busy);
});

test("slots hold under a burst: 40 jobs on 2 slots all run, never more than 2 at once", async () => {
  const t3 = await startTargetDaemon(TOKEN, ["--name", "t3", "--slots", "2"]);
  cleanup.push(() => t3.stop());
  const { h } = await headWith([{ name: "t3", url: t3.addr, tokenFile: tok }]);
  const trace = join(mkdtempSync(join(tmpdir(), "mrc-trace-")), "trace");
  writeFileSync(trace, "");
  execFileSync("chmod", ["777", join(trace, "..")]);
  execFileSync("chmod", ["666", trace]);
  const script = `echo "+ $(date +%s%N)" >> ${trace}; sleep 0.1; echo "- $(date +%s%N)" >> ${trace}`;
  const { HeadClient } = await import("@mrc/head");
  const c = await HeadClient.connect({ socket: join(h.dir, "head.sock"), tokenFile: join(h.dir, "head.token"), stateDir: join(h.dir, "state") });
  try {
    const infos = await Promise.all(
      Array.from({ length: 40 }, () => c.submit({ argv: ["sh", "-c", script], env: { PATH: "/usr/bin:/bin" }, cwd: "/", exports: [], targets: "t3" })),
    );
    const done = await Promise.all(infos.map((i) => c.wait(i.id)));
    assert.deepEqual(done.map((d) => d.status), done.map(() => 0));
  } finally {
    await c.close();
  }
  const events = readFileSync(trace, "utf8").trim().split("\n").map((l) => ({ d: l.startsWith("+") ? 1 : -1, t: BigInt(l.slice(2)) }));
  events.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.d - b.d));
  let now = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (now += e.d));
  assert.equal(events.length, 80);
  assert.ok(max <= 2, `at most 2 at once, saw ${max}`);
  assert.equal(max, 2, "the slots were used");
});

test("a target that dials in serves jobs", async () => {
  const project = projectDir([]);
  const h = await startHead(project, { args: ["--listen", "127.0.0.1:0", "--token-file", tok], token: TOKEN });
  cleanup.push(() => h.stop());
  assert.ok(h.listenUrl, "head reports its dial-in URL");
  const d = await startTargetDaemon(TOKEN, ["--name", "dialer", "--connect", h.listenUrl!]);
  cleanup.push(() => d.stop());
  await until("dialer connected", async () => {
    const snap = JSON.parse((await h.mrc(["mon", "--json"])).stdout.toString()) as { targets: Array<{ name: string; connected: boolean; dialedIn: boolean }> };
    const t = snap.targets.find((x) => x.name === "dialer");
    return t?.connected ? t : undefined;
  });
  const r = await h.mrc(["run", "-r", "dialer", "--", "sh", "-c", "echo hello from $(hostname) && exit 3"]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stdout.toString(), /^hello from /);
});

test("a changed TLS certificate is refused (pinned on first use)", async () => {
  const { selfSignedCert } = await import("@mrc/rpc/testing");
  const certs = mkdtempSync(join(tmpdir(), "mrc-certs-"));
  const a = selfSignedCert("target-a");
  const b = selfSignedCert("target-b");
  for (const [n, c] of [["a", a], ["b", b]] as const) {
    writeFileSync(join(certs, `${n}.crt`), c.cert);
    writeFileSync(join(certs, `${n}.key`), c.key, { mode: 0o600 });
  }
  const known = join(certs, "known_hosts");
  const env = { ...process.env, MRC_KNOWN_HOSTS: known, MRC_HEAD_DIR: join(certs, "nohead") };
  let ts = await startTargetDaemon(TOKEN, ["--name", "tls", "--cert", join(certs, "a.crt"), "--key", join(certs, "a.key")]);
  const port = ts.port;
  const project = projectDir([{ name: "tls", url: `wss://127.0.0.1:${port}`, tokenFile: tok }]);
  const ok = await runMrc(["run", "-r", "tls", "--", "echo", "pinned"], { env, cwd: project });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.toString(), "pinned\n");
  assert.ok(existsSync(known) && readFileSync(known, "utf8").includes(`127.0.0.1:${port}`));
  await ts.stop();
  ts = await startTargetDaemon(TOKEN, ["--name", "tls", "--listen", `127.0.0.1:${port}`, "--cert", join(certs, "b.crt"), "--key", join(certs, "b.key")]);
  cleanup.push(() => ts.stop());
  const bad = await runMrc(["run", "-r", "tls", "--no-queue", "--", "echo", "should not run"], { env, cwd: project });
  assert.equal(bad.status, 255);
  assert.match(bad.stderr, /changed/);
  assert.equal(bad.stdout.length, 0);
});

test("mrc head --background: the daemon answers, a foreground run through it is placed at once, head stop ends it", async () => {
  const project = projectDir([{ name: "t1", url: t1.addr, tokenFile: tok }]);
  const dir = mkdtempSync(join(tmpdir(), "mrc-headdir-"));
  const env = { ...process.env, MRC_HEAD_DIR: dir, MRC_TOKEN: TOKEN };
  const bg = await runMrc(["head", "--background", "--log-level", "debug"], { env, cwd: project });
  assert.equal(bg.status, 0, bg.stderr);
  const pid = Number(/mrc head running \(pid (\d+);/.exec(bg.stdout.toString())?.[1]);
  assert.ok(pid > 0 && processAlive(pid), bg.stdout.toString());
  cleanup.push(() => {
    if (processAlive(pid)) process.kill(pid, "SIGKILL");
  });
  // Interactive, on a target with free slots: no "queued" notice while its start is under way.
  const r = await runMrc(["run", "-T", "-r", "t1", "--", "echo", "through the daemon"], { env, cwd: project });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.toString(), "through the daemon\n");
  assert.equal(r.stderr, "");
  assert.equal((await runMrc(["head", "stop"], { env, cwd: project })).status, 0);
  await until("head daemon gone", async () => (processAlive(pid) ? undefined : true));
});
