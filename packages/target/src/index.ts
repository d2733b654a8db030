export { TargetRunner, VERSION, type TargetOptions } from "./runner.js";
export { Session, type SessionHooks } from "./session.js";
export { spawnGuest, type Guest, type GuestSpec } from "./guest.js";
export { resolveCommand, type Resolution } from "./resolve-command.js";
export { signalName, signalNumber } from "./signals.js";
