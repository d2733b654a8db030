import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";

/** Absolute path of the `mrc` executable script in this checkout. */
export const MRC = fileURLToPath(new URL("../../../packages/cli/bin/mrc.cjs", import.meta.url));

/** A target daemon running as its own process on a loopback port. */
export interface TargetDaemon {
  port: number;
  addr: string;
  token: string;
  proc: ChildProcess;
  /** Log lines (parsed JSON) the daemon wrote so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves when a log line matching `pred` has been written (bounded by timeoutMs). */
  waitLog(pred: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Start `mrc target --listen 127.0.0.1:0` and wait until it listens. */
export async function startTargetDaemon(token = "s3cret-token", extraArgs: string[] = []): Promise<TargetDaemon> {
  const listen = extraArgs.includes("--listen") ? [] : ["--listen", "127.0.0.1:0"];
  // Tests that predate slots run many jobs at once: unlimited unless the test says otherwise.
  if (!extraArgs.includes("--slots")) listen.push("--slots", "0");
  const proc = spawn(process.execPath, [MRC, "target", ...listen, "--log-level", "debug", ...extraArgs], {
    env: { ...process.env, MRC_TOKEN: token },
    stdio: ["ignore", "ignore", "pipe"],
  });
  // A test file that crashes or times out must not leave daemons behind.
  const reap = () => proc.kill("SIGKILL");
  process.once("exit", reap);
  proc.once("exit", () => process.off("exit", reap));
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
  createInterface({ input: proc.stderr! }).on("line", (line) => {
    let l: Record<string, unknown>;
    try {
      l = JSON.parse(line) as Record<string, unknown>;
    } catch {
      l = { msg: line, raw: true };
    }
    logs.push(l);
    for (const w of [...waiters]) if (w.pred(l)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(l));
  });
  const waitLog = (pred: (l: Record<string, unknown>) => boolean, timeoutMs = 10_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const hit = logs.find(pred);
      if (hit) return resolve(hit);
      const t = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; logs: ${JSON.stringify(logs.slice(-5))}`)), timeoutMs);
      waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
    });
  const ready = await waitLog((l) => l.msg === "target listening");
  const port = ready.port as number;
  return {
    port,
    addr: `127.0.0.1:${port}`,
    token,
    proc,
    logs,
    waitLog,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await once(proc, "exit");
    },
  };
}

/** Result of running the mrc CLI to completion. */
export interface MrcResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Run `mrc ARGS` with `input` on stdin; collect everything. */
export function runMrc(args: string[], opts: { input?: Buffer | string; env?: NodeJS.ProcessEnv; onSpawn?: (p: ChildProcess) => void; cwd?: string } = {}): Promise<MrcResult> {
  const so: SpawnOptions = { env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"], ...(opts.cwd ? { cwd: opts.cwd } : {}) };
  const p = spawn(process.execPath, [MRC, ...args], so);
  const out: Buffer[] = [];
  let err = "";
  p.stdout!.on("data", (d: Buffer) => out.push(d));
  p.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  p.stdin!.on("error", () => {});
  if (opts.input !== undefined) p.stdin!.end(opts.input);
  else if (!opts.onSpawn) p.stdin!.end();
  opts.onSpawn?.(p);
  return new Promise((resolve) => {
    p.on("close", (status, signal) => resolve({ status, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** True if a process with this pid exists (and is not a zombie). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

