/**
 * Numeric constants of the kernel FUSE protocol, from <linux/fuse.h> (checked against 7.38 headers;
 * the bits added up to 7.45 are taken from the kernel source and marked).
 */

/** Major protocol version we speak. */
export const FUSE_KERNEL_VERSION = 7;
/** Highest minor version we implement; negotiated minor = min(kernel, this). */
export const FUSE_KERNEL_MINOR_VERSION = 38;
/** Lowest kernel minor we accept (Linux 5.4+); older kernels get their INIT refused. */
export const FUSE_MIN_MINOR_VERSION = 31;
/** The node id of the root inode. */
export const FUSE_ROOT_ID = 1;
/** Kernel minimum for a /dev/fuse read buffer. */
export const FUSE_MIN_READ_BUFFER = 8192;
/** Bit set in the unique of an INTERRUPT request (and its reply); the rest is the target's unique. */
export const FUSE_INT_REQ_BIT = 1;

/** Opcode numbers (enum fuse_opcode). */
export const Op = {
  LOOKUP: 1, FORGET: 2, GETATTR: 3, SETATTR: 4, READLINK: 5, SYMLINK: 6, MKNOD: 8, MKDIR: 9,
  UNLINK: 10, RMDIR: 11, RENAME: 12, LINK: 13, OPEN: 14, READ: 15, WRITE: 16, STATFS: 17,
  RELEASE: 18, FSYNC: 20, SETXATTR: 21, GETXATTR: 22, LISTXATTR: 23, REMOVEXATTR: 24, FLUSH: 25,
  INIT: 26, OPENDIR: 27, READDIR: 28, RELEASEDIR: 29, FSYNCDIR: 30, GETLK: 31, SETLK: 32,
  SETLKW: 33, ACCESS: 34, CREATE: 35, INTERRUPT: 36, BMAP: 37, DESTROY: 38, IOCTL: 39, POLL: 40,
  NOTIFY_REPLY: 41, BATCH_FORGET: 42, FALLOCATE: 43, READDIRPLUS: 44, RENAME2: 45, LSEEK: 46,
  COPY_FILE_RANGE: 47, SETUPMAPPING: 48, REMOVEMAPPING: 49, SYNCFS: 50, TMPFILE: 51,
  /** 7.39 */ STATX: 52,
} as const;

/** Notification codes (enum fuse_notify_code), sent as the error field with unique 0. */
export const NotifyCode = {
  POLL: 1, INVAL_INODE: 2, INVAL_ENTRY: 3, STORE: 4, RETRIEVE: 5, DELETE: 6,
} as const;

/** fuse_setattr_in.valid bits. */
export const FATTR = {
  MODE: 1 << 0, UID: 1 << 1, GID: 1 << 2, SIZE: 1 << 3, ATIME: 1 << 4, MTIME: 1 << 5, FH: 1 << 6,
  ATIME_NOW: 1 << 7, MTIME_NOW: 1 << 8, LOCKOWNER: 1 << 9, CTIME: 1 << 10, KILL_SUIDGID: 1 << 11,
} as const;

/** fuse_open_out.open_flags bits. */
export const FOPEN = {
  DIRECT_IO: 1 << 0, KEEP_CACHE: 1 << 1, NONSEEKABLE: 1 << 2, CACHE_DIR: 1 << 3, STREAM: 1 << 4,
  NOFLUSH: 1 << 5, PARALLEL_DIRECT_WRITES: 1 << 6,
} as const;

/** Per-request flag bits of several *_in structs. */
export const RequestFlags = {
  /** fuse_getattr_in.getattr_flags: fh is valid. */
  GETATTR_FH: 1 << 0,
  /** fuse_release_in.release_flags */
  RELEASE_FLUSH: 1 << 0,
  RELEASE_FLOCK_UNLOCK: 1 << 1,
  /** fuse_lk_in.lk_flags: this is flock(2), not fcntl. */
  LK_FLOCK: 1 << 0,
  /** fuse_write_in.write_flags */
  WRITE_CACHE: 1 << 0,
  WRITE_LOCKOWNER: 1 << 1,
  WRITE_KILL_SUIDGID: 1 << 2,
  /** fuse_open_in.open_flags (OPEN and CREATE): the open truncates and the caller lacks CAP_FSETID. */
  OPEN_KILL_SUIDGID: 1 << 0,
  /** fuse_read_in.read_flags */
  READ_LOCKOWNER: 1 << 1,
  /** fuse_fsync_in.fsync_flags */
  FSYNC_FDATASYNC: 1 << 0,
  /** fuse_notify_inval_entry_out.flags (7.38) */
  EXPIRE_ONLY: 1 << 0,
} as const;

/** Encoded "to end of file" for lock ranges (OFFSET_MAX). */
export const OFFSET_MAX = 0x7fff_ffff_ffff_ffffn;
