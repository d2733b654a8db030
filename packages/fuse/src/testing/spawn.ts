/**
 * Touch a mount from another process (bazil's spawntest): the serving process must never do file
 * operations on its own mount, so tests run them in a child and read back its output.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";

/** Outcome of a child run. */
export interface ChildResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Run `node -e script ...args` (CommonJS) asynchronously; never rejects on a non-zero exit. */
export function runNode(script: string, args: readonly string[] = [], timeoutMs = 30_000): Promise<ChildResult> {
  return runCommand(process.execPath, ["-e", script, ...args], timeoutMs);
}

/** Run `sh -c script sh ...args` asynchronously. */
export function runSh(script: string, args: readonly string[] = [], timeoutMs = 30_000): Promise<ChildResult> {
  return runCommand("sh", ["-c", script, "sh", ...args], timeoutMs);
}

/** Run a command asynchronously and collect its output; killed with SIGKILL after the timeout. */
export function runCommand(cmd: string, args: readonly string[], timeoutMs = 30_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null;
      if (e !== null && typeof e.code === "string") return reject(e);
      resolve({ stdout, stderr, code: e === null ? 0 : typeof e.code === "number" ? e.code : null, signal: e?.signal ?? null });
    });
  });
}

/** Spawn a long-running child and resolve once its stdout contains `marker`. */
export function spawnUntil(cmd: string, args: readonly string[], marker: string, timeoutMs = 30_000): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no "${marker}" from child within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code ?? signal}) before "${marker}": ${err}`));
    });
  });
}
