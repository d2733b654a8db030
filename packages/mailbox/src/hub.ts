import { setTimeout as sleep } from "node:timers/promises";
import type { Peer } from "@mrc/rpc";
import { homeOf, isPart, newHubId, parseAddress } from "./address.js";
import { TRANSIENT_CODES, codeOf, mboxError } from "./errors.js";
import { Door, type DoorHost, type DoorLimits } from "./door.js";
import { Mailbox, DEFAULT_QUEUE_LIMITS, type QueueLimits } from "./mailbox.js";
import { Mesh, type MeshDial } from "./mesh.js";
import { SeqTracker } from "./seq.js";
import { MBOX, checkEnvelope, checkLocation, checkSnapshot, type DeliverResult, type Envelope, type Location, type Snapshot } from "./wire.js";

/** Options of a target's mailbox hub. */
export interface HubOptions {
  /** Directory of the door sockets (default /run/mrc/mbox). */
  dir?: string;
  /** Id of this hub in location tables (default t-<8 hex>). */
  hubId?: string;
  queue?: Partial<QueueLimits>;
  door?: Partial<DoorLimits>;
  /** How to dial other targets for direct links (default: ws with the home's mesh token). */
  dial?: MeshDial;
  /** A head handed out its mesh token: the runner's listener must now accept it (mesh links only). */
  onMeshToken?: (homeId: string, token: string) => void;
}

/** Counters of where this hub's sends went. */
export interface HubStats {
  /** Delivered to a mailbox on this hub, without any link. */
  local: number;
  /** Sent on a direct target↔target link. */
  direct: number;
  /** Sent through the home head. */
  viaHead: number;
  /** Deliveries that arrived from links. */
  received: number;
}

/** What this hub knows about a head it is linked to. */
interface Uplink {
  homeId: string;
  peer: Peer;
  meshToken: string | undefined;
}

/** A job's door and the mailboxes it owns ("" is the job's own). */
interface JobRec {
  door: Door | undefined;
  boxes: Map<string, Mailbox>;
}

/** Remember ended addresses (bounded): they answer MAILBOX_ENDED rather than "unknown". */
const MAX_TOMBSTONES = 65536;
/** Live and ended mailboxes a hello's answer lists at most (a frame stays well below its limit). */
const HELLO_LIVE = 16_384;
const HELLO_ENDED = 4096;
const MAX_CACHE = 16384;
const MAX_ATTEMPTS = 40;

/**
 * The mailboxes of one target runner: a door per job, local delivery between them, direct links
 * to other targets, and uplinks to the heads that are the homes of its jobs' addresses.
 */
export class MailboxHub implements DoorHost {
  readonly hubId: string;
  readonly stats: HubStats = { local: 0, direct: 0, viaHead: 0, received: 0 };
  readonly mesh: Mesh;
  private readonly dir: string;
  private readonly queueLimits: QueueLimits;
  private readonly boxes = new Map<string, Mailbox>();
  private readonly tombstones = new Set<string>();
  private readonly jobs = new Map<string, JobRec>();
  private readonly uplinks = new Map<string, Uplink>();
  private readonly seqs = new Map<string, Map<string, SeqTracker>>();
  private readonly cache = new Map<string, Location>();

  constructor(private readonly opts: HubOptions = {}) {
    this.hubId = opts.hubId ?? newHubId();
    this.dir = opts.dir ?? "/run/mrc/mbox";
    this.queueLimits = { ...DEFAULT_QUEUE_LIMITS, ...opts.queue };
    this.mesh = new Mesh(this.hubId, (p) => this.installDeliver(p), opts.dial);
  }

  // ---- links ----

  /** A head link: serve its mbox.* calls (hello, deliver, handoff, takeover). Call for every head link. */
  addUplink(peer: Peer): void {
    this.installDeliver(peer);
    peer.handle(MBOX.hello, (p: { homeId?: unknown; meshToken?: unknown }) => {
      if (typeof p?.homeId !== "string" || !isPart(p.homeId)) throw mboxError("BAD_REQUEST", "mbox.hello: bad homeId");
      const meshToken = typeof p.meshToken === "string" && p.meshToken.length > 0 ? p.meshToken : undefined;
      this.uplinks.set(p.homeId, { homeId: p.homeId, peer, meshToken });
      if (meshToken) this.opts.onMeshToken?.(p.homeId, meshToken);
      // A home that comes back (its head restarted, or the link dropped while durable jobs ran
      // on) learns from the answer which of its mailboxes live here and which ended here.
      const { live, ended, more } = this.inventory(p.homeId);
      if (more.length > 0) {
        const homeId = p.homeId;
        setImmediate(() => this.announce(homeId, peer, more));
      }
      return { hubId: this.hubId, live, ended };
    });
    peer.handle(MBOX.handoff, (p: { addr?: unknown; to?: unknown }) => this.handoff(p));
    peer.handle(MBOX.takeover, (p: { addr?: unknown; snapshot?: unknown }) => this.takeover(p));
    peer.once("close", () => {
      for (const [h, u] of this.uplinks) if (u.peer === peer) this.uplinks.delete(h);
    });
  }

  /**
   * This hub's mailboxes of `homeId`: the live ones (up to {@link HELLO_LIVE} go in the hello's
   * answer, `more` are registered right after it) and the most recent {@link HELLO_ENDED} that
   * ended here (older ones read as never having existed to a head that restarted).
   */
  private inventory(homeId: string): { live: string[]; ended: string[]; more: string[] } {
    const all: string[] = [];
    for (const b of this.boxes.values()) if (b.state === "live" && homeOf(b.addr) === homeId) all.push(b.addr);
    const ended: string[] = [];
    for (const addr of this.tombstones) if (homeOf(addr) === homeId) ended.push(addr);
    return { live: all.slice(0, HELLO_LIVE), ended: ended.slice(-HELLO_ENDED), more: all.slice(HELLO_LIVE) };
  }

  /** Register `addrs` with a home that just linked (what did not fit its hello's answer); best effort. */
  private announce(homeId: string, peer: Peer, addrs: string[]): void {
    if (this.uplinks.get(homeId)?.peer !== peer) return; // replaced meanwhile
    for (const addr of addrs) peer.call(MBOX.register, { addr, hubId: this.hubId }).catch(() => {});
  }

  /** A direct link another target dialed (authenticated with a home's mesh token): deliveries only. */
  addMeshPeer(peer: Peer): void {
    this.mesh.accept(peer);
  }

  /** Mesh tokens of the homes this hub is linked to: the listener accepts these for mesh links. */
  meshTokens(): Array<{ homeId: string; token: string }> {
    const out: Array<{ homeId: string; token: string }> = [];
    for (const u of this.uplinks.values()) if (u.meshToken) out.push({ homeId: u.homeId, token: u.meshToken });
    return out;
  }

  private installDeliver(peer: Peer): void {
    peer.handle(MBOX.deliver, (p: unknown) => this.incoming(checkEnvelope(p)));
  }

  // ---- doors ----

  /**
   * Open the door of a job whose mailbox is `addr` (HOME/JOB): register it with its home, create
   * the socket (owned by uid/gid, mode 0600) and return its path for $MRC_MAILBOX. `via` is the
   * head link that starts the job: only the home itself may open doors for its addresses.
   */
  async openDoor(o: { addr: string; uid?: number; gid?: number; via?: Peer }): Promise<{ path: string }> {
    const a = parseAddress(o.addr);
    if (a.name !== undefined) throw mboxError("BAD_ADDRESS", `a job's address is HOME/JOB, not ${o.addr}`);
    if (this.jobs.has(o.addr)) throw mboxError("ALREADY_OPEN", `a door for ${o.addr} is already open here`);
    const up = this.uplink(a.home);
    if (o.via && o.via !== up.peer) throw mboxError("NOT_HOME", `only home ${a.home} may open doors for ${o.addr}`);
    const rec: JobRec = { door: undefined, boxes: new Map() };
    this.jobs.set(o.addr, rec);
    try {
      rec.boxes.set("", await this.register(o.addr, up));
      rec.door = await Door.open(this, o.addr, {
        dir: this.dir,
        ...(o.uid !== undefined ? { uid: o.uid } : {}),
        ...(o.gid !== undefined ? { gid: o.gid } : {}),
        ...(this.opts.door ? { limits: this.opts.door } : {}),
      });
    } catch (err) {
      await this.closeDoor(o.addr);
      throw err;
    }
    return { path: rec.door.path };
  }

  /** The job ended: remove its door; its mailboxes end (senders get MAILBOX_ENDED) unless they moved away. */
  async closeDoor(addr: string): Promise<void> {
    const rec = this.jobs.get(addr);
    if (!rec) return;
    this.jobs.delete(addr);
    for (const b of rec.boxes.values()) {
      this.boxes.delete(b.addr);
      this.seqs.delete(b.addr);
      if (b.state === "moved") continue;
      b.end();
      this.tombstone(b.addr);
      const up = this.uplinks.get(homeOf(b.addr));
      up?.peer.call(MBOX.ended, { addr: b.addr }).catch(() => {});
    }
    await rec.door?.close();
  }

  /** DoorHost: a mailbox of a job by name ("" = its own). */
  box(jobAddr: string, name: string): Mailbox | undefined {
    return this.jobs.get(jobAddr)?.boxes.get(name);
  }

  /** DoorHost: open `jobAddr/name` (idempotent) and register it with the home. */
  async openNamed(jobAddr: string, name: string): Promise<string> {
    const rec = this.jobs.get(jobAddr);
    if (!rec) throw mboxError("MAILBOX_ENDED", `job ${jobAddr} has ended`);
    if (!isPart(name)) throw mboxError("BAD_ADDRESS", `bad mailbox name ${JSON.stringify(name)}: 1-64 of [A-Za-z0-9._-]`);
    const addr = `${jobAddr}/${name}`;
    if (!rec.boxes.has(name)) rec.boxes.set(name, await this.register(addr, this.uplink(homeOf(addr))));
    return addr;
  }

  private async register(addr: string, up: Uplink): Promise<Mailbox> {
    const r = await up.peer.call<{ standby?: boolean }>(MBOX.register, { addr, hubId: this.hubId });
    const b = new Mailbox(addr, this.queueLimits, r?.standby ? "standby" : "live");
    this.boxes.set(addr, b);
    this.tombstones.delete(addr);
    return b;
  }

  private uplink(home: string): Uplink {
    const up = this.uplinks.get(home);
    if (!up) throw mboxError("NOT_HOME", `home ${home} is not linked to this target (or has no mailbox router)`);
    return up;
  }

  private tombstone(addr: string): void {
    this.tombstones.add(addr);
    if (this.tombstones.size > MAX_TOMBSTONES) this.tombstones.delete(this.tombstones.values().next().value!);
  }

  // ---- sending ----

  /** DoorHost: send `data` from `from` to `to`; resolves when the receiver accepted it. */
  send(from: string, to: string, data: Buffer, noWait: boolean): Promise<void> {
    let byTo = this.seqs.get(from);
    if (!byTo) this.seqs.set(from, (byTo = new Map()));
    let t = byTo.get(to);
    if (!t) {
      // Validate once per destination: a known pair was valid the first time.
      try {
        parseAddress(to);
      } catch (err) {
        return Promise.reject(err);
      }
      byTo.set(to, (t = new SeqTracker()));
    }
    const { seq, low } = t.take();
    const tracker = t;
    const p = this.route({ to, from, seq, low, data, noWait }, tracker);
    return p.then(
      () => tracker.settle(seq),
      (err) => {
        tracker.settle(seq);
        throw err;
      },
    );
  }

  private async route(e: Envelope, t: SeqTracker): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) e.low = t.low();
      if (this.tombstones.has(e.to)) throw mboxError("MAILBOX_ENDED", `mailbox ${e.to} has ended: its job is over`);
      const b = this.boxes.get(e.to);
      let r: DeliverResult;
      if (b && b.state !== "moved") {
        r = await b.deliver(e);
        if ("ok" in r) this.stats.local++;
      } else {
        const loc = b?.movedTo ?? this.cache.get(e.to) ?? (await this.where(e.to));
        if (loc.hubId === this.hubId) {
          // The home places it here but it is not (yet, or any more) here: ask again.
          this.cache.delete(e.to);
          await sleep(Math.min(2 ** attempt, 50));
          continue;
        }
        try {
          r = await this.remote(loc, e);
        } catch (err) {
          if (!TRANSIENT_CODES.has(codeOf(err))) throw err;
          this.cache.delete(e.to);
          await sleep(Math.min(2 ** attempt, 200));
          continue;
        }
      }
      if ("ok" in r) return;
      if ("moved" in r) this.cache.set(e.to, checkLocation(r.moved));
      else {
        this.cache.delete(e.to);
        await sleep(Math.min(2 ** attempt, 50));
      }
    }
    throw mboxError("UNREACHABLE", `cannot deliver to ${e.to}: its location keeps changing or cannot be reached`);
  }

  /** Ask the home where `to` lives (NO_SUCH_MAILBOX, MAILBOX_ENDED from the home). */
  private async where(to: string): Promise<Location> {
    const home = homeOf(to);
    const up = this.uplinks.get(home);
    if (!up) throw mboxError("NO_SUCH_MAILBOX", `no such mailbox ${to}: its home ${home} is not linked to this target`);
    const loc = checkLocation(await up.peer.call(MBOX.where, { addr: to }));
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(to, loc);
    return loc;
  }

  /** Deliver to another hub: directly if a mesh link can be had, else through the home. */
  private async remote(loc: Location, e: Envelope): Promise<DeliverResult> {
    const up = this.uplinks.get(homeOf(e.to));
    const m = this.mesh.get(loc, up?.meshToken);
    const peer = m instanceof Promise ? await m : m;
    if (peer) {
      try {
        const r = await peer.call<DeliverResult>(MBOX.deliver, e);
        this.stats.direct++;
        return r;
      } catch (err) {
        if (!TRANSIENT_CODES.has(codeOf(err))) throw err;
      }
    }
    if (!up) throw mboxError("UNREACHABLE", `cannot reach ${e.to}: no direct link and no link to its home`);
    const r = await up.peer.call<DeliverResult>(MBOX.deliver, e);
    this.stats.viaHead++;
    return r;
  }

  // ---- receiving from links ----

  private incoming(e: Envelope): DeliverResult | Promise<DeliverResult> {
    const b = this.boxes.get(e.to);
    if (!b) {
      if (this.tombstones.has(e.to)) throw mboxError("MAILBOX_ENDED", `mailbox ${e.to} has ended: its job is over`);
      return { unknown: true };
    }
    this.stats.received++;
    return b.deliver(e);
  }

  private handoff(p: { addr?: unknown; to?: unknown }): Snapshot {
    const addr = parseAddress(p?.addr) && (p.addr as string);
    const to = checkLocation(p.to);
    const b = this.boxes.get(addr);
    if (!b || b.state !== "live") throw mboxError("NO_SUCH_MAILBOX", `mailbox ${addr} is not live on this target`);
    const snap = b.freeze(to);
    const out = [...(this.seqs.get(addr) ?? new Map<string, SeqTracker>())].map(([t, s]) => ({ to: t, next: s.next }));
    return { ...snap, out };
  }

  private takeover(p: { addr?: unknown; snapshot?: unknown }): null {
    const addr = parseAddress(p?.addr) && (p.addr as string);
    const snap = checkSnapshot(p.snapshot);
    const b = this.boxes.get(addr);
    if (!b || b.state !== "standby") throw mboxError("NO_SUCCESSOR", `no successor door for ${addr} waits on this target`);
    let byTo = this.seqs.get(addr);
    if (!byTo) this.seqs.set(addr, (byTo = new Map()));
    for (const o of snap.out) if ((byTo.get(o.to)?.next ?? 0) < o.next) byTo.set(o.to, new SeqTracker(o.next));
    b.activate(snap);
    return null;
  }

  /** Close every door and mesh link (the runner is stopping). */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((a) => this.closeDoor(a)));
    this.mesh.close();
  }
}
