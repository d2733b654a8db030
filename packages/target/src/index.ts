export { TargetRunner, VERSION, type TargetOptions } from "./runner.js";
export { Session, type SessionOptions } from "./session.js";
export { LinkMount, MOUNT_ROOT, recoverMounts } from "./link-mount.js";
export { remoteFs, type IdMap, type RemoteFsOptions } from "./fs-bridge.js";
export { launchArgv, type Bind } from "./launcher.js";
export { lookupUser, type GuestUser } from "./identity.js";
export { spawnGuest, type Guest, type GuestSpec } from "./guest.js";
export { resolveCommand, type Resolution } from "./resolve-command.js";
export { signalName, signalNumber } from "./signals.js";
