import { readFileSync } from "node:fs";
import { cpus, freemem, hostname, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { connect, listen, RpcError, type Listener, type Peer } from "@mrc/rpc";
import { JOB_METHODS, silentLogger, type Logger, type TargetInfo, type TargetStats } from "@mrc/protocol";
import { DurableJobs } from "./durable.js";
import { Session, type SessionOptions } from "./session.js";
import { lookupUser, type GuestUser } from "./identity.js";
import { recoverMounts } from "./link-mount.js";
import { MailboxHub } from "@mrc/mailbox";

/** Software version reported in handshakes. */
export const VERSION = "0.1.0";

/** Options of a target runner. */
export interface TargetOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (0 = any free port). */
  port?: number;
  /** Shared secret heads must prove. */
  token: string;
  /** Name in handshakes and logs (default: hostname). */
  name?: string;
  logger?: Logger;
  /**
   * User guests run as. Default: the runner's own user, except that a root runner uses "nobody"
   * unless told otherwise. "root" (or uid 0) needs `allowRoot`.
   */
  runAs?: string;
  /** Allow guests to run as root (the operator's explicit choice). */
  allowRoot?: boolean;
  /** Directory of the guests' mailbox sockets (default /run/mrc/mbox, or a per-runner temp dir when not root). */
  mailboxDir?: string;
  /** Jobs at once, all heads together (0 = unlimited; default: the number of cores). */
  slots?: number;
  /** Labels heads may select this target by (`-r @label`), announced when dialing a head. */
  labels?: string[];
  /** Serve wss:// with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  /** Do not listen (only dial heads with `connect`). */
  noListen?: boolean;
  /** Dial this head (ws:// or wss://) and serve its jobs over that link; redial when it drops. */
  connect?: string;
  /** Expected fingerprint of the head's certificate (wss://); else pinned on first use. */
  headFingerprint?: string;
}

/** Features a target announces. */
const FEATURES = ["jobs", "pty", "streams", "mbox", "fs", "stats", "durable"];
/** Stats period, ms. */
export const STATS_MS = 1000;

/** A running target: accepts head links and runs their jobs. */
export class TargetRunner {
  private readonly sessions = new Set<Session>();
  /** Durable jobs of every head link. */
  readonly durable = new DurableJobs();
  /** Slots taken (jobs starting or running). */
  private used = 0;
  /** Refusing new jobs. */
  draining = false;
  readonly slots: number;
  private readonly heads = new Set<Peer>();
  private statsTimer: NodeJS.Timeout | undefined;
  private dialer: { stop(): void } | undefined;
  private constructor(
    private readonly listener: Listener | undefined,
    private readonly log: Logger,
    readonly name: string,
    /** The guests' mailboxes on this target. */
    readonly hub: MailboxHub,
    private readonly o: TargetOptions,
  ) {
    this.slots = o.slots ?? cpus().length;
    this.statsTimer = setInterval(() => this.pushStats(), STATS_MS);
    this.statsTimer.unref();
  }

  /** Take a slot or refuse (NO_SLOT, DRAINING); returns the release (idempotent). */
  admit(): () => void {
    if (this.draining) throw new RpcError("DRAINING", `target ${this.name} is draining: it takes no new jobs`);
    if (this.slots > 0 && this.used >= this.slots) throw new RpcError("NO_SLOT", `target ${this.name} has no free slot (${this.used}/${this.slots} busy)`);
    this.used++;
    let done = false;
    return () => {
      if (!done) (done = true), this.used--;
    };
  }

  /** Load, memory, slots and guests, as heads see them. */
  stats(): TargetStats {
    const running: TargetStats["running"] = [];
    for (const s of this.sessions) running.push(...s.runningGuests());
    for (const j of this.durable.running()) running.push({ jobId: j.id, pid: j.guest.pid, argv0: j.argv[0] ?? "", owner: j.owner, startedAt: j.startedAt, durable: true });
    return { ...this.info(), freeMem: availableMemory(), jobs: running.length, slots: this.slots, draining: this.draining, running, at: Date.now() };
  }

  private pushStats(): void {
    if (this.heads.size === 0) return;
    const s = this.stats();
    for (const p of this.heads) p.notify(JOB_METHODS.stats, s);
  }

  /** Start listening. */
  static async start(o: TargetOptions): Promise<TargetRunner> {
    const log = o.logger ?? silentLogger;
    const name = o.name ?? hostname();
    const isRoot = process.getuid?.() === 0;
    let user: GuestUser | undefined;
    if (o.runAs !== undefined || isRoot) {
      user = lookupUser(o.runAs ?? "nobody");
      if (user.uid === 0 && !o.allowRoot) throw new Error("refusing to run guests as root: pass --allow-root if that is really meant");
      if (user.uid === process.getuid?.()) user = undefined; // already that user: no switch needed
      else if (!isRoot) throw new Error(`only a root runner can run guests as ${o.runAs}`);
    }
    // In the background: probing a hung mount can take its timeout, and must not delay serving.
    if (isRoot) void recoverMounts(log);
    const hub = new MailboxHub({
      dir: o.mailboxDir ?? (isRoot ? "/run/mrc/mbox" : join(tmpdir(), `mrc-mbox-${process.pid}`)),
      onMeshToken: (homeId) => log.info("mailbox mesh enabled", { home: homeId }),
    });
    let runner: TargetRunner | undefined;
    const sessionOpts: SessionOptions = { canMount: isRoot, hub, ...(user ? { user } : {}), admit: () => runner!.admit() };
    const pendingPeers: Peer[] = [];
    const listener = o.noListen ? undefined : await listen({
      host: o.host ?? "127.0.0.1",
      port: o.port ?? 0,
      token: o.token,
      info: { name, role: "target", version: VERSION },
      features: FEATURES,
      ...(o.tls ? { tls: o.tls } : {}),
      // Other targets of a head dial us with that head's mesh token: mailbox deliveries only.
      extraTokens: () => hub.meshTokens().map((m) => ({ token: m.token, tag: `mesh:${m.homeId}` })),
      onPeer: (peer, req) => {
        if (peer.authTag?.startsWith("mesh:")) {
          hub.addMeshPeer(peer);
          return;
        }
        if (runner) runner.accept(peer, req.socket.remoteAddress ?? "?", sessionOpts);
        else pendingPeers.push(peer);
      },
      onReject: (err, remote) => log.warn("link refused", { remote, reason: err.message }),
      onInternalError: (method, err) => log.error("handler failed", { method, err: String(err) }),
    });
    runner = new TargetRunner(listener, log, name, hub, o);
    sessionOpts.durable = runner.durable;
    for (const p of pendingPeers) runner.accept(p, "?", sessionOpts);
    if (listener) log.info("target listening", { host: listener.host, port: listener.port, url: listener.url, fingerprint: listener.fingerprint, name, slots: runner.slots, runAs: user?.name ?? "(runner's user)" });
    if (o.connect) runner.dialer = dialHead(o.connect, o, name, log, (peer) => runner!.accept(peer, o.connect!, sessionOpts));
    return runner;
  }

  /** Port listened on (0 when only dialing). */
  get port(): number {
    return this.listener?.port ?? 0;
  }

  /** Host listened on. */
  get host(): string {
    return this.listener?.host ?? "";
  }

  /** What this target tells heads about itself. */
  info(): TargetInfo {
    let jobs = 0;
    for (const s of this.sessions) jobs += s.size;
    return {
      name: this.name,
      version: VERSION,
      cores: cpus().length,
      load1: loadavg()[0] ?? 0,
      freeMem: freemem(),
      totalMem: totalmem(),
      jobs,
      features: FEATURES,
    };
  }

  private accept(peer: Peer, remote: string, opts: SessionOptions): void {
    const log = this.log.child({ head: peer.remoteInfo.name ?? remote });
    log.info("head linked", { remote });
    this.hub.addUplink(peer);
    const s = new Session(peer, log, opts);
    peer.handle(JOB_METHODS.info, () => this.info());
    peer.handle(JOB_METHODS.stats, () => this.stats());
    peer.handle(JOB_METHODS.drain, (p: { draining?: unknown }) => {
      this.draining = p?.draining !== false;
      log.info(this.draining ? "draining: no new jobs" : "accepting jobs again");
      return null;
    });
    this.heads.add(peer);
    peer.once("close", () => this.heads.delete(peer));
    this.sessions.add(s);
    peer.on("close", (reason: Error) => {
      log.info("head link closed", { reason: reason.message });
      // Keep it until its jobs are dead and its mount is gone, so close() waits for that too.
      void s.close(reason.message).finally(() => this.sessions.delete(s));
    });
  }

  /** Stop: refuse new links, kill every guest, wait for them, close links. */
  async close(): Promise<void> {
    clearInterval(this.statsTimer);
    this.dialer?.stop();
    await this.durable.killAll();
    const all = [...this.sessions];
    await Promise.all(all.map((s) => s.close("target shutting down")));
    await this.hub.close();
    await this.listener?.close();
    this.log.info("target stopped");
  }
}

/** MemAvailable from /proc/meminfo (what a new job can get), else os.freemem(). */
function availableMemory(): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync("/proc/meminfo", "utf8"));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return freemem();
}

/**
 * Dial a head (a target behind NAT) and serve it over that link; redial after a loss or a failure
 * (1 s doubling to 30 s; back to 1 s after a link that lived 10 s). Each kind of failure is logged once.
 */
function dialHead(url: string, o: TargetOptions, name: string, log: Logger, onPeer: (p: Peer) => void): { stop(): void } {
  let stopped = false;
  let delay = 1000;
  let timer: NodeJS.Timeout | undefined;
  let peer: Peer | undefined;
  let lastError = "";
  const attempt = async () => {
    if (stopped) return;
    try {
      const p = await connect(url, {
        token: o.token,
        info: { name, role: "target", version: VERSION, labels: o.labels ?? [] } as never,
        features: FEATURES,
        connectTimeoutMs: 10_000,
        ...(url.startsWith("wss:") ? { tls: o.headFingerprint ? { fingerprint: o.headFingerprint } : {} } : {}),
      });
      if (stopped) return p.close("target stopping");
      peer = p;
      lastError = "";
      const since = Date.now();
      log.info("linked to head", { url });
      onPeer(p);
      p.once("close", (reason: Error) => {
        peer = undefined;
        if (Date.now() - since > 10_000) delay = 1000;
        log.warn("head link lost; redialing", { url, reason: reason.message });
        schedule();
      });
    } catch (err) {
      const msg = (err as Error).message;
      if (msg !== lastError) log.warn("cannot reach head; will retry", { url, err: msg });
      lastError = msg;
      schedule();
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void attempt(), delay);
    delay = Math.min(delay * 2, 30_000);
  };
  void attempt();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      peer?.close("target stopping");
    },
  };
}
