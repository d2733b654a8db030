/**
 * The progress line of `mrc map` (pure: counters in, one line out):
 *
 *     [=====>    ] 37/200 done, 2 failed, 4 running, 12 queued, ETA 1m20s
 *
 * Until the input has been read to its end the total is unknown: `37/? done`, and no bar.
 */

/** Counters of a map in progress. */
export interface ProgressCounts {
  /** Jobs that ended (succeeded or not). */
  done: number;
  /** Of those, the ones that did not succeed. */
  failed: number;
  running: number;
  /** Submitted but not started yet (or being submitted). */
  queued: number;
  /** Number of jobs in all; undefined while the input is still being read. */
  total?: number;
}

/** A duration as people read it: 0.4s, 12s, 3m12s, 1h02m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/**
 * Time left, from the average pace so far (elapsed / done × left); undefined until a job ended
 * or while the total is unknown.
 */
export function estimateEta(c: ProgressCounts, elapsedMs: number): number | undefined {
  if (c.total === undefined || c.done === 0) return undefined;
  const left = Math.max(0, c.total - c.done);
  return (elapsedMs / c.done) * left;
}

/** Options of {@link renderProgress}. */
export interface RenderOptions {
  /** Terminal width: the line is kept shorter than this (so it never wraps). */
  width: number;
  elapsedMs: number;
}

/** Most columns the bar takes. */
const MAX_BAR = 30;

/** The progress line for these counters (no newline, no escape sequences). */
export function renderProgress(c: ProgressCounts, o: RenderOptions): string {
  const parts = [`${c.done}/${c.total ?? "?"} done`];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  parts.push(`${c.running} running`, `${c.queued} queued`);
  const eta = estimateEta(c, o.elapsedMs);
  if (eta !== undefined) parts.push(`ETA ${formatDuration(eta)}`);
  const text = parts.join(", ");
  const room = o.width - 1 - text.length - 3; // "[", "] ", and one column kept free
  let line = text;
  if (c.total !== undefined && room >= 5) {
    const inner = Math.min(MAX_BAR, room);
    const frac = c.total === 0 ? 1 : Math.min(1, c.done / c.total);
    const full = Math.floor(frac * inner);
    const bar = full >= inner ? "=".repeat(inner) : "=".repeat(full) + ">" + " ".repeat(inner - full - 1);
    line = `[${bar}] ${text}`;
  }
  return line.length > o.width - 1 ? line.slice(0, Math.max(0, o.width - 1)) : line;
}
