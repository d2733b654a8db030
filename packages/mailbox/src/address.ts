import { randomBytes } from "node:crypto";
import { mboxError } from "./errors.js";

/**
 * Mailbox addresses: `home/job` (a job's own mailbox) or `home/job/name` (a further mailbox the
 * job opened). Each part is 1..64 characters of [A-Za-z0-9._-], not "." or ".."; a whole
 * address is at most 200 characters. Addresses are printable and passed around as strings.
 */
export interface Address {
  home: string;
  job: string;
  /** Present for a named mailbox. */
  name?: string;
}

/** Longest part (home, job or name). */
export const MAX_PART = 64;
/** Longest address string. */
export const MAX_ADDRESS = 200;

const PART_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Is `s` a valid address part? */
export function isPart(s: string): boolean {
  return PART_RE.test(s) && s !== "." && s !== "..";
}

/** Parse and validate an address; throws BAD_ADDRESS saying what is wrong. */
export function parseAddress(s: unknown): Address {
  if (typeof s !== "string") throw mboxError("BAD_ADDRESS", `a mailbox address must be a string, not ${typeof s}`);
  if (s.length > MAX_ADDRESS) throw mboxError("BAD_ADDRESS", `mailbox address longer than ${MAX_ADDRESS} characters`);
  const parts = s.split("/");
  if (parts.length < 2 || parts.length > 3) throw mboxError("BAD_ADDRESS", `bad mailbox address ${JSON.stringify(s)}: expected HOME/JOB or HOME/JOB/NAME`);
  for (const p of parts) {
    if (!isPart(p)) throw mboxError("BAD_ADDRESS", `bad mailbox address ${JSON.stringify(s)}: each part is 1-${MAX_PART} of [A-Za-z0-9._-]`);
  }
  const [home, job, name] = parts as [string, string, string | undefined];
  return name === undefined ? { home, job } : { home, job, name };
}

/** Validate and return an address string unchanged (throws BAD_ADDRESS). */
export function checkAddress(s: unknown): string {
  parseAddress(s);
  return s as string;
}

/** Format an address. */
export function formatAddress(a: Address): string {
  return a.name === undefined ? `${a.home}/${a.job}` : `${a.home}/${a.job}/${a.name}`;
}

/** The home part of a valid address string. */
export function homeOf(addr: string): string {
  return addr.slice(0, addr.indexOf("/"));
}

/** The address of a job's own mailbox (drops a name). */
export function jobAddress(addr: string): string {
  const a = parseAddress(addr);
  return `${a.home}/${a.job}`;
}

/** A fresh home id for a head process: `h-` and 8 hex digits. */
export function newHomeId(): string {
  return `h-${randomBytes(4).toString("hex")}`;
}

/** A fresh hub id for a target runner: `t-` and 8 hex digits. */
export function newHubId(): string {
  return `t-${randomBytes(4).toString("hex")}`;
}
