#!/usr/bin/env node
// kmeans.mjs: the head's side of the k-means example. The data set lives on the head (in an
// exported directory); a master and workers run as mrc jobs on two targets, talking only through
// their mailboxes (home/job addresses): workers compute partial sums of their share, the master
// combines them, redistributes the centers, and repeats.
//
//   node examples/cluster/kmeans.mjs [--workers 4] [--points 20000] [--k 4] [--rounds 8]
//        [--targets HOST:PORT,HOST:PORT --token-file FILE]
//
// Without --targets it starts two targets in this process on loopback (so it runs anywhere);
// with them it uses your running `mrc target` daemons. Run it as root for the export to be
// mounted on the targets (otherwise the targets share this machine's files anyway).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { FileServer, TargetLink } from "@mrc/head";
import { TargetRunner } from "@mrc/target";
import { MailboxRouter } from "@mrc/mailbox";

// The targets started here serve FUSE mounts from this process, and each device read holds a
// libuv thread: size the pool before it starts (it is fixed at first use), as bin/mrc.cjs does.
if (!process.env.UV_THREADPOOL_SIZE) {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env: { ...process.env, UV_THREADPOOL_SIZE: "16" } });
  process.exit(r.status ?? 1);
}

const { values: o } = parseArgs({
  options: {
    workers: { type: "string", default: "4" }, points: { type: "string", default: "20000" },
    k: { type: "string", default: "4" }, rounds: { type: "string", default: "8" },
    targets: { type: "string" }, "token-file": { type: "string" },
  },
});
const guest = fileURLToPath(new URL("guest.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mrc-kmeans-"));
chmodSync(dir, 0o755);
const data = join(dir, "points.txt");

// Four blobs around known centers, so the answer can be checked by eye.
const truth = [[0, 0], [10, 0], [0, 10], [10, 10]];
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const lines = [];
for (let i = 0; i < Number(o.points); i++) {
  const [cx, cy] = truth[i % truth.length];
  lines.push(`${(cx + gauss()).toFixed(3)} ${(cy + gauss()).toFixed(3)}`);
}
writeFileSync(data, lines.join("\n") + "\n");

// Two targets: given ones, or two started here on loopback.
const runners = [];
let urls;
let token;
if (o.targets) {
  urls = o.targets.split(",").map((t) => (t.includes("://") ? t : `ws://${t}`));
  token = readFileSync(o["token-file"] ?? "", "utf8").trim();
} else {
  token = randomBytes(16).toString("hex");
  for (let i = 0; i < 2; i++) {
    runners.push(await TargetRunner.start({ port: 0, token, name: `target${i}`, runAs: userInfo().username, allowRoot: true, slots: 0 }));
  }
  urls = runners.map((r) => `ws://127.0.0.1:${r.port}`);
}

const root = process.getuid() === 0;
const files = root ? new FileServer({ exports: [{ path: dir, readOnly: true }] }) : undefined;
const router = new MailboxRouter(); // this head is the home of every job's mailbox
const links = [];
for (const url of urls) {
  const link = await TargetLink.connect(url, { token });
  if (files) await link.attach(files);
  await router.addTarget(link.peer, url);
  links.push(link);
}

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/tmp", NODE_PATH: process.env.NODE_PATH ?? "" };
const run = async (link, addr, args) => {
  const job = await link.run({ argv: [process.execPath, guest, ...args], env, cwd: dir, addr, stdout: process.stdout, stderr: process.stderr });
  const e = await job.exit;
  return e.code ?? 128;
};
try {
  const n = Number(o.workers);
  const masterAddr = router.allocate();
  const workerAddrs = Array.from({ length: n }, () => router.allocate());
  const codes = await Promise.all([
    run(links[0], masterAddr, ["master", data, o.k, o.rounds, ...workerAddrs]),
    ...workerAddrs.map((a, i) => run(links[i % links.length], a, ["worker", data, String(i), String(n), masterAddr])), // alternate targets
  ]);
  process.stderr.write(`messages relayed through the head: ${router.forwarded}\n`);
  process.exitCode = codes.every((c) => c === 0) ? 0 : 1;
} finally {
  for (const l of links) l.close();
  await Promise.all(runners.map((r) => r.close()));
  await files?.close();
  rmSync(dir, { recursive: true, force: true });
}
