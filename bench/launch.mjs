#!/usr/bin/env node
// Launch latency and stdio throughput of `mrc run` against ssh to a loopback sshd, with ratios
// from the same run. Goals (issue): launch ≤ 100 ms and ≤ 0.3× ssh; stdout ≥ 500 MB/s.
//
//   node bench/launch.mjs [--runs 30] [--reps 3] [--bytes 1073741824] [--json FILE] [--quick]
//
// Everything is on 127.0.0.1: an mrc target daemon (own process) and a throwaway sshd
// (bench/lib/sshd.mjs). Runs of the peers alternate so that machine noise hits all of them alike;
// tables show medians (p10/p90 in the detail table). MB = 10^6 bytes. Exits 0 whatever the figures.
import { parseArgs } from "node:util";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { onCleanup, startSshd } from "./lib/sshd.mjs";
import {
  CLI_DIST,
  MRC,
  ensureBuilt,
  fmtMBs,
  fmtMs,
  fmtRatio,
  machineInfo,
  mdTable,
  nowMs,
  say,
  startTarget,
  summary,
  timeSpawn,
  timeStdin,
  timeStdout,
} from "./lib/common.mjs";

const { values: opt } = parseArgs({
  options: {
    runs: { type: "string", default: process.env.BENCH_LAUNCH_RUNS ?? "30" },
    reps: { type: "string", default: process.env.BENCH_REPS ?? "3" },
    bytes: { type: "string", default: process.env.BENCH_BYTES ?? String(1024 ** 3) },
    json: { type: "string" },
    quick: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opt.help) {
  process.stdout.write("usage: node bench/launch.mjs [--runs N] [--reps R] [--bytes B] [--json FILE] [--quick]\n");
  process.exit(0);
}
const RUNS = opt.quick ? 5 : Math.max(1, Math.min(1000, Number(opt.runs)));
const REPS = opt.quick ? 1 : Math.max(1, Math.min(20, Number(opt.reps)));
const BYTES = opt.quick ? 64 * 1024 * 1024 : Math.max(1, Number(opt.bytes));
const GOAL_LAUNCH_MS = 100;
const GOAL_LAUNCH_RATIO = 0.3;
const GOAL_STDOUT_MBS = 500;

ensureBuilt();
const machine = machineInfo();
say(`bench/launch: ${RUNS} launch runs, ${REPS}× ${BYTES} bytes per throughput peer; ${machine.nproc} cpus, ${machine.kernel}, node ${machine.node}`);

const sshd = await startSshd({ log: say });
const target = await startTarget();
const mrcEnv = { ...process.env, MRC_TOKEN: target.token };
// mrc run exports the cwd to the guest by default: run every peer from a small scratch dir (not the
// repo, which others edit), as a user would from a project directory.
const WORK = realpathSync(mkdtempSync(join(tmpdir(), "mrc-bench-cwd-")));
onCleanup(() => rmSync(WORK, { recursive: true, force: true }));
writeFileSync(join(WORK, "hello.txt"), "hello\n");
process.chdir(WORK);
const node = process.execPath;
// The bin is executed as a program, as `mrc` on PATH or `npx mrc` runs it (its shell preamble
// starts node; see packages/cli/bin/mrc.cjs), not as `node bin/mrc.cjs`.
const mrcRemote = (cmd) => [MRC, "run", "-r", target.addr, "--", ...cmd];
const mrcEmbedded = (cmd) => [MRC, "run", "--", ...cmd];
const caVar = process.env.NODE_EXTRA_CA_CERTS;
const { runCommand } = await import(CLI_DIST);

/** `true` through the in-process API over the already-started daemon (new link per job). */
async function apiTrue(withExport) {
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const t0 = nowMs();
  const status = await runCommand({
    target: target.addr,
    token: target.token,
    argv: ["true"],
    tty: "never",
    stdin: Readable.from([]),
    stdout: sink(),
    stderr: sink(),
    forwardSignals: false,
    cwd: WORK,
    ...(withExport ? { exports: [{ path: WORK, readOnly: false }] } : {}),
  });
  return { ms: nowMs() - t0, status, stderr: "" };
}

const failures = [];
function check(name, r, extra = true) {
  if (r.status !== 0 || !extra) {
    failures.push(`${name}: status ${r.status}${r.bytes !== undefined ? `, ${r.bytes} bytes` : ""} ${r.stderr?.trim() ?? ""}`.trim());
    return false;
  }
  return true;
}

// ---------- launch latency ----------
const launchPeers = {
  mrcCli: { label: "`mrc run -r … true` (CLI, daemon on loopback)", run: () => timeSpawn(mrcRemote(["true"]), { env: mrcEnv }) },
  ssh: { label: "`ssh root@127.0.0.1 true`", run: () => timeSpawn(sshd.sshArgv(["true"])) },
  mrcEmbedded: { label: "`mrc run -- true` (CLI, embedded target)", run: () => timeSpawn(mrcEmbedded(["true"])) },
  api: { label: "runCommand() in-process over the daemon, cwd exported like the CLI (no CLI startup)", run: () => apiTrue(true) },
  apiNoExport: { label: "runCommand() in-process, no exports (no FUSE mount)", run: () => apiTrue(false) },
  nodeBare: { label: "`node -e 0` (Node startup floor)", run: () => timeSpawn([node, "-e", "0"]) },
  ...(caVar
    ? { nodeBareNoCa: { label: "`node -e 0` without NODE_EXTRA_CA_CERTS (set here; mrc drops it)", run: () => timeSpawn(["env", "-u", "NODE_EXTRA_CA_CERTS", node, "-e", "0"]) } }
    : {}),
  mrcVersion: { label: "`mrc --version` (Node + CLI module loading)", run: () => timeSpawn([MRC, "--version"]) },
  localTrue: { label: "local `true` (spawn floor)", run: () => timeSpawn(["true"]) },
};
const lat = Object.fromEntries(Object.keys(launchPeers).map((k) => [k, []]));
const keys = Object.keys(launchPeers);
say("launch: warm-up");
for (const k of keys) for (let i = 0; i < 2; i++) check(`warm-up ${k}`, await launchPeers[k].run());
for (let i = 0; i < RUNS; i++) {
  // Rotate the order each round so no peer always runs right after the same other one.
  for (let j = 0; j < keys.length; j++) {
    const k = keys[(i + j) % keys.length];
    const r = await launchPeers[k].run();
    if (check(k, r)) lat[k].push(r.ms);
  }
  if ((i + 1) % 10 === 0 || i + 1 === RUNS) say(`launch: ${i + 1}/${RUNS}`);
}

// ---------- throughput ----------
const N = String(BYTES);
const outPeers = {
  mrc: () => timeStdout(mrcRemote(["head", "-c", N, "/dev/zero"]), { env: mrcEnv }),
  ssh: () => timeStdout(sshd.sshArgv(["head", "-c", N, "/dev/zero"])),
  local: () => timeStdout(["sh", "-c", `head -c ${N} /dev/zero | cat`]),
};
const inPeers = {
  mrc: () => timeStdin(mrcRemote(["sh", "-c", "cat >/dev/null"]), BYTES, { env: mrcEnv }),
  ssh: () => timeStdin(sshd.sshArgv(["cat", ">/dev/null"]), BYTES),
  local: () => timeStdin(["sh", "-c", "cat | cat >/dev/null"], BYTES),
};
const out = { mrc: [], ssh: [], local: [] };
const outSteady = { mrc: [], ssh: [], local: [] };
const inp = { mrc: [], ssh: [], local: [] };
const MB = BYTES / 1e6;
for (let i = 0; i < REPS; i++) {
  const order = ["mrc", "ssh", "local"].map((_, j, a) => a[(i + j) % a.length]);
  for (const k of order) {
    const r = await outPeers[k]();
    if (check(`stdout ${k}`, r, r.bytes === BYTES)) {
      out[k].push(MB / (r.ms / 1000));
      outSteady[k].push(MB / ((r.lastMs - r.firstMs) / 1000));
    }
    say(`stdout ${k} ${i + 1}/${REPS}: ${fmtMBs(MB / (r.ms / 1000))} (${r.bytes} bytes, ${r.ms.toFixed(0)} ms)`);
  }
  for (const k of order) {
    const r = await inPeers[k]();
    if (check(`stdin ${k}`, r, r.sent === BYTES)) inp[k].push(MB / (r.ms / 1000));
    say(`stdin  ${k} ${i + 1}/${REPS}: ${fmtMBs(MB / (r.ms / 1000))} (${r.ms.toFixed(0)} ms)`);
  }
}

await target.stop();
await sshd.stop();

// ---------- report ----------
const S = (xs) => summary(xs);
const L = Object.fromEntries(keys.map((k) => [k, S(lat[k])]));
const sshMs = L.ssh.median;
const gib = BYTES === 1024 ** 3 ? "1 GiB" : `${(BYTES / 1024 ** 2).toFixed(0)} MiB`;
const yesNo = (ok) => (ok ? "**yes**" : "**NO**");
const rows = [];
const latRow = (label, s, goal, met) => [label, fmtMs(s.median), fmtMs(sshMs), fmtRatio(s.median / sshMs), goal, met];
rows.push(
  latRow(
    "launch `mrc run -r … true` (CLI)",
    L.mrcCli,
    `≤ ${GOAL_LAUNCH_MS} ms and ≤ ${GOAL_LAUNCH_RATIO}× ssh`,
    `${yesNo(L.mrcCli.median <= GOAL_LAUNCH_MS && L.mrcCli.median / sshMs <= GOAL_LAUNCH_RATIO)} (${L.mrcCli.median <= GOAL_LAUNCH_MS ? "≤" : ">"} ${GOAL_LAUNCH_MS} ms, ${L.mrcCli.median / sshMs <= GOAL_LAUNCH_RATIO ? "≤" : ">"} ${GOAL_LAUNCH_RATIO}×)`,
  ),
  latRow("launch `mrc run -- true` (CLI, embedded)", L.mrcEmbedded, "–", "–"),
  latRow("launch via runCommand() API (cwd export, no CLI startup)", L.api, "–", "–"),
  latRow("launch via runCommand() API (no export)", L.apiNoExport, "–", "–"),
);
const tpRow = (label, d, goal, met) => {
  const m = S(d.mrc).median;
  const s = S(d.ssh).median;
  return [label, fmtMBs(m), fmtMBs(s), fmtRatio(m / s), goal, met, fmtMBs(S(d.local).median)];
};
const outMrc = S(out.mrc).median;
rows.push(
  tpRow(`stdout ${gib} (wall, incl. launch)`, out, `≥ ${GOAL_STDOUT_MBS} MB/s`, yesNo(outMrc >= GOAL_STDOUT_MBS)),
  tpRow(`stdout ${gib} (first → last byte)`, outSteady, "–", "–"),
  tpRow(`stdin ${gib} (wall, incl. launch)`, inp, "–", "–"),
);
for (const r of rows.slice(0, 4)) r.push("–");
rows[0][6] = `${fmtMs(L.localTrue.median)} (local \`true\`)`;

const detail = [];
for (const k of keys) {
  const s = L[k];
  detail.push([launchPeers[k].label, s.n, fmtMs(s.median), fmtMs(s.p10), fmtMs(s.p90), fmtMs(s.min), fmtMs(s.max)]);
}
const tpDetail = [];
for (const [name, d] of [[`stdout ${gib} wall`, out], [`stdout ${gib} first→last byte`, outSteady], [`stdin ${gib} wall`, inp]]) {
  for (const k of ["mrc", "ssh", "local"]) {
    const s = S(d[k]);
    tpDetail.push([`${name}: ${k}`, s.n, fmtMBs(s.median), fmtMBs(s.min), fmtMBs(s.max)]);
  }
}

const report = [
  `## mrc launch & stdio benchmark`,
  ``,
  `${machine.date} · ${machine.nproc} CPUs (${machine.cpu}) · ${machine.kernel} · Node ${machine.node} · ${machine.ssh}`,
  `Launch: ${RUNS} alternating runs per peer (after 2 warm-ups), wall-clock spawn → exit. Throughput: ${REPS} runs per peer, ${BYTES} bytes, MB = 10^6 B, consumer/producer = this Node process through a pipe. ssh: ${sshd.sshOptions.includes("Ciphers=aes128-gcm@openssh.com") ? "aes128-gcm, " : ""}new connection per run (no ControlMaster), loopback sshd. Local = \`head | cat\` / \`cat | cat\` on this machine through the same pipes.`,
  ``,
  mdTable(["row", "mrc (median)", "ssh (median)", "mrc/ssh", "goal", "met?", "local baseline"], rows),
  ``,
  `### launch latency detail`,
  ``,
  mdTable(["peer", "n", "median", "p10", "p90", "min", "max"], detail),
  ``,
  `### throughput detail`,
  ``,
  mdTable(["series", "n", "median", "min", "max"], tpDetail),
  ``,
  failures.length ? `### failures (${failures.length})\n\n${failures.map((f) => `- ${f}`).join("\n")}\n` : "",
].join("\n");
process.stdout.write(report + "\n");
if (opt.json) {
  writeFileSync(opt.json, JSON.stringify({ machine, runs: RUNS, reps: REPS, bytes: BYTES, latency: L, stdout: out, stdoutSteady: outSteady, stdin: inp, failures }, null, 2));
}
process.exit(0);
