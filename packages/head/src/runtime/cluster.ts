import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { listen, RpcError, type Listener, type Peer } from "@mrc/rpc";
import { JOB_METHODS, silentLogger, type DurableJobState, type Logger, type SignalName } from "@mrc/protocol";
import { MailboxRouter } from "@mrc/mailbox";
import type { AttachHandle, AttachOptions, ClusterApi, JobInfo, JobSpec, TargetStatus } from "../cluster-api.js";
import { FileServer } from "../file-server.js";
import { JobStore, type JobRecord } from "../jobs/store.js";
import { DEFAULT_LOG_LIMIT } from "../jobs/output-log.js";
import { loadConfig, type ClusterConfig, type TargetConfig } from "../cluster/config.js";
import { parseSelector } from "../cluster/selector.js";
import { Scheduler, type Assignment } from "../cluster/scheduler.js";
import { JobRun, REQUEUE_CODES, statusOf } from "./job-run.js";
import { TargetConn } from "./target-conn.js";
import { readTokenFile } from "./tokens.js";

/** Where dial-in targets connect, and how they must authenticate. */
export interface HeadListenOptions {
  host: string;
  port: number;
  token: string;
  /** TLS (wss://) with this certificate and key (PEM). */
  cert?: string;
  key?: string;
}

/** Options of {@link Cluster.start}. */
export interface ClusterOptions {
  /** State directory: job records and output logs (persistent across restarts). Default: a temp dir removed at close. */
  stateDir?: string;
  /** Targets, labels, slots (default: {@link loadConfig} from the cwd). */
  config?: ClusterConfig;
  /** Token for targets without a tokenFile, and for ad-hoc HOST:PORT targets. */
  token?: string;
  /** Jobs outlive this process and its links (head daemon). Default: true with a stateDir. */
  durable?: boolean;
  /** Bound of each job's output log on the head, bytes. */
  logLimit?: number;
  /** Accept targets that dial in (`mrc target --connect`). */
  listen?: HeadListenOptions;
  logger?: Logger;
  /** Name this head gives itself on its links. */
  name?: string;
}

/** How long a submit waits for targets on their first dial. */
const FIRST_DIAL_WAIT_MS = 5000;

/**
 * The cluster, run in this process: targets (configured, ad-hoc and dialed-in) with live stats,
 * placement and queueing by the {@link Scheduler}, jobs with bounded output logs, the head's
 * exports served to every target through one {@link FileServer}, and mailboxes routed by one
 * {@link MailboxRouter}. The head daemon is this plus a control socket; `mrc map` without a daemon
 * uses it directly.
 */
export class Cluster implements ClusterApi {
  readonly files: FileServer;
  readonly router: MailboxRouter;
  readonly store: JobStore;
  private readonly sched = new Scheduler();
  private readonly conns = new Map<string, TargetConn>();
  private readonly runs = new Map<string, JobRun>();
  private listener: Listener | undefined;
  private readonly log: Logger;
  private closed = false;

  private constructor(
    private readonly o: ClusterOptions,
    private readonly config: ClusterConfig,
    private readonly ephemeralDir: string | undefined,
    readonly durable: boolean,
  ) {
    this.log = o.logger ?? silentLogger;
    this.store = new JobStore(o.stateDir ?? ephemeralDir!);
    this.files = new FileServer({ exports: [], logger: this.log, delegate: true });
    this.router = new MailboxRouter({ homeId: this.store.homeId });
  }

  /** Start: dial the configured targets, reload saved jobs (resumed as their targets come back), listen for dial-ins. */
  static async start(o: ClusterOptions = {}): Promise<Cluster> {
    const config = o.config ?? (await loadConfig());
    const eph = o.stateDir === undefined ? mkdtempSync(join(tmpdir(), "mrc-head-")) : undefined;
    const c = new Cluster(o, config, eph, o.durable ?? o.stateDir !== undefined);
    for (const t of config.targets) c.addConn(t);
    c.reload();
    if (o.listen) await c.listenForTargets(o.listen);
    return c;
  }

  /** The URL dial-in targets use (when listening). */
  get listenUrl(): string | undefined {
    return this.listener?.url;
  }

  /** The TLS fingerprint of the dial-in listener (wss only). */
  get listenFingerprint(): string | undefined {
    return this.listener?.fingerprint;
  }

  /** The id that owns this head's jobs and is the home of their mailboxes. */
  get homeId(): string {
    return this.store.homeId;
  }

  // ---------------------------------------------------------------- targets

  private addConn(t: TargetConfig & { token?: string }, dialedIn = false): TargetConn {
    const existing = this.conns.get(t.name);
    if (existing) return existing;
    let token = t.token ?? this.o.token;
    if (t.tokenFile !== undefined) token = readTokenFile(t.tokenFile);
    const conn = new TargetConn({
      name: t.name,
      ...(dialedIn || t.url === undefined ? {} : { url: t.url }),
      ...(token !== undefined ? { token } : {}),
      labels: t.labels ?? [],
      ...(t.slots !== undefined ? { slots: t.slots } : {}),
      ...(t.fingerprint !== undefined ? { fingerprint: t.fingerprint } : {}),
      files: this.files,
      router: this.router,
      log: this.log,
      ...(this.o.name ? { headName: this.o.name } : {}),
    });
    this.conns.set(t.name, conn);
    this.sched.addTarget({ name: t.name, labels: t.labels ?? [], ...(t.slots !== undefined ? { slots: t.slots } : {}) });
    conn.on("up", (peer: Peer) => void this.targetUp(conn, peer));
    conn.on("down", () => this.place(this.sched.setConnected(conn.name, false)));
    conn.on("stats", (s) => this.place(this.sched.updateStats(conn.name, s)));
    conn.start();
    return conn;
  }

  /** A target (re)linked: resume our jobs there, drop ones we don't know, then place work on it. */
  private async targetUp(conn: TargetConn, peer: Peer): Promise<void> {
    try {
      const states = await peer.call<DurableJobState[]>(JOB_METHODS.list, { owner: this.homeId });
      const byId = new Map(states.map((s) => [s.jobId, s]));
      for (const run of this.runs.values()) {
        if (run.finished || run.info.target !== conn.name || run.info.state === "queued") continue;
        const s = run.rec.targetJobId !== undefined ? byId.get(run.rec.targetJobId) : undefined;
        if (run.rec.targetJobId !== undefined) byId.delete(run.rec.targetJobId);
        if (!s) {
          if (run.info.state === "starting" && run.rec.targetJobId === undefined) continue; // its start is in flight
          run.fail(`lost: ${conn.name} no longer has this job (was the target restarted?)`);
          continue;
        }
        this.sched.jobStarted(run.id, conn.name);
        await run.resume(conn, s).catch((err: Error) => this.log.warn("resume failed", { job: run.id, err: err.message }));
      }
      // Durable jobs of ours nobody here knows (we died between their start and saving it): stop them.
      for (const s of byId.values()) {
        if (s.exit === null) await peer.call(JOB_METHODS.signal, { jobId: s.jobId, signal: "SIGKILL" }).catch(() => {});
        await peer.call(JOB_METHODS.forget, { jobId: s.jobId, owner: this.homeId }).catch(() => {});
      }
    } catch (err) {
      this.log.warn("cannot list jobs on target", { target: conn.name, err: (err as Error).message });
    }
    if (conn.peer === peer) this.place(this.sched.setConnected(conn.name, true));
    conn.markSettled();
  }

  private async listenForTargets(l: HeadListenOptions): Promise<void> {
    this.listener = await listen({
      host: l.host,
      port: l.port,
      token: l.token,
      ...(l.cert && l.key ? { tls: { cert: l.cert, key: l.key } } : {}),
      info: { name: this.o.name ?? "head", role: "head" },
      features: ["jobs", "fs", "stats", "durable"],
      onPeer: (peer) => {
        const info = peer.remoteInfo as { name?: string; role?: string; labels?: unknown };
        if (info.role !== "target" || typeof info.name !== "string" || info.name === "") {
          peer.close("only targets may dial a head's target port");
          return;
        }
        const labels = Array.isArray(info.labels) ? info.labels.filter((x): x is string => typeof x === "string") : [];
        const conn = this.conns.get(info.name) ?? this.addConn({ name: info.name, labels }, true);
        conn.adopt(peer);
      },
      onReject: (err, remote) => this.log.warn("target link refused", { remote, reason: err.message }),
    });
  }

  // ---------------------------------------------------------------- jobs

  /** Reload saved jobs: queued ones queue again, running ones wait for their target. */
  private reload(): void {
    for (const rec of this.store.loadAll()) {
      const run = this.track(rec);
      if (run.finished) continue;
      if (rec.targetUrl && rec.info.target && !this.conns.has(rec.info.target)) {
        this.addConn({ name: rec.info.target, url: rec.targetUrl, labels: [], ...(rec.token ? { token: rec.token } : {}) });
      }
      if (rec.info.state === "queued" || (rec.info.state === "starting" && rec.targetJobId === undefined)) {
        run.update({ state: "queued" });
        this.enqueue(run);
      } else {
        run.update({ disconnected: true });
      }
    }
  }

  private track(rec: JobRecord): JobRun {
    const run = new JobRun(rec, this.store, this.homeId, this.o.logLimit ?? DEFAULT_LOG_LIMIT, this.durable);
    this.runs.set(run.id, run);
    run.once("ended", () => this.place(this.sched.jobEnded(run.id)));
    return run;
  }

  /** Queue a job or place it now. */
  async submit(spec: JobSpec): Promise<JobInfo> {
    if (this.closed) throw new RpcError("SHUTTING_DOWN", "the head is shutting down");
    const sel = parseSelector(spec.targets ?? "@all", this.selectorContext());
    let targetUrl: string | undefined;
    for (const a of sel.adHoc) {
      this.addConn({ name: a.name, url: a.url, labels: [], ...(spec.token ? { token: spec.token } : {}) });
      targetUrl = a.url;
    }
    // Targets still on their first dial: give them a moment, so a job is not queued (or refused
    // with --no-queue) only because this head has just started.
    const fresh = sel.names.map((n) => this.conns.get(n)).filter((c): c is TargetConn => c !== undefined && !c.connected && c.error === undefined);
    if (fresh.length > 0) await Promise.race([Promise.all(fresh.map((c) => c.settled)), new Promise((r) => setTimeout(r, FIRST_DIAL_WAIT_MS).unref())]);
    const id = this.store.nextId();
    const user = spec.user ?? userInfo().username;
    const { token: _token, ...kept } = spec;
    const rec: JobRecord = {
      info: {
        id,
        name: spec.name ?? spec.argv.join(" "),
        argv: spec.argv,
        user,
        state: "queued",
        submittedAt: Date.now(),
        tty: spec.tty !== undefined,
        interactive: spec.interactive === true,
        outputBytes: 0,
        droppedBytes: 0,
      },
      spec: { ...kept, targets: sel.names.join(","), user },
      ...(targetUrl ? { targetUrl } : {}),
      ...(targetUrl && spec.token ? { token: spec.token } : {}),
    };
    const run = this.track(rec);
    run.update({});
    this.enqueue(run);
    return run.info;
  }

  private enqueue(run: JobRun): void {
    const spec = run.rec.spec;
    const r = this.sched.submit({
      id: run.id,
      user: run.info.user,
      targets: (spec.targets ?? "").split(",").filter(Boolean),
      ...(spec.memBytes !== undefined ? { memBytes: spec.memBytes } : {}),
      ...(spec.noQueue ? { noQueue: true } : {}),
    });
    if ("failed" in r) {
      const why = (spec.targets ?? "").split(",").map((n) => this.conns.get(n)).filter((c) => c && !c.connected && c.error).map((c) => `${c!.name}: ${c!.error}`);
      run.fail(why.length > 0 ? `${r.failed}; ${why.join("; ")}` : r.failed);
    }
    else if ("placed" in r) void this.launch(run, r.placed);
    this.place(this.sched.takePending());
  }

  private selectorContext() {
    return {
      config: this.config,
      known: [...this.conns.values()].map((c) => ({ name: c.name, labels: c.o.labels ?? [] })),
    };
  }

  /** Start the given placements. */
  private place(assignments: Assignment[]): void {
    for (const a of assignments) {
      const run = this.runs.get(a.jobId);
      if (run && !run.finished) void this.launch(run, a.target);
    }
  }

  private async launch(run: JobRun, target: string): Promise<void> {
    const conn = this.conns.get(target);
    // Placed: no longer queued, even while its exports are mounted (submit returns this state).
    run.update({ state: "starting", target });
    try {
      if (!conn?.peer) throw new RpcError("NOT_CONNECTED", `target ${target} is not connected`);
      if (run.rec.spec.exports.length > 0) await conn.ensureExports(run.rec.spec.exports);
      const addr = conn.mbox ? this.router.allocate(`j${run.id}`) : undefined;
      await run.start(conn, addr);
    } catch (err) {
      const e = err as RpcError;
      if (REQUEUE_CODES.has(e.code)) {
        run.update({ state: "queued" });
        this.place(this.sched.startFailed(run.id, target, e.code));
        return;
      }
      run.fail(`cannot start on ${target}: ${e.message}`);
    }
  }

  private run(id: string): JobRun {
    const r = this.runs.get(String(id));
    if (!r) throw new RpcError("NO_SUCH_JOB", `no such job: ${id}`);
    return r;
  }

  async jobs(): Promise<JobInfo[]> {
    const order = this.sched.queueOrder();
    return [...this.runs.values()].map((r) => {
      const pos = order.indexOf(r.id);
      return pos >= 0 && r.info.state === "queued" ? { ...r.info, queuePosition: pos + 1 } : { ...r.info };
    });
  }

  async job(id: string): Promise<JobInfo> {
    return { ...this.run(id).info };
  }

  wait(id: string): Promise<JobInfo> {
    return this.run(id).done();
  }

  async signal(id: string, sig: SignalName): Promise<void> {
    const run = this.run(id);
    if (run.finished) throw new RpcError("JOB_ENDED", `job ${id} has already ended`);
    if (run.info.state === "queued") {
      this.sched.cancel(run.id);
      run.fail(`killed by ${sig} while queued`, statusOf({ code: null, signal: sig }));
      return;
    }
    if (run.info.state === "starting" && run.rec.targetJobId === undefined) {
      // Placed, its exports being mounted or its start under way: deliver once it runs (or
      // was queued again, or failed: then as for that state).
      await new Promise<void>((resolve) => {
        const on = (): void => {
          if (run.info.state === "starting" && !run.finished) return;
          run.off("state", on);
          resolve();
        };
        run.on("state", on);
      });
      return this.signal(id, sig);
    }
    await run.signal(this.conns.get(run.info.target ?? ""), sig);
  }

  async resize(id: string, cols: number, rows: number): Promise<void> {
    const run = this.run(id);
    await run.resize(this.conns.get(run.info.target ?? ""), cols, rows);
  }

  async attach(id: string, o?: AttachOptions): Promise<AttachHandle> {
    return this.run(id).attach(o);
  }

  async targets(): Promise<TargetStatus[]> {
    const snap = new Map(this.sched.snapshot().targets.map((t) => [t.name, t]));
    return [...this.conns.values()].map((c) => {
      const s = c.stats;
      const v = snap.get(c.name);
      return {
        name: c.name,
        ...(c.o.url ? { url: c.o.url } : {}),
        labels: c.o.labels ?? [],
        dialedIn: c.dialedIn,
        connected: c.connected,
        draining: v?.draining ?? s?.draining ?? false,
        ...(c.error ? { error: c.error } : {}),
        cores: s?.cores ?? 0,
        load1: s?.load1 ?? 0,
        freeMem: s?.freeMem ?? 0,
        totalMem: s?.totalMem ?? 0,
        slots: v?.slots ?? s?.slots ?? 0,
        running: s?.running.length ?? 0,
        ours: v?.ours ?? 0,
        statsAt: c.statsAt,
        guests: (s?.running ?? []).map((g) => ({ jobId: g.jobId, pid: g.pid, argv0: g.argv0, startedAt: g.startedAt, ...(g.user ? { user: g.user } : {}) })),
      };
    });
  }

  async drain(name: string, draining: boolean): Promise<void> {
    const conn = this.conns.get(name);
    if (!conn) throw new RpcError("NO_SUCH_TARGET", `no such target: ${name} (known: ${[...this.conns.keys()].join(", ") || "none"})`);
    this.place(this.sched.setDraining(name, draining));
    if (conn.peer) await conn.peer.call(JOB_METHODS.drain, { draining });
  }

  /**
   * Stop: close every link and the listener. Durable jobs go on on their targets (a restarted
   * head resumes them); an ephemeral cluster's jobs die with their links and its temp state is removed.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.conns.values()) c.stop();
    await this.listener?.close();
    for (const r of this.runs.values()) r.close();
    await this.files.close();
    if (this.ephemeralDir) rmSync(this.ephemeralDir, { recursive: true, force: true });
  }
}
