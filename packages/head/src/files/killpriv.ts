import type { BigIntStats } from "node:fs";
import { procPath } from "./jail.js";
import { chmod, fstat, fstatNow } from "./sys.js";

/**
 * Killing privileges for guests whose kernel negotiated FUSE_HANDLE_KILLPRIV_V2: it then leaves
 * to the server what it would otherwise do itself before each write, truncate and chown — clear
 * the file's set-id bits (the `killSuidgid` param of fs.write, fs.open, fs.create, fs.setattr).
 *
 * Only the mode bits need doing here. File capabilities (the security.capability xattr) are
 * removed by the head's own kernel whenever the head process writes, truncates or chowns a file
 * that has them (file_remove_privs / notify_change with ATTR_KILL_PRIV, whatever the head's own
 * capabilities), so no xattr call is needed. The set-id bits are not always: a head running as
 * root has CAP_FSETID, so its kernel keeps them on write and truncate.
 */

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_IXGRP = 0o010;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/**
 * The permission bits `mode` should have after a privilege kill, or undefined when nothing
 * changes: S_ISUID is cleared, and S_ISGID when group-execute is set (S_ISGID without it marks
 * mandatory locking and is kept, as the Linux VFS does). Directories are never touched.
 */
export function killedMode(mode: number): number | undefined {
  if ((mode & S_IFMT) === S_IFDIR) return undefined;
  let kill = mode & S_ISUID;
  if ((mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) kill |= S_ISGID;
  return kill === 0 ? undefined : mode & 0o7777 & ~kill;
}

/**
 * Clear the set-id bits of the file open as `fd`, if `st` (its stat after the change, or
 * undefined when none was taken) shows any to clear; returns the file's stat afterwards (`st`
 * itself when nothing changed, so the common case costs no syscall). Best effort: the write or
 * truncate it follows has already happened and must not be reported as failed, so a chmod the
 * head may not do (a file of another user, without CAP_FOWNER) leaves the bits as they are.
 */
export async function killSuidgid(fd: number, st: BigIntStats | undefined): Promise<BigIntStats | undefined> {
  const before = st ?? (await fstat(fd).catch(() => undefined));
  if (before === undefined) return st;
  const mode = killedMode(Number(before.mode));
  if (mode === undefined) return before;
  try {
    await chmod(procPath(fd), mode);
  } catch {
    return before;
  }
  return fstatNow(fd) ?? (await fstat(fd).catch(() => before));
}
