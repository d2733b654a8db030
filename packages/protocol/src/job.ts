/**
 * The job protocol: how a head starts and steers a guest on a target. Calls are head → target
 * unless noted. Stream ids (`sid`) name byte streams of the RPC layer, opened by the head.
 */

/** A pseudo-terminal request. */
export interface TtySpec {
  cols: number;
  rows: number;
  /** $TERM for the guest. */
  term: string;
}

/** One exported directory as the target must present it to a job. */
export interface ExportSpec {
  /** Absolute path on the head; the guest sees the export at this same path. */
  path: string;
  readOnly: boolean;
}

/** Params of `job.start`. */
export interface JobStartIn {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Present: run on a pty of this size (stdout carries the merged terminal output). */
  tty?: TtySpec;
  /** Stream the head writes and the guest reads as stdin. */
  stdin: number;
  /** Stream the target writes with the guest's stdout (or the pty's output). */
  stdout: number;
  /** Stream for stderr; absent with a tty. */
  stderr?: number;
  /** Exports to mount at their own paths for this job (empty or absent: none). */
  exports?: ExportSpec[];
  /** Mailbox address given to the guest as $MRC_ADDR (set by the head). */
  addr?: string;
  /**
   * Present: a durable job (started by a head daemon). It survives the loss of the link that
   * started it; its output is kept in bounded buffers on the target and can be re-attached from
   * any later link of the same owner with `job.resume`. See {@link DurableJobState}.
   */
  durable?: DurableSpec;
  /** Who asked for the job on the head (a user name, shown by monitors). */
  user?: string;
}

/** How a durable job is kept. */
export interface DurableSpec {
  /** The head that owns it (a head daemon's persistent id): only that owner may list/resume/forget it. */
  owner: string;
  /** Bytes of output kept per stream while no link reads it (default 8 MiB); oldest bytes are dropped past it. */
  bufferBytes?: number;
}

/** A durable job as `job.list` reports it. Offsets count bytes the guest wrote to each stream since it started. */
export interface DurableJobState {
  jobId: string;
  pid: number;
  argv: string[];
  cwd: string;
  /** ms since the epoch. */
  startedAt: number;
  tty: boolean;
  /** null while the guest runs. */
  exit: JobExit | null;
  /** ms since the epoch, when it ended. */
  endedAt: number | null;
  /** Bytes written to stdout (or the pty) so far. */
  stdoutEnd: number;
  stderrEnd: number;
  /** Oldest offsets still buffered (older output was dropped). */
  stdoutStart: number;
  stderrStart: number;
}

/** Params of `job.resume`: stream a durable job's output again, from these offsets, on this link. */
export interface JobResumeIn {
  jobId: string;
  owner: string;
  /** Stream the target writes stdout (pty output) into, from `stdoutFrom`. */
  stdout: number;
  stdoutFrom: number;
  /** Stream for stderr from `stderrFrom` (absent for a tty job). */
  stderr?: number;
  stderrFrom?: number;
  /** A new stdin stream; its END is the guest's EOF. Absent: stdin stays as it is. */
  stdin?: number;
}

/** Result of `job.resume`: where the streams really start (later than asked if bytes were dropped). */
export interface JobResumeOut {
  stdoutFrom: number;
  stderrFrom: number;
}

/** Notification target → head, about once a second on every head link: the target's load. */
export interface TargetStats extends TargetInfo {
  /** Job slots (0 = unlimited); a job.start beyond them is refused with NO_SLOT. */
  slots: number;
  /** Refusing new jobs (DRAINING) until undrained. */
  draining: boolean;
  /** The running guests. */
  running: Array<{ jobId: string; pid: number; argv0: string; owner?: string; user?: string; startedAt: number; durable: boolean }>;
  /** ms since the epoch at the target when measured. */
  at: number;
}

/** Result of `job.start`. */
export interface JobStartOut {
  jobId: string;
  pid: number;
}

/** How a guest ended. Exactly one of code/signal is set, or `error` if it never ran. */
export interface JobExit {
  code: number | null;
  signal: string | null;
  /** The target could not start the guest (spawn failure); code is then 126/127/255. */
  error?: string;
}

/** Signals a head may forward to a guest (by name; numbers differ between systems). */
export const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGWINCH", "SIGALRM"] as const;

/** A signal name mrc forwards. */
export type SignalName = (typeof FORWARDED_SIGNALS)[number];

/** Method names of the job protocol. */
export const JOB_METHODS = {
  /** JobStartIn → JobStartOut */
  start: "job.start",
  /** {jobId, signal: SignalName} → null */
  signal: "job.signal",
  /** {jobId, cols, rows} → null */
  resize: "job.resize",
  /** {jobId} → JobExit, once the guest has ended and its output streams are flushed */
  wait: "job.wait",
  /** {} → TargetInfo */
  info: "target.info",
  /** {owner} → DurableJobState[]: the durable jobs of that owner, running or ended-but-not-forgotten */
  list: "job.list",
  /** JobResumeIn → JobResumeOut */
  resume: "job.resume",
  /** {jobId, owner} → null: the head has the exit and all output; the target may drop the record */
  forget: "job.forget",
  /** {draining: boolean} → null: stop (or resume) accepting new jobs; running jobs go on */
  drain: "target.drain",
  /** {} → TargetStats (also pushed as a notification of this name every ~1 s) */
  stats: "target.stats",
} as const;

/** What a target tells about itself. */
export interface TargetInfo {
  name: string;
  version: string;
  cores: number;
  load1: number;
  freeMem: number;
  totalMem: number;
  jobs: number;
  features: string[];
}
