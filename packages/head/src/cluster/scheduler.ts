import type { TargetStats } from "@mrc/protocol";
import { draining, pickTarget, slotLimit, slotsUsed, type TargetView } from "./placement.js";

/** Launch job `jobId` on `target` (the scheduler already counts it there). */
export interface Assignment {
  jobId: string;
  target: string;
}

/** A job waiting for a slot. */
interface Waiting {
  id: string;
  user: string;
  targets: string[];
  memBytes: number;
  /** Submission order (kept when a refused start puts the job back). */
  seq: number;
}

/** Codes of a refused start that mean "the target is gone for now". */
const GONE = new Set(["CONNECTION_CLOSED", "NOT_CONNECTED", "SHUTTING_DOWN"]);

/**
 * The head's scheduler, a pure state machine (no timers, no I/O): targets with their live stats,
 * the jobs counted on each, and a queue. Placement: see {@link pickTarget}. Queue order:
 * first come first served within a user, with fair share between users (when a slot frees, among
 * the jobs that can use it, the one whose user has the fewest jobs running wins, then the user
 * served fewer jobs so far; then submission order).
 * Every change that may let queued jobs run returns the {@link Assignment}s to launch.
 */
export class Scheduler {
  private readonly targets = new Map<string, TargetView>();
  private queue: Waiting[] = [];
  private readonly placedOn = new Map<string, string>();
  private readonly userOf = new Map<string, string>();
  private seq = 0;

  /** A target this head may use (starts disconnected). */
  addTarget(t: { name: string; labels: string[]; slots?: number }): void {
    if (this.targets.has(t.name)) return;
    this.targets.set(t.name, {
      name: t.name,
      labels: t.labels,
      ...(t.slots !== undefined ? { slotsConfig: t.slots } : {}),
      connected: false,
      drainedHere: false,
      ours: new Set(),
      placedSinceStats: new Set(),
      endedSinceStats: 0,
      full: false,
    });
  }

  private target(name: string): TargetView | undefined {
    return this.targets.get(name);
  }

  setConnected(name: string, connected: boolean): Assignment[] {
    const t = this.target(name);
    if (!t) return [];
    t.connected = connected;
    t.placedSinceStats.clear();
    t.endedSinceStats = 0;
    t.full = false;
    if (!connected) t.stats = undefined;
    return this.dispatch();
  }

  updateStats(name: string, stats: TargetStats): Assignment[] {
    const t = this.target(name);
    if (!t) return [];
    t.stats = stats;
    t.placedSinceStats.clear();
    t.endedSinceStats = 0;
    t.full = false;
    return this.dispatch();
  }

  setDraining(name: string, on: boolean): Assignment[] {
    const t = this.target(name);
    if (!t) return [];
    t.drainedHere = on;
    return this.dispatch();
  }

  /** Queue a job; place it at once if it is its turn and a target of its list can take it. */
  submit(req: { id: string; user: string; targets: string[]; memBytes?: number; noQueue?: boolean }): { placed: string } | { queued: number } | { failed: string } {
    const known = req.targets.filter((n) => this.targets.has(n));
    if (known.length === 0) return { failed: `no known target among ${req.targets.join(", ") || "(none)"}` };
    this.userOf.set(req.id, req.user);
    this.queue.push({ id: req.id, user: req.user, targets: known, memBytes: req.memBytes ?? 0, seq: this.seq++ });
    const out = this.dispatch();
    this.pending.push(...out.filter((a) => a.jobId !== req.id));
    const mine = out.find((a) => a.jobId === req.id);
    if (mine) return { placed: mine.target };
    if (req.noQueue) {
      this.cancel(req.id);
      const busy = known.map((n) => this.describe(this.targets.get(n)!)).join(", ");
      return { failed: `no free slot on ${busy}` };
    }
    return { queued: this.queueOrder().indexOf(req.id) + 1 };
  }

  /** Assignments made for other jobs during a submit (returned by {@link takePending}). */
  private pending: Assignment[] = [];

  /** Assignments produced as a side effect of {@link submit} for jobs other than the one submitted. */
  takePending(): Assignment[] {
    const p = this.pending;
    this.pending = [];
    return p;
  }

  private describe(t: TargetView): string {
    const lim = slotLimit(t);
    const state = !t.connected ? "down" : draining(t) ? "draining" : `${slotsUsed(t)}/${lim === Infinity ? "∞" : lim} busy`;
    return `${t.name} (${state})`;
  }

  /** The job runs on `target` (counted there; idempotent; used when resuming after a restart). */
  jobStarted(id: string, target: string): void {
    const t = this.target(target);
    if (!t) return;
    const prev = this.placedOn.get(id);
    if (prev !== undefined && prev !== target) this.target(prev)?.ours.delete(id);
    t.ours.add(id);
    this.placedOn.set(id, target);
    this.queue = this.queue.filter((w) => w.id !== id);
  }

  /** The job ended (or was dropped): its slot frees. */
  jobEnded(id: string): Assignment[] {
    this.cancel(id);
    const on = this.placedOn.get(id);
    const t = on !== undefined ? this.target(on) : undefined;
    if (t) {
      t.ours.delete(id);
      if (!t.placedSinceStats.delete(id)) t.endedSinceStats++;
    }
    this.placedOn.delete(id);
    this.userOf.delete(id);
    this.requeue.delete(id);
    return this.dispatch();
  }

  /** The target refused the start (NO_SLOT, DRAINING, link gone…): back to the queue, keeping its turn. */
  startFailed(id: string, target: string, code: string): Assignment[] {
    const t = this.target(target);
    t?.ours.delete(id);
    t?.placedSinceStats.delete(id);
    this.placedOn.delete(id);
    if (t) {
      if (code === "NO_SLOT") t.full = true;
      else if (code === "DRAINING") t.stats = t.stats ? { ...t.stats, draining: true } : t.stats;
      else if (GONE.has(code)) t.connected = false;
    }
    const user = this.userOf.get(id) ?? "?";
    const w = this.requeue.get(id);
    this.queue.push(w ?? { id, user, targets: [target], memBytes: 0, seq: -1 });
    return this.dispatch();
  }

  /** Requests of placed jobs, kept so a refused start can queue them again with their turn. */
  private readonly requeue = new Map<string, Waiting>();

  /** Remove a queued job. */
  cancel(id: string): void {
    this.queue = this.queue.filter((w) => w.id !== id);
  }

  /** Queued job ids in submission order. */
  queueOrder(): string[] {
    return [...this.queue].sort((a, b) => a.seq - b.seq).map((w) => w.id);
  }

  /** For monitors. */
  snapshot(): { targets: Array<{ name: string; connected: boolean; draining: boolean; slots: number; ours: number; running: number }>; queued: number; queuedByUser: Record<string, number> } {
    const byUser: Record<string, number> = {};
    for (const w of this.queue) byUser[w.user] = (byUser[w.user] ?? 0) + 1;
    return {
      targets: [...this.targets.values()].map((t) => {
        const lim = slotLimit(t);
        return { name: t.name, connected: t.connected, draining: draining(t), slots: lim === Infinity ? 0 : lim, ours: t.ours.size, running: slotsUsed(t) };
      }),
      queued: this.queue.length,
      queuedByUser: byUser,
    };
  }

  /** Jobs placed per user so far (the tie-breaker of fair share). */
  private readonly served = new Map<string, number>();

  /** Should user `a` go before `b`: fewer jobs counted now, then fewer served so far. */
  private fairer(a: string, b: string, counts: Map<string, number>): boolean {
    const d = (counts.get(a) ?? 0) - (counts.get(b) ?? 0);
    if (d !== 0) return d < 0;
    return (this.served.get(a) ?? 0) < (this.served.get(b) ?? 0);
  }

  /** Jobs each user has counted on targets. */
  private countsByUser(): Map<string, number> {
    const m = new Map<string, number>();
    for (const [id] of this.placedOn) {
      const u = this.userOf.get(id) ?? "?";
      m.set(u, (m.get(u) ?? 0) + 1);
    }
    return m;
  }

  /** Place queued jobs while some can run: fair share between users, FCFS within a user. */
  private dispatch(): Assignment[] {
    const out: Assignment[] = [];
    const counts = this.countsByUser();
    for (;;) {
      let best: { w: Waiting; t: TargetView } | undefined;
      const firstOfUser = new Set<string>();
      for (const w of [...this.queue].sort((a, b) => a.seq - b.seq)) {
        // FCFS within a user: only the user's earliest job that can run is a candidate.
        if (firstOfUser.has(w.user)) continue;
        const t = pickTarget(w.targets.map((n) => this.targets.get(n)!).filter(Boolean), { memBytes: w.memBytes });
        if (!t) continue;
        firstOfUser.add(w.user);
        if (!best || this.fairer(w.user, best.w.user, counts)) best = { w, t };
      }
      if (!best) return out;
      const { w, t } = best;
      this.queue = this.queue.filter((x) => x !== w);
      this.requeue.set(w.id, w);
      t.ours.add(w.id);
      t.placedSinceStats.add(w.id);
      this.placedOn.set(w.id, t.name);
      counts.set(w.user, (counts.get(w.user) ?? 0) + 1);
      this.served.set(w.user, (this.served.get(w.user) ?? 0) + 1);
      out.push({ jobId: w.id, target: t.name });
    }
  }
}
