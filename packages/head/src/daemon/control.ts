/**
 * The head daemon's control protocol: methods a user's `mrc` commands call over the daemon's unix
 * socket (an authenticated @mrc/rpc link). Each mirrors a {@link ClusterApi} method.
 */
export const HEAD_METHODS = {
  /** JobSpec → JobInfo */
  submit: "head.submit",
  /** {} → JobInfo[] */
  jobs: "head.jobs",
  /** {id} → JobInfo */
  job: "head.job",
  /** {id} → JobInfo, once ended */
  wait: "head.wait",
  /** {id, signal} → null */
  signal: "head.signal",
  /** {id, cols, rows} → null */
  resize: "head.resize",
  /** AttachIn → {dropped}: output streamed on the client's reader streams */
  attach: "head.attach",
  /** {} → TargetStatus[] */
  targets: "head.targets",
  /** {name, draining} → null */
  drain: "head.drain",
  /** {} → HeadInfo */
  info: "head.info",
  /** {} → null: the daemon exits (durable jobs go on on their targets) */
  shutdown: "head.shutdown",
} as const;

/** Params of head.attach: the client opened reader streams (and a writer for stdin). */
export interface AttachIn {
  id: string;
  follow: boolean;
  stdout: number;
  stderr: number;
  stdin?: number;
}

/** What `head.info` tells. */
export interface HeadInfo {
  pid: number;
  homeId: string;
  stateDir: string;
  /** URL dial-in targets use, if listening. */
  listenUrl?: string;
  fingerprint?: string;
  version: string;
}
