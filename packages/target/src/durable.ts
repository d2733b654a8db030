import { RpcError, type Peer } from "@mrc/rpc";
import type { DurableJobState, JobExit, JobResumeIn, JobResumeOut } from "@mrc/protocol";
import type { Guest } from "./guest.js";
import type { OutputBuffer } from "./output-buffer.js";

/** A durable job as the runner keeps it (it outlives the link that started it). */
export interface DurableJob {
  id: string;
  owner: string;
  argv: string[];
  cwd: string;
  startedAt: number;
  tty: boolean;
  guest: Guest;
  out: OutputBuffer;
  err: OutputBuffer | undefined;
  exit: JobExit | null;
  endedAt: number | null;
  /** Resolves when the guest has exited (output may still be flowing to a reader). */
  exited: Promise<JobExit>;
  /** Feed a new stdin stream (its END is the guest's EOF). */
  feedStdin(peer: Peer, sid: number): void;
}

/** How long an ended durable job nobody forgot is kept. */
export const KEEP_ENDED_MS = 7 * 24 * 3600_000;

/**
 * The runner's durable jobs, for every head link: listed, resumed on a new link, waited for,
 * signalled and forgotten by their owner (a head daemon's persistent id).
 */
export class DurableJobs {
  private readonly jobs = new Map<string, DurableJob>();

  add(j: DurableJob): void {
    this.jobs.set(j.id, j);
    void j.exited.then((e) => {
      j.exit = e;
      j.endedAt = Date.now();
      setTimeout(() => this.jobs.delete(j.id), KEEP_ENDED_MS).unref();
    });
  }

  /** The job `id` (of `owner` if given); JOB_NOT_FOUND otherwise. */
  get(id: unknown, owner?: unknown): DurableJob {
    const j = typeof id === "string" ? this.jobs.get(id) : undefined;
    if (!j || (owner !== undefined && j.owner !== owner)) throw new RpcError("JOB_NOT_FOUND", `no such job: ${String(id)}`);
    return j;
  }

  /** Is `id` a durable job here? */
  has(id: unknown): boolean {
    return typeof id === "string" && this.jobs.has(id);
  }

  /** Running ones. */
  running(): DurableJob[] {
    return [...this.jobs.values()].filter((j) => j.exit === null);
  }

  list(owner: unknown): DurableJobState[] {
    if (typeof owner !== "string") throw new RpcError("BAD_PARAMS", "job.list: owner must be a string");
    return [...this.jobs.values()]
      .filter((j) => j.owner === owner)
      .map((j) => ({
        jobId: j.id,
        pid: j.guest.pid,
        argv: j.argv,
        cwd: j.cwd,
        startedAt: j.startedAt,
        tty: j.tty,
        exit: j.exit,
        endedAt: j.endedAt,
        stdoutEnd: j.out.end,
        stderrEnd: j.err?.end ?? 0,
        stdoutStart: j.out.start,
        stderrStart: j.err?.start ?? 0,
      }));
  }

  /** Stream the job's output again on `peer`, from the offsets asked (or the oldest held). */
  resume(peer: Peer, p: JobResumeIn): JobResumeOut {
    if (p === null || typeof p !== "object" || typeof p.stdout !== "number" || typeof p.stdoutFrom !== "number") throw new RpcError("BAD_PARAMS", "job.resume: stdout and stdoutFrom are required");
    const j = this.get(p.jobId, p.owner);
    const out = peer.writer(p.stdout);
    const stdoutFrom = j.out.attach(out, p.stdoutFrom);
    let stderrFrom = 0;
    const err = typeof p.stderr === "number" ? peer.writer(p.stderr) : undefined;
    if (j.err && err) stderrFrom = j.err.attach(err, p.stderrFrom ?? 0);
    else err?.end();
    if (typeof p.stdin === "number") j.feedStdin(peer, p.stdin);
    peer.once("close", () => {
      j.out.release(out);
      if (err) j.err?.release(err);
    });
    return { stdoutFrom, stderrFrom };
  }

  /** The exit, once the guest ended and its current reader has all the output. */
  async wait(id: unknown): Promise<JobExit> {
    const j = this.get(id);
    const e = await j.exited;
    await Promise.all([j.out.whenDrained(), j.err?.whenDrained()]);
    return e;
  }

  forget(id: unknown, owner: unknown): null {
    const j = this.get(id, owner);
    if (j.exit === null) throw new RpcError("JOB_RUNNING", `job ${String(id)} is still running`);
    this.jobs.delete(j.id);
    return null;
  }

  /** Kill every running durable job and wait for them (runner shutdown). */
  async killAll(): Promise<void> {
    const live = this.running();
    for (const j of live) j.guest.kill();
    await Promise.all(live.map((j) => j.exited.catch(() => {})));
  }
}
