// Shared helpers for the benchmark scripts: statistics, markdown tables, timed child processes,
// an mrc target daemon on loopback, a head daemon.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./sshd.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The mrc executable script of this checkout (whatever packages/cli/package.json names as bin). */
export const MRC = (() => {
  const pkg = JSON.parse(readFileSync(new URL("../../packages/cli/package.json", import.meta.url), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.mrc ?? "./bin/mrc.js");
  return fileURLToPath(new URL(bin, new URL("../../packages/cli/", import.meta.url)));
})();
export const CLI_DIST = fileURLToPath(new URL("../../packages/cli/dist/index.js", import.meta.url));

/** Progress lines go to stderr so stdout carries only the report. */
export const say = (m) => process.stderr.write(`${m}\n`);

/** Build the CLI (and what it depends on) if its dist is missing. */
export function ensureBuilt() {
  if (existsSync(CLI_DIST) && existsSync(fileURLToPath(new URL("../../packages/cli/dist/main.js", import.meta.url)))) return;
  say("bench: packages/cli/dist missing; running npx tsc -b packages/cli");
  const r = spawnSync("npx", ["tsc", "-b", "packages/cli"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("build failed");
}

// ---------- statistics ----------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Median (mean of the two middle values for an even count). */
export function median(xs) {
  const s = sorted(xs);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
/** Percentile p in [0,100], linear interpolation between closest ranks. */
export function percentile(xs, p) {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  const r = (p / 100) * (s.length - 1);
  const lo = Math.floor(r);
  const hi = Math.ceil(r);
  return s[lo] + (s[hi] - s[lo]) * (r - lo);
}
export function summary(xs) {
  return { n: xs.length, median: median(xs), p10: percentile(xs, 10), p90: percentile(xs, 90), min: Math.min(...xs), max: Math.max(...xs) };
}

// ---------- formatting ----------

export const fmtMs = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "–");
export const fmtMBs = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MB/s` : "–");
export const fmtRatio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "–");

/** A markdown table from a header row and rows of cells. */
export function mdTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const w = header.map((_, i) => Math.max(3, ...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
  return [line(all[0]), `| ${w.map((n) => "-".repeat(n)).join(" | ")} |`, ...all.slice(1).map(line)].join("\n");
}

// ---------- timed processes ----------

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
export { nowMs };

/**
 * Spawn argv, wall-clock from spawn() to 'exit'. stdin /dev/null, stdout discarded, stderr kept.
 * Resolves { ms, status, stderr }.
 */
export async function timeSpawn(argv, { env = process.env, cwd } = {}) {
  const t0 = nowMs();
  const p = spawn(argv[0], argv.slice(1), { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  const [status] = await once(p, "exit");
  const ms = nowMs() - t0;
  return { ms, status, stderr };
}

/**
 * Spawn argv with stdout into a pipe that this process drains (counting bytes, discarding them).
 * Resolves { ms (spawn → exit and EOF), firstMs (spawn → first byte), bytes, status, stderr }.
 */
export async function timeStdout(argv, { env = process.env } = {}) {
  const t0 = nowMs();
  const p = spawn(argv[0], argv.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
  let bytes = 0;
  let first;
  let last;
  let stderr = "";
  p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  p.stdout.on("data", (c) => {
    if (first === undefined) first = nowMs();
    bytes += c.length;
    last = nowMs();
  });
  const [status] = await once(p, "close");
  const t1 = nowMs();
  return { ms: t1 - t0, firstMs: (first ?? t1) - t0, lastMs: (last ?? t1) - t0, bytes, status, stderr };
}

const ZEROS = Buffer.alloc(1024 * 1024);
/**
 * Spawn argv and write `bytes` zero bytes into its stdin (1 MiB writes, with backpressure), then
 * close it. Resolves { ms (spawn → exit), status, stderr }.
 */
export async function timeStdin(argv, bytes, { env = process.env } = {}) {
  const t0 = nowMs();
  const p = spawn(argv[0], argv.slice(1), { env, stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  let writeErr;
  p.stdin.on("error", (e) => (writeErr = e));
  const closed = once(p, "close");
  let left = bytes;
  while (left > 0 && !writeErr && p.exitCode === null) {
    const n = Math.min(left, ZEROS.length);
    left -= n;
    if (!p.stdin.write(n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n))) {
      await Promise.race([once(p.stdin, "drain"), closed]);
    }
  }
  p.stdin.end();
  const [status] = await closed;
  return { ms: nowMs() - t0, status, stderr: writeErr ? `${stderr}\n(stdin: ${writeErr.message})` : stderr, sent: bytes - left };
}

// ---------- mrc daemons ----------

/**
 * Spawn `mrc ARGS` (a daemon logging JSON lines on stderr) and wait for the log line `msg`.
 * Resolves { proc, line (that log record), stop() }; stop() sends SIGTERM (SIGKILL after 5 s).
 */
async function startMrcDaemon(args, env, msg) {
  const proc = spawn(process.execPath, [MRC, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  const unhook = onCleanup(() => proc.kill("SIGKILL"));
  const lines = [];
  const what = `mrc ${args[0]}`;
  const line = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no "${msg}" within 15 s: ${lines.slice(-5).join("\n")}`)), 15_000);
    proc.once("exit", (code) => (clearTimeout(t), reject(new Error(`${what} exited (${code}): ${lines.slice(-5).join("\n")}`))));
    createInterface({ input: proc.stderr }).on("line", (text) => {
      lines.push(text);
      if (lines.length > 50) lines.shift();
      try {
        const l = JSON.parse(text);
        if (l.msg === msg) (clearTimeout(t), resolve(l));
      } catch {
        /* not JSON */
      }
    });
  });
  return {
    proc,
    line,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGTERM");
        const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
        await once(proc, "exit");
        clearTimeout(t);
      }
      unhook();
    },
  };
}

/** Start `mrc target --listen 127.0.0.1:0` as its own process; resolves { addr, port, token, proc, stop() }. */
export async function startTarget({ logLevel = "info" } = {}) {
  const token = randomBytes(24).toString("hex");
  const args = ["target", "--listen", "127.0.0.1:0", "--slots", "0", "--log-level", logLevel];
  const d = await startMrcDaemon(args, { ...process.env, MRC_TOKEN: token }, "target listening");
  return { port: d.line.port, addr: `127.0.0.1:${d.line.port}`, token, proc: d.proc, stop: d.stop };
}

/**
 * Start the user's head daemon (`mrc head`) as its own process, with its socket, token and state in
 * a fresh directory. `mrc run -r HOST:PORT` with `env` (MRC_HEAD_DIR set) then goes through it: a
 * long-lived head, one link and one mount per target shared by all its jobs. `extraEnv` reaches the
 * daemon (e.g. MRC_FS_* switches of its file service). Resolves { pid, env, stop() }.
 */
export async function startHeadDaemon({ extraEnv = {} } = {}) {
  const dir = mkdtempSync("/tmp/mrc-bench-head-");
  const d = await startMrcDaemon(["head", "--log-level", "info"], { ...process.env, ...extraEnv, MRC_HEAD_DIR: dir }, "head started");
  return {
    pid: d.proc.pid,
    env: { MRC_HEAD_DIR: dir },
    async stop() {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Short description of this machine for reports. */
export function machineInfo() {
  const sh = (c) => spawnSync("sh", ["-c", c], { encoding: "utf8" }).stdout.trim();
  return {
    date: new Date().toISOString(),
    nproc: sh("nproc"),
    kernel: sh("uname -sr"),
    cpu: sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim(),
    node: process.version,
    ssh: sh("ssh -V 2>&1"),
  };
}

/**
 * Scratch directories of the file-system benches under a fresh /tmp/PREFIX*: `mrc` (the export of
 * direct runs), `mrcd` (the export of runs through a head daemon), `sshfs-back` (what sshfs
 * serves), `sshfs` (its mountpoint) and `local`, writable by the guest.
 */
export function peerDirs(prefix) {
  const base = mkdtempSync(`/tmp/${prefix}`);
  chmodSync(base, 0o755);
  const dirs = {};
  for (const d of ["mrc", "mrcd", "sshfs-back", "sshfs", "local"]) {
    dirs[d] = join(base, d);
    mkdirSync(dirs[d]);
    chmodSync(dirs[d], 0o777);
  }
  return { base, dirs };
}
