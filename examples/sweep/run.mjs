#!/usr/bin/env node
// run.mjs: a parameter sweep with `mrc map`. Scores 200 bandwidths of a kernel smoother, one job
// each, on two targets; every job reads the shared data from the head and writes its result back
// to the head (through the exported directory), then this script reads the 200 results and prints
// the best bandwidth.
//
//   node examples/sweep/run.mjs [--values 200] [--points 4000] [--slots 2] [--jobs N]
//        [--targets HOST:PORT,HOST:PORT --token-file FILE]
//
// Without --targets it starts two targets (t1, t2) in this process on loopback, each with
// --slots job slots, so it runs anywhere; with them it uses your running `mrc target` daemons.
// The targets mount the head's directory through FUSE, so they must run as root (sudo).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { TargetRunner } from "@mrc/target";
import { makeData } from "./make-data.mjs";

// The targets started here serve FUSE mounts from this process, and each device read holds a
// libuv thread: size the pool before it starts (it is fixed at first use), as bin/mrc.cjs does.
if (!process.env.UV_THREADPOOL_SIZE) {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env: { ...process.env, UV_THREADPOOL_SIZE: "16" } });
  process.exit(r.status ?? 1);
}

const { values: o } = parseArgs({
  options: {
    values: { type: "string", default: "200" },
    points: { type: "string", default: "4000" },
    slots: { type: "string", default: "2" },
    jobs: { type: "string" },
    targets: { type: "string" },
    "token-file": { type: "string" },
  },
});
const here = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");
const mrc = fileURLToPath(new URL("../../packages/cli/bin/mrc.cjs", import.meta.url));
const results = join(here, "results");
const count = Number(o.values);

if (!o.targets && process.getuid() !== 0) {
  process.stderr.write(
    "run.mjs: the targets mount this directory through FUSE, which needs root: run it with sudo,\n" +
      "or give --targets HOST:PORT,HOST:PORT --token-file FILE of `mrc target` daemons running as root.\n",
  );
  process.exit(2);
}

// The shared input (always the same data), and an empty results directory.
makeData(Number(o.points));
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

// Two targets: given ones, or two started here on loopback.
const runners = [];
let tokenFile = o["token-file"];
let tmp;
let selector;
if (o.targets) {
  selector = o.targets;
} else {
  tmp = mkdtempSync(join(tmpdir(), "mrc-sweep-"));
  tokenFile = join(tmp, "token");
  const token = randomBytes(32).toString("hex");
  writeFileSync(tokenFile, token + "\n");
  chmodSync(tokenFile, 0o600);
  for (const name of ["t1", "t2"]) {
    runners.push(await TargetRunner.start({ host: "127.0.0.1", port: 0, token, name, slots: Number(o.slots), runAs: userInfo().username, allowRoot: true }));
  }
  selector = runners.map((r) => `127.0.0.1:${r.port}`).join(",");
}

let status;
const started = Date.now();
try {
  // One job per value of K: `node score.mjs K`, placed by the cluster on t1 or t2 as slots free up.
  const args = ["map", "-r", selector, "--token-file", tokenFile, "-d", here, "--joblog", join(results, "joblog.tsv")];
  if (o.jobs) args.push("--jobs", o.jobs);
  args.push("--", "node", "score.mjs", "{}");
  process.stderr.write(`$ mrc ${args.join(" ")} < (seq ${count})\n`);
  const child = spawn(process.execPath, [mrc, ...args], { cwd: here, stdio: ["pipe", "inherit", "inherit"] });
  child.stdin.end(Array.from({ length: count }, (_, i) => `${i + 1}\n`).join(""));
  // Ctrl-C reaches mrc map too (same process group): it kills the jobs; we only clean up after it.
  const ignore = () => {};
  process.on("SIGINT", ignore);
  status = await new Promise((resolve) => child.on("exit", (code, sig) => resolve(code ?? 128 + (sig === "SIGINT" ? 2 : 15))));
  process.off("SIGINT", ignore);
} finally {
  await Promise.all(runners.map((r) => r.close()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

// The results, read on the head.
const found = [];
for (let k = 1; k <= count; k++) {
  const f = join(results, `${k}.json`);
  if (existsSync(f)) found.push(JSON.parse(readFileSync(f, "utf8")));
}
const byHost = {};
const log = existsSync(join(results, "joblog.tsv")) ? readFileSync(join(results, "joblog.tsv"), "utf8").trim().split("\n").slice(1) : [];
for (const line of log) {
  const host = line.split("\t")[1];
  byHost[host] = (byHost[host] ?? 0) + 1;
}
process.stdout.write(`\n${found.length} of ${count} results in ${results} (${((Date.now() - started) / 1000).toFixed(1)} s); jobs per target: ${Object.entries(byHost).map(([h, n]) => `${h}: ${n}`).join(", ")}\n`);
if (found.length === 0) process.exit(status || 1);
found.sort((a, b) => a.cvError - b.cvError);
process.stdout.write("best bandwidths (leave-one-out mean squared error):\n");
for (const r of found.slice(0, 5)) process.stdout.write(`  h = ${r.bandwidth.toFixed(2)}  cv = ${r.cvError.toFixed(5)}\n`);
const best = found[0];
process.stdout.write(`best parameter: K = ${best.k} (bandwidth ${best.bandwidth.toFixed(2)}), cv error ${best.cvError.toFixed(5)}\n`);
process.exit(status);
