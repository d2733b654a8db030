/**
 * @mrc/fuse — a FUSE server speaking the kernel protocol on /dev/fuse directly (no libfuse, no
 * native addon). See docs/fuse.md.
 */
export type { AttrReply, ForgetItem, FuseFileSystem, FuseNotification, FuseOpenOut, RequestContext } from "./fs.js";
export { LentBytes } from "./fs.js";
export { type ErrnoError, fuseError, toErrno } from "./errors.js";
export { FuseServer, type FuseServerOptions, mountFileSystem, readBufferSize } from "./server.js";
export {
  abortConnection, ACTIVE_MOUNTPOINTS, ensureFusectl, findMount, FSTYPE, FUSECTL_DIR, type MountHealth,
  type MountOptions, mountFuse, mountOptionString, probeMount, type RecoveredMount, type RecoverOptions,
  recoverStaleMounts, type UnmountOptions, unmountFuse,
} from "./mount.js";
export { type MountInfo, parseMountInfo, readMountInfo } from "./device/mountinfo.js";
export { FuseDevice, type DeviceOptions } from "./device/device.js";
export { outstandingReads, threadpoolSize } from "./device/threadpool.js";
export { FuseSession, InterruptedError, type SessionOptions, type SessionState } from "./protocol/session.js";
export { OpStats } from "./protocol/stats.js";
export {
  DEFAULT_INIT_FLAGS, DEFAULT_MAX_WRITE, type InitOptions, type Negotiated, negotiate, SUPPORTED_INIT_FLAGS,
} from "./protocol/negotiate.js";
export type { InterruptGrace } from "./protocol/interrupts.js";
export { INIT_FLAGS, type InitFlagName, initFlagBits, initFlagNames } from "./wire/init-flags.js";
export { FATTR, FOPEN, FUSE_ROOT_ID, NotifyCode, Op } from "./wire/constants.js";
export { MemFs, type MemFsOptions, type MemNode } from "./testing/memfs.js";
/** The raw codecs, for tools and tests that speak the wire format. */
export * as wire from "./wire/index.js";
