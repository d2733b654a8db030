import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { connect, type Peer, type TlsPinOptions } from "@mrc/rpc";
import { FS_ATTACH, JOB_METHODS, silentLogger, type ExportSpec, type FsAttachIn, type Logger, type TargetStats } from "@mrc/protocol";
import type { MailboxRouter } from "@mrc/mailbox";
import type { FileServer } from "../file-server.js";
import { HEAD_VERSION } from "../target-link.js";

/** How a head reaches one target. */
export interface TargetConnOptions {
  name: string;
  /** ws:// or wss:// URL to dial; absent for a target that dials in. */
  url?: string;
  token?: string;
  labels?: string[];
  /** Slots the head allows itself there (config); undefined: what the target reports. */
  slots?: number;
  /** Pin for wss:// (else trust on first use via known_hosts). */
  fingerprint?: string;
  knownHostsFile?: string;
  files: FileServer;
  router: MailboxRouter;
  log?: Logger;
  headName?: string;
}

/** Redial backoff: 0.5 s doubling to 15 s; reset after a link lived this long. */
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const STABLE_MS = 10_000;

/**
 * One target as the head's cluster sees it: a single link (dialed with retries, or the one the
 * target dialed in on), over which the head's one {@link FileServer} is served and mounted with
 * every export any of its jobs needed so far, mailboxes are routed, stats arrive every second and
 * jobs run. Events: "up" (peer), "down" (reason), "stats" (TargetStats).
 */
export class TargetConn extends EventEmitter {
  peer: Peer | undefined;
  /** The target's mailbox hub knows this head (jobs get an address). */
  mbox = false;
  stats: TargetStats | undefined;
  statsAt = 0;
  error: string | undefined;
  /** Exports attached on the current link, in the order the target numbers them. */
  private attached: ExportSpec[] = [];
  private attaching: Promise<void> = Promise.resolve();
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private backoff = BACKOFF_MIN_MS;
  private readonly log: Logger;
  private settle!: () => void;
  /** Resolves once the first dial either failed or produced a ready link (see {@link markSettled}). */
  readonly settled = new Promise<void>((r) => (this.settle = r));

  constructor(readonly o: TargetConnOptions) {
    super();
    this.log = (o.log ?? silentLogger).child({ target: o.name });
  }

  get name(): string {
    return this.o.name;
  }

  get connected(): boolean {
    return this.peer !== undefined;
  }

  get dialedIn(): boolean {
    return this.o.url === undefined;
  }

  /** Start dialing (targets with a URL); keeps redialing after failures until {@link stop}. */
  start(): void {
    if (this.o.url !== undefined) void this.dial();
  }

  private async dial(): Promise<void> {
    if (this.stopped || this.peer) return;
    const url = this.o.url!;
    try {
      const tls: TlsPinOptions | undefined = url.startsWith("wss:")
        ? { ...(this.o.fingerprint ? { fingerprint: this.o.fingerprint } : {}), ...(this.o.knownHostsFile ? { knownHostsFile: this.o.knownHostsFile } : {}) }
        : undefined;
      const peer = await connect(url, {
        token: this.o.token ?? "",
        info: { name: this.o.headName ?? `head@${hostname()}`, role: "head", version: HEAD_VERSION },
        features: ["jobs", "fs", "stats", "durable"],
        connectTimeoutMs: 5000,
        ...(tls ? { tls } : {}),
      });
      if (this.stopped) return peer.close("head stopping");
      this.adopt(peer);
    } catch (err) {
      const msg = (err as Error).message;
      if (msg !== this.error) this.log.warn("cannot reach target", { url, err: msg });
      this.error = msg;
      this.settle();
      // Wrong token or changed certificate will not fix itself quickly: retry slowly.
      const code = (err as { code?: string }).code;
      const delay = code === "AUTH_FAILED" || code === "TLS_PIN_MISMATCH" ? BACKOFF_MAX_MS : this.backoff;
      this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
      this.timer = setTimeout(() => void this.dial(), delay);
      this.timer.unref();
    }
  }

  /** Take an authenticated link to this target (dialed by us, or dialed in). */
  adopt(peer: Peer): void {
    if (this.peer) this.peer.close("replaced by a new link from the same target");
    this.peer = peer;
    this.mbox = false;
    this.error = undefined;
    this.attached = [];
    this.attaching = Promise.resolve();
    const since = Date.now();
    this.o.files.serve(peer);
    peer.onNotify(JOB_METHODS.stats, (s: TargetStats) => this.onStats(s));
    peer.once("close", (reason: Error) => {
      if (this.peer !== peer) return;
      this.peer = undefined;
      this.stats = undefined;
      this.error = `link lost: ${reason.message}`;
      this.log.warn("target link lost", { reason: reason.message });
      if (Date.now() - since > STABLE_MS) this.backoff = BACKOFF_MIN_MS;
      this.emit("down", reason);
      if (!this.stopped && this.o.url !== undefined) {
        this.timer = setTimeout(() => void this.dial(), this.backoff);
        this.timer.unref();
      }
    });
    this.log.info("target linked", { dialedIn: this.dialedIn });
    void this.afterLink(peer);
  }

  private async afterLink(peer: Peer): Promise<void> {
    try {
      if (peer.remoteFeatures.includes("mbox")) {
        // Mailboxes are optional: a target that cannot say hello yet still runs jobs (without $MRC_MAILBOX).
        try {
          await this.o.router.addTarget(peer, this.o.url);
          this.mbox = true;
        } catch (err) {
          this.log.warn("mailboxes unavailable on this target", { err: (err as Error).message });
        }
      }
      const s = await peer.call<TargetStats>(JOB_METHODS.stats, {}, { timeoutMs: 10_000 });
      this.onStats(s);
    } catch (err) {
      if (this.peer === peer) this.log.warn("target setup failed", { err: (err as Error).message });
      if (this.peer === peer && !peer.remoteFeatures.includes("stats")) {
        peer.close("target too old: it does not report stats");
      }
      return;
    }
    if (this.peer === peer) this.emit("up", peer);
  }

  private onStats(s: TargetStats): void {
    if (s === null || typeof s !== "object" || typeof s.cores !== "number") return;
    this.stats = s;
    this.statsAt = Date.now();
    this.emit("stats", s);
  }

  /**
   * Make sure every export in `wanted` is mounted on the target (fs.attach with the grown list;
   * the target mounts once and learns new exports later). Serialized per link.
   */
  ensureExports(wanted: ExportSpec[]): Promise<void> {
    const peer = this.peer;
    if (!peer) return Promise.reject(new Error(`target ${this.name} is not connected`));
    const run = async () => {
      const missing = wanted.filter((w) => !this.attached.some((a) => a.path === w.path && a.readOnly === w.readOnly));
      if (missing.length === 0) return;
      for (const m of missing) this.o.files.addExport(m);
      const list = this.o.files.exports;
      this.log.debug("attaching exports", { exports: list.map((e) => e.path) });
      const a: FsAttachIn = { exports: list, headUid: process.getuid?.() ?? 0, headGid: process.getgid?.() ?? 0 };
      await peer.call(FS_ATTACH, a);
      if (this.peer === peer) this.attached = [...list];
      this.log.debug("exports attached", { exports: list.length });
    };
    const p = this.attaching.then(run, run);
    this.attaching = p.catch(() => {});
    return p;
  }

  /** The link is ready for jobs (its old jobs resumed): the first outcome is known. */
  markSettled(): void {
    this.settle();
  }

  /** Stop dialing and close the link. */
  stop(reason = "head stopping"): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.peer?.close(reason);
  }
}
