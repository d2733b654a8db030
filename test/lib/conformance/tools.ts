// Command-line tools stand in for system calls Node has no API for (flock, mkfifo, fallocate,
// xattrs, SEEK_DATA). Their outcome is reduced to an exit status plus the errno named in stderr.
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { errnoFromStderr } from "./normalize.js";
import type { CaseContext, Value } from "./types.js";

/** Raw outcome of a finished tool process. */
export interface ToolRun {
  readonly exit: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

const TOOL_TIMEOUT_MS = 20_000;

/** Runs `cmd args` to completion (killed after 20 s) and captures its output. */
export function runTool(cmd: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), TOOL_TIMEOUT_MS);
    timer.unref();
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (exit, signal) => {
      clearTimeout(timer);
      resolve({ exit, signal, stdout, stderr });
    });
  });
}

const found = new Map<string, Promise<boolean>>();

/** Whether an executable named `cmd` is on PATH (memoized). */
export function hasTool(cmd: string): Promise<boolean> {
  let p = found.get(cmd);
  if (!p) {
    const dirs = (process.env.PATH ?? "/usr/bin:/bin").split(delimiter).filter(Boolean);
    p = (async () => {
      for (const d of dirs) {
        try {
          await access(join(d, cmd), constants.X_OK);
          return true;
        } catch {
          /* next */
        }
      }
      return false;
    })();
    found.set(cmd, p);
  }
  return p;
}

/** Skips the case unless every tool in `cmds` is installed. */
export async function requireTools(ctx: CaseContext, ...cmds: string[]): Promise<void> {
  for (const c of cmds) if (!(await hasTool(c))) ctx.skip(`${c} not installed`);
}

/**
 * Runs a tool as a step: records `{exit, errno}` where errno is the name found in stderr (or
 * null), plus stdout when `keepStdout` is set. Raw stderr goes to info, never compared.
 */
export async function toolStep(
  ctx: CaseContext,
  label: string,
  cmd: string,
  args: readonly string[],
  keepStdout = false,
): Promise<ToolRun> {
  const r = await runTool(cmd, args);
  const v: Record<string, Value> = { exit: r.exit, errno: r.exit === 0 ? null : (errnoFromStderr(r.stderr) ?? null) };
  if (r.signal) v.signal = r.signal;
  if (keepStdout) v.stdout = r.stdout;
  ctx.record(label, v);
  if (r.stderr) ctx.info(`${label}.stderr`, r.stderr.trim());
  return r;
}
