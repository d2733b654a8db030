/**
 * Errors that cross the wire. An error is data: `{ code, message, errno? }`, never a stack.
 * `code` is one of {@link RPC_CODES} or an application code (UPPER_SNAKE); `errno` is a POSIX
 * errno name ("ENOENT") when the failure is a system error.
 */

/** Codes the RPC layer itself produces, with what each means. */
export const RPC_CODES = {
  CONNECTION_CLOSED: "the link closed before the call completed",
  TIMEOUT: "the call did not complete within its timeout",
  CANCELLED: "the caller cancelled the call",
  METHOD_NOT_FOUND: "the peer has no handler for this method",
  BAD_FRAME: "a frame was malformed, unknown or too large",
  AUTH_FAILED: "the peer did not prove knowledge of the shared token",
  PROTOCOL_VERSION: "the peers speak incompatible protocol versions",
  LIMIT: "a limit (frame size, calls in flight, streams) was exceeded",
  SYSTEM: "a system call failed; see errno",
  INTERNAL: "the handler failed unexpectedly",
  STREAM_RESET: "the byte stream was aborted by its peer",
  TLS_PIN_MISMATCH: "the peer's TLS certificate differs from the one pinned for it",
} as const;

/** A code the RPC layer produces. */
export type RpcCode = keyof typeof RPC_CODES;

/** The shape of an error on the wire. */
export interface WireError {
  code: string;
  message: string;
  errno?: string;
}

/** An error that can cross the link: a code, a message and, for system errors, an errno name. */
export class RpcError extends Error {
  readonly code: string;
  readonly errno: string | undefined;
  constructor(code: string, message: string, errno?: string) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.errno = errno;
  }

  /** The wire form (no stack). */
  toWire(): WireError {
    return this.errno === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errno: this.errno };
  }

  /** Rebuild from the wire form. */
  static fromWire(w: WireError): RpcError {
    return new RpcError(w.code, w.message, w.errno);
  }
}

const ERRNO_RE = /^E[A-Z0-9]+$/;

/**
 * The one conversion of anything thrown by a handler into an RpcError.
 * - RpcError passes through;
 * - an error with a string `errno` (mrc file errors) or a Node system error (`code: 'ENOENT'`)
 *   becomes SYSTEM with that errno;
 * - an error with an UPPER_SNAKE `code` keeps it;
 * - anything else becomes INTERNAL (the caller logs it).
 */
export function toRpcError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  if (err !== null && typeof err === "object") {
    const e = err as { errno?: unknown; code?: unknown; message?: unknown };
    const message = typeof e.message === "string" ? e.message : String(err);
    if (typeof e.errno === "string" && ERRNO_RE.test(e.errno)) return new RpcError("SYSTEM", message, e.errno);
    if (typeof e.code === "string" && ERRNO_RE.test(e.code)) return new RpcError("SYSTEM", message, e.code);
    if (typeof e.code === "string" && /^[A-Z][A-Z0-9_]*$/.test(e.code)) return new RpcError(e.code, message);
    return new RpcError("INTERNAL", message);
  }
  return new RpcError("INTERNAL", String(err));
}

/** Validate a value received as a WireError; anything else is a bad frame. */
export function isWireError(v: unknown): v is WireError {
  if (v === null || typeof v !== "object") return false;
  const w = v as Record<string, unknown>;
  return (
    typeof w.code === "string" &&
    typeof w.message === "string" &&
    (w.errno === undefined || typeof w.errno === "string")
  );
}
