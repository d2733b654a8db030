import { constants } from "node:os";
import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import { RpcError, type Peer, type StreamReader, type StreamWriter } from "@mrc/rpc";
import { JOB_METHODS, type DurableJobState, type JobExit, type JobResumeIn, type JobResumeOut, type JobStartIn, type JobStartOut, type SignalName } from "@mrc/protocol";
import type { AttachHandle, AttachOptions, JobInfo } from "../cluster-api.js";
import { OutputLog, STDERR, STDOUT } from "../jobs/output-log.js";
import { pumpLog } from "../jobs/log-pump.js";
import type { JobRecord, JobStore } from "../jobs/store.js";
import type { TargetConn } from "./target-conn.js";

/** Signal numbers for exit statuses (Linux). */
const sigNum = (name: string): number => (constants.signals as Record<string, number>)[name] ?? 127;

/** Shell-style status of an exit. */
export function statusOf(e: JobExit): number {
  if (e.code !== null) return e.code;
  if (e.signal !== null) return 128 + sigNum(e.signal);
  return 255;
}

/** Codes of a refused start after which the job simply waits for another chance. */
export const REQUEUE_CODES: ReadonlySet<string> = new Set(["NO_SLOT", "DRAINING", "CONNECTION_CLOSED", "NOT_CONNECTED", "SHUTTING_DOWN"]);

/**
 * One job of a cluster on the head: its record (saved at each state change), its output log,
 * and the live wiring to the durable guest on its target (start, resume after a link loss or a
 * head restart, wait, forget). Events: "state" (after each change), "ended".
 */
export class JobRun extends EventEmitter {
  readonly log: OutputLog;
  private stdin: StreamWriter | undefined;
  private stdinEnded = false;
  /** Bumped at each (re)attachment, so a stale follower does nothing. */
  private epoch = 0;

  constructor(
    readonly rec: JobRecord,
    private readonly store: JobStore,
    private readonly owner: string,
    logLimit: number,
    /** Start the guest durable (it outlives the link); else it dies with the link. */
    private readonly durable = true,
  ) {
    super();
    this.setMaxListeners(0);
    this.log = OutputLog.open(store.jobDir(rec.info.id), logLimit);
    if (rec.info.state === "ended" || rec.info.state === "failed") this.log.end();
    this.syncCounts();
  }

  get id(): string {
    return this.rec.info.id;
  }

  get info(): JobInfo {
    return this.rec.info;
  }

  get finished(): boolean {
    return this.info.state === "ended" || this.info.state === "failed";
  }

  private syncCounts(): void {
    this.info.outputBytes = this.log.received.out + this.log.received.err;
    this.info.droppedBytes = this.log.dropped;
  }

  /** Save and tell listeners. */
  update(patch: Partial<JobInfo>): void {
    Object.assign(this.rec.info, patch);
    this.syncCounts();
    this.store.save(this.rec);
    this.emit("state", this.info);
  }

  /**
   * Start the guest on `conn` (already connected, exports mounted). Rejects with the target's
   * RpcError if it refused (NO_SLOT, DRAINING, ...); the caller requeues or fails the job.
   */
  async start(conn: TargetConn, addr: string | undefined): Promise<void> {
    const peer = conn.peer;
    if (!peer) throw new RpcError("NOT_CONNECTED", `target ${conn.name} is not connected`);
    const spec = this.rec.spec;
    this.update({ state: "starting", target: conn.name });
    const stdout = peer.openReader();
    const stderr = spec.tty ? undefined : peer.openReader();
    const stdin = peer.openWriter();
    const params: JobStartIn = {
      argv: spec.argv,
      env: spec.env,
      cwd: spec.cwd,
      stdin: stdin.sid,
      stdout: stdout.sid,
      ...(stderr ? { stderr: stderr.sid } : {}),
      ...(spec.tty ? { tty: spec.tty } : {}),
      ...(spec.exports.length > 0 ? { exports: spec.exports } : {}),
      ...(addr ? { addr } : {}),
      ...(this.durable ? { durable: { owner: this.owner } } : {}),
      user: this.info.user,
    };
    let r: JobStartOut;
    try {
      r = await peer.call<JobStartOut>(JOB_METHODS.start, params);
    } catch (err) {
      stdin.destroy();
      stdout.destroy();
      stderr?.destroy();
      throw err;
    }
    this.rec.targetJobId = r.jobId;
    if (addr) this.rec.addr = addr;
    this.update({ state: "running", pid: r.pid, startedAt: Date.now(), disconnected: false });
    this.wire(peer, stdout, stderr, stdin);
  }

  /** Reattach to the guest after a new link: stream from what the log holds, then wait again. */
  async resume(conn: TargetConn, state: DurableJobState): Promise<void> {
    const peer = conn.peer;
    if (!peer) return;
    const stdout = peer.openReader();
    const stderr = this.rec.spec.tty ? undefined : peer.openReader();
    const stdin = this.rec.spec.interactive && !this.stdinEnded && state.exit === null ? peer.openWriter() : undefined;
    const p: JobResumeIn = {
      jobId: this.rec.targetJobId!,
      owner: this.owner,
      stdout: stdout.sid,
      stdoutFrom: this.log.received.out,
      ...(stderr ? { stderr: stderr.sid, stderrFrom: this.log.received.err } : {}),
      ...(stdin ? { stdin: stdin.sid } : {}),
    };
    const r = await peer.call<JobResumeOut>(JOB_METHODS.resume, p);
    // Bytes the target had to drop while nobody listened are counted and noted in the log.
    this.log.skipTo(r.stdoutFrom, stderr ? r.stderrFrom : this.log.received.err);
    this.update({ state: "running", disconnected: false, pid: state.pid });
    this.wire(peer, stdout, stderr, stdin);
  }

  /** Log the output streams, keep stdin, and wait for the exit on this link. */
  private wire(peer: Peer, stdout: StreamReader, stderr: StreamReader | undefined, stdin: StreamWriter | undefined): void {
    const epoch = ++this.epoch;
    this.stdin = stdin;
    stdin?.on("error", () => {});
    if (stdin && !this.rec.spec.interactive) {
      stdin.end();
      this.stdinEnded = true;
    }
    const drained = [this.drain(stdout, STDOUT), ...(stderr ? [this.drain(stderr, STDERR)] : [])];
    void (async () => {
      let exit: JobExit;
      try {
        exit = await peer.call<JobExit>(JOB_METHODS.wait, { jobId: this.rec.targetJobId });
      } catch (err) {
        if (epoch !== this.epoch) return;
        const e = err as RpcError;
        if (e.code === "JOB_NOT_FOUND") return this.fail(`lost: the target no longer knows this job (${e.message})`);
        // Link lost: a durable guest goes on and is resumed when the target is back.
        if (!this.durable) return this.fail(`link to ${this.info.target ?? "the target"} lost: ${e.message}`);
        this.update({ disconnected: true });
        return;
      }
      await Promise.all(drained);
      if (epoch !== this.epoch) return;
      if (this.durable) peer.call(JOB_METHODS.forget, { jobId: this.rec.targetJobId, owner: this.owner }).catch(() => {});
      this.finish(exit);
    })();
  }

  /** Copy one output stream into the log; resolves at its end (or when it is cut). */
  private drain(r: StreamReader, stream: typeof STDOUT | typeof STDERR): Promise<void> {
    return new Promise((resolve) => {
      r.on("data", (chunk: Buffer) => {
        this.log.append(stream, chunk);
        this.syncCounts();
      });
      r.once("end", resolve);
      r.once("error", () => resolve());
      r.once("close", resolve);
    });
  }

  /** The guest ended: log closed, record final. */
  finish(exit: JobExit): void {
    if (this.finished) return;
    this.epoch++;
    this.log.end();
    this.update({ state: "ended", exit, status: statusOf(exit), endedAt: Date.now(), disconnected: false });
    this.emit("ended", this.info);
  }

  /** It will never run (or was lost): status 255 (or 128+N if killed while queued). */
  fail(error: string, status = 255): void {
    if (this.finished) return;
    this.epoch++;
    this.log.end();
    this.update({ state: "failed", error, status, endedAt: Date.now(), disconnected: false });
    this.emit("ended", this.info);
  }

  /** Resolves once the job is over. */
  done(): Promise<JobInfo> {
    if (this.finished) return Promise.resolve(this.info);
    return new Promise((resolve) => this.once("ended", resolve));
  }

  /** Stream the log (and maybe feed stdin). */
  attach(o: AttachOptions = {}): AttachHandle {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const ac = new AbortController();
    const cursor = this.log.cursor();
    const done = pumpLog(this.log, cursor, { stdout, stderr, follow: o.follow ?? true, signal: ac.signal });
    let stdin: Writable | undefined;
    if (o.stdin) {
      if (!this.rec.spec.interactive) throw new RpcError("NO_STDIN", `job ${this.id} was started without interactive stdin (its stdin is empty)`);
      stdin = new Writable({
        write: (chunk: Buffer, _enc, cb) => {
          const w = this.stdin;
          if (!w || w.destroyed || this.stdinEnded) return cb();
          if (w.write(chunk)) cb();
          else w.once("drain", () => cb());
        },
        final: (cb) => {
          this.stdinEnded = true;
          this.stdin?.end();
          cb();
        },
      });
    }
    return {
      stdout,
      stderr,
      ...(stdin ? { stdin } : {}),
      dropped: cursor.droppedBefore,
      done,
      detach: () => {
        ac.abort();
        stdout.end();
        stderr.end();
      },
    };
  }

  /** Forward a signal to the guest. */
  async signal(conn: TargetConn | undefined, sig: SignalName): Promise<void> {
    if (!conn?.peer) throw new RpcError("NOT_CONNECTED", `the target of job ${this.id} (${this.info.target ?? "?"}) is not connected`);
    await conn.peer.call(JOB_METHODS.signal, { jobId: this.rec.targetJobId, signal: sig });
  }

  /** Resize the guest's terminal. */
  async resize(conn: TargetConn | undefined, cols: number, rows: number): Promise<void> {
    if (!conn?.peer) throw new RpcError("NOT_CONNECTED", `the target of job ${this.id} is not connected`);
    await conn.peer.call(JOB_METHODS.resize, { jobId: this.rec.targetJobId, cols, rows });
  }

  /** Release the log file. */
  close(): void {
    this.epoch++;
    this.log.close();
  }
}
