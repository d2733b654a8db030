import { constants as c } from "node:fs";

/** O_PATH on Linux (x86_64 and aarch64); Node does not export it. */
export const O_PATH = 0o10000000;
export const O_NOFOLLOW = c.O_NOFOLLOW;
export const O_NONBLOCK = c.O_NONBLOCK;
export const O_NOCTTY = c.O_NOCTTY;
export const O_DIRECTORY = c.O_DIRECTORY;
export const O_CREAT = c.O_CREAT;
export const O_EXCL = c.O_EXCL;
export const O_TRUNC = c.O_TRUNC;
export const O_APPEND = c.O_APPEND;
export const O_ACCMODE = 3;
export const O_RDONLY = c.O_RDONLY;
export const O_WRONLY = c.O_WRONLY;
export const O_RDWR = c.O_RDWR;

/**
 * Open flags passed through to the head's real open. Everything else the kernel may send
 * (O_CREAT, O_EXCL, O_NOCTTY, O_DIRECT, O_ASYNC, O_PATH, O_TMPFILE, O_CLOEXEC, ...) is either
 * handled by the service itself or meaningless on the head, and is stripped.
 */
export const OPEN_PASSTHROUGH =
  O_ACCMODE | O_APPEND | O_TRUNC | c.O_SYNC | c.O_DSYNC | c.O_NOATIME | c.O_NONBLOCK;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFIFO = 0o010000;

/** Longest single name component (NAME_MAX), in bytes. */
export const NAME_MAX = 255;
/** Longest symlink target / path (PATH_MAX incl. NUL), in bytes. */
export const PATH_MAX = 4096;

/** Largest read/write/copy size accepted from a peer in one call. */
export const MAX_IO = 32 * 1024 * 1024;
/** Largest readdir batch accepted from a peer in one call. */
export const MAX_DIR_BATCH = 4096;

export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;

export const F_RDLCK = 0;
export const F_WRLCK = 1;
export const F_UNLCK = 2;
