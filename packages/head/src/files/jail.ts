import { openSync, fstatSync, type BigIntStats } from "node:fs";
import { O_DIRECTORY, O_NOFOLLOW, O_PATH } from "./constants.js";
import { checkName } from "./names.js";
import { open, fstat, closeQuietly } from "./sys.js";

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

/** A new O_PATH fd on the very inode an open fd refers to (no name lookup involved). */
export async function pathFdOf(fd: number): Promise<{ fd: number; st: BigIntStats }> {
  const pfd = await open(procPath(fd), O_PATH);
  try {
    return { fd: pfd, st: await fstat(pfd) };
  } catch (err) {
    closeQuietly(pfd);
    throw err;
  }
}

/** Open an export root (a trusted, admin-given path) as an O_PATH directory fd. */
export function openExportRoot(path: string): { fd: number; st: BigIntStats } {
  const fd = openSync(path, O_PATH | O_DIRECTORY);
  return { fd, st: fstatSync(fd, { bigint: true }) };
}
