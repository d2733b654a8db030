import { mboxError } from "./errors.js";
import type { DeliverResult, Envelope, Location, Snapshot } from "./wire.js";

/** Bounds of one mailbox's queue. A message larger than maxBytes is still accepted into an empty queue. */
export interface QueueLimits {
  maxMessages: number;
  maxBytes: number;
}

/** Defaults: 4096 messages or 8 MiB, whichever comes first. */
export const DEFAULT_QUEUE_LIMITS: Readonly<QueueLimits> = Object.freeze({ maxMessages: 4096, maxBytes: 8 * 1024 * 1024 });

/** A message as a receiver gets it. */
export interface Received {
  from: string;
  data: Buffer;
}

/** Lifecycle: standby (a successor waiting for a move) → live → moved | ended. */
export type MailboxState = "standby" | "live" | "moved" | "ended";

interface Arrival {
  data: Buffer;
  noWait: boolean;
  done: Promise<DeliverResult>;
  resolve: (r: DeliverResult) => void;
  reject: (e: Error) => void;
}
const SKIP = "skip" as const;

/** Receive-side state of one sender: the next seq to accept and the arrivals ahead of it. */
interface SenderState {
  from: string;
  expected: number;
  slots: Map<number, Arrival | typeof SKIP>;
}

const OK: DeliverResult = Object.freeze({ ok: true as const });

/**
 * One mailbox at the hub where it lives: a bounded queue with per-sender ordering and dedup.
 * A message (from, seq) is accepted only when every earlier seq of that sender was accepted or
 * skipped and the queue has room; until then its delivery stays pending (that is the sender's
 * backpressure). Seqs below `expected` are duplicates and acknowledged without effect.
 */
export class Mailbox {
  state: MailboxState;
  movedTo: Location | undefined;
  private queue: Received[] = [];
  private qHead = 0;
  private bytes = 0;
  private readonly senders = new Map<string, SenderState>();
  /** Senders with an arrival waiting at their `expected` seq or beyond. */
  private readonly blocked = new Set<SenderState>();
  private readonly waiters: Array<(m: Received | Error) => void> = [];

  constructor(
    readonly addr: string,
    private readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS,
    state: MailboxState = "live",
  ) {
    this.state = state;
  }

  /** Messages queued. */
  get size(): number {
    return this.queue.length - this.qHead;
  }

  /** Bytes queued. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /**
   * Offer a message. Resolves (or returns) once accepted; returns `{moved}` if the mailbox left;
   * throws MAILBOX_ENDED, or MAILBOX_FULL for a noWait message that does not fit now.
   */
  deliver(e: Envelope): DeliverResult | Promise<DeliverResult> {
    if (this.state === "ended") throw mboxError("MAILBOX_ENDED", `mailbox ${this.addr} has ended: its job is over`);
    if (this.state === "moved") return { moved: this.movedTo! };
    const s = this.sender(e.from, e.low);
    if (e.low > s.expected) this.skipTo(s, e.low);
    if (e.seq < s.expected) return OK; // duplicate of an accepted (or refused) message
    const slot = s.slots.get(e.seq);
    if (slot === SKIP) return OK;
    if (slot) return slot.done; // a retry of a message still pending here
    if (this.state === "live" && e.seq === s.expected && s.slots.size === 0 && this.hasRoom(e.data.length)) {
      s.expected++;
      this.enqueue({ from: e.from, data: e.data });
      return OK;
    }
    if (e.noWait && !this.hasRoom(e.data.length)) {
      s.slots.set(e.seq, SKIP);
      if (e.seq === s.expected) this.pumpSender(s);
      throw mboxError("MAILBOX_FULL", `mailbox ${this.addr} is full (${this.size} messages, ${this.bytes} bytes queued) and --no-wait was given`);
    }
    let resolve!: (r: DeliverResult) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<DeliverResult>((res, rej) => ((resolve = res), (reject = rej)));
    done.catch(() => {});
    s.slots.set(e.seq, { data: e.data, noWait: e.noWait, done, resolve, reject });
    this.blocked.add(s);
    if (this.state === "live" && e.seq === s.expected) {
      this.pumpSender(s);
      if (!s.slots.has(e.seq)) return OK; // accepted at once
    }
    return done;
  }

  /** Take the oldest message, if any (frees room: waiting senders move in). */
  take(): Received | undefined {
    if (this.qHead >= this.queue.length) return undefined;
    const m = this.queue[this.qHead]!;
    this.queue[this.qHead++] = undefined as unknown as Received;
    if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.qHead);
      this.qHead = 0;
    }
    this.bytes -= m.data.length;
    this.pump();
    return m;
  }

  /**
   * Wait for the next message: `cb` gets it (or an Error if the mailbox ends or moves).
   * Returns a cancel function. Messages are handed to waiters in the order they asked.
   */
  wait(cb: (m: Received | Error) => void): () => void {
    const m = this.state === "live" || this.state === "standby" ? this.take() : undefined;
    if (m) {
      cb(m);
      return () => {};
    }
    if (this.state === "ended" || this.state === "moved") {
      cb(this.stateError());
      return () => {};
    }
    this.waiters.push(cb);
    return () => {
      const i = this.waiters.indexOf(cb);
      if (i >= 0) this.waiters.splice(i, 1);
    };
  }

  /** The job ended: refuse everything from now on. */
  end(): void {
    if (this.state === "ended") return;
    this.state = "ended";
    this.finish();
  }

  /** Stop accepting here (new deliveries get `{moved: to}`) and give what is held. */
  freeze(to: Location): Omit<Snapshot, "out"> {
    const queue = this.queue.slice(this.qHead);
    const senders = [...this.senders.values()].map((s) => ({
      from: s.from,
      expected: s.expected,
      skips: [...s.slots].filter(([, v]) => v === SKIP).map(([k]) => k),
    }));
    this.state = "moved";
    this.movedTo = to;
    this.finish();
    return { queue, senders };
  }

  /** A standby mailbox takes over what its predecessor held, ahead of anything new. */
  activate(snap: Omit<Snapshot, "out">): void {
    if (this.state !== "standby") return;
    const mine = this.queue.slice(this.qHead);
    this.queue = [...snap.queue, ...mine];
    this.qHead = 0;
    this.bytes = this.queue.reduce((n, m) => n + m.data.length, 0);
    for (const p of snap.senders) {
      const s = this.sender(p.from, p.expected);
      for (const k of p.skips) if (!s.slots.has(k)) s.slots.set(k, SKIP);
      if (p.expected > s.expected) this.skipTo(s, p.expected);
      else s.expected = p.expected;
      if (s.slots.size > 0) this.blocked.add(s);
    }
    this.state = "live";
    while (this.waiters.length > 0 && this.size > 0) this.waiters.shift()!(this.take()!);
    this.pump();
  }

  // ---- internals ----

  private stateError(): Error {
    return this.state === "moved"
      ? mboxError("MAILBOX_MOVED", `mailbox ${this.addr} moved to another job`)
      : mboxError("MAILBOX_ENDED", `mailbox ${this.addr} has ended: its job is over`);
  }

  /** Release waiters and pending deliveries after `end` or `freeze`. */
  private finish(): void {
    const err = this.stateError();
    for (const w of this.waiters.splice(0)) w(err);
    for (const s of this.blocked) {
      for (const v of s.slots.values()) {
        if (v === SKIP) continue;
        if (this.state === "moved") v.resolve({ moved: this.movedTo! });
        else v.reject(err);
      }
      if (this.state !== "moved") s.slots.clear();
    }
    if (this.state === "moved") for (const s of this.blocked) for (const [k, v] of s.slots) if (v !== SKIP) s.slots.delete(k);
    this.blocked.clear();
    this.queue = [];
    this.qHead = 0;
    this.bytes = 0;
  }

  private sender(from: string, low: number): SenderState {
    let s = this.senders.get(from);
    if (!s) {
      // First contact: everything below `low` is settled at the sender, so start there.
      s = { from, expected: low, slots: new Map() };
      this.senders.set(from, s);
    }
    return s;
  }

  /** The sender settled every seq below `low`: anything still waiting there is a stale duplicate. */
  private skipTo(s: SenderState, low: number): void {
    for (const [k, v] of s.slots) {
      if (k >= low) continue;
      s.slots.delete(k);
      if (v !== SKIP) v.resolve(OK);
    }
    s.expected = low;
  }

  private hasRoom(n: number): boolean {
    const count = this.size;
    return count < this.limits.maxMessages && (count === 0 || this.bytes + n <= this.limits.maxBytes);
  }

  private enqueue(m: Received): void {
    const w = this.waiters.shift();
    if (w) {
      w(m);
      return;
    }
    this.queue.push(m);
    this.bytes += m.data.length;
  }

  /** Accept, in seq order, what a sender has waiting, while there is room. */
  private pumpSender(s: SenderState): void {
    for (;;) {
      const v = s.slots.get(s.expected);
      if (v === undefined) break;
      if (v !== SKIP && !this.hasRoom(v.data.length)) break;
      s.slots.delete(s.expected);
      s.expected++;
      if (v !== SKIP) {
        this.enqueue({ from: s.from, data: v.data });
        v.resolve(OK);
      }
    }
    if (s.slots.size === 0) this.blocked.delete(s);
  }

  private pump(): void {
    if (this.state !== "live" || this.blocked.size === 0) return;
    for (const s of this.blocked) {
      if (!this.hasRoom(0)) break;
      this.pumpSender(s);
    }
  }
}
