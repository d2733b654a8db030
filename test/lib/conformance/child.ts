// Runs the suite in a separate Node process: a FUSE server must never touch its own mount, and a
// hung file system operation must not hang the caller.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Transcript } from "./types.js";

/** Options for a child-process run. */
export interface ChildRunOptions {
  /** Kill the child and reject after this many milliseconds (default 180 000). */
  readonly timeoutMs?: number;
  /** Only run cases whose name contains this substring. */
  readonly only?: string;
  /** Extra environment for the child (merged over process.env). */
  readonly env?: Readonly<Record<string, string>>;
  /** Run the child as this user (via util-linux setpriv; the caller must be root). */
  readonly asUser?: { readonly uid: number; readonly gid: number };
}

/** Absolute path of the CLI script (`run.js`) next to this module. */
export const conformanceScript = fileURLToPath(new URL("./run.js", import.meta.url));

/** Spawns `node run.js dir` with process.execPath and parses the transcript it prints. */
export function runConformanceInChild(dir: string, opts: ChildRunOptions = {}): Promise<Transcript> {
  const args = [conformanceScript, dir, ...(opts.only ? ["--only", opts.only] : [])];
  return new Promise((resolve, reject) => {
    const u = opts.asUser;
    const [file, argv] = u
      ? ["/usr/bin/setpriv", [`--reuid=${u.uid}`, `--regid=${u.gid}`, "--clear-groups", "--", process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...opts.env } });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 180_000);
    timer.unref();
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`conformance child for ${dir} exited with ${signal ?? code}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString("utf8")) as Transcript);
      } catch (err) {
        reject(new Error(`conformance child printed no valid transcript: ${String(err)}; stderr: ${stderr.trim()}`));
      }
    });
  });
}
