export { startJob, exitStatus, type StartJobOptions, type RemoteJob } from "./run.js";
export { jobEnvironment, ENV_NOT_SENT } from "./env.js";
