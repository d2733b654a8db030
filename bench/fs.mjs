#!/usr/bin/env node
// Home-files benchmark: the same workloads on an mrc export, on sshfs over loopback and on the
// local disk, side by side in one run, with ratios. Goals (issue): at least 2× faster than sshfs on
// every row; a warm re-read served from the target's page cache; `make -j2` within 1.1× of local.
//
//   node bench/fs.mjs [--reps 3] [--mib 512] [--files 2000] [--json FILE] [--quick]
//
// Peers (all on this machine, all running the identical guest shell script as `nobody`):
//  - mrc:   an `mrc target` daemon on 127.0.0.1 (own process, runs as root, guests as nobody); each
//           step is one `mrc run -r … -d EXPORT -- sh -c SCRIPT` job with cwd = EXPORT, so every
//           job gets a fresh head (the `mrc run` process), a fresh link and a fresh FUSE mount;
//  - mrcd:  the same `mrc run` with the user's head daemon running (`mrc head`, own process): the
//           job goes through it, so the head's file service is a long-lived process and its link
//           and mount on the target are shared by all its jobs (how a user running many jobs works);
//  - sshfs: a head directory mounted with sshfs from a throwaway loopback sshd (bench/lib/sshd.mjs,
//           default caching, -o allow_other so nobody can use it); the script runs in the mount;
//  - local: a plain directory on the same disk; the script runs there via `setpriv --reuid=65534`.
// The guest script times each operation itself (`date +%s%N` around it), so mrc's launch overhead
// (bench/launch.mjs measures that) is excluded. Caches: "cold" = after `sync; echo 3 >
// /proc/sys/vm/drop_caches` (this single machine is head and target: it drops both page caches
// and the sshfs mount's) and, for mrc, in a fresh job (new mount; mrcd keeps its mount, whose
// caches drop_caches empties too); "warm" = a second read right
// after the first in the same job. The bench checks that the warm read was served by the target's
// page cache by sampling the head's (the `mrc run` process tree's, or the head daemon's) read bytes
// from /proc/PID/io around it. Each rep creates its small files and C project under new names
// (small-rN, proj-rN) and the trees are removed only at the end: ext4 allocates a new file's inode
// by scanning past the inodes freed in the last seconds, so a create right after an `rm -rf` of
// thousands of files takes 0.5-1.5 ms instead of ~50 µs, and the create row measured the previous
// rep's clean-up. Peer order rotates per rep. Tables show medians. MB = 10^6 bytes. Exits 0.
import { parseArgs } from "node:util";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { onCleanup, startSshd } from "./lib/sshd.mjs";
import { MRC, ensureBuilt, peerDirs, fmtRatio, machineInfo, mdTable, median, say, startHeadDaemon, startTarget, summary } from "./lib/common.mjs";
import { writeCProject } from "./lib/cproject.mjs";

const { values: opt } = parseArgs({
  options: {
    reps: { type: "string", default: process.env.BENCH_REPS ?? "3" },
    mib: { type: "string", default: "512" },
    files: { type: "string", default: "2000" },
    json: { type: "string" },
    quick: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    via: { type: "string", default: "auto" },
    rows: { type: "string", default: "io,small,build" },
    peers: { type: "string", default: "mrc,mrcd,sshfs,local" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opt.help) {
  process.stdout.write(
    "usage: node bench/fs.mjs [--reps N] [--mib M] [--files F] [--json FILE] [--quick] [--via auto|cli|api]\n" +
      "                         [--rows io,small,build] [--peers mrc,mrcd,sshfs,local]\n",
  );
  process.exit(0);
}
const REPS = opt.quick ? 1 : Math.max(1, Math.min(20, Number(opt.reps)));
const MIB = opt.quick ? 128 : Math.max(1, Number(opt.mib));
const FILES = Math.max(20, Math.round(Number(opt.files) / 20) * 20); // 20 directories of FILES/20
const GUEST_UID = 65534;
const GOAL_SSHFS = 2;
const GOAL_BUILD_LOCAL = 1.1;

if (process.getuid() !== 0) {
  process.stderr.write("bench/fs: must run as root (FUSE mounts, drop_caches, setpriv)\n");
  process.exit(0);
}
ensureBuilt();
const machine = machineInfo();
const loadStart = readFileSync("/proc/loadavg", "utf8").trim();
say(`bench/fs: ${REPS} reps, ${MIB} MiB, ${FILES} files; ${machine.nproc} cpus, ${machine.kernel}, node ${machine.node}; load ${loadStart}`);

// ---------- the guest script (identical for every peer) ----------
// $1 = phase. Prints "@@T name start_ns end_ns" per timed step and "@@M mark" (then sleeps, so that
// the bench can sample the head's I/O counters between steps).
const GUEST = String.raw`
set -e
echo "@@FS $(stat -f -c %T .)"
T() { n=$1; shift; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo "@@T $n $s $e"; }
M() { echo "@@M $1"; sleep 0.5; }
wr() { dd if=/dev/zero of=big bs=1M count="$MIB" conv=fsync status=none; }
rd() { dd if=big of=/dev/null bs=1M status=none; }
mk() { perl -e 'my ($n, $top) = @ARGV; my $b = "x" x 4096; mkdir $top or die "mkdir: $!";
  for my $d (0..19) { my $p = sprintf("%s/d%02d", $top, $d); mkdir $p or die "mkdir $p: $!";
    for my $f (0..$n/20-1) { open(my $h, ">", sprintf("%s/f%04d.txt", $p, $f)) or die "open: $!";
      print $h $b or die; close($h) or die "close: $!"; } }' "$FILES" "$SMALL"; }
fs() { find "$SMALL" -type f -exec stat -c %s {} + >/dev/null; }
ta() { tar cf "$TARBALL" "$SMALL"; }
bu() { make -s -j2 -C "$PROJ" >/dev/null; }
case "$1" in
  write) T write wr ;;
  read) M cold; T read_cold rd; M warm; T read_warm rd; M end ;;
  create) T create mk ;;
  scan) T find_stat fs; T tar ta; rm -f "$TARBALL" ;;
  build) T build bu; test -x "$PROJ/prog" ;;
  *) echo "unknown phase $1" >&2; exit 2 ;;
esac
`;

// ---------- directories ----------
const { base, dirs } = peerDirs("mrc-bench-fs-");
const removeBase = () => {
  for (const peer of ["mrc", "mrcd", "sshfs", "local"]) rmSync(`/tmp/mrc-bench-fs-${peer}-${process.pid}.tar`, { force: true });
  if (!opt.keep) rmSync(base, { recursive: true, force: true });
};
const unhookBase = onCleanup(removeBase);

const sshd = await startSshd({ log: say });
const sshfsMnt = await sshd.sshfsMount(dirs["sshfs-back"], dirs.sshfs, { options: ["allow_other"] });
const target = await startTarget({ logLevel: process.env.BENCH_TARGET_LOG ?? "info" });
// MRC_FS_* switches of the head's file service (e.g. MRC_FS_ASYNC=1) pass through, for A/B runs.
const headSwitches = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MRC_FS_")));
const headDaemon = opt.peers.split(",").includes("mrcd") ? await startHeadDaemon({ extraEnv: headSwitches }) : null;

// How the mrc peer starts a job. "cli": `mrc run -r … -d EXPORT`. "api": bench/lib/mrc-job.mjs, the
// same through the head API but awaiting fs.attach before job.start. "auto": the CLI if a probe job
// lands on the FUSE mount, else the API (at 9993c30 the CLI pipelines fs.attach and the job can
// start before the mount exists: it then runs on the target's own disk, see bench/RESULTS.md).
const MRC_JOB = new URL("./lib/mrc-job.mjs", import.meta.url).pathname;
const mrcRunArgv = (work) =>
  via === "cli" ? [MRC, "run", "-T", "-r", target.addr, "-d", work, "--"] : [MRC_JOB, target.addr, work, "--"];
/** Where the direct `mrc` peer looks for a head daemon: nowhere (a user's own daemon must not serve it). */
const NO_HEAD_DAEMON = "/nonexistent/mrc-bench-no-head";
let via = opt.via;
let cliProbe = "not probed";
{
  const probeDir = dirs.mrc;
  const r = spawnSync(process.execPath, [MRC, "run", "-T", "-r", target.addr, "-d", probeDir, "--", "stat", "-f", "-c", "%T", "."], {
    cwd: probeDir,
    env: { PATH: process.env.PATH, MRC_TOKEN: target.token, MRC_HEAD_DIR: NO_HEAD_DAEMON },
    encoding: "utf8",
  });
  cliProbe = (r.stdout || r.stderr || "").trim();
  if (via === "auto") via = /^fuse/.test(cliProbe) ? "cli" : "api";
  say(`bench/fs: probe \`mrc run -d …\`: guest cwd on "${cliProbe}"; mrc jobs via ${via === "cli" ? "the CLI" : "bench/lib/mrc-job.mjs (head API, attach awaited)"}`);
}

/** Per peer: where the guest runs (work) and where the bench prepares/cleans up on the head (head). */
const PEERS = {
  mrc: { work: dirs.mrc, head: dirs.mrc },
  mrcd: { work: dirs.mrcd, head: dirs.mrcd },
  sshfs: { work: dirs.sshfs, head: dirs["sshfs-back"] },
  local: { work: dirs.local, head: dirs.local },
};
const PEER_NAMES = Object.keys(PEERS).filter((p) => opt.peers.split(",").includes(p));
const ROW_GROUPS = new Set(opt.rows.split(","));

/**
 * Remove a peer's scratch file where the peer's guest sees it: for sshfs through its mount, so
 * that sshfs's own caches (20 s) forget it too — removed behind its back, a `big` it still
 * believed in made the next rep fail (open without create: ENOENT). For mrc and local the guest's
 * path is the head's. (Small files and C projects get new names per rep instead.)
 */
function clean(peer, name) {
  rmSync(join(PEERS[peer].work, name), { recursive: true, force: true });
}

function dropCaches() {
  spawnSync("sync");
  writeFileSync("/proc/sys/vm/drop_caches", "3");
}

/** Sum of read_bytes / rchar over a process and its descendants. */
function treeIo(pid) {
  let rchar = 0;
  let readBytes = 0;
  const visit = (p) => {
    try {
      const io = readFileSync(`/proc/${p}/io`, "utf8");
      rchar += Number(/rchar: (\d+)/.exec(io)?.[1] ?? 0);
      readBytes += Number(/read_bytes: (\d+)/.exec(io)?.[1] ?? 0);
    } catch {
      /* gone */
    }
    let kids = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    } catch {
      /* gone */
    }
    for (const k of kids) visit(k);
  };
  visit(pid);
  return { rchar, readBytes };
}

/**
 * Run the guest script's `phase` for `peer`. Resolves { times: {step: seconds}, marks: {mark: io} }
 * (marks only for mrc: the head's I/O counters when the guest printed the mark).
 */
async function runPhase(peer, phase, rep) {
  const { work } = PEERS[peer];
  const tarball = `/tmp/mrc-bench-fs-${peer}-${process.pid}.tar`;
  const env = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C", MIB: String(MIB), FILES: String(FILES), TARBALL: tarball, SMALL: `small-r${rep}`, PROJ: `proj-r${rep}` };
  let argv;
  let spawnEnv;
  if (peer === "mrc") {
    // The guest's environment is the head's (mrc forwards it); keep it small and identical.
    argv = [process.execPath, ...mrcRunArgv(work), "sh", "-c", GUEST, "guest", phase];
    spawnEnv = { ...env, ...headSwitches, MRC_TOKEN: target.token, MRC_HEAD_DIR: NO_HEAD_DAEMON, HOME: "/tmp", UV_THREADPOOL_SIZE: "16" };
  } else if (peer === "mrcd") {
    // Through the head daemon: the CLI always (the daemon mounts the exports before the job starts).
    argv = [process.execPath, MRC, "run", "-T", "-r", target.addr, "-d", work, "--", "sh", "-c", GUEST, "guest", phase];
    spawnEnv = { ...env, ...headDaemon.env, MRC_TOKEN: target.token, HOME: "/tmp" };
  } else {
    argv = ["setpriv", `--reuid=${GUEST_UID}`, `--regid=${GUEST_UID}`, "--clear-groups", "sh", "-c", GUEST, "guest", phase];
    spawnEnv = { ...env, HOME: "/tmp" };
  }
  const p = spawn(argv[0], argv.slice(1), { cwd: work, env: spawnEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const times = {};
  const marks = {};
  let fsType;
  createInterface({ input: p.stdout }).on("line", (line) => {
    const f = /^@@FS (\S+)$/.exec(line);
    if (f) fsType = f[1];
    const m = /^@@T (\S+) (\d+) (\d+)$/.exec(line);
    if (m) times[m[1]] = Number(BigInt(m[3]) - BigInt(m[2])) / 1e9;
    const k = /^@@M (\S+)$/.exec(line);
    if (k && peer === "mrc") marks[k[1]] = treeIo(p.pid);
    if (k && peer === "mrcd") marks[k[1]] = treeIo(headDaemon.pid);
  });
  const [status] = await once(p, "close");
  if (status !== 0) throw new Error(`${peer} ${phase} failed (exit ${status}): ${stderr.trim()}`);
  // Each peer must run where it claims to: mrc, mrcd and sshfs on a FUSE mount, local on the disk.
  const onFuse = /^fuse/.test(fsType ?? "");
  if (onFuse !== (peer !== "local")) throw new Error(`${peer} ${phase}: the guest ran on a ${fsType ?? "?"} file system, not ${peer === "local" ? "the local disk" : "FUSE"}`);
  return { times, marks };
}

// ---------- the run ----------
const samples = {}; // samples[row][peer] = [values]
const add = (row, peer, v) => (((samples[row] ??= {})[peer] ??= []).push(v));
const MRC_PEERS = ["mrc", "mrcd"].filter((p) => PEER_NAMES.includes(p));
const warmHeadBytes = { mrc: [], mrcd: [] }; // head bytes read (rchar) during the warm read
const coldHeadBytes = { mrc: [], mrcd: [] };
const bytes = MIB * 1024 * 1024;

const t0 = Date.now();
for (let rep = 0; rep < REPS; rep++) {
  const order = PEER_NAMES.map((_, i) => PEER_NAMES[(i + rep) % PEER_NAMES.length]);
  say(`bench/fs: rep ${rep + 1}/${REPS} (order ${order.join(", ")})`);
  // Sequential write, then cold and warm read.
  for (const peer of ROW_GROUPS.has("io") ? order : []) {
    clean(peer, "big");
    // Every peer's write starts on an idle disk: without this, the previous step's writeback (the
    // last peer's file, its removal) lands in this one's fsync, and the write row measured the
    // order of the peers more than the peers (one mrc rep at 217 MB/s next to 367 in one run).
    spawnSync("sync");
    const w = await runPhase(peer, "write", rep);
    add("write", peer, bytes / 1e6 / w.times.write);
    dropCaches();
    const r = await runPhase(peer, "read", rep);
    add("read_cold", peer, bytes / 1e6 / r.times.read_cold);
    add("read_warm", peer, bytes / 1e6 / r.times.read_warm);
    if (MRC_PEERS.includes(peer) && r.marks.cold && r.marks.warm && r.marks.end) {
      coldHeadBytes[peer].push(r.marks.warm.rchar - r.marks.cold.rchar);
      warmHeadBytes[peer].push(r.marks.end.rchar - r.marks.warm.rchar);
    }
    clean(peer, "big");
    say(`  ${peer}: write ${w.times.write.toFixed(2)} s, read cold ${r.times.read_cold.toFixed(2)} s, warm ${r.times.read_warm.toFixed(2)} s`);
  }
  // Small files: create (job 1), then cold caches, find+stat and tar (job 2).
  for (const peer of ROW_GROUPS.has("small") ? order : []) {
    const c = await runPhase(peer, "create", rep);
    dropCaches();
    const s = await runPhase(peer, "scan", rep);
    add("create", peer, c.times.create);
    add("find_stat", peer, s.times.find_stat);
    add("tar", peer, s.times.tar);
    say(`  ${peer}: create ${c.times.create.toFixed(2)} s, find+stat ${s.times.find_stat.toFixed(2)} s, tar ${s.times.tar.toFixed(2)} s`);
  }
  // C build from fresh sources (written on the head just before; compiler warm for everyone).
  for (const peer of ROW_GROUPS.has("build") ? order : []) {
    const proj = join(PEERS[peer].head, `proj-r${rep}`);
    writeCProject(proj);
    spawnSync("chmod", ["-R", "a+rwX", proj]);
    const b = await runPhase(peer, "build", rep);
    add("build", peer, b.times.build);
    say(`  ${peer}: make -j2 ${b.times.build.toFixed(2)} s`);
  }
}
const elapsed = (Date.now() - t0) / 1000;
const loadEnd = readFileSync("/proc/loadavg", "utf8").trim();

await headDaemon?.stop();
await target.stop();
await sshfsMnt.unmount();
await sshd.stop();
removeBase();
unhookBase();

// ---------- report ----------
const ALL_ROWS = [
  { key: "write", label: `seq write ${MIB} MiB (dd bs=1M conv=fsync)`, unit: "MB/s" },
  { key: "read_cold", label: `seq read ${MIB} MiB cold (after drop_caches; fresh job)`, unit: "MB/s" },
  { key: "read_warm", label: `seq read ${MIB} MiB warm (2nd read, same job)`, unit: "MB/s" },
  { key: "create", label: `create ${FILES} × 4 KiB files (one perl process, 20 dirs)`, unit: "s" },
  { key: "find_stat", label: `find -type f -exec stat {} + (cold caches)`, unit: "s" },
  { key: "tar", label: `tar cf /tmp/x.tar of them (after find)`, unit: "s" },
  { key: "build", label: "make -j2, 40 .c files × ~360 lines, clean tree", unit: "s" },
];
const ROWS = ALL_ROWS.filter((r) => samples[r.key] !== undefined);
const peerSamples = (row, peer) => samples[row][peer] ?? [];
const fmt = (v, unit) => (!Number.isFinite(v) ? "–" : unit === "MB/s" ? `${v.toFixed(0)} MB/s` : `${v.toFixed(2)} s`);
/** Speed-up of `who` (mrc or mrcd) over a peer: >1× = faster (times: peer/who; rates: who/peer). */
const speedup = (row, who, peer) => {
  const m = median(peerSamples(row.key, who));
  const p = median(peerSamples(row.key, peer));
  return row.unit === "MB/s" ? m / p : p / m;
};
/** Does `who` meet the row's goals? */
const meets = (row, who) => speedup(row, who, "sshfs") >= GOAL_SSHFS && (row.key !== "build" || 1 / speedup(row, who, "local") <= GOAL_BUILD_LOCAL);
const tableRows = ROWS.map((row) => {
  const goals = [`≥ ${GOAL_SSHFS}× sshfs`];
  if (row.key === "build") goals.push(`≤ ${GOAL_BUILD_LOCAL}× local time`);
  return [
    row.label,
    ...PEER_NAMES.map((peer) => fmt(median(peerSamples(row.key, peer)), row.unit)),
    ...MRC_PEERS.map((who) => fmtRatio(speedup(row, who, "sshfs"))),
    ...MRC_PEERS.map((who) => fmtRatio(speedup(row, who, "local"))),
    goals.join(", "),
    MRC_PEERS.map((who) => (meets(row, who) ? "yes" : "**NO**")).join(" / "),
  ];
});

const out = [];
out.push(`## bench/fs.mjs — ${machine.date.slice(0, 10)}`, "");
out.push(
  `Machine: nproc ${machine.nproc}, ${machine.cpu || "?"}, ${machine.kernel}, Node ${machine.node}, ${machine.ssh}. ` +
    `Load average at start \`${loadStart}\`, at end \`${loadEnd}\`. ${REPS} rep(s) per peer, medians; run took ${elapsed.toFixed(0)} s.`,
  "",
);
out.push(
  "Speed-up columns: **> 1× means mrc is faster** (for MB/s rows mrc/peer, for time rows peer/mrc). " +
    "Each figure is timed inside the guest (no launch overhead); all peers run the same script as `nobody`. " +
    "`mrcd` = the same `mrc run` with the user's head daemon running (a long-lived head; link and mount shared by its jobs).",
  "",
);
out.push(
  via === "cli"
    ? "mrc jobs: `mrc run -T -r 127.0.0.1:PORT -d EXPORT -- sh -c SCRIPT` (the CLI), one job per step."
    : `mrc jobs: bench/lib/mrc-job.mjs (head API: FileServer + TargetLink, \`await attach\` then run), one job per step — ` +
        `a probe \`mrc run -d EXPORT -- stat -f -c %T .\` reported the guest's cwd on **${cliProbe || "?"}**` +
        `${/^fuse/.test(cliProbe) ? "" : " (not FUSE: the CLI started the job before the export was mounted)"}.`,
  "",
);
const header = [
  "row",
  ...PEER_NAMES.map((p) => (p === "local" ? "local disk" : p)),
  ...MRC_PEERS.map((who) => `${who} vs sshfs`),
  ...MRC_PEERS.map((who) => `${who} vs local`),
  "goal",
  `met? (${MRC_PEERS.join(" / ")})`,
];
out.push(mdTable(header, tableRows), "");
for (const who of ROW_GROUPS.has("io") ? MRC_PEERS : []) {
  const warmMed = median(warmHeadBytes[who]);
  const coldMed = median(coldHeadBytes[who]);
  const warmOk = Number.isFinite(warmMed) && warmMed < bytes * 0.01;
  out.push(
    `${who}: warm re-read served from the target's page cache: **${warmOk ? "yes" : "NO"}** — the head (${who === "mrc" ? "the \`mrc run\` process tree" : "the head daemon"}) read ` +
      `${Number.isFinite(warmMed) ? (warmMed / 1e6).toFixed(1) : "?"} MB (rchar, median) during the warm read vs ` +
      `${Number.isFinite(coldMed) ? (coldMed / 1e6).toFixed(1) : "?"} MB during the cold one (file: ${(bytes / 1e6).toFixed(0)} MB).`,
    "",
  );
}
const detail = [];
for (const row of ROWS) {
  for (const peer of PEER_NAMES) {
    const s = summary(peerSamples(row.key, peer));
    detail.push([`${row.key}: ${peer}`, s.n, fmt(s.median, row.unit), fmt(s.min, row.unit), fmt(s.max, row.unit)]);
  }
}
out.push("<details><summary>all peers: n / median / min / max</summary>", "", mdTable(["series", "n", "median", "min", "max"], detail), "", "</details>", "");
process.stdout.write(out.join("\n") + "\n");
if (opt.json) {
  writeFileSync(opt.json, JSON.stringify({ machine, loadStart, loadEnd, reps: REPS, mib: MIB, files: FILES, samples, warmHeadBytes, coldHeadBytes }, null, 2));
}
process.exit(0);
