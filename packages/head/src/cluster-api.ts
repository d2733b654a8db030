import type { Readable, Writable } from "node:stream";
import type { ExportSpec, JobExit, SignalName, TtySpec } from "@mrc/protocol";

/**
 * The scripting API of mrc's cluster mode: what `mrc run/ps/attach/logs/kill/wait/mon/map` do,
 * as TypeScript. Two implementations: {@link Cluster} (in this process: dials the targets itself)
 * and {@link HeadClient} (talks to a running `mrc head` daemon over its unix socket). The CLI is a
 * thin layer over this interface; `openCluster()` picks the daemon when one runs.
 */
export interface ClusterApi {
  /** Queue a job (or place it at once); resolves with its record (state "queued" or "running"). */
  submit(spec: JobSpec): Promise<JobInfo>;
  /** Every job this head knows (queued, running, and ended ones kept for history). */
  jobs(): Promise<JobInfo[]>;
  /** One job; rejects with code NO_SUCH_JOB. */
  job(id: string): Promise<JobInfo>;
  /** Resolves with the job's record once it has ended (its output all logged). */
  wait(id: string): Promise<JobInfo>;
  /** Send a signal to a running job; a queued job is removed from the queue (as if killed). */
  signal(id: string, sig: SignalName): Promise<void>;
  /** Resize a tty job's terminal. */
  resize(id: string, cols: number, rows: number): Promise<void>;
  /**
   * Stream a job's output: what is still buffered (from the start if nothing was dropped), then
   * live output until the job ends (`follow`, default true). With `stdin`, bytes written to the
   * handle's stdin reach the guest (ending it is the guest's EOF unless `keepStdinOpen`).
   */
  attach(id: string, o?: AttachOptions): Promise<AttachHandle>;
  /** Targets and their live load, slots and jobs. */
  targets(): Promise<TargetStatus[]>;
  /** Stop (true) or resume (false) placing jobs on a target; running jobs go on. */
  drain(name: string, draining: boolean): Promise<void>;
  /** Release this handle (an in-process Cluster closes its links; a client disconnects). */
  close(): Promise<void>;
}

/** What to run, where, and how. */
export interface JobSpec {
  argv: string[];
  env: Record<string, string>;
  /** Working directory of the guest (on the head's exported tree, or the target's own). */
  cwd: string;
  /** Head directories the guest sees at their own paths. */
  exports: ExportSpec[];
  /** Where it may run: the `-r` selector ("t1,t2", "@label", "HOST:PORT"; default "@all"). */
  targets?: string;
  tty?: TtySpec;
  /** Fail at once instead of waiting when no slot is free. */
  noQueue?: boolean;
  /** Minimum free memory on the target, bytes. */
  memBytes?: number;
  /** Who submits it (fair share between users; default: the caller's user name). */
  user?: string;
  /** A label shown by ps (default: the command line). */
  name?: string;
  /** Keep stdin open for a later attach (tty jobs; default: stdin is empty, like `nohup`). */
  interactive?: boolean;
  /** Token of HOST:PORT targets named in `targets` (configured targets have their own). */
  token?: string;
}

/** States of a job's life. */
export type JobState = "queued" | "starting" | "running" | "ended" | "failed";

/** A job as the head knows it. */
export interface JobInfo {
  id: string;
  name: string;
  argv: string[];
  user: string;
  state: JobState;
  /** Where it runs (or ran). */
  target?: string;
  /** Guest pid on the target. */
  pid?: number;
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** How it ended (state "ended"). */
  exit?: JobExit;
  /** Exit status as a shell shows it (code, 128+N, 255 for failures) once ended or failed. */
  status?: number;
  /** Why it failed (state "failed": never ran, or lost with its target). */
  error?: string;
  tty: boolean;
  /** Its stdin stays open for attachers (tty jobs, foreground runs). */
  interactive: boolean;
  /** Bytes of output logged so far (both streams). */
  outputBytes: number;
  /** Bytes of output dropped because the bounded buffers overflowed. */
  droppedBytes: number;
  /** Link to its target currently down (the job may still run there). */
  disconnected?: boolean;
  /** Position in the queue (1 = next), while queued. */
  queuePosition?: number;
}

/** Options of {@link ClusterApi.attach}. */
export interface AttachOptions {
  /** Keep streaming live output until the job ends (default true); false: what is buffered, then end. */
  follow?: boolean;
  /** Forward stdin to the guest (default false). */
  stdin?: boolean;
}

/** A job's output (and maybe input), reattached. */
export interface AttachHandle {
  stdout: Readable;
  /** Empty for tty jobs (their output is all on stdout). */
  stderr: Readable;
  /** Present when attached with `stdin: true`. */
  stdin?: Writable;
  /** Bytes of output produced before the replay start that were dropped (0: the replay is complete). */
  dropped: number;
  /** Resolves once both output streams ended (job ended, or follow=false and the buffer was sent). */
  done: Promise<void>;
  /** Stop streaming (the job goes on). */
  detach(): void;
}

/** A target as the head sees it. */
export interface TargetStatus {
  name: string;
  url?: string;
  labels: string[];
  /** Dialed in (behind NAT) rather than dialed by the head. */
  dialedIn: boolean;
  connected: boolean;
  draining: boolean;
  /** Why the last dial failed (while disconnected). */
  error?: string;
  cores: number;
  load1: number;
  freeMem: number;
  totalMem: number;
  /** Slots (0 = unlimited) and jobs running there (all heads' jobs). */
  slots: number;
  running: number;
  /** Jobs of this head placed there and not yet ended. */
  ours: number;
  /** ms since the epoch of the last stats report. */
  statsAt: number;
  /** The guests running there. */
  guests: Array<{ jobId: string; pid: number; argv0: string; user?: string; startedAt: number }>;
}
