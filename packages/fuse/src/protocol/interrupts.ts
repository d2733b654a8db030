/**
 * Interrupts whose target request has not been seen (yet). Several reads of /dev/fuse are
 * outstanding at once, so an INTERRUPT can be dispatched before the request it names. Per the
 * kernel's fuse.rst: keep it for a while; if the request shows up, abort it at once; if not,
 * answer the INTERRUPT with EAGAIN, which makes the kernel requeue it if the request is still
 * pending (and is ignored, ENOENT on write, if it was answered meanwhile).
 */

/** How long an unmatched interrupt waits: whichever comes first. */
export interface InterruptGrace {
  /** New requests dispatched after it (default 16). */
  requests: number;
  /** Milliseconds (default 100; 0 disables the timer). */
  ms: number;
}

interface Pending {
  interruptUnique: number;
  seq: number;
  at: number;
}

/** Bookkeeping for unmatched interrupts and recently finished requests. */
export class PendingInterrupts {
  private readonly pending = new Map<number, Pending>();
  private readonly finished = new Set<number>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly grace: InterruptGrace,
    private readonly expire: (interruptUnique: number) => void,
    private readonly recentLimit = 1024,
  ) {}

  /** Remember an interrupt for `target` unless that request already finished. */
  add(target: number, interruptUnique: number): void {
    if (this.finished.has(target)) return;
    this.pending.set(target, { interruptUnique, seq: this.seq, at: Date.now() });
    if (this.grace.ms > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => this.onTimer(), this.grace.ms);
      this.timer.unref();
    }
  }

  /** A request arrived: true if an interrupt was waiting for it. Ages the others. */
  take(unique: number): boolean {
    this.seq++;
    const hit = this.pending.delete(unique);
    for (const [target, p] of this.pending) {
      if (this.seq - p.seq > this.grace.requests) this.drop(target, p);
    }
    return hit;
  }

  /** A request was answered; interrupts naming it later are dropped silently. */
  done(unique: number): void {
    this.finished.add(unique);
    if (this.finished.size > this.recentLimit) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }

  /** Number of unmatched interrupts (tests). */
  get size(): number {
    return this.pending.size;
  }

  /** Forget everything and stop the timer. */
  clear(): void {
    this.pending.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drop(target: number, p: Pending): void {
    this.pending.delete(target);
    this.expire(p.interruptUnique);
  }

  private onTimer(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const [target, p] of this.pending) {
      if (now - p.at >= this.grace.ms) this.drop(target, p);
    }
    if (this.pending.size > 0) {
      this.timer = setTimeout(() => this.onTimer(), this.grace.ms);
      this.timer.unref();
    }
  }
}
