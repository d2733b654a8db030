#!/usr/bin/env node
// bench/fsops.mjs — per-operation latency of home files: µs per system call pattern, in one guest
// (perl, as nobody) on an mrc export, on sshfs over loopback and on the local disk. It explains the
// small-file rows of bench/fs.mjs: which calls cost a round trip to the head and how much each costs.
//
//   node bench/fsops.mjs [--n 2000] [--reps 3] [--peers mrc,mrcd,sshfs,local] [--json FILE] [--quick]
//
// For mrc it also reports the CPU time (user + system, all threads) that the target daemon and the
// head (the `mrc run` process) spent per operation ("pattern:cpu-target", "pattern:cpu-head"), read
// from /proc around each pattern. Each pattern's N operations run in one fresh `mrc run`, as the
// rows of bench/fs.mjs do: a head's first few thousand calls are slower than later ones while V8
// compiles its code (see bench/RESULTS.md, "Per-operation costs"). `mrcd` is the same `mrc run`
// with the user's head daemon running: the job goes through it, so its head is long-lived (warm)
// and its mount on the target is shared by the daemon's jobs; its CPU columns are the daemon's.
//
// Patterns (each over N distinct names unless said; files prepared on the head between patterns so
// that the guest's caches know nothing of them):
//   stat-cold  lstat of N names not seen before            (LOOKUP)
//   stat-warm  lstat of the same N names again              (served from cache)
//   open-close open O_RDONLY + close of N files             (OPEN, FLUSH, RELEASE)
//   fuse-req   close(dup(fd)) N times on one open file      (FLUSH only: one FUSE request that the
//              file system answers by itself, mrc's target and sshfs alike — the floor under every
//              row: what a request costs in kernel, wake-ups and the file system's own code)
//   read-4k    open + read 4 KiB + close of N files         (OPEN, READ, FLUSH, RELEASE)
//   create-4k  open(O_CREAT|O_TRUNC) + write 4 KiB + close  (LOOKUP, CREATE, WRITE, FLUSH, RELEASE)
//   unlink     unlink of those N files                      (UNLINK)
//   mkdir      mkdir of N directories                       (LOOKUP, MKDIR)
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { onCleanup, startSshd } from "./lib/sshd.mjs";
import { MRC, ensureBuilt, peerDirs, fmtRatio, machineInfo, mdTable, median, say, startHeadDaemon, startTarget } from "./lib/common.mjs";

const { values: opt } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    reps: { type: "string", default: "3" },
    peers: { type: "string", default: "mrc,mrcd,sshfs,local" },
    json: { type: "string" },
    quick: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (opt.help) {
  process.stdout.write("usage: node bench/fsops.mjs [--n N] [--reps R] [--peers mrc,mrcd,sshfs,local] [--json FILE] [--quick]\n");
  process.exit(0);
}
if (process.getuid() !== 0) {
  process.stderr.write("bench/fsops: must run as root (FUSE mounts, setpriv)\n");
  process.exit(0);
}
ensureBuilt();
const N = opt.quick ? 200 : Math.max(10, Number(opt.n));
const REPS = opt.quick ? 1 : Math.max(1, Number(opt.reps));
const GUEST_UID = 65534;
const machine = machineInfo();
const loadStart = readFileSync("/proc/loadavg", "utf8").trim();

// The guest: perl, one process; prints "@@T pattern microseconds-per-op". Between patterns it prints
// "@@P name" and waits for a line on stdin (the bench prepares files on the head meanwhile).
const GUEST = String.raw`
use strict; use Time::HiRes qw(time); use POSIX ();
$| = 1;
my $n = $ENV{N}; my $P = $ENV{P};
sub wait_prep { my $p = shift; print "\@\@P $p\n"; my $l = <STDIN>; die "no go" unless defined $l; }
sub t { my ($name, $f) = @_; print "\@\@B $name\n"; my $l = <STDIN>; my $s = time; $f->(); my $e = time; printf "\@\@T %s %.2f\n", $name, ($e - $s) * 1e6 / $n; }
my $buf = "x" x 4096;
wait_prep("stat");
t("stat-cold", sub { for my $i (0..$n-1) { lstat($P . "s/f$i") or die "lstat $P" . "s/f$i: $!"; } });
t("stat-warm", sub { for my $i (0..$n-1) { lstat($P . "s/f$i") or die "lstat: $!"; } });
wait_prep("open");
t("open-close", sub { for my $i (0..$n-1) { open(my $h, "<", $P . "o/f$i") or die "open: $!"; close($h); } });
t("fuse-req", sub { open(my $h, "<", $P . "o/f0") or die "open: $!"; my $fd = fileno($h); for my $i (0..$n-1) { my $d = POSIX::dup($fd); defined $d or die "dup: $!"; POSIX::close($d); } close($h); });
wait_prep("read");
t("read-4k", sub { for my $i (0..$n-1) { open(my $h, "<", $P . "r/f$i") or die "open: $!"; sysread($h, my $d, 65536) == 4096 or die "read"; close($h); } });
t("create-4k", sub { for my $i (0..$n-1) { open(my $h, ">", $P . "c/f$i") or die "create: $!"; syswrite($h, $buf) == 4096 or die "write: $!"; close($h) or die "close: $!"; } });
t("unlink", sub { for my $i (0..$n-1) { unlink($P . "c/f$i") or die "unlink: $!"; } });
t("mkdir", sub { for my $i (0..$n-1) { mkdir($P . "m/d$i") or die "mkdir: $!"; } });
print "\@\@END\n";
`;

const { base, dirs } = peerDirs("mrc-bench-fsops-");
onCleanup(() => rmSync(base, { recursive: true, force: true }));
const PEERS = {
  mrc: { work: dirs.mrc, head: dirs.mrc },
  mrcd: { work: dirs.mrcd, head: dirs.mrcd },
  sshfs: { work: dirs.sshfs, head: dirs["sshfs-back"] },
  local: { work: dirs.local, head: dirs.local },
};
const PEER_NAMES = opt.peers.split(",").filter((p) => p in PEERS);
const sshd = PEER_NAMES.includes("sshfs") ? await startSshd({ log: say }) : null;
if (sshd) await sshd.sshfsMount(dirs["sshfs-back"], dirs.sshfs, { options: ["allow_other"] });
const MRC_PEERS = ["mrc", "mrcd"].filter((p) => PEER_NAMES.includes(p));
const target = MRC_PEERS.length > 0 ? await startTarget() : null;
// MRC_FS_* switches of the head's file service pass through, for A/B runs.
const headSwitches = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MRC_FS_")));
const headDaemon = PEER_NAMES.includes("mrcd") ? await startHeadDaemon({ extraEnv: headSwitches }) : null;
/** Where the direct `mrc` peer looks for a head daemon: nowhere (a user's own daemon must not serve it). */
const NO_HEAD_DAEMON = "/nonexistent/mrc-bench-no-head";

/** Make N files of `size` bytes in head/sub (owned by the guest user), fresh. */
function prep(head, sub, size) {
  const d = join(head, sub);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  const data = Buffer.alloc(size, 120);
  for (let i = 0; i < N; i++) writeFileSync(join(d, `f${i}`), data);
  spawnSync("chown", ["-R", `${GUEST_UID}:${GUEST_UID}`, d]);
}
function prepDir(head, sub) {
  const d = join(head, sub);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  chmodSync(d, 0o777);
}

const TICK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
/** utime+stime in seconds of each pid (its threads included). */
function cpuOf(pids) {
  return pids.map((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / TICK;
  });
}

// Each run uses directories of its own (prefix P): names a peer has seen before would be answered
// from its caches (sshfs keeps attributes and names for 20 s, whatever happened on the server).
async function runPeer(peer, rep) {
  const { work, head } = PEERS[peer];
  const P = `r${rep}-`;
  const env = { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C", N: String(N), HOME: "/tmp", P };
  const viaMrc = MRC_PEERS.includes(peer);
  const argv = viaMrc
    ? [process.execPath, MRC, "run", "-T", "-r", target.addr, "-d", work, "--", "perl", "-e", GUEST]
    : ["setpriv", `--reuid=${GUEST_UID}`, `--regid=${GUEST_UID}`, "--clear-groups", "perl", "-e", GUEST];
  const spawnEnv =
    peer === "mrc"
      ? { ...env, ...headSwitches, MRC_TOKEN: target.token, MRC_HEAD_DIR: NO_HEAD_DAEMON }
      : peer === "mrcd"
        ? { ...env, ...headDaemon.env, MRC_TOKEN: target.token }
        : env;
  const p = spawn(argv[0], argv.slice(1), { cwd: work, env: spawnEnv, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const times = {};
  let cpu0;
  let headPid;
  createInterface({ input: p.stdout }).on("line", (line) => {
    const b = /^@@B (\S+)$/.exec(line);
    if (b) {
      headPid = peer === "mrcd" ? headDaemon.pid : p.pid;
      cpu0 = viaMrc ? cpuOf([target.proc.pid, headPid]) : undefined;
      p.stdin.write("go\n");
    }
    const m = /^@@T (\S+) ([\d.]+)$/.exec(line);
    if (m) {
      times[m[1]] = Number(m[2]);
      if (cpu0 !== undefined) {
        const c = cpuOf([target.proc.pid, headPid]);
        times[`${m[1]}:cpu-target`] = ((c[0] - cpu0[0]) * 1e6) / N;
        times[`${m[1]}:cpu-head`] = ((c[1] - cpu0[1]) * 1e6) / N;
      }
    }
    const q = /^@@P (\S+)$/.exec(line);
    if (q) {
      if (q[1] === "stat") prep(head, `${P}s`, 0);
      if (q[1] === "open") prep(head, `${P}o`, 0);
      if (q[1] === "read") {
        prep(head, `${P}r`, 4096);
        prepDir(head, `${P}c`);
        prepDir(head, `${P}m`);
      }
      p.stdin.write("go\n");
    }
  });
  const [status] = await once(p, "close");
  for (const d of ["s", "o", "r", "c", "m"]) rmSync(join(head, `${P}${d}`), { recursive: true, force: true });
  if (status !== 0) throw new Error(`${peer} failed (exit ${status}): ${stderr.trim()}`);
  return times;
}

const samples = {};
for (let rep = 0; rep < REPS; rep++) {
  for (let i = 0; i < PEER_NAMES.length; i++) {
    const peer = PEER_NAMES[(i + rep) % PEER_NAMES.length];
    const t = await runPeer(peer, rep);
    say(`rep ${rep + 1} ${peer}: ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}`);
    for (const [k, v] of Object.entries(t)) ((samples[k] ??= {})[peer] ??= []).push(v);
  }
}
await headDaemon?.stop();
await target?.stop();
const loadEnd = readFileSync("/proc/loadavg", "utf8").trim();
const med = (k, p) => median(samples[k]?.[p] ?? []);
const vsSshfs = PEER_NAMES.includes("sshfs") ? MRC_PEERS : [];
const us = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} µs` : "–");
const rows = Object.keys(samples)
  .filter((k) => !k.includes(":"))
  .map((k) => [
    k,
    ...PEER_NAMES.map((p) => us(med(k, p))),
    ...vsSshfs.map((who) => fmtRatio(med(k, "sshfs") / med(k, who))),
    ...MRC_PEERS.flatMap((who) => [us(med(`${k}:cpu-target`, who)), us(med(`${k}:cpu-head`, who))]),
  ]);
const header = [
  "pattern (per op)",
  ...PEER_NAMES,
  ...vsSshfs.map((who) => `sshfs/${who}`),
  ...MRC_PEERS.flatMap((who) => [`${who} CPU: target`, `${who} CPU: head`]),
];
process.stdout.write(
  `# bench/fsops — ${machine.date}\n\n${machine.nproc} cpus, ${machine.kernel}, node ${machine.node}; N=${N}, ${REPS} reps, medians; ` +
    `load ${loadStart} → ${loadEnd}. sshfs/mrc > 1× means mrc is faster; mrcd = through a head daemon. CPU = user + system time per operation ` +
    `(clock ticks of /proc/PID/stat, so ±${((1e6 / TICK) / N).toFixed(1)} µs at this N).\n\n${mdTable(header, rows)}\n`,
);
if (opt.json) writeFileSync(opt.json, JSON.stringify({ machine, N, REPS, samples }, null, 2));
process.exit(0);
