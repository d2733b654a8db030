import type { BigIntStats } from "node:fs";
import type { Attr, SetAttrIn, SetTime, StatfsOut } from "@mrc/protocol";
import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import { fsError, mapErrors } from "./errors.js";
import { childPath, procPath } from "./jail.js";
import { rootAttr, toAttr } from "./attr.js";
import { access as accessCall, chmod, chown, fstat, ftruncate, lchown, lstat, lutimes, readlink as readlinkCall, statfs as statfsCall, truncate, utimes } from "./sys.js";
import { lstatChild } from "./ops-names.js";
import { killSuidgid } from "./killpriv.js";
import { NAME_MAX } from "./constants.js";
import type { OpContext } from "./origin.js";

/** Attribute operations: getattr, setattr, readlink, access, statfs. */

/** Current stat of a node (see FsNode.stat). */
export function statNode(node: FsNode): Promise<BigIntStats> {
  return node.stat();
}

/** getattr, preferring the open handle when one is given (works for unlinked files). */
export function getattr(core: Core, p: { node: number; fh?: number }): Promise<Attr> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (node.isVirtualRoot) return rootAttr(core.exports.length, core.born);
    if (p.fh !== undefined) {
      const h = core.handles.file(p.fh);
      if (h.node === node) return toAttr(await h.ref.use((fd) => fstat(fd)));
    }
    return toAttr(await statNode(node));
  });
}

/**
 * A symlink has no fd-based l*-calls in Node, so it is addressed as (pinned parent, name),
 * after checking that the name still holds this inode. The call never follows the link.
 */
async function symlinkPath<T>(core: Core, node: FsNode, fn: (path: string) => Promise<T>): Promise<T> {
  const parent = core.table.peek(node.parent);
  if (parent === undefined) throw fsError("ESTALE", "symlink's directory no longer known");
  const st = await lstatChild(parent, node.name).catch(() => null);
  if (st === null || st.ino !== node.ino || st.dev !== node.dev) throw fsError("ESTALE", "symlink renamed on the head");
  return parent.use((pfd) => fn(childPath(pfd, node.name)));
}

/** Seconds (as a double, as Node's utimes takes them) for a SetTime, or the current value. */
function timeArg(t: SetTime | undefined, currentNs: bigint): number {
  if (t === undefined) return Number(currentNs) / 1e9;
  if (t === "now") return Date.now() / 1000;
  if (!Number.isSafeInteger(t.sec) || !Number.isInteger(t.nsec) || t.nsec < 0 || t.nsec > 999_999_999) {
    throw fsError("EINVAL", "bad time");
  }
  return t.sec + t.nsec / 1e9;
}

/**
 * setattr: ownership first (it clears set-id bits), then mode, size, and times last (a
 * truncate changes mtime). Each step is one syscall; a failure leaves earlier steps applied.
 * `killSuidgid` (a truncate by a caller without CAP_FSETID, or a chown) then clears the set-id
 * bits the final stat still shows (killpriv.ts; a chmod only when there are any).
 */
export function setattr(core: Core, p: SetAttrIn, ctx?: OpContext): Promise<Attr> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    core.checkWritable(node);
    const h = p.fh !== undefined ? core.handles.file(p.fh) : undefined;
    if (node.isSymlink) {
      if (p.mode !== undefined) throw fsError("EOPNOTSUPP", "chmod of a symlink");
      if (p.size !== undefined) throw fsError("EINVAL", "truncate of a symlink");
    }
    if (p.size !== undefined) {
      if (!Number.isSafeInteger(p.size) || p.size < 0) throw fsError("EINVAL", "bad size");
      if (node.isDir) throw fsError("EISDIR", "truncate of a directory");
    }
    // The open handle, when the call names one, reaches the inode even if it was unlinked.
    const viaFd = <T>(fn: (fd: number) => Promise<T>): Promise<T> => (h !== undefined && h.node === node ? h.ref.use(fn) : node.use(fn));
    const onPath = <T>(fn: (path: string, follows: boolean) => Promise<T>): Promise<T> =>
      node.isSymlink ? symlinkPath(core, node, (path) => fn(path, false)) : viaFd((fd) => fn(procPath(fd), true));

    if (p.uid !== undefined || p.gid !== undefined) {
      const uid = p.uid ?? -1;
      const gid = p.gid ?? -1;
      await onPath((path, follows) => (follows ? chown(path, uid, gid) : lchown(path, uid, gid)));
    }
    if (p.mode !== undefined) {
      const mode = p.mode & 0o7777;
      await onPath((path) => chmod(path, mode));
    }
    if (p.size !== undefined) {
      const size = p.size;
      if (h !== undefined) await h.ref.use((fd) => ftruncate(fd, size));
      else {
        // truncate(2) breaks a lease: take delegations back first (see delegations.ts).
        const done = await core.delegations.beforeWrite(node);
        try {
          await viaFd((fd) => truncate(procPath(fd), size));
        } finally {
          done();
        }
      }
      node.writes++;
    }
    if (p.atime !== undefined || p.mtime !== undefined) {
      const { atime, mtime } = p;
      const cur = node.isSymlink ? null : await viaFd((fd) => fstat(fd));
      await onPath(async (path, follows) => {
        const st = cur ?? (await lstat(path));
        const a = timeArg(atime, st.atimeNs);
        const m = timeArg(mtime, st.mtimeNs);
        return follows ? utimes(path, a, m) : lutimes(path, a, m);
      });
    }
    let st = await viaFd((fd) => fstat(fd));
    if (p.killSuidgid === true && !node.isSymlink) {
      const now = st;
      st = (await viaFd((fd) => killSuidgid(fd, now))) ?? now;
    }
    core.inodeChanged(node, ctx?.origin, 0, -1, st);
    return toAttr(st);
  });
}

/** readlink: the link text, unchanged. */
export function readlink(core: Core, p: { node: number }): Promise<string> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (!node.isSymlink) throw fsError("EINVAL", "not a symlink");
    return symlinkPath(core, node, (path) => readlinkCall(path));
  });
}

/** access(F_OK/R_OK/W_OK/X_OK), checked as the head process; W_OK on read-only exports → EROFS. */
export function access(core: Core, p: { node: number; mask: number }): Promise<void> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const mask = p.mask & 7;
    if (node.isVirtualRoot) {
      if (mask & 2) throw fsError("EROFS", "virtual root is read-only");
      return;
    }
    if (mask & 2 && !node.isSymlink) core.checkWritable(node);
    if (node.isSymlink) {
      await statNode(node); // existence; symlink permissions are always rwx
      return;
    }
    await node.use((fd) => accessCall(procPath(fd), mask));
  });
}

/** statfs of the export holding `node` (zeros for the virtual root). */
export function statfs(core: Core, p: { node: number }): Promise<StatfsOut> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    if (node.isVirtualRoot) {
      return { blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, bsize: 4096, namelen: NAME_MAX, frsize: 4096 };
    }
    const s = await node.use((fd) => statfsCall(procPath(fd)));
    return {
      blocks: Number(s.blocks),
      bfree: Number(s.bfree),
      bavail: Number(s.bavail),
      files: Number(s.files),
      ffree: Number(s.ffree),
      bsize: Number(s.bsize),
      namelen: NAME_MAX,
      frsize: Number(s.bsize),
    };
  });
}
