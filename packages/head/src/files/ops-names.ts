import type { BigIntStats } from "node:fs";
import type { DirAttrs, Entry, LookupIn } from "@mrc/protocol";
import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import { fsError, mapErrors } from "./errors.js";
import { childPath, openChild, probeChild } from "./jail.js";
import { checkName } from "./names.js";
import { closeQuietly, fstat, link as linkCall, lstat, mkdir as mkdirCall, open, rename as renameCall, rmdir as rmdirCall, symlink as symlinkCall, unlink as unlinkCall } from "./sys.js";
import { childSyscall, syscallNumbers } from "./helper.js";
import {
  O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY, PATH_MAX, RENAME_EXCHANGE, RENAME_NOREPLACE,
  S_IFIFO, S_IFMT, S_IFREG,
} from "./constants.js";
import { originKey, type OpContext } from "./origin.js";
import { fingerprint, toAttr } from "./attr.js";

/** Name operations: lookup, forget, mkdir, mknod, symlink, link, unlink, rmdir, rename. */

/** lookup: the node for `name` in `parent`, counting one lookup. */
export function lookup(core: Core, p: LookupIn, ctx?: OpContext): Promise<Entry> {
  return mapErrors(async () => {
    if (p.negative === true) {
      const r = await lookupOrNull(core, p.parent, p.name, ctx);
      return r ?? core.negativeEntry();
    }
    const parent = core.dirNode(p.parent);
    const name = checkName(p.name);
    const origin = originKey(ctx?.origin);
    if (parent.isVirtualRoot) {
      const ex = /^(0|[1-9][0-9]*)$/.test(name) ? core.exports[Number(name)] : undefined;
      if (ex === undefined) throw fsError("ENOENT", `no export ${name}`);
      const st = await ex.root.use((fd) => fstat(fd));
      return core.entry(ex.root, st, origin);
    }
    return lookupIn(core, parent, name, origin);
  });
}

/** lookup, null when the name does not exist (no error object built for the common miss). */
async function lookupOrNull(core: Core, parentId: number, rawName: string, ctx?: OpContext): Promise<Entry | null> {
  const parent = core.dirNode(parentId);
  const name = checkName(rawName);
  if (parent.isVirtualRoot) return lookup(core, { parent: parentId, name }, ctx).catch((err: { errno?: string }) => (err.errno === "ENOENT" ? null : Promise.reject(err)));
  const found = await parent.use((pfd) => probeChild(pfd, name));
  return found === null ? null : enterChild(core, parent, name, found, originKey(ctx?.origin));
}

/** The node for a child just found (a directory with its O_PATH fd), counting one lookup. */
export function enterChild(core: Core, parent: FsNode, name: string, found: { fd: number | null; st: BigIntStats }, origin: string): Entry {
  const node = core.table.intern(parent.exportIndex, found.fd, found.st, parent.id, name);
  return core.entry(node, found.st, origin);
}

/** Find `name` inside `parent` (one component, no symlink following) and count a lookup; null if it is not there. */
export async function lookupInOrNull(core: Core, parent: FsNode, name: string, origin: string): Promise<Entry | null> {
  const found = await parent.use((pfd) => probeChild(pfd, name));
  return found === null ? null : enterChild(core, parent, name, found, origin);
}

/** Find `name` inside `parent` (one component, no symlink following) and count a lookup. */
export async function lookupIn(core: Core, parent: FsNode, name: string, origin: string): Promise<Entry> {
  const e = await lookupInOrNull(core, parent, name, origin);
  if (e === null) throw fsError("ENOENT", "no such name");
  return e;
}

/** forget: drop lookups; never fails. */
export function forget(core: Core, p: { items: Array<[number, number]> }, ctx?: OpContext): Promise<void> {
  const origin = originKey(ctx?.origin);
  for (const item of Array.isArray(p.items) ? p.items : []) {
    if (Array.isArray(item)) core.table.forget(Number(item[0]), Number(item[1]), origin);
  }
  return Promise.resolve();
}

/** The writable directory `parent` and a validated name, for creating operations. */
function target(core: Core, parentId: number, name: string): { parent: FsNode; name: string } {
  const parent = core.dirNode(parentId);
  checkName(name);
  core.checkWritable(parent);
  return { parent, name };
}

/** The stat of a directory right after the service changed it (for DirAttrs and echo suppression). */
export function dirStat(dir: FsNode): Promise<BigIntStats> {
  return dir.use((fd) => fstat(fd));
}

/** After creating `name`: look it up, fix the mode the head's umask spoiled, report the change. */
async function created(core: Core, parent: FsNode, name: string, wanted: number | null, ctx?: OpContext): Promise<Entry & DirAttrs> {
  const origin = originKey(ctx?.origin);
  const { fd, st: st0 } = await parent.use((pfd) => openChild(pfd, name));
  let st: BigIntStats = st0;
  if (wanted !== null && !st0.isSymbolicLink()) {
    try {
      st = await core.fixMode(fd, st0, wanted);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
  }
  const node = core.table.intern(parent.exportIndex, fd, st, parent.id, name);
  node.ownFp = fingerprint(st); // the watcher's echo of this creation is ours
  const pst = await dirStat(parent).catch(() => undefined);
  core.entryChanged(parent, name, ctx?.origin, pst);
  const e: Entry & DirAttrs = core.entry(node, st, origin);
  if (pst !== undefined) e.parentAttr = toAttr(pst);
  return e;
}

/** mkdir with mode & ~umask. */
export function mkdir(core: Core, p: { parent: number; name: string; mode: number; umask: number }, ctx?: OpContext): Promise<Entry & DirAttrs> {
  return mapErrors(async () => {
    const { parent, name } = target(core, p.parent, p.name);
    const wanted = p.mode & ~p.umask & 0o1777; // mkdir ignores set-id bits in mode
    await parent.use((pfd) => mkdirCall(childPath(pfd, name), wanted));
    return created(core, parent, name, wanted, ctx);
  });
}

/** mknod: regular files, FIFOs and sockets; device nodes are refused with EPERM. */
export function mknod(
  core: Core,
  p: { parent: number; name: string; mode: number; rdev: number; umask: number },
  ctx?: OpContext,
): Promise<Entry & DirAttrs> {
  return mapErrors(async () => {
    const { parent, name } = target(core, p.parent, p.name);
    const type = p.mode & S_IFMT;
    const wanted = p.mode & ~p.umask & 0o7777;
    if (type === 0 || type === S_IFREG) {
      await parent.use(async (pfd) => {
        const fd = await open(childPath(pfd, name), O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY, wanted);
        closeQuietly(fd);
      });
    } else if (type === S_IFIFO || type === 0o140000 /* S_IFSOCK */) {
      if (syscallNumbers === undefined) throw fsError("ENOSYS", "mknod of FIFOs unsupported on this CPU");
      const nr = syscallNumbers.mknodat;
      await parent.use((pfd) => childSyscall([pfd], [nr, 3, name, type | wanted, 0]));
    } else {
      throw fsError("EPERM", "device nodes cannot be created in an export");
    }
    return created(core, parent, name, wanted, ctx);
  });
}

/** symlink: the text is stored unchanged (the guest's kernel resolves it in its own view). */
export function symlink(core: Core, p: { parent: number; name: string; target: string }, ctx?: OpContext): Promise<Entry & DirAttrs> {
  return mapErrors(async () => {
    const { parent, name } = target(core, p.parent, p.name);
    if (typeof p.target !== "string" || p.target === "") throw fsError("ENOENT", "empty symlink target");
    if (p.target.includes("\0")) throw fsError("EINVAL", "NUL in symlink target");
    if (Buffer.byteLength(p.target) >= PATH_MAX) throw fsError("ENAMETOOLONG", "symlink target too long");
    await parent.use((pfd) => symlinkCall(p.target, childPath(pfd, name)));
    return created(core, parent, name, null, ctx);
  });
}

/** lstat of one name in a pinned directory (never follows). */
export function lstatChild(parent: FsNode, name: string): Promise<BigIntStats> {
  return parent.use((pfd) => lstat(childPath(pfd, name)));
}

/**
 * link: Linux has no fd-based link without CAP_DAC_READ_SEARCH semantics Node can reach, so
 * the source is named by its last known (parent, name), checked to still be this inode before
 * and after. Both ends are single names in pinned directories: the jail holds; a concurrent
 * rename on the head can only make this fail with ESTALE.
 */
export function link(core: Core, p: { node: number; newParent: number; newName: string }, ctx?: OpContext): Promise<Entry & DirAttrs> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const { parent: dst, name } = target(core, p.newParent, p.newName);
    if (node.isVirtualRoot || node.pinned) throw fsError("EPERM", "cannot link an export root");
    if (node.isDir) throw fsError("EPERM", "hard link to a directory");
    if (node.exportIndex !== dst.exportIndex) throw fsError("EXDEV", "link across exports");
    const src = core.table.peek(node.parent);
    if (src === undefined) throw fsError("ESTALE", "source directory no longer known");
    const before = await lstatChild(src, node.name).catch(() => null);
    if (before === null || before.ino !== node.ino || before.dev !== node.dev) {
      throw fsError("ESTALE", "source was renamed on the head");
    }
    await src.use((sfd) => dst.use((dfd) => linkCall(childPath(sfd, node.name), childPath(dfd, name))));
    const after = await lstatChild(dst, name);
    if (after.ino !== node.ino || after.dev !== node.dev) {
      await dst.use((dfd) => unlinkCall(childPath(dfd, name))).catch(() => undefined);
      throw fsError("ESTALE", "source was replaced on the head during link");
    }
    const pst = await dirStat(dst).catch(() => undefined);
    core.entryChanged(dst, name, ctx?.origin, pst);
    core.inodeChanged(node, ctx?.origin, 0, -1, after); // nlink and ctime changed
    const e: Entry & DirAttrs = core.entry(node, after, originKey(ctx?.origin));
    if (pst !== undefined) e.parentAttr = toAttr(pst);
    return e;
  });
}

/** unlink / rmdir share the shape: remove one name, tell others. */
async function removeName(core: Core, p: { parent: number; name: string }, dir: boolean, ctx?: OpContext): Promise<DirAttrs> {
  const parent = core.dirNode(p.parent);
  const name = checkName(p.name);
  core.checkWritable(parent);
  const st = await lstatChild(parent, name).catch(() => null);
  await parent.use((pfd) => (dir ? rmdirCall(childPath(pfd, name)) : unlinkCall(childPath(pfd, name))));
  const child = st ? core.table.byStat(st) : undefined;
  core.ownEntries.set(`${parent.id}\0${name}`, Date.now() + 2000);
  if (child !== undefined) {
    core.emit({ kind: "delete", parent: parent.id, child: child.id, name }, ctx?.origin);
    if (!dir) core.inodeChanged(child, ctx?.origin);
  } else {
    core.emit({ kind: "entry", parent: parent.id, name }, ctx?.origin);
  }
  const pst = await dirStat(parent).catch(() => undefined);
  core.inodeChanged(parent, ctx?.origin, 0, -1, pst);
  return pst === undefined ? {} : { parentAttr: toAttr(pst) };
}

/** unlink one non-directory name. */
export function unlink(core: Core, p: { parent: number; name: string }, ctx?: OpContext): Promise<DirAttrs> {
  return mapErrors(() => removeName(core, p, false, ctx));
}

/** rmdir one empty directory. */
export function rmdir(core: Core, p: { parent: number; name: string }, ctx?: OpContext): Promise<DirAttrs> {
  return mapErrors(() => removeName(core, p, true, ctx));
}

/**
 * rename with flags. Plain rename uses rename(2); RENAME_NOREPLACE and RENAME_EXCHANGE use the
 * real renameat2 (atomic) through the helper child, on the pinned parent fds.
 */
export function rename(
  core: Core,
  p: { parent: number; name: string; newParent: number; newName: string; flags: number },
  ctx?: OpContext,
): Promise<DirAttrs> {
  return mapErrors(async () => {
    const src = core.dirNode(p.parent);
    const dst = core.dirNode(p.newParent);
    const name = checkName(p.name);
    const newName = checkName(p.newName);
    const flags = p.flags ?? 0;
    if (!Number.isInteger(flags) || (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) !== 0 || flags === 3) {
      throw fsError("EINVAL", `unsupported rename flags ${flags}`);
    }
    core.checkWritable(src);
    core.checkWritable(dst);
    if (src.exportIndex !== dst.exportIndex) throw fsError("EXDEV", "rename across exports");
    const moved = await lstatChild(src, name);
    const other = flags === RENAME_EXCHANGE ? await lstatChild(dst, newName) : null;
    await src.use((sfd) =>
      dst.use(async (dfd) => {
        if (flags === 0) return renameCall(childPath(sfd, name), childPath(dfd, newName));
        if (syscallNumbers === undefined) throw fsError("EINVAL", "rename flags unsupported on this CPU");
        return childSyscall([sfd, dfd], [syscallNumbers.renameat2, 3, name, 4, newName, flags]);
      }),
    );
    const a = core.table.byStat(moved);
    if (a !== undefined && !a.pinned) {
      a.parent = dst.id;
      a.name = newName;
    }
    const b = other ? core.table.byStat(other) : undefined;
    if (b !== undefined && !b.pinned) {
      b.parent = src.id;
      b.name = name;
    }
    const sst = await dirStat(src).catch(() => undefined);
    const dst2 = dst === src ? sst : await dirStat(dst).catch(() => undefined);
    core.entryChanged(src, name, ctx?.origin, sst);
    if (dst !== src || newName !== name) core.entryChanged(dst, newName, ctx?.origin, dst2);
    if (a !== undefined) core.inodeChanged(a, ctx?.origin); // ctime, and ".." for directories
    const out: DirAttrs = {};
    if (sst !== undefined) out.parentAttr = toAttr(sst);
    if (dst !== src && dst2 !== undefined) out.newParentAttr = toAttr(dst2);
    return out;
  });
}
