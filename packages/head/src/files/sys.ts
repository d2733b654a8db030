import * as fs from "node:fs";
import type { BigIntStats, StatsFs } from "node:fs";
import { performance } from "node:perf_hooks";
import { SyncBudget } from "./sync-budget.js";

/**
 * The syscalls of the file service, as promises.
 *
 * **Metadata calls run synchronously while they are fast.** An async fs call is a round trip
 * through libuv's threadpool (queue, wake a thread, wake the event loop again): 30-150 µs on a
 * busy 2-CPU machine, while `fstat` of a warm inode takes 1-2 µs and an O_PATH open a few µs.
 * Every FUSE request of a guest costs one or more of these on its critical path, so the file
 * service calls `fstatSync`, `openSync`, `lstatSync`, ... directly. A file system that is slow
 * for metadata (a network file system on the head, a huge unlink) must not stall the head's event
 * loop, though: each synchronous call is timed against a budget (sync-budget.ts), and when slow
 * calls exceed it the service uses the threadpool for a while. Data
 * transfers (read, write, fsync, readdir, statfs) always use the threadpool.
 *
 * `MRC_FS_ASYNC=1` in the head's environment, or {@link setSyncMetadata}(false), turns the
 * synchronous path off.
 *
 * Callback `open` returns a raw fd number that we own outright (unlike fs.promises' FileHandle,
 * which closes itself on garbage collection).
 */

let syncEnabled = process.env.MRC_FS_ASYNC !== "1";
/** The blocking budget of the synchronous path (sync-budget.ts). */
export const syncBudget = new SyncBudget();

/** Enable or disable synchronous metadata calls (tests; MRC_FS_ASYNC=1 disables them). */
export function setSyncMetadata(on: boolean): void {
  syncEnabled = on;
  syncBudget.reset();
}

function useSync(): boolean {
  return syncEnabled && syncBudget.allows();
}

/** True while metadata calls run synchronously (see the file comment). */
export function syncMetadata(): boolean {
  return useSync();
}

/**
 * Run a metadata syscall: synchronously (timed) when allowed, else `viaPool` on the threadpool.
 * Either way the result is a promise, rejected with the same Node error the async call would give.
 */
function meta<T>(sync: () => T, viaPool: () => Promise<T>): Promise<T> {
  if (!useSync()) return viaPool();
  try {
    return Promise.resolve(metaNow(sync));
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

/**
 * Run a metadata syscall on the event loop right now, timed against the budget. Only for callers
 * that checked {@link syncMetadata} just before; errors are thrown as Node throws them.
 */
export function metaNow<T>(sync: () => T): T {
  const t0 = performance.now();
  try {
    return sync();
  } finally {
    syncBudget.charge(performance.now() - t0);
  }
}

const cb = <T>(fn: (done: (err: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));

const BIG = { bigint: true } as const;

/** open(2); the fd is the caller's. */
export function open(path: string, flags: number, mode?: number): Promise<number> {
  return meta(
    () => fs.openSync(path, flags, mode ?? 0o666),
    () => cb<number>((d) => fs.open(path, flags, mode ?? 0o666, d)),
  );
}

/** open(2) on the threadpool always (for files whose open can block: FIFOs, devices). */
export function openPooled(path: string, flags: number, mode?: number): Promise<number> {
  return cb<number>((d) => fs.open(path, flags, mode ?? 0o666, d));
}

/** fstat with nanosecond precision. */
export function fstat(fd: number): Promise<BigIntStats> {
  return meta(
    () => fs.fstatSync(fd, BIG),
    () => cb<BigIntStats>((d) => fs.fstat(fd, BIG, d)),
  );
}

/**
 * fstat right now, on the event loop, or undefined when synchronous calls are off (then the
 * caller does without). For states that must be taken in the same tick as the event they follow.
 */
export function fstatNow(fd: number): BigIntStats | undefined {
  if (!useSync()) return undefined;
  try {
    return metaNow(() => fs.fstatSync(fd, BIG));
  } catch {
    return undefined;
  }
}

/** lstat with nanosecond precision. */
export function lstat(path: string): Promise<BigIntStats> {
  return meta(
    () => fs.lstatSync(path, BIG),
    () => cb<BigIntStats>((d) => fs.lstat(path, BIG, d)),
  );
}

/** lstat, or null if nothing is there (ENOENT, no error object built on the synchronous path). */
export function lstatOrNull(path: string): Promise<BigIntStats | null> {
  if (!useSync()) return lstat(path).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? null : Promise.reject(err)));
  return meta(
    () => fs.lstatSync(path, { bigint: true, throwIfNoEntry: false }) ?? null,
    () => Promise.resolve(null),
  );
}

/** Close an fd, ignoring errors (used on failure paths and for released descriptors). */
export function closeQuietly(fd: number): void {
  if (useSync()) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed or EIO on close: nothing to do
    }
    return;
  }
  fs.close(fd, () => undefined);
}

export function mkdir(path: string, mode: number): Promise<void> {
  return meta(
    () => void fs.mkdirSync(path, mode),
    () => cb<void>((d) => fs.mkdir(path, mode, (e) => d(e))),
  );
}

export function symlink(target: string, path: string): Promise<void> {
  return meta(
    () => fs.symlinkSync(target, path),
    () => cb<void>((d) => fs.symlink(target, path, d)),
  );
}

export function link(from: string, to: string): Promise<void> {
  return meta(
    () => fs.linkSync(from, to),
    () => cb<void>((d) => fs.link(from, to, d)),
  );
}

export function unlink(path: string): Promise<void> {
  return meta(
    () => fs.unlinkSync(path),
    () => cb<void>((d) => fs.unlink(path, d)),
  );
}

export function rmdir(path: string): Promise<void> {
  return meta(
    () => fs.rmdirSync(path),
    () => cb<void>((d) => fs.rmdir(path, d)),
  );
}

export function rename(from: string, to: string): Promise<void> {
  return meta(
    () => fs.renameSync(from, to),
    () => cb<void>((d) => fs.rename(from, to, d)),
  );
}

export function chmod(path: string, mode: number): Promise<void> {
  return meta(
    () => fs.chmodSync(path, mode),
    () => cb<void>((d) => fs.chmod(path, mode, d)),
  );
}

export function chown(path: string, uid: number, gid: number): Promise<void> {
  return meta(
    () => fs.chownSync(path, uid, gid),
    () => cb<void>((d) => fs.chown(path, uid, gid, d)),
  );
}

export function lchown(path: string, uid: number, gid: number): Promise<void> {
  return meta(
    () => fs.lchownSync(path, uid, gid),
    () => cb<void>((d) => fs.lchown(path, uid, gid, d)),
  );
}

export function utimes(path: string, atime: number, mtime: number): Promise<void> {
  return meta(
    () => fs.utimesSync(path, atime, mtime),
    () => cb<void>((d) => fs.utimes(path, atime, mtime, d)),
  );
}

export function lutimes(path: string, atime: number, mtime: number): Promise<void> {
  return meta(
    () => fs.lutimesSync(path, atime, mtime),
    () => cb<void>((d) => fs.lutimes(path, atime, mtime, d)),
  );
}

export function readlink(path: string): Promise<string> {
  return meta(
    () => fs.readlinkSync(path, { encoding: "utf8" }),
    () => cb<string>((d) => fs.readlink(path, { encoding: "utf8" }, d)),
  );
}

export function access(path: string, mode: number): Promise<void> {
  return meta(
    () => fs.accessSync(path, mode),
    () => cb<void>((d) => fs.access(path, mode, d)),
  );
}

/** truncate by path: can free many blocks, so always on the threadpool. */
export function truncate(path: string, size: number): Promise<void> {
  return cb<void>((d) => fs.truncate(path, size, d));
}

/** statfs (rare; on the threadpool). */
export function statfs(path: string): Promise<StatsFs> {
  return fs.promises.statfs(path);
}

/**
 * A small positional read (a few pages, e.g. a whole small file for an open's prefetch): run
 * like a metadata call, synchronously while the file system is fast.
 */
export function preadSmall(fd: number, size: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(size);
  return meta(
    () => buf.subarray(0, fs.readSync(fd, buf, 0, size, position)),
    () => pread(fd, size, position),
  );
}

/** Positional read into `into` (at least `size` bytes) or a fresh buffer; returns the filled part. */
export function pread(fd: number, size: number, position: number, into?: Buffer): Promise<Buffer> {
  const buf = into ?? Buffer.allocUnsafe(size);
  return new Promise((resolve, reject) => {
    fs.read(fd, buf, 0, size, position, (err, n) => (err ? reject(err) : resolve(buf.subarray(0, n))));
  });
}

/** Writes up to this many bytes are made like metadata calls (see {@link pwriteSmall}). */
export const SMALL_WRITE = 64 * 1024;

/**
 * Positional write of a whole buffer, synchronously (timed, within the same budget as metadata
 * calls) when it is at most {@link SMALL_WRITE} bytes: a write into the page cache takes a few
 * µs, a threadpool round trip 30-150 µs, and a guest's small writes (an editor's save, a
 * compiler's object file, every `close` of a freshly written file) wait for it. Larger writes,
 * and all writes while synchronous calls are off, go to the threadpool.
 */
export function pwriteSmall(fd: number, data: Uint8Array, position: number | null): Promise<number> {
  if (data.length > SMALL_WRITE) return pwriteAll(fd, data, position);
  return meta(
    () => {
      let done = 0;
      while (done < data.length) {
        const n = fs.writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
    () => pwriteAll(fd, data, position),
  );
}

/** Positional write of a whole buffer (loops over short writes); returns bytes written. */
export async function pwriteAll(fd: number, data: Uint8Array, position: number | null): Promise<number> {
  let done = 0;
  while (done < data.length) {
    const n = await new Promise<number>((resolve, reject) => {
      fs.write(fd, data, done, data.length - done, position === null ? null : position + done, (err, w) =>
        err ? reject(err) : resolve(w),
      );
    });
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** ftruncate. */
export function ftruncate(fd: number, size: number): Promise<void> {
  return new Promise((resolve, reject) => fs.ftruncate(fd, size, (err) => (err ? reject(err) : resolve())));
}

/** fsync or fdatasync. */
export function sync(fd: number, datasync: boolean): Promise<void> {
  return new Promise((resolve, reject) =>
    (datasync ? fs.fdatasync : fs.fsync)(fd, (err) => (err ? reject(err) : resolve())),
  );
}
