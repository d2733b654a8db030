import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Peer } from "@mrc/rpc";
import { homeOf, isPart, newHomeId, parseAddress } from "./address.js";
import { TRANSIENT_CODES, codeOf, mboxError } from "./errors.js";
import { MBOX, checkEnvelope, checkSnapshot, type DeliverResult, type Envelope, type Location, type Snapshot } from "./wire.js";

/** Options of a head's mailbox router. */
export interface RouterOptions {
  /** This head's home id (default h-<8 hex>, fresh per process). */
  homeId?: string;
  /** Token targets use for direct links between them (default: 32 random bytes, hex). */
  meshToken?: string;
}

/** A target link as the router knows it. */
interface TargetEntry {
  peer: Peer;
  hubId: string;
  /** URL other targets may dial; undefined for targets that dialed in. */
  url: string | undefined;
}

/** One address of this home. */
interface Entry {
  /** "away": its target's link dropped; it is live again if that target links again with it. */
  state: "live" | "ended" | "away";
  at: TargetEntry;
  /** A successor door waiting for {@link MailboxRouter.move}. */
  standby: TargetEntry | undefined;
  /** Set while a move runs; lookups and forwards wait for it. */
  moving: Promise<void> | undefined;
}

const MAX_ATTEMPTS = 40;

/** True when `addr` is a well-formed address of home `home`. */
function isAddrOf(addr: unknown, home: string): addr is string {
  try {
    return parseAddress(addr).home === home;
  } catch {
    return false;
  }
}

/** Most addresses taken from one hello's lists. */
const MAX_HELLO_ADDRS = 65_536;

/** The addresses of home `home` in a hello's list (anything else is dropped). */
function addrList(list: unknown, home: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.slice(0, MAX_HELLO_ADDRS).filter((a): a is string => isAddrOf(a, home));
}

/**
 * A head's mailbox router: the home of the addresses `homeId/...`. It keeps where each lives,
 * answers targets' lookups, forwards messages between targets that cannot reach each other,
 * gives its targets the mesh token for direct links, and moves mailboxes between jobs.
 */
export class MailboxRouter {
  readonly homeId: string;
  readonly meshToken: string;
  /** Messages forwarded through this head. */
  forwarded = 0;
  private readonly targets = new Map<Peer, TargetEntry>();
  /** Links whose mbox.hello is under way: their registrations wait for it. */
  private readonly hellos = new Map<Peer, Promise<TargetEntry>>();
  private readonly table = new Map<string, Entry>();
  private nextJob = 1;

  constructor(o: RouterOptions = {}) {
    this.homeId = o.homeId ?? newHomeId();
    if (!isPart(this.homeId)) throw mboxError("BAD_ADDRESS", `bad home id ${JSON.stringify(this.homeId)}`);
    this.meshToken = o.meshToken ?? randomBytes(32).toString("hex");
  }

  /**
   * Serve mailbox calls on a target link and say hello (home id, mesh token). `url` is where other
   * targets can dial this one (the URL the head dialed); omit it for a target that dialed in.
   */
  async addTarget(peer: Peer, url?: string): Promise<{ hubId: string }> {
    peer.handle(MBOX.register, (p: { addr?: unknown }) => this.register(peer, p));
    peer.handle(MBOX.ended, (p: { addr?: unknown }) => this.ended(peer, p));
    peer.handle(MBOX.where, async (p: { addr?: unknown }) => this.locate(await this.lookup(p?.addr)));
    peer.handle(MBOX.deliver, (p: unknown) => this.forward(checkEnvelope(p)));
    // Registrations that arrive while the hello is under way wait for it (hub.ts sends the part
    // of its inventory that did not fit the hello's answer right after it).
    const hello = (async (): Promise<TargetEntry> => {
      const r = await peer.call<{ hubId?: unknown; live?: unknown; ended?: unknown }>(MBOX.hello, { homeId: this.homeId, meshToken: this.meshToken });
      if (typeof r?.hubId !== "string") throw mboxError("BAD_REQUEST", "target answered mbox.hello without a hubId");
      const t: TargetEntry = { peer, hubId: r.hubId, url };
      this.targets.set(peer, t);
      peer.once("close", () => this.targetGone(t));
      this.learn(t, r.live, r.ended);
      return t;
    })();
    this.hellos.set(peer, hello);
    try {
      return { hubId: (await hello).hubId };
    } finally {
      this.hellos.delete(peer);
    }
  }

  /**
   * What a hub that knew this home before says in its hello: the mailboxes of this home that live
   * there (durable jobs that outlived a dropped link or this head's restart) and those that ended
   * there. A restarted head starts with an empty table and learns it back this way, before the
   * target counts as linked. Entries that are not addresses of this home are ignored.
   */
  private learn(t: TargetEntry, live: unknown, ended: unknown): void {
    for (const addr of addrList(live, this.homeId)) {
      try {
        this.place(addr, t);
      } catch {
        // Known otherwise here (ended, or live elsewhere): this table wins.
      }
    }
    for (const addr of addrList(ended, this.homeId)) this.endAt(addr, t);
  }

  /** A fresh address of this home for a job: `homeId/jN`, or `homeId/job` if given (validated, unused). */
  allocate(job?: string): string {
    if (job !== undefined) {
      if (!isPart(job)) throw mboxError("BAD_ADDRESS", `bad job name ${JSON.stringify(job)}`);
      const a = `${this.homeId}/${job}`;
      if (this.table.has(a)) throw mboxError("ALREADY_OPEN", `address ${a} is already in use`);
      return a;
    }
    let a: string;
    do a = `${this.homeId}/j${this.nextJob++}`;
    while (this.table.has(a));
    return a;
  }

  /** Where `addr` lives now (throws NO_SUCH_MAILBOX / MAILBOX_ENDED). */
  async where(addr: string): Promise<Location> {
    return this.locate(await this.lookup(addr));
  }

  /**
   * Hand the mailbox `addr` to its successor: the job started with the same address on the
   * target `to` (its URL as given to addTarget, or its link). Messages queued at the old place
   * follow in order; senders that hit the old place are redirected; nothing is lost or doubled.
   */
  async move(addr: string, to: string | Peer): Promise<void> {
    const e = await this.lookup(addr);
    const dest = [...this.targets.values()].find((t) => t.peer === to || t.url === to);
    if (!dest || e.standby !== dest) {
      throw mboxError("NO_SUCCESSOR", `no successor door for ${addr} on ${typeof to === "string" ? to : "that link"}: start the successor job with MRC_ADDR=${addr} there first`);
    }
    let done!: () => void;
    e.moving = new Promise<void>((r) => (done = r));
    try {
      let snap: Snapshot;
      try {
        snap = checkSnapshot(await e.at.peer.call(MBOX.handoff, { addr, to: this.locate({ ...e, at: dest }) }));
      } catch (err) {
        // The old place is gone (its link died with its jobs): the successor starts empty.
        if (!TRANSIENT_CODES.has(codeOf(err))) throw err;
        snap = { queue: [], senders: [], out: [] };
      }
      await dest.peer.call(MBOX.takeover, { addr, snapshot: snap });
      e.at = dest;
      e.standby = undefined;
      e.state = "live";
    } finally {
      e.moving = undefined;
      done();
    }
  }

  // ---- handlers ----

  /** The target behind `peer`, once its hello is done (BAD_REQUEST if it never said hello). */
  private async target(peer: Peer): Promise<TargetEntry> {
    const t = this.targets.get(peer) ?? (await this.hellos.get(peer)?.catch(() => undefined));
    if (!t) throw mboxError("BAD_REQUEST", "mbox.register before mbox.hello");
    return t;
  }

  private async register(peer: Peer, p: { addr?: unknown }): Promise<{ standby: boolean }> {
    const a = parseAddress(p?.addr);
    if (a.home !== this.homeId) throw mboxError("NOT_HOME", `this head is home ${this.homeId}, not ${a.home}`);
    return this.place(p.addr as string, await this.target(peer));
  }

  /** `addr` opens at `t`: live, live again (the same hub, linked again), or a successor's standby. */
  private place(addr: string, t: TargetEntry): { standby: boolean } {
    const e = this.table.get(addr);
    if (!e) {
      this.table.set(addr, { state: "live", at: t, standby: undefined, moving: undefined });
      return { standby: false };
    }
    if (e.state !== "ended" && e.at.hubId === t.hubId) {
      // The same hub again: its target linked again (the old link may not have closed yet here)
      // and the mailbox is still there.
      e.state = "live";
      e.at = t;
      return { standby: false };
    }
    if (e.state === "ended") throw mboxError("MAILBOX_ENDED", `mailbox ${addr} has ended and cannot be reopened`);
    if (e.at === t || e.standby) throw mboxError("ALREADY_OPEN", `mailbox ${addr} is already open`);
    e.standby = t;
    return { standby: true };
  }

  private async ended(peer: Peer, p: { addr?: unknown }): Promise<null> {
    const addr = typeof p?.addr === "string" ? p.addr : "";
    const t = await this.target(peer).catch(() => undefined);
    if (t && isAddrOf(addr, this.homeId)) this.endAt(addr, t);
    return null;
  }

  /** The mailbox `addr` ended at `t` (a successor's standby there just goes away). */
  private endAt(addr: string, t: TargetEntry): void {
    const e = this.table.get(addr);
    // A restarted head hears of a mailbox that ended while it was away: senders then get
    // MAILBOX_ENDED for it, not NO_SUCH_MAILBOX.
    if (!e) this.table.set(addr, { state: "ended", at: t, standby: undefined, moving: undefined });
    else if (e.standby === t) e.standby = undefined;
    else if (e.at.hubId === t.hubId && !e.moving) e.state = "ended";
  }

  /**
   * A target's link closed. Its mailboxes are away, not ended: a durable job outlives the link
   * (and its head), and its hub registers the mailbox again when the target links again. Until
   * then lookups fail with UNREACHABLE.
   */
  private targetGone(t: TargetEntry): void {
    this.targets.delete(t.peer);
    for (const e of this.table.values()) {
      if (e.standby === t) e.standby = undefined;
      if (e.at === t && !e.moving && e.state === "live") e.state = "away";
    }
  }

  /** The entry of a live address, after any move in progress (throws the two clear errors). */
  private async lookup(addr: unknown): Promise<Entry> {
    const a = parseAddress(addr);
    const s = addr as string;
    if (a.home !== this.homeId) throw mboxError("NO_SUCH_MAILBOX", `no such mailbox ${s}: this head is home ${this.homeId}, not ${homeOf(s)}`);
    for (;;) {
      const e = this.table.get(s);
      if (!e) throw mboxError("NO_SUCH_MAILBOX", `no such mailbox ${s}: no job ever had this address`);
      if (e.moving) {
        await e.moving;
        continue;
      }
      if (e.state === "ended") throw mboxError("MAILBOX_ENDED", `mailbox ${s} has ended: its job is over`);
      if (e.state === "away") throw mboxError("UNREACHABLE", `mailbox ${s} cannot be reached now: the link to its target is down`);
      return e;
    }
  }

  private locate(e: Pick<Entry, "at">): Location {
    return e.at.url === undefined ? { hubId: e.at.hubId } : { hubId: e.at.hubId, url: e.at.url };
  }

  /** Forward a message between targets that have no direct link, following moves. */
  private async forward(env: Envelope): Promise<DeliverResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const e = await this.lookup(env.to);
      let r: DeliverResult;
      try {
        r = await e.at.peer.call<DeliverResult>(MBOX.deliver, env);
      } catch (err) {
        if (!TRANSIENT_CODES.has(codeOf(err))) throw err;
        await sleep(Math.min(2 ** attempt, 200));
        continue;
      }
      if ("ok" in r) {
        this.forwarded++;
        return r;
      }
      // Moved or unknown there: the table is about to change (a move or an end); look again.
      await sleep(Math.min(2 ** attempt, 50));
    }
    throw mboxError("UNREACHABLE", `cannot deliver to ${env.to}: its location keeps changing`);
  }
}
