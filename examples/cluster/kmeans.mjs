#!/usr/bin/env node
// kmeans.mjs: the head's side of the example. It writes the data set on the head, starts a
// master on target 0 and workers on two targets, each with its own mailbox, and waits.
//
//   node examples/cluster/kmeans.mjs [--workers 4] [--points 20000] [--k 4] [--rounds 8]
//
// Today it runs against the @mrc/mailbox test harness: a head (MailboxRouter) and two target
// hubs in this process, linked by real ws on 127.0.0.1, with the guests as local child
// processes given MRC_MAILBOX/MRC_ADDR the way a target's Session will give them. Once the hub
// is wired into the target runner, the same guests run with `TargetLink.run` (see README.md).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startCluster } from "@mrc/mailbox/testing";

const { values: o } = parseArgs({
  options: { workers: { type: "string", default: "4" }, points: { type: "string", default: "20000" }, k: { type: "string", default: "4" }, rounds: { type: "string", default: "8" } },
});
const guest = fileURLToPath(new URL("guest.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mrc-kmeans-"));
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

const cluster = await startCluster({ hubs: 2 });
const run = (job, args) =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [guest, ...args], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, MRC_MAILBOX: job.path, MRC_ADDR: job.addr },
    });
    p.on("exit", (code) => resolve(code));
  });
try {
  const n = Number(o.workers);
  const master = await cluster.startJob(0);
  const workers = [];
  for (let i = 0; i < n; i++) workers.push(await cluster.startJob(i % 2)); // alternate targets
  const codes = await Promise.all([
    run(master, ["master", data, o.k, o.rounds, ...workers.map((w) => w.addr)]),
    ...workers.map((w, i) => run(w, ["worker", data, String(i), String(n), master.addr])),
  ]);
  const [t0, t1] = cluster.targets.map((t) => t.hub.stats);
  process.stderr.write(`messages: target0 local ${t0.local}, direct ${t0.direct}; target1 local ${t1.local}, direct ${t1.direct}; via head ${cluster.router.forwarded}\n`);
  process.exitCode = codes.every((c) => c === 0) ? 0 : 1;
} finally {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
}
