import { RpcError } from "@mrc/rpc";

/** Error codes of the mailbox layer (on links and at the guest's door), with what each means. */
export const MAILBOX_CODES = {
  NO_SUCH_MAILBOX: "no mailbox with this address ever existed (or its home is not linked to this target)",
  MAILBOX_ENDED: "the mailbox existed, but the job that owned it has ended",
  MAILBOX_MOVED: "this job's mailbox was handed to a successor job (pending receives end with this)",
  MAILBOX_FULL: "the receiver's queue is full and the sender asked not to wait (--no-wait)",
  BAD_ADDRESS: "the address is malformed (HOME/JOB or HOME/JOB/NAME, parts of [A-Za-z0-9._-])",
  TIMEOUT: "no message arrived within the receive timeout",
  TOO_BIG: "a message or door frame exceeds the size limit",
  LIMIT: "too many requests in flight on this door connection",
  ALREADY_OPEN: "a mailbox with this address is already open",
  NO_SUCCESSOR: "a move named a place that has no successor door for the mailbox",
  NOT_HOME: "this head is not the home of that address",
  BAD_REQUEST: "a malformed request",
  UNREACHABLE: "the mailbox's home or location cannot be reached from here",
} as const;

/** A mailbox error code. */
export type MailboxCode = keyof typeof MAILBOX_CODES;

/** Build the RpcError for a mailbox failure (crosses links as {code, message}). */
export function mboxError(code: MailboxCode, message: string): RpcError {
  return new RpcError(code, message);
}

/** The code of anything thrown, as it would cross a link. */
export function codeOf(err: unknown): string {
  return err instanceof RpcError ? err.code : typeof (err as { code?: unknown })?.code === "string" ? String((err as { code: string }).code) : "INTERNAL";
}

/** Failures worth a retry on another path (the message may not have arrived). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(["CONNECTION_CLOSED", "UNREACHABLE"]);
