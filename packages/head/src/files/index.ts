/** The head's file service: exports served node by node, jailed, with head-side locks. */
export { FileService } from "./service.js";
export type { FileServiceOptions, ExportSpec } from "./core.js";
export type { OpContext } from "./origin.js";
export { LockManager } from "./locks.js";
export { fsError, fromNodeError, type FsError } from "./errors.js";
