/**
 * FUSE_INIT capability bits as one 64-bit set: bits 0..31 travel in `flags`, bits 32..63 in
 * `flags2` (only honoured when FUSE_INIT_EXT is set in the reply).
 */

/** Every INIT flag we know by name, with its bit (as a bigint over flags | flags2 << 32). */
export const INIT_FLAGS = {
  ASYNC_READ: 1n << 0n,
  POSIX_LOCKS: 1n << 1n,
  FILE_OPS: 1n << 2n,
  ATOMIC_O_TRUNC: 1n << 3n,
  EXPORT_SUPPORT: 1n << 4n,
  BIG_WRITES: 1n << 5n,
  DONT_MASK: 1n << 6n,
  SPLICE_WRITE: 1n << 7n,
  SPLICE_MOVE: 1n << 8n,
  SPLICE_READ: 1n << 9n,
  FLOCK_LOCKS: 1n << 10n,
  HAS_IOCTL_DIR: 1n << 11n,
  AUTO_INVAL_DATA: 1n << 12n,
  DO_READDIRPLUS: 1n << 13n,
  READDIRPLUS_AUTO: 1n << 14n,
  ASYNC_DIO: 1n << 15n,
  WRITEBACK_CACHE: 1n << 16n,
  NO_OPEN_SUPPORT: 1n << 17n,
  PARALLEL_DIROPS: 1n << 18n,
  HANDLE_KILLPRIV: 1n << 19n,
  POSIX_ACL: 1n << 20n,
  ABORT_ERROR: 1n << 21n,
  MAX_PAGES: 1n << 22n,
  CACHE_SYMLINKS: 1n << 23n,
  NO_OPENDIR_SUPPORT: 1n << 24n,
  EXPLICIT_INVAL_DATA: 1n << 25n,
  MAP_ALIGNMENT: 1n << 26n,
  SUBMOUNTS: 1n << 27n,
  HANDLE_KILLPRIV_V2: 1n << 28n,
  SETXATTR_EXT: 1n << 29n,
  INIT_EXT: 1n << 30n,
  INIT_RESERVED: 1n << 31n,
  SECURITY_CTX: 1n << 32n,
  HAS_INODE_DAX: 1n << 33n,
  CREATE_SUPP_GROUP: 1n << 34n,
  HAS_EXPIRE_ONLY: 1n << 35n,
  /** 7.39 */ DIRECT_IO_ALLOW_MMAP: 1n << 36n,
  /** 7.40 */ PASSTHROUGH: 1n << 37n,
  /** 7.40 */ NO_EXPORT_SUPPORT: 1n << 38n,
  /** 7.40 */ HAS_RESEND: 1n << 39n,
  /** 7.40 */ ALLOW_IDMAP: 1n << 40n,
  /** 7.42 */ OVER_IO_URING: 1n << 41n,
  /** 7.43 */ REQUEST_TIMEOUT: 1n << 42n,
} as const;

/** Name of an INIT flag. */
export type InitFlagName = keyof typeof INIT_FLAGS;

/** Combine flag names into a bit set. */
export function initFlagBits(names: Iterable<InitFlagName>): bigint {
  let bits = 0n;
  for (const n of names) bits |= INIT_FLAGS[n];
  return bits;
}

/** Names of the known flags set in `bits`, in bit order (unknown bits are dropped). */
export function initFlagNames(bits: bigint): InitFlagName[] {
  return (Object.keys(INIT_FLAGS) as InitFlagName[]).filter((n) => (bits & INIT_FLAGS[n]) !== 0n);
}
