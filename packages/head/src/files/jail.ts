import { openSync, fstatSync, type BigIntStats } from "node:fs";
import { O_DIRECTORY, O_NOFOLLOW, O_PATH } from "./constants.js";
import { checkName } from "./names.js";
import { open, fstat, closeQuietly, lstatOrNull } from "./sys.js";

/**
 * Path resolution confined to the exports.
 *
 * The head never resolves a multi-component path inside an export. It holds an O_PATH fd per
 * known node and reaches a child as `/proc/self/fd/<parentFd>/<name>`: the kernel jumps to the
 * pinned directory (the magic link is bound to the open file, not to a path that can be
 * swapped), then resolves exactly one validated component. That component is never followed if
 * it is a symlink (O_NOFOLLOW on open; l*-style syscalls otherwise), so no symlink and no `..`
 * can lead out, whatever other processes do to the tree meanwhile.
 */

/** The magic path of an fd: operations on it act on the open inode itself. */
export function procPath(fd: number): string {
  return `/proc/self/fd/${fd}`;
}

/** The magic path of one validated name inside the directory pinned by `parentFd`. */
export function childPath(parentFd: number, name: string): string {
  return `/proc/self/fd/${parentFd}/${checkName(name)}`;
}

/** Open an O_PATH|O_NOFOLLOW fd on `name` inside `parentFd`, and stat it (ns precision). */
export async function openChild(parentFd: number, name: string): Promise<{ fd: number; st: BigIntStats }> {
  const fd = await open(childPath(parentFd, name), O_PATH | O_NOFOLLOW);
  try {
    return { fd, st: await fstat(fd) };
  } catch (err) {
    closeQuietly(fd);
    throw err;
  }
}

/**
 * Like {@link openChild}, but null when the name does not exist (checked with an lstat first:
 * a missing name is the common answer to a lookup, and a failed open costs an error object).
 */
export async function openChildIfExists(parentFd: number, name: string): Promise<{ fd: number; st: BigIntStats } | null> {
  if ((await lstatOrNull(childPath(parentFd, name))) === null) return null;
  return openChild(parentFd, name);
}

/** Open an export root (a trusted, admin-given path) as an O_PATH directory fd. */
export function openExportRoot(path: string): { fd: number; st: BigIntStats } {
  const fd = openSync(path, O_PATH | O_DIRECTORY);
  return { fd, st: fstatSync(fd, { bigint: true }) };
}
