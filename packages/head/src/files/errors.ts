import { ERRNO } from "@mrc/protocol";

/** An error that carries a POSIX errno name, as the file-service protocol sends it. */
export interface FsError extends Error {
  errno: string;
}

/** Make an error carrying `errno` (e.g. "ENOENT"); the message is for logs only. */
export function fsError(errno: string, message: string): FsError {
  const err = new Error(`${errno}: ${message}`) as FsError;
  err.errno = errno;
  return err;
}

/** True if `err` already carries an errno name. */
export function isFsError(err: unknown): err is FsError {
  return err instanceof Error && typeof (err as Partial<FsError>).errno === "string";
}

/** Logger used for unexpected failures (replaceable in tests). */
export const log = {
  warn: (msg: string, err?: unknown): void => {
    console.warn(`[mrc files] ${msg}`, err ?? "");
  },
};

/**
 * The one conversion from a thrown value to an FsError: errors that already carry an errno
 * pass through; Node system errors keep their `code` when it is a known errno name;
 * anything else becomes EIO and is logged.
 */
export function fromNodeError(err: unknown): FsError {
  if (isFsError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ERRNO[code] !== undefined) {
    return fsError(code, (err as Error).message);
  }
  log.warn("unexpected error mapped to EIO", err);
  return fsError("EIO", err instanceof Error ? err.message : String(err));
}

/** Run `fn`, converting whatever it throws with {@link fromNodeError}. */
export async function mapErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromNodeError(err);
  }
}
