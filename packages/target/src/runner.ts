import { cpus, freemem, hostname, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { listen, type Listener, type Peer } from "@mrc/rpc";
import { JOB_METHODS, silentLogger, type Logger, type TargetInfo } from "@mrc/protocol";
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
}

/** A running target: accepts head links and runs their jobs. */
export class TargetRunner {
  private readonly sessions = new Set<Session>();
  private constructor(
    private readonly listener: Listener,
    private readonly log: Logger,
    readonly name: string,
    /** The guests' mailboxes on this target. */
    readonly hub: MailboxHub,
  ) {}

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
    const sessionOpts: SessionOptions = { canMount: isRoot, hub, ...(user ? { user } : {}) };
    let runner: TargetRunner | undefined;
    const pendingPeers: Peer[] = [];
    const listener = await listen({
      host: o.host ?? "127.0.0.1",
      port: o.port ?? 0,
      token: o.token,
      info: { name, role: "target", version: VERSION },
      features: ["jobs", "pty", "streams", "mbox", "fs"],
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
    runner = new TargetRunner(listener, log, name, hub);
    for (const p of pendingPeers) runner.accept(p, "?", sessionOpts);
    log.info("target listening", { host: listener.host, port: listener.port, name, runAs: user?.name ?? "(runner's user)" });
    return runner;
  }

  /** Port listened on. */
  get port(): number {
    return this.listener.port;
  }

  /** Host listened on. */
  get host(): string {
    return this.listener.host;
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
      features: ["jobs", "pty", "streams", "mbox", "fs"],
    };
  }

  private accept(peer: Peer, remote: string, opts: SessionOptions): void {
    const log = this.log.child({ head: peer.remoteInfo.name ?? remote });
    log.info("head linked", { remote });
    this.hub.addUplink(peer);
    const s = new Session(peer, log, opts);
    peer.handle(JOB_METHODS.info, () => this.info());
    this.sessions.add(s);
    peer.on("close", (reason: Error) => {
      log.info("head link closed", { reason: reason.message });
      // Keep it until its jobs are dead and its mount is gone, so close() waits for that too.
      void s.close(reason.message).finally(() => this.sessions.delete(s));
    });
  }

  /** Stop: refuse new links, kill every guest, wait for them, close links. */
  async close(): Promise<void> {
    const all = [...this.sessions];
    await Promise.all(all.map((s) => s.close("target shutting down")));
    await this.hub.close();
    await this.listener.close();
    this.log.info("target stopped");
  }
}
