/**
 * The opcode table: for each kernel opcode its name, its input decoder, whether the kernel waits
 * for a reply, and how many NUL-terminated names its body carries. Dispatch, debug printing and
 * ENOSYS for unknown opcodes are all driven from here.
 */
import { Op } from "./constants.js";
import { decodeInitIn } from "./init.js";
import {
  decodeCopyFileRange, decodeCreate, decodeFallocate, decodeFlush, decodeFsync, decodeLseek,
  decodeOpen, decodeRead, decodeRelease, decodeWrite,
} from "./io.js";
import { decodeLk } from "./lock.js";
import {
  decodeAccess, decodeBatchForget, decodeEmpty, decodeForget, decodeGetattr, decodeInterrupt,
  decodeLink, decodeMkdir, decodeMknod, decodeName, decodeRename, decodeRename2, decodeSetattr,
  decodeSymlink,
} from "./node-ops.js";
import { decodeGetxattr, decodeListxattr, decodeSetxattr } from "./xattr.js";

/** Negotiated facts some decoders depend on. */
export interface DecodeContext {
  /** FUSE_SETXATTR_EXT was negotiated: fuse_setxattr_in is 16 bytes, not 8. */
  setxattrExt: boolean;
}

/** One row of the opcode table. */
export interface OpcodeSpec<In> {
  code: number;
  decode: (body: Buffer, ctx: DecodeContext) => In;
  /** False for FORGET, BATCH_FORGET and NOTIFY_REPLY: the kernel expects no answer. */
  reply: boolean;
  /** Number of NUL-terminated names in the body (for debug printing). */
  names: number;
}

function op<In>(code: number, decode: (b: Buffer, c: DecodeContext) => In, names = 0, reply = true): OpcodeSpec<In> {
  return { code, decode, reply, names };
}

/** The opcode table, keyed by opcode name. */
export const OPCODES = {
  LOOKUP: op(Op.LOOKUP, decodeName, 1),
  FORGET: op(Op.FORGET, decodeForget, 0, false),
  GETATTR: op(Op.GETATTR, decodeGetattr),
  SETATTR: op(Op.SETATTR, decodeSetattr),
  READLINK: op(Op.READLINK, decodeEmpty),
  SYMLINK: op(Op.SYMLINK, decodeSymlink, 2),
  MKNOD: op(Op.MKNOD, decodeMknod, 1),
  MKDIR: op(Op.MKDIR, decodeMkdir, 1),
  UNLINK: op(Op.UNLINK, decodeName, 1),
  RMDIR: op(Op.RMDIR, decodeName, 1),
  RENAME: op(Op.RENAME, decodeRename, 2),
  LINK: op(Op.LINK, decodeLink, 1),
  OPEN: op(Op.OPEN, decodeOpen),
  READ: op(Op.READ, decodeRead),
  WRITE: op(Op.WRITE, decodeWrite),
  STATFS: op(Op.STATFS, decodeEmpty),
  RELEASE: op(Op.RELEASE, decodeRelease),
  FSYNC: op(Op.FSYNC, decodeFsync),
  SETXATTR: op(Op.SETXATTR, (b, c) => decodeSetxattr(b, c.setxattrExt), 1),
  GETXATTR: op(Op.GETXATTR, decodeGetxattr, 1),
  LISTXATTR: op(Op.LISTXATTR, decodeListxattr),
  REMOVEXATTR: op(Op.REMOVEXATTR, decodeName, 1),
  FLUSH: op(Op.FLUSH, decodeFlush),
  INIT: op(Op.INIT, decodeInitIn),
  OPENDIR: op(Op.OPENDIR, decodeOpen),
  READDIR: op(Op.READDIR, decodeRead),
  RELEASEDIR: op(Op.RELEASEDIR, decodeRelease),
  FSYNCDIR: op(Op.FSYNCDIR, decodeFsync),
  GETLK: op(Op.GETLK, decodeLk),
  SETLK: op(Op.SETLK, decodeLk),
  SETLKW: op(Op.SETLKW, decodeLk),
  ACCESS: op(Op.ACCESS, decodeAccess),
  CREATE: op(Op.CREATE, decodeCreate, 1),
  INTERRUPT: op(Op.INTERRUPT, decodeInterrupt),
  BMAP: op(Op.BMAP, decodeEmpty),
  DESTROY: op(Op.DESTROY, decodeEmpty),
  IOCTL: op(Op.IOCTL, decodeEmpty),
  POLL: op(Op.POLL, decodeEmpty),
  NOTIFY_REPLY: op(Op.NOTIFY_REPLY, decodeEmpty, 0, false),
  BATCH_FORGET: op(Op.BATCH_FORGET, decodeBatchForget, 0, false),
  FALLOCATE: op(Op.FALLOCATE, decodeFallocate),
  READDIRPLUS: op(Op.READDIRPLUS, decodeRead),
  RENAME2: op(Op.RENAME2, decodeRename2, 2),
  LSEEK: op(Op.LSEEK, decodeLseek),
  COPY_FILE_RANGE: op(Op.COPY_FILE_RANGE, decodeCopyFileRange),
  SETUPMAPPING: op(Op.SETUPMAPPING, decodeEmpty),
  REMOVEMAPPING: op(Op.REMOVEMAPPING, decodeEmpty),
  SYNCFS: op(Op.SYNCFS, decodeEmpty),
  TMPFILE: op(Op.TMPFILE, decodeEmpty),
  STATX: op(Op.STATX, decodeEmpty),
} as const;

/** Name of a kernel opcode. */
export type OpName = keyof typeof OPCODES;

/** Decoded input of opcode `K`. */
export type OpInput<K extends OpName> = ReturnType<(typeof OPCODES)[K]["decode"]>;

/** Opcode number → name. */
export const OPCODE_NAMES: ReadonlyMap<number, OpName> = new Map(
  (Object.keys(OPCODES) as OpName[]).map((n) => [OPCODES[n].code, n]),
);

/** Name of an opcode number for logs, e.g. "LOOKUP" or "OPCODE_9999". */
export function opcodeName(code: number): string {
  return OPCODE_NAMES.get(code) ?? `OPCODE_${code}`;
}
