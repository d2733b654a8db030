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
