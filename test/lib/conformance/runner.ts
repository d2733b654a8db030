// Runs every case, each in its own fresh subdirectory of the target directory, and collects a
// Transcript. A case that throws or hangs is recorded as crashed; the run always continues.
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { allCases } from "./cases/index.js";
import { Recorder, SkipSignal } from "./context.js";
import type { CaseDef, CaseResult, Transcript } from "./types.js";

/** Options for one run of the suite. */
export interface RunOptions {
  /** Only run cases whose name contains this substring. */
  readonly only?: string;
  /** Leave each case directory in place instead of removing it afterwards. */
  readonly keep?: boolean;
  /** Per-case time limit in milliseconds (default 30 000). */
  readonly caseTimeoutMs?: number;
  /** Cases to run instead of the built-in list. */
  readonly cases?: readonly CaseDef[];
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    // Not unref'd: a case stuck on a promise alone must still time out rather than end the process.
    timer = setTimeout(() => reject(new Error(`case timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function runOne(def: CaseDef, index: number, root: string, opts: RunOptions): Promise<CaseResult> {
  const dir = join(root, `${String(index).padStart(3, "0")}-${def.name.replace(/[^A-Za-z0-9._-]/g, "_")}`);
  const rec = new Recorder(dir, root);
  let status: CaseResult["status"] = "ok";
  let reason: string | undefined;
  try {
    await mkdir(dir);
    await withTimeout(def.run(rec), opts.caseTimeoutMs ?? 30_000);
  } catch (err) {
    if (err instanceof SkipSignal) {
      status = "skipped";
      reason = err.reason;
    } else {
      status = "crashed";
      reason = String(rec.strip(err instanceof Error ? `${err.name}: ${err.message}` : String(err)));
      if (err instanceof Error && err.stack) rec.info("stack", err.stack);
    }
  }
  if (!opts.keep) {
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (err) {
      rec.info("cleanup", String(err));
    }
  }
  const result: CaseResult = { name: def.name, status, steps: rec.steps };
  return {
    ...result,
    ...(reason !== undefined ? { reason } : {}),
    ...(Object.keys(rec.infos).length ? { info: rec.infos } : {}),
  };
}

/** Runs the conformance cases in `dir` (which must exist) and returns the normalized transcript. */
export async function runConformance(dir: string, opts: RunOptions = {}): Promise<Transcript> {
  const root = resolve(dir);
  const defs = (opts.cases ?? allCases).filter((c) => !opts.only || c.name.includes(opts.only));
  const cases: CaseResult[] = [];
  // Modes of created files depend on the umask; pin it so every run sees the same one.
  const umask = process.umask(0o022);
  try {
    for (const [i, def] of defs.entries()) cases.push(await runOne(def, i, root, opts));
  } finally {
    process.umask(umask);
  }
  return {
    format: "mrc-conformance/1",
    cases,
    info: { root, umask: "0022", uid: process.getuid?.(), gid: process.getgid?.(), node: process.version, pid: process.pid },
  };
}
