// Turns raw results into values that two different directories must agree on:
// no inode numbers, devices, absolute times or absolute paths; errno names instead of messages.
import { createHash } from "node:crypto";
import { constants as osConstants } from "node:os";
import { getSystemErrorName } from "node:util";
import type { Stats } from "node:fs";
import type { Value } from "./types.js";

/** The errno name (as Node spells it, e.g. "ENOENT") carried by `err`, or undefined if it has none. */
export function errnoOf(err: unknown): string | undefined {
  if (err instanceof ErrnoError) return err.errno;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** An error that carries an errno name, thrown by tool and helper wrappers. */
export class ErrnoError extends Error {
  constructor(readonly errno: string, message: string) {
    super(message);
    this.name = "ErrnoError";
  }
}

/** Node's name for a positive errno number (e.g. 95 → "ENOTSUP"), so tools and fs/promises agree. */
export function errnoName(errno: number): string {
  try {
    return getSystemErrorName(-errno);
  } catch {
    return `E#${errno}`;
  }
}

// glibc strerror() texts as printed by coreutils/attr, longest first so "No such file" wins over
// shorter overlaps. Values are errno numbers so the name comes out the way Node spells it.
const E = osConstants.errno;
const STRERROR: ReadonlyArray<readonly [string, number]> = (
  [
    ["No such file or directory", E.ENOENT],
    ["File exists", E.EEXIST],
    ["Not a directory", E.ENOTDIR],
    ["Is a directory", E.EISDIR],
    ["Permission denied", E.EACCES],
    ["Operation not permitted", E.EPERM],
    ["Directory not empty", E.ENOTEMPTY],
    ["Invalid argument", E.EINVAL],
    ["No space left on device", E.ENOSPC],
    ["Operation not supported", E.EOPNOTSUPP],
    ["keep size mode is unsupported", E.EOPNOTSUPP], // util-linux fallocate rewrites EOPNOTSUPP
    ["No data available", E.ENODATA],
    ["No such attribute", E.ENODATA],
    ["File name too long", E.ENAMETOOLONG],
    ["Too many levels of symbolic links", E.ELOOP],
    ["Bad file descriptor", E.EBADF],
    ["Input/output error", E.EIO],
    ["Function not implemented", E.ENOSYS],
    ["Invalid cross-device link", E.EXDEV],
    ["Numerical result out of range", E.ERANGE],
    ["Read-only file system", E.EROFS],
    ["Device or resource busy", E.EBUSY],
    ["Resource temporarily unavailable", E.EAGAIN],
    ["No such device or address", E.ENXIO],
    ["File too large", E.EFBIG],
    ["Text file busy", E.ETXTBSY],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** Finds the errno a command-line tool reported in its stderr, by glibc's strerror text. */
export function errnoFromStderr(stderr: string): string | undefined {
  for (const [text, num] of STRERROR) if (stderr.includes(text)) return errnoName(num);
  return undefined;
}

/** A file type name shared by every view of a file system. */
export type FileType = "file" | "dir" | "symlink" | "fifo" | "socket" | "char" | "block" | "unknown";

/** The file type encoded in a Stats object. */
export function fileType(st: Stats): FileType {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isFIFO()) return "fifo";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "char";
  if (st.isBlockDevice()) return "block";
  return "unknown";
}

/** Permission bits (incl. setuid/setgid/sticky) as a 4-digit octal string, e.g. "0644". */
export function perm(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, "0");
}

/**
 * The parts of a stat result that must agree between two directories: type, permission bits,
 * size (except for directories, whose size is file-system specific), nlink, and whether the
 * owner is this process. Inode, device, times and blocks are left out.
 */
export function normStat(st: Stats): Value {
  const type = fileType(st);
  const out: Record<string, Value> = { type, perm: perm(st.mode), nlink: st.nlink };
  if (type !== "dir") out.size = st.size;
  out.uidIsMine = st.uid === process.getuid?.();
  out.gidIsMine = st.gid === process.getgid?.();
  return out;
}

/** Only type and permission bits, for steps where size and nlink are not the point. */
export function typeAndPerm(st: Stats): Value {
  return { type: fileType(st), perm: perm(st.mode) };
}

/** Size and sha256 of some bytes, so contents are compared without being stored. */
export function digest(data: Uint8Array): Value {
  return { bytes: data.byteLength, sha256: createHash("sha256").update(data).digest("hex").slice(0, 16) };
}

/** Sorted copy of a list of names, so readdir order never matters. */
export function sorted(names: readonly string[]): string[] {
  return [...names].sort();
}

/** Replaces every occurrence of each absolute path in `subs` (longest first) inside strings of `v`. */
export function replacePaths(v: unknown, subs: ReadonlyArray<readonly [string, string]>): Value {
  const ordered = [...subs].sort((a, b) => b[0].length - a[0].length);
  const walk = (x: unknown): Value => {
    if (typeof x === "string") {
      let s = x;
      for (const [from, to] of ordered) s = s.split(from).join(to);
      return s;
    }
    if (x === null || typeof x === "boolean") return x;
    if (typeof x === "number") return Number.isFinite(x) ? x : String(x);
    if (typeof x === "bigint") return x.toString();
    if (x === undefined) return null;
    if (Array.isArray(x)) return x.map(walk);
    if (typeof x === "object") {
      const o: Record<string, Value> = {};
      for (const [k, val] of Object.entries(x)) o[k] = walk(val);
      return o;
    }
    return String(x);
  };
  return walk(v);
}
