import type { FileLock } from "@mrc/protocol";
import type { Core } from "./core.js";
import { fsError, mapErrors } from "./errors.js";
import { posixOwner } from "./ops-io.js";
import { F_RDLCK, F_WRLCK } from "./constants.js";
import type { OpContext } from "./origin.js";
import type { FileHandle } from "./handles.js";

/** Lock operations: getlk and setlk (POSIX and flock), arbitrated by the head's LockManager. */

function checkMode(h: FileHandle, type: number): void {
  // As fcntl(2): a read lock needs a readable fd, a write lock a writable one.
  if ((type === F_RDLCK && !h.readable) || (type === F_WRLCK && !h.writable)) {
    throw fsError("EBADF", "lock type does not match the open mode");
  }
}

/** getlk: the conflicting lock, or the request with type F_UNLCK. */
export function getlk(core: Core, p: { fh: number; owner: string; lock: FileLock }): Promise<FileLock> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    return core.locks.getlk(h.node.inodeKey, posixOwner(h, String(p.owner)), p.lock);
  });
}

/** setlk / setlkw; flock locks belong to the open file handle, POSIX locks to the owner. */
export function setlk(
  core: Core,
  p: { fh: number; owner: string; lock: FileLock; wait: boolean; flock: boolean },
  ctx?: OpContext,
): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.file(p.fh);
    const key = h.node.inodeKey;
    if (p.flock) return core.locks.flock(key, `fh${h.id}`, p.lock.type, p.wait, ctx?.signal);
    checkMode(h, p.lock.type);
    return core.locks.setlk(key, posixOwner(h, String(p.owner)), p.lock, p.wait, ctx?.signal);
  });
}
