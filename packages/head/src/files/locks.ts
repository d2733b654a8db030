import type { FileLock } from "@mrc/protocol";
import { fsError } from "./errors.js";
import { F_RDLCK, F_UNLCK, F_WRLCK } from "./constants.js";

interface Range {
  owner: string;
  type: number;
  start: number;
  /** Inclusive; Infinity means "to end of file and beyond". */
  end: number;
  pid: number;
}

interface Waiter extends Range {
  flock: boolean;
  grant: () => void;
}

class InodeLocks {
  posix: Range[] = [];
  /** flock locks: owner (an open file handle) → range covering everything. */
  flock = new Map<string, Range>();
  waiters: Waiter[] = [];
  get empty(): boolean {
    return this.posix.length === 0 && this.flock.size === 0 && this.waiters.length === 0;
  }
}

function overlaps(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function conflicts(a: Range, b: Range): boolean {
  return a.owner !== b.owner && overlaps(a, b) && (a.type === F_WRLCK || b.type === F_WRLCK);
}

function toRange(owner: string, lock: FileLock): Range {
  const { start, end, type, pid } = lock;
  if (!Number.isSafeInteger(start) || start < 0) throw fsError("EINVAL", "bad lock start");
  if (!Number.isSafeInteger(end) || (end !== -1 && end < start)) throw fsError("EINVAL", "bad lock end");
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) throw fsError("EINVAL", "bad lock type");
  return { owner, type, start, end: end === -1 ? Infinity : end, pid: Number.isSafeInteger(pid) ? pid : 0 };
}

function toLock(r: Range): FileLock {
  return { start: r.start, end: r.end === Infinity ? -1 : r.end, type: r.type, pid: r.pid };
}

/**
 * The head's lock manager: POSIX byte-range locks (per owner, split and merged like Linux)
 * and flock locks (per open file handle), per inode. All mrc guests lock here, so jobs on
 * different targets exclude each other. Processes on the head that lock the real files with
 * fcntl/flock are not seen (see docs/files.md).
 */
export class LockManager {
  readonly #inodes = new Map<string, InodeLocks>();

  #get(key: string): InodeLocks {
    let s = this.#inodes.get(key);
    if (s === undefined) {
      s = new InodeLocks();
      this.#inodes.set(key, s);
    }
    return s;
  }

  #tidy(key: string): void {
    if (this.#inodes.get(key)?.empty) this.#inodes.delete(key);
  }

  /** F_GETLK: the first lock of another owner that conflicts with `lock`, or one of type F_UNLCK. */
  getlk(key: string, owner: string, lock: FileLock): FileLock {
    const want = toRange(owner, lock);
    if (want.type === F_UNLCK) throw fsError("EINVAL", "F_GETLK with F_UNLCK");
    const hit = this.#inodes.get(key)?.posix.find((h) => conflicts(h, want));
    return hit ? toLock(hit) : { ...lock, type: F_UNLCK };
  }

  /** F_SETLK / F_SETLKW for POSIX locks. Rejects with EAGAIN (no wait) or EINTR (aborted). */
  setlk(key: string, owner: string, lock: FileLock, wait: boolean, signal?: AbortSignal): Promise<void> {
    const want = toRange(owner, lock);
    const s = this.#get(key);
    if (want.type === F_UNLCK) {
      applyPosix(s, want);
      this.#wake(key, s);
      this.#tidy(key);
      return Promise.resolve();
    }
    return this.#acquire(key, s, { ...want, flock: false, grant: () => applyPosix(s, want) }, wait, signal);
  }

  /** flock(2) for the handle `owner`: type F_RDLCK shared, F_WRLCK exclusive, F_UNLCK unlock. */
  flock(key: string, owner: string, type: number, wait: boolean, signal?: AbortSignal): Promise<void> {
    const want = toRange(owner, { start: 0, end: -1, type, pid: 0 });
    const s = this.#get(key);
    // Like Linux, a conversion first drops the old lock (it is not atomic), then waits.
    s.flock.delete(owner);
    this.#wake(key, s);
    if (want.type === F_UNLCK) {
      this.#tidy(key);
      return Promise.resolve();
    }
    return this.#acquire(key, s, { ...want, flock: true, grant: () => void s.flock.set(owner, want) }, wait, signal);
  }

  #blocked(s: InodeLocks, w: Waiter): boolean {
    if (w.flock) {
      for (const h of s.flock.values()) if (conflicts(h, w)) return true;
      return false;
    }
    return s.posix.some((h) => conflicts(h, w));
  }

  #acquire(key: string, s: InodeLocks, w: Waiter, wait: boolean, signal?: AbortSignal): Promise<void> {
    if (!this.#blocked(s, w)) {
      w.grant();
      this.#wake(key, s); // a downgrade may unblock others
      return Promise.resolve();
    }
    if (!wait) {
      this.#tidy(key);
      return Promise.reject(fsError("EAGAIN", "lock held by another owner"));
    }
    if (signal?.aborted) {
      this.#tidy(key);
      return Promise.reject(fsError("EINTR", "lock wait aborted"));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = s.waiters.indexOf(w);
        if (i >= 0) s.waiters.splice(i, 1);
        this.#tidy(key);
        reject(fsError("EINTR", "lock wait aborted"));
      };
      const grant = w.grant;
      w.grant = () => {
        signal?.removeEventListener("abort", onAbort);
        grant();
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      s.waiters.push(w);
    });
  }

  /** Grant, in queue order, every waiter that no longer conflicts. */
  #wake(key: string, s: InodeLocks): void {
    for (let i = 0; i < s.waiters.length; ) {
      const w = s.waiters[i]!;
      if (this.#blocked(s, w)) {
        i++;
        continue;
      }
      s.waiters.splice(i, 1);
      w.grant();
    }
  }

  /** Drop every POSIX lock of `owner` on the inode (close/flush by that owner). */
  releaseOwner(key: string, owner: string): void {
    const s = this.#inodes.get(key);
    if (s === undefined) return;
    const before = s.posix.length;
    s.posix = s.posix.filter((h) => h.owner !== owner);
    if (s.posix.length !== before) this.#wake(key, s);
    this.#tidy(key);
  }

  /** Drop the POSIX locks of every owner whose key starts with `prefix` (a vanished link). */
  releaseOwnerPrefix(key: string, prefix: string): void {
    const s = this.#inodes.get(key);
    if (s === undefined) return;
    const before = s.posix.length;
    s.posix = s.posix.filter((h) => !h.owner.startsWith(prefix));
    if (s.posix.length !== before) this.#wake(key, s);
    this.#tidy(key);
  }

  /** Drop the flock lock held through the handle `owner`. */
  releaseFlock(key: string, owner: string): void {
    const s = this.#inodes.get(key);
    if (s?.flock.delete(owner)) this.#wake(key, s);
    this.#tidy(key);
  }

  /** The POSIX locks held on an inode (for tests and debugging). */
  held(key: string): FileLock[] {
    return (this.#inodes.get(key)?.posix ?? []).map(toLock);
  }
}

/** Set [start, end] of `want.owner` to `want.type` (F_UNLCK removes), splitting and merging. */
function applyPosix(s: InodeLocks, want: Range): void {
  const out: Range[] = [];
  for (const h of s.posix) {
    if (h.owner !== want.owner || !overlaps(h, want)) {
      out.push(h);
      continue;
    }
    if (h.start < want.start) out.push({ ...h, end: want.start - 1 });
    if (h.end > want.end) out.push({ ...h, start: want.end + 1 });
  }
  if (want.type !== F_UNLCK) out.push({ ...want });
  // Merge the owner's adjacent or overlapping ranges of the same type, as Linux does.
  const mine = out.filter((h) => h.owner === want.owner).sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const h of mine) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.type === h.type && h.start <= last.end + 1) {
      last.end = Math.max(last.end, h.end);
    } else merged.push({ ...h });
  }
  s.posix = [...out.filter((h) => h.owner !== want.owner), ...merged];
}
