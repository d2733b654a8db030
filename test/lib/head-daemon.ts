import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { MRC, runMrc, startTargetDaemon, type MrcResult, type TargetDaemon } from "./mrc.js";

export { startTargetDaemon, runMrc, type TargetDaemon };

/** A head daemon running as its own process, with its own paths ($MRC_HEAD_DIR). */
export interface HeadDaemonProc {
  dir: string;
  env: NodeJS.ProcessEnv;
  proc: ChildProcess;
  logs: Array<Record<string, unknown>>;
  /** The dial-in URL when started with --listen. */
  listenUrl?: string;
  /** Run `mrc ARGS` as a client of this daemon (cwd: the project dir). */
  mrc(args: string[], opts?: { input?: string; onSpawn?: (p: ChildProcess) => void }): Promise<MrcResult>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A project directory with an mrc.config.json naming `targets`. */
export function projectDir(targets: Array<{ name: string; url: string; slots?: number; labels?: string[]; tokenFile?: string; fingerprint?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), "mrc-proj-"));
  writeFileSync(join(dir, "mrc.config.json"), JSON.stringify({ targets }, null, 2));
  return dir;
}

/** A token file (0600) holding `token`. */
export function tokenFile(token: string): string {
  const f = join(mkdtempSync(join(tmpdir(), "mrc-tok-")), "token");
  writeFileSync(f, token + "\n", { mode: 0o600 });
  return f;
}

/**
 * Start `mrc head` in `project` (so it reads that mrc.config.json) with its paths in `dir`
 * (reused across restarts), and wait until it serves.
 */
export async function startHead(project: string, o: { dir?: string; args?: string[]; token?: string; env?: NodeJS.ProcessEnv } = {}): Promise<HeadDaemonProc> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), "mrc-headdir-"));
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env, MRC_HEAD_DIR: dir, ...(o.token ? { MRC_TOKEN: o.token } : {}) };
  const proc = spawn(process.execPath, [MRC, "head", "--log-level", "debug", ...(o.args ?? [])], { env, cwd: project, stdio: ["ignore", "ignore", "pipe"] });
  const reap = () => proc.kill("SIGKILL");
  process.once("exit", reap);
  proc.once("exit", () => process.off("exit", reap));
  const logs: Array<Record<string, unknown>> = [];
  let listenUrl: string | undefined;
  const started = new Promise<void>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`mrc head exited (${code}): ${JSON.stringify(logs.slice(-5))}`)));
    createInterface({ input: proc.stderr! }).on("line", (line) => {
      try {
        const l = JSON.parse(line) as Record<string, unknown>;
        logs.push(l);
        if (l.msg === "head started") {
          if (typeof l.listen === "string") listenUrl = l.listen;
          resolve();
        }
      } catch {
        logs.push({ raw: line });
      }
    });
  });
  await started;
  const h: HeadDaemonProc = {
    dir,
    env,
    proc,
    logs,
    ...(listenUrl ? { listenUrl } : {}),
    mrc: (args, opts = {}) => runMrc(args, { env, cwd: project, ...opts }),
    async stop(signal = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await once(proc, "exit");
    },
  };
  return h;
}

/** Poll `check` every 50 ms until it returns a value (not undefined) or `ms` pass. */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
