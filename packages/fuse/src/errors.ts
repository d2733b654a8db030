/** Error → errno conversion at the kernel boundary. */
import { ERRNO, errnoNumber } from "@mrc/protocol";

/** An error carrying a POSIX errno name, the shape handlers throw. */
export interface ErrnoError extends Error {
  errno: string;
}

/** Make an error with an errno name, e.g. `throw fuseError("ENOENT")`. */
export function fuseError(errno: string, message: string = errno): ErrnoError {
  return Object.assign(new Error(message), { errno });
}

const EIO = errnoNumber("EIO");

/**
 * The one conversion from a thrown value to a positive Linux errno:
 * 1. `errno` is a string naming an errno ("ENOENT") → that;
 * 2. `code` is a string naming an errno (Node's fs errors: code "ENOENT", errno -2) → that;
 * 3. `errno` is a number (Node's negative libuv errno, or a positive one) → its absolute value;
 * 4. anything else → EIO, and `log` is told (an unexpected failure is a bug somewhere).
 */
export function toErrno(err: unknown, log: (msg: string) => void = defaultLog): number {
  if (typeof err === "object" && err !== null) {
    const e = err as { errno?: unknown; code?: unknown };
    if (typeof e.errno === "string" && ERRNO[e.errno] !== undefined) return ERRNO[e.errno] as number;
    if (typeof e.code === "string" && ERRNO[e.code] !== undefined) return ERRNO[e.code] as number;
    if (typeof e.errno === "number" && Number.isInteger(e.errno) && e.errno !== 0) return Math.abs(e.errno);
  }
  log(`fuse: unexpected error, answering EIO: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return EIO;
}

/** Default logger: stderr. */
export function defaultLog(msg: string): void {
  process.stderr.write(`${msg}\n`);
}
