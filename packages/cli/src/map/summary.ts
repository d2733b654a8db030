import { formatDuration } from "./progress.js";

/** How a map went: counters, failure reasons, and the exit status. */
export interface MapResult {
  /** Jobs created (input lines read and turned into jobs). */
  jobs: number;
  succeeded: number;
  /** Jobs that did not succeed (other than those this map killed). */
  failed: number;
  /** Jobs this map killed (Ctrl-C, --halt now) that did not succeed. */
  killed: number;
  /** Failed jobs by reason: "exit 1", "SIGSEGV", "not started", ... */
  failures: Record<string, number>;
  elapsedMs: number;
  /** Stopped by Ctrl-C (or SIGTERM/SIGHUP). */
  interrupted: boolean;
  /** Stopped submitting because of --halt. */
  halted: boolean;
  /** mrc's own failure (cluster unreachable, a submit refused, ...): exit status 255. */
  error?: string;
  /** The exit status of `mrc map` (see {@link mapExitStatus}). */
  status: number;
}

/** Most failed jobs the exit status counts (GNU parallel's convention). */
export const MAX_FAILED_STATUS = 101;

/**
 * The exit status: 255 if mrc itself failed, 130 if interrupted, else the number of jobs that did
 * not succeed (failed or killed), capped at 101 — 0 when all succeeded. As GNU parallel: 1–100
 * is how many failed, 101 means more than 100.
 */
export function mapExitStatus(r: Omit<MapResult, "status">): number {
  if (r.error !== undefined) return 255;
  if (r.interrupted) return 130;
  return Math.min(MAX_FAILED_STATUS, r.failed + r.killed);
}

/** `mrc map: 200 jobs, 198 succeeded, 2 failed (exit 1: 2), 3m12s` */
export function summaryLine(r: Omit<MapResult, "status">): string {
  const parts = [`${r.jobs} job${r.jobs === 1 ? "" : "s"}`, `${r.succeeded} succeeded`];
  const reasons = Object.entries(r.failures)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([why, n]) => `${why}: ${n}`);
  parts.push(`${r.failed} failed${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}`);
  if (r.killed > 0) parts.push(`${r.killed} killed`);
  let line = `mrc map: ${parts.join(", ")}, ${formatDuration(r.elapsedMs)}`;
  if (r.interrupted) line += " (interrupted)";
  else if (r.halted) line += " (halted)";
  return line;
}
