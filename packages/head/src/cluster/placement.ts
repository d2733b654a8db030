import type { TargetStats } from "@mrc/protocol";

/** What the scheduler knows of one target. */
export interface TargetView {
  name: string;
  labels: string[];
  /** Slots from the config (wins over the target's report). */
  slotsConfig?: number;
  connected: boolean;
  /** Drained by this head (`mrc target drain`). */
  drainedHere: boolean;
  stats?: TargetStats | undefined;
  /** Jobs of this head counted there (placed or running). */
  ours: Set<string>;
  /** Jobs placed since the last stats report (not yet in its load or running list). */
  placedSinceStats: Set<string>;
  /** Jobs of ours that ended since the last report (likely still in its running list). */
  endedSinceStats: number;
  /** Refused a start with NO_SLOT: full until its next report. */
  full: boolean;
}

/** Jobs this target may hold at once (Infinity: unlimited). Before any report and without a configured number: 1. */
export function slotLimit(t: TargetView): number {
  if (t.slotsConfig !== undefined) return t.slotsConfig;
  if (!t.stats) return 1;
  return t.stats.slots === 0 ? Infinity : t.stats.slots;
}

/** Slots in use: ours, or the target's own count plus what we sent since, whichever is more. */
export function slotsUsed(t: TargetView): number {
  return Math.max(t.ours.size, (t.stats?.running.length ?? 0) + t.placedSinceStats.size - t.endedSinceStats);
}

/** Draining here or on the target's own say. */
export function draining(t: TargetView): boolean {
  return t.drainedHere || t.stats?.draining === true;
}

/** Can `t` take one more job needing `memBytes`? */
export function canTake(t: TargetView, memBytes = 0): boolean {
  if (!t.connected || draining(t) || t.full) return false;
  if (slotsUsed(t) >= slotLimit(t)) return false;
  return (t.stats?.freeMem ?? Infinity) >= memBytes;
}

/** Load per core, counting jobs sent since the last report as one unit of load each. */
export function loadPerCore(t: TargetView): number {
  const cores = t.stats?.cores || 1;
  return ((t.stats?.load1 ?? 0) + t.placedSinceStats.size) / cores;
}

/**
 * The best target for a job now: among those that can take it, the lowest load per core;
 * ties go to the one with fewer jobs running, then to the name's order.
 */
export function pickTarget(candidates: TargetView[], req: { memBytes?: number } = {}): TargetView | undefined {
  let best: TargetView | undefined;
  for (const t of candidates) {
    if (!canTake(t, req.memBytes)) continue;
    if (!best) {
      best = t;
      continue;
    }
    const d = loadPerCore(t) - loadPerCore(best);
    if (d < -1e-9 || (Math.abs(d) <= 1e-9 && (slotsUsed(t) < slotsUsed(best) || (slotsUsed(t) === slotsUsed(best) && t.name < best.name)))) best = t;
  }
  return best;
}
