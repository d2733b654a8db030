/**
 * One handler per opcode: decoded input → file-system call → reply payload. The table says which
 * FuseFileSystem method an opcode needs and what to answer when that method is missing; the
 * session answers ENOSYS for opcodes that are not in the table at all.
 */
import type { StatfsOut } from "@mrc/protocol";
import { LentBytes, type FuseFileSystem, type RequestContext } from "../fs.js";
import { encodeEntryOut } from "../wire/attr.js";
import { RequestFlags } from "../wire/constants.js";
import { encodeLkOut } from "../wire/lock.js";
import { encodeLseekOut, encodeOpenOut, encodeWriteOut } from "../wire/io.js";
import type { OpInput, OpName } from "../wire/opcodes.js";
import { encodeStatfsOut } from "../wire/statfs.js";
import { readdir, readdirplus } from "./readdir.js";
import { attrOut, openOut, owner, xattrReply } from "./replies.js";
import { setattrParams } from "./setattr.js";

/** What a handler may use besides its input. */
export interface OpEnv {
  fs: FuseFileSystem;
  /** TTL for attributes returned without one. */
  attrTtlMs: number;
  log: (msg: string) => void;
}

/** Serve one request; resolve to the reply payload (undefined = empty success reply). */
export type Handler<K extends OpName> = (
  env: OpEnv, ctx: RequestContext, node: number, input: OpInput<K>,
) => Promise<Uint8Array | LentBytes | undefined>;

/** A row of the handler table. */
export interface OpHandler<K extends OpName> {
  /** The FuseFileSystem method this needs; absent → `missing`, or ENOSYS. */
  method: keyof FuseFileSystem;
  run: Handler<K>;
  /** Answer when `method` is missing (libfuse's defaults); absent means ENOSYS. */
  missing?: Handler<K>;
}

/** Ops whose ENOSYS the kernel remembers (it stops sending them); we short-circuit them too. */
export const STICKY_ENOSYS: ReadonlySet<OpName> = new Set<OpName>([
  "ACCESS", "FLUSH", "FSYNC", "FSYNCDIR", "GETXATTR", "SETXATTR", "LISTXATTR", "REMOVEXATTR",
  "CREATE", "FALLOCATE", "LSEEK", "COPY_FILE_RANGE", "RENAME2", "GETLK", "SETLK", "SETLKW",
]);

const none = async (): Promise<undefined> => undefined;

/**
 * `{ killSuidgid: true }` when `bit` is set in `bits` (a request's *_KILL_SUIDGID flag, sent by
 * kernels that negotiated HANDLE_KILLPRIV_V2), else nothing: the param is only ever present as true.
 */
function kill(bits: number, bit: number): { killSuidgid?: true } {
  return (bits & bit) !== 0 ? { killSuidgid: true } : {};
}
const DEFAULT_STATFS: StatfsOut = { blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, bsize: 512, namelen: 255, frsize: 512 };

/** The handler table. */
export const HANDLERS: { readonly [K in OpName]?: OpHandler<K> } = {
  LOOKUP: { method: "lookup", run: async (e, c, node, i) => encodeEntryOut(await e.fs.lookup!(c, { parent: node, name: i.name })) },
  GETATTR: {
    method: "getattr",
    run: async (e, c, node, i) =>
      attrOut(await e.fs.getattr!(c, (i.getattrFlags & RequestFlags.GETATTR_FH) !== 0 ? { node, fh: i.fh } : { node }), e.attrTtlMs),
  },
  SETATTR: { method: "setattr", run: async (e, c, node, i) => attrOut(await e.fs.setattr!(c, setattrParams(node, i)), e.attrTtlMs) },
  READLINK: { method: "readlink", run: async (e, c, node) => Buffer.from(await e.fs.readlink!(c, { node }), "utf8") },
  SYMLINK: { method: "symlink", run: async (e, c, node, i) => encodeEntryOut(await e.fs.symlink!(c, { parent: node, name: i.name, target: i.target })) },
  MKNOD: { method: "mknod", run: async (e, c, node, i) => encodeEntryOut(await e.fs.mknod!(c, { parent: node, name: i.name, mode: i.mode, rdev: i.rdev, umask: i.umask })) },
  MKDIR: { method: "mkdir", run: async (e, c, node, i) => encodeEntryOut(await e.fs.mkdir!(c, { parent: node, name: i.name, mode: i.mode, umask: i.umask })) },
  UNLINK: { method: "unlink", run: async (e, c, node, i) => e.fs.unlink!(c, { parent: node, name: i.name }).then(none) },
  RMDIR: { method: "rmdir", run: async (e, c, node, i) => e.fs.rmdir!(c, { parent: node, name: i.name }).then(none) },
  RENAME: { method: "rename", run: async (e, c, node, i) => e.fs.rename!(c, { parent: node, name: i.name, newParent: i.newdir, newName: i.newName, flags: i.flags }).then(none) },
  RENAME2: { method: "rename", run: async (e, c, node, i) => e.fs.rename!(c, { parent: node, name: i.name, newParent: i.newdir, newName: i.newName, flags: i.flags }).then(none) },
  LINK: { method: "link", run: async (e, c, node, i) => encodeEntryOut(await e.fs.link!(c, { node: i.oldnodeid, newParent: node, newName: i.name })) },
  OPEN: {
    method: "open",
    run: async (e, c, node, i) => openOut(await e.fs.open!(c, { node, flags: i.flags, ...kill(i.openFlags, RequestFlags.OPEN_KILL_SUIDGID) })),
    missing: async () => encodeOpenOut(0, 0),
  },
  CREATE: {
    method: "create",
    run: async (e, c, node, i) => {
      const r = await e.fs.create!(c, {
        parent: node, name: i.name, flags: i.flags, mode: i.mode, umask: i.umask, ...kill(i.openFlags, RequestFlags.OPEN_KILL_SUIDGID),
      });
      return Buffer.concat([encodeEntryOut(r.entry), openOut(r.open)]);
    },
  },
  READ: {
    method: "read",
    run: async (e, c, node, i) => {
      const lo = (i.readFlags & RequestFlags.READ_LOCKOWNER) !== 0 ? { lockOwner: owner(i.lockOwner) } : {};
      const r = await e.fs.read!(c, { node, fh: i.fh, offset: i.offset, size: i.size, ...lo });
      if (r instanceof LentBytes) return r.data.length > i.size ? new LentBytes(r.data.subarray(0, i.size), r.release) : r;
      return r.length > i.size ? r.subarray(0, i.size) : r;
    },
  },
  WRITE: {
    method: "write",
    run: async (e, c, node, i) => {
      const lo = (i.writeFlags & RequestFlags.WRITE_LOCKOWNER) !== 0 ? { lockOwner: owner(i.lockOwner) } : {};
      const rc = (i as { recycle?: () => void }).recycle;
      const k = kill(i.writeFlags, RequestFlags.WRITE_KILL_SUIDGID);
      return encodeWriteOut(await e.fs.write!(c, { node, fh: i.fh, offset: i.offset, data: i.data, flags: i.flags, ...lo, ...k, ...(rc ? { recycle: rc } : {}) }));
    },
  },
  STATFS: {
    method: "statfs",
    run: async (e, c, node) => encodeStatfsOut(await e.fs.statfs!(c, { node })),
    missing: async () => encodeStatfsOut(DEFAULT_STATFS),
  },
  RELEASE: {
    method: "release",
    run: async (e, c, node, i) => {
      const flock = (i.releaseFlags & RequestFlags.RELEASE_FLOCK_UNLOCK) !== 0;
      const extra = flock ? { flock, lockOwner: owner(i.lockOwner) } : {};
      await e.fs.release!(c, { node, fh: i.fh, flags: i.flags, ...extra });
      return undefined;
    },
    missing: none,
  },
  FSYNC: { method: "fsync", run: async (e, c, node, i) => e.fs.fsync!(c, { node, fh: i.fh, datasync: (i.fsyncFlags & RequestFlags.FSYNC_FDATASYNC) !== 0 }).then(none) },
  SETXATTR: { method: "setxattr", run: async (e, c, node, i) => e.fs.setxattr!(c, { node, name: i.name, value: i.value, flags: i.flags }).then(none) },
  GETXATTR: { method: "getxattr", run: async (e, c, node, i) => xattrReply(i.size, await e.fs.getxattr!(c, { node, name: i.name, size: i.size })) },
  LISTXATTR: { method: "listxattr", run: async (e, c, node, i) => xattrReply(i.size, await e.fs.listxattr!(c, { node, size: i.size })) },
  REMOVEXATTR: { method: "removexattr", run: async (e, c, node, i) => e.fs.removexattr!(c, { node, name: i.name }).then(none) },
  FLUSH: { method: "flush", run: async (e, c, node, i) => e.fs.flush!(c, { node, fh: i.fh, lockOwner: owner(i.lockOwner) }).then(none) },
  OPENDIR: {
    method: "opendir",
    run: async (e, c, node, i) => openOut(await e.fs.opendir!(c, { node, flags: i.flags })),
    missing: async () => encodeOpenOut(0, 0),
  },
  READDIR: { method: "readdir", run: async (e, c, node, i) => readdir(e.fs, c, node, i) },
  READDIRPLUS: { method: "readdirplus", run: async (e, c, node, i) => readdirplus(e.fs, c, node, i, e.log) },
  RELEASEDIR: { method: "releasedir", run: async (e, c, node, i) => e.fs.releasedir!(c, { node, fh: i.fh }).then(none), missing: none },
  FSYNCDIR: { method: "fsyncdir", run: async (e, c, node, i) => e.fs.fsyncdir!(c, { node, fh: i.fh, datasync: (i.fsyncFlags & RequestFlags.FSYNC_FDATASYNC) !== 0 }).then(none) },
  GETLK: { method: "getlk", run: async (e, c, node, i) => encodeLkOut(await e.fs.getlk!(c, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock })) },
  SETLK: {
    method: "setlk",
    run: async (e, c, node, i) =>
      e.fs.setlk!(c, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock, wait: false, flock: (i.lkFlags & RequestFlags.LK_FLOCK) !== 0 }).then(none),
  },
  SETLKW: {
    method: "setlk",
    run: async (e, c, node, i) =>
      e.fs.setlk!(c, { node, fh: i.fh, owner: owner(i.owner), lock: i.lock, wait: true, flock: (i.lkFlags & RequestFlags.LK_FLOCK) !== 0 }).then(none),
  },
  ACCESS: { method: "access", run: async (e, c, node, i) => e.fs.access!(c, { node, mask: i.mask }).then(none) },
  FALLOCATE: { method: "fallocate", run: async (e, c, node, i) => e.fs.fallocate!(c, { node, fh: i.fh, mode: i.mode, offset: i.offset, length: i.length }).then(none) },
  LSEEK: { method: "lseek", run: async (e, c, node, i) => encodeLseekOut(await e.fs.lseek!(c, { node, fh: i.fh, offset: i.offset, whence: i.whence })) },
  COPY_FILE_RANGE: {
    method: "copyFileRange",
    run: async (e, c, node, i) =>
      encodeWriteOut(await e.fs.copyFileRange!(c, { node, fhIn: i.fhIn, offIn: i.offIn, nodeOut: i.nodeidOut, fhOut: i.fhOut, offOut: i.offOut, len: i.len, flags: i.flags })),
  },
};
