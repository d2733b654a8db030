export { startJob, exitStatus, type StartJobOptions, type RemoteJob } from "./run.js";
export { jobEnvironment, ENV_NOT_SENT } from "./env.js";
export { FileServer, type FileServerOptions } from "./file-server.js";
export { FileService, LockManager, fsError, fromNodeError, type FileServiceOptions, type ExportSpec, type OpContext, type FsError } from "./files/index.js";
export { TargetLink, HEAD_VERSION, type TargetLinkOptions } from "./target-link.js";
