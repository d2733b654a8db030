import { mboxError } from "./errors.js";
import { checkAddress } from "./address.js";
import { MAX_MESSAGE } from "./door-frames.js";

/**
 * The `mbox.*` methods on links. Directions: H = head (home), T = target hub.
 * Params and results are msgpack maps; byte payloads are `bin`.
 */
export const MBOX = {
  /** H→T {homeId, meshToken} → {hubId}: this head is the home `homeId`; dial its other targets with meshToken. */
  hello: "mbox.hello",
  /** T→H {addr, hubId} → {standby}: a door for addr opened here (standby: it lives elsewhere and waits for a move). */
  register: "mbox.register",
  /** T→H {addr} → null: the job owning addr ended on this target. */
  ended: "mbox.ended",
  /** T→H {addr} → Location: where the mailbox lives now (NO_SUCH_MAILBOX, MAILBOX_ENDED). */
  where: "mbox.where",
  /** any→any Envelope → DeliverResult: put a message into a mailbox (waits for room unless noWait). */
  deliver: "mbox.deliver",
  /** H→T {addr, to: Location} → Snapshot: freeze addr here, redirect to `to`, hand over what it holds. */
  handoff: "mbox.handoff",
  /** H→T {addr, snapshot} → null: the standby door for addr takes the mailbox over. */
  takeover: "mbox.takeover",
  /** T→T {hubId} → {hubId}: first call on a direct target↔target link, both sides name themselves. */
  meshHello: "mbox.meshHello",
} as const;

/** Where a mailbox lives: a hub (target runner), and the URL its peers may dial, if known. */
export interface Location {
  hubId: string;
  url?: string;
}

/** One message in transit between hubs. `seq` counts per (from, to); `low` is the lowest seq the sender has not settled. */
export interface Envelope {
  to: string;
  from: string;
  seq: number;
  low: number;
  data: Buffer;
  noWait: boolean;
}

/** Answer of a delivery: accepted, the mailbox moved (retry there), or the hub does not hold it (ask the home). */
export type DeliverResult = { ok: true } | { moved: Location } | { unknown: true };

/** What a frozen mailbox hands to its successor. */
export interface Snapshot {
  /** Accepted, not yet received messages, oldest first. */
  queue: Array<{ from: string; data: Buffer }>;
  /** Per sender: next expected seq and seqs refused (noWait) ahead of it. */
  senders: Array<{ from: string; expected: number; skips: number[] }>;
  /** Per destination this mailbox sent to: next seq to use. */
  out: Array<{ to: string; next: number }>;
}

/** A Buffer view of received bytes (msgpack gives Uint8Array or Buffer), without copying. */
export function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw mboxError("BAD_REQUEST", "message data must be bytes");
}

const posInt = (v: unknown, what: string): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) throw mboxError("BAD_REQUEST", `${what} must be a positive integer`);
  return v;
};

/** Validate an Envelope received from a link. */
export function checkEnvelope(p: unknown): Envelope {
  const e = (p ?? {}) as Record<string, unknown>;
  const data = asBuffer(e.data);
  if (data.length > MAX_MESSAGE) throw mboxError("TOO_BIG", `message of ${data.length} bytes exceeds ${MAX_MESSAGE}`);
  const seq = posInt(e.seq, "seq");
  const low = posInt(e.low, "low");
  if (low > seq) throw mboxError("BAD_REQUEST", "low must not exceed seq");
  return { to: checkAddress(e.to), from: checkAddress(e.from), seq, low, data, noWait: e.noWait === true };
}

/** Validate a Location received from a link. */
export function checkLocation(p: unknown): Location {
  const l = (p ?? {}) as Record<string, unknown>;
  if (typeof l.hubId !== "string" || l.hubId.length === 0 || l.hubId.length > 64) throw mboxError("BAD_REQUEST", "bad location");
  return typeof l.url === "string" ? { hubId: l.hubId, url: l.url } : { hubId: l.hubId };
}

/** Validate a Snapshot received from a link. */
export function checkSnapshot(p: unknown): Snapshot {
  const s = (p ?? {}) as Record<string, unknown>;
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    queue: arr(s.queue).map((q) => {
      const m = q as { from?: unknown; data?: unknown };
      return { from: checkAddress(m.from), data: asBuffer(m.data) };
    }),
    senders: arr(s.senders).map((q) => {
      const m = q as { from?: unknown; expected?: unknown; skips?: unknown };
      return { from: checkAddress(m.from), expected: posInt(m.expected, "expected"), skips: arr(m.skips).map((x) => posInt(x, "skip")) };
    }),
    out: arr(s.out).map((q) => {
      const m = q as { to?: unknown; next?: unknown };
      return { to: checkAddress(m.to), next: posInt(m.next, "next") };
    }),
  };
}
