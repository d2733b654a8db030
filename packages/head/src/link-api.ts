/**
 * The single-link head API, `@mrc/head/link`: what `mrc run -r HOST:PORT` needs (dial a target,
 * serve exports over the link, run one job) without the cluster runtime, the daemon and the
 * mailbox hub. A separate entry point because loading is most of a launch (bench/RESULTS.md):
 * importing the full `@mrc/head` evaluates every module behind it. `@mrc/head` re-exports all of
 * this.
 */
export { startJob, exitStatus, type StartJobOptions, type RemoteJob } from "./run.js";
export { jobEnvironment, ENV_NOT_SENT } from "./env.js";
export { FileServer, type FileServerOptions } from "./file-server.js";
export { TargetLink, HEAD_VERSION, type TargetLinkOptions } from "./target-link.js";
export { readTokenFile } from "./runtime/tokens.js";
export { headPaths, type HeadPaths } from "./daemon/paths.js";
export { normalizeUrl } from "./cluster/config.js";
