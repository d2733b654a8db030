import { openSync, fstatSync, lstatSync, readlinkSync, type BigIntStats } from "node:fs";
import { O_DIRECTORY, O_NOFOLLOW, O_PATH } from "./constants.js";
import { checkName } from "./names.js";
import { open, fstat, closeQuietly, lstatOrNull, metaNow } from "./sys.js";

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

/**
 * `/proc/<our pid>/fd/`, or `/proc/self/fd/` when /proc does not show our own pid (a /proc of
 * another pid namespace). The same directory either way; naming the pid spares the kernel the
 * `self` symlink on every path (about a quarter of a lookup's path walk).
 */
const FD_DIR = ((): string => {
  try {
    if (readlinkSync("/proc/self") === String(process.pid)) return `/proc/${process.pid}/fd/`;
  } catch {
    // no /proc/self link: use it as it is (a failure will show on first use)
  }
  return "/proc/self/fd/";
})();

/** The magic path of an fd: operations on it act on the open inode itself. */
export function procPath(fd: number): string {
  return FD_DIR + fd;
}

/** The magic path of one validated name inside the directory pinned by `parentFd`. */
export function childPath(parentFd: number, name: string): string {
  return `${FD_DIR}${parentFd}/${checkName(name)}`;
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
 * What a lookup needs of `name` inside `parentFd`: its stat, and for a directory an O_PATH fd
 * (nodes of other types hold none, see nodes.ts). Null when nothing is there. One lstat for a
 * file; for a directory also the open (whose own fstat wins: the name may have changed between).
 */
export async function probeChild(parentFd: number, name: string): Promise<{ fd: number | null; st: BigIntStats } | null> {
  const st = await lstatOrNull(childPath(parentFd, name));
  if (st === null || !st.isDirectory()) return st === null ? null : { fd: null, st };
  const found = await openChild(parentFd, name).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? null : Promise.reject(err)));
  if (found === null) return null;
  if (found.st.isDirectory()) return found;
  closeQuietly(found.fd);
  return { fd: null, st: found.st };
}

/**
 * {@link probeChild} on the event loop, without a promise: for a caller that checked
 * `syncMetadata()` right before (a readdirplus batch probes its names one after the other this
 * way). Throws what probeChild rejects with.
 */
export function probeChildNow(parentFd: number, name: string): { fd: number | null; st: BigIntStats } | null {
  const path = childPath(parentFd, name);
  const st = lstatNow(path);
  if (st === undefined || !st.isDirectory()) return st === undefined ? null : { fd: null, st };
  let fd: number;
  try {
    fd = metaNow(() => openSync(path, O_PATH | O_NOFOLLOW));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let st2: BigIntStats;
  try {
    st2 = metaNow(() => fstatSync(fd, { bigint: true }));
  } catch (err) {
    closeQuietly(fd);
    throw err;
  }
  if (st2.isDirectory()) return { fd, st: st2 };
  closeQuietly(fd);
  return { fd: null, st: st2 };
}

/**
 * The inode number of `name` in the pinned directory `parentFd`, on the event loop (an lstat,
 * never following), or null if nothing is there. Only for callers that checked syncMetadata().
 */
export function childInoNow(parentFd: number, name: string): number | null {
  const st = lstatNow(childPath(parentFd, name));
  return st === undefined ? null : Number(st.ino);
}

/** lstat on the event loop, timed against the blocking budget; undefined if nothing is there. */
function lstatNow(path: string): BigIntStats | undefined {
  return metaNow(() => lstatSync(path, { bigint: true, throwIfNoEntry: false }));
}

/** Open an export root (a trusted, admin-given path) as an O_PATH directory fd. */
export function openExportRoot(path: string): { fd: number; st: BigIntStats } {
  const fd = openSync(path, O_PATH | O_DIRECTORY);
  return { fd, st: fstatSync(fd, { bigint: true }) };
}
