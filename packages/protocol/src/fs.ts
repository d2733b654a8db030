/**
 * The file-service protocol: what a target's FUSE bridge asks of the head's file service.
 *
 * Every method is an RPC call named `fs.<op>` whose params and result are the shapes below.
 * Failures are thrown as errors carrying a POSIX errno name (see {@link FsErrno}); the bridge
 * hands that errno to the kernel unchanged, so a guest sees what a local file system would say.
 *
 * Node ids are the head's: 1 is the virtual root, whose children are the exports named "0",
 * "1", ... in the order given with `-d`. Names are single path components in UTF-8.
 */

/** Root node id of the head's file tree (a virtual directory holding one entry per export). */
export const ROOT_NODE = 1;

/** File attributes, as fuse_attr needs them. Times are seconds + nanoseconds. */
export interface Attr {
  ino: number;
  size: number;
  blocks: number;
  atimeSec: number;
  atimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  ctimeSec: number;
  ctimeNsec: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  blksize: number;
}

/** Result of every call that makes the kernel learn a name (lookup, create, mkdir, ...). */
export interface Entry {
  /** Head node id; becomes the FUSE nodeid. Each Entry returned counts one lookup. */
  node: number;
  generation: number;
  attr: Attr;
  /** How long the kernel may cache the name → node binding, in ms. */
  entryTtlMs: number;
  /** How long the kernel may cache the attributes, in ms. */
  attrTtlMs: number;
}

/** A time to set: "now", or an exact time. Absent means "leave as is" (UTIME_OMIT). */
export type SetTime = "now" | { sec: number; nsec: number };

/**
 * Present only as `true`: the caller lacks CAP_FSETID (or chowns), so the head clears the file's
 * set-user-ID bit, and its set-group-ID bit when group-execute is set, as Linux does on write,
 * truncate and chown (FUSE_HANDLE_KILLPRIV_V2: the guest's kernel leaves this to the server). An
 * older head ignores it.
 */
export interface KillSuidgid {
  killSuidgid?: boolean;
}

/** Params of fs.setattr; each present field is changed (see {@link KillSuidgid}). */
export interface SetAttrIn extends KillSuidgid {
  node: number;
  fh?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  atime?: SetTime;
  mtime?: SetTime;
}

/** One directory entry from fs.readdir; `off` is the cookie to continue after it. */
export interface DirEntry {
  name: string;
  ino: number;
  /** DT_* type (file type bits of mode >> 12). */
  type: number;
  off: number;
}

/** One entry from fs.readdirplus: a DirEntry plus a counted lookup (absent for "." and ".."). */
export interface DirEntryPlus extends DirEntry {
  entry?: Entry;
}

/** Result of fs.open / fs.opendir. */
export interface OpenOut {
  fh: number;
  /** The head says the file is unchanged since the target last cached it: keep the page cache. */
  keepCache: boolean;
  directIo?: boolean;
  /** fs.open: the file's attributes right after the open (and after `data` was read). */
  attr?: Attr;
  /**
   * fs.open with `prefetch`: the whole file, read at open time, when it is a regular file opened
   * read-only, not kept in the target's page cache, and at most `prefetch` bytes long. The target
   * may answer the kernel's READs of this handle from it (until the file changes).
   */
  data?: Uint8Array;
  /**
   * fs.open with `deleg`: `data` is delegated — the target may open this file again and read it
   * from `data` without asking, until the head recalls it ({@link FS_RECALL}).
   */
  deleg?: boolean;
  /**
   * fs.open with `deleg`, when the open continues a scan of the directory's listing: the files
   * that follow it, delegated with their whole contents (same terms as `deleg`).
   */
  ahead?: Array<{ node: number; data: Uint8Array }>;
}

/** Params of fs.opendir. */
export interface OpenDirIn {
  node: number;
  /** Prefetched entries in the compact form (see {@link CompactDirEntry}). */
  compact?: boolean;
  /**
   * Return the first readdirplus batch of the listing, up to this many entries, with the answer
   * (see {@link OpenDirOut.entries}). An older head ignores it.
   */
  prefetch?: number;
  /**
   * The target's kernel keeps listings (FOPEN_CACHE_DIR): answer `keepCache: true` (and no
   * prefetch) when the last listing served whole through such a handle to this target is still
   * the directory's. An older head ignores it (never keepCache).
   */
  cacheDir?: boolean;
}

/**
 * A readdirplus entry in the compact form (`compact: true` on fs.readdirplus / fs.opendir): an
 * array instead of nested objects, so a batch of a few hundred entries is not a few thousand
 * map keys to encode and decode. `[name, ino, type, off]` for an entry without `entry` ("." and
 * ".."), else `[name, ino, type, off, node, entryTtlMs, attrTtlMs, ...attr]` with the 15 {@link Attr}
 * fields in {@link ATTR_FIELDS} order; the generation is 0 (the head never reuses node ids).
 */
export type CompactDirEntry = [string, number, number, number] | [string, number, number, number, number, number, number, ...number[]];

/** The order of {@link Attr} fields in compact entries. */
export const ATTR_FIELDS = [
  "ino", "size", "blocks", "atimeSec", "atimeNsec", "mtimeSec", "mtimeNsec", "ctimeSec", "ctimeNsec",
  "mode", "nlink", "uid", "gid", "rdev", "blksize",
] as const satisfies ReadonlyArray<keyof Attr>;

/** One readdirplus entry in the compact form. */
export function compactDirEntry(d: DirEntryPlus): CompactDirEntry {
  const e = d.entry;
  if (e === undefined) return [d.name, d.ino, d.type, d.off];
  const a = e.attr;
  return [
    d.name, d.ino, d.type, d.off, e.node, e.entryTtlMs, e.attrTtlMs,
    a.ino, a.size, a.blocks, a.atimeSec, a.atimeNsec, a.mtimeSec, a.mtimeNsec, a.ctimeSec, a.ctimeNsec,
    a.mode, a.nlink, a.uid, a.gid, a.rdev, a.blksize,
  ];
}

/** A compact entry back as a {@link DirEntryPlus}; undefined if it is malformed. */
export function expandDirEntry(c: unknown): DirEntryPlus | undefined {
  if (!Array.isArray(c) || typeof c[0] !== "string") return undefined;
  for (let i = 1; i < c.length; i++) if (typeof c[i] !== "number") return undefined;
  if (c.length === 4) return { name: c[0], ino: c[1], type: c[2], off: c[3] };
  if (c.length !== 7 + ATTR_FIELDS.length) return undefined;
  const attr: Attr = {
    ino: c[7], size: c[8], blocks: c[9], atimeSec: c[10], atimeNsec: c[11], mtimeSec: c[12], mtimeNsec: c[13],
    ctimeSec: c[14], ctimeNsec: c[15], mode: c[16], nlink: c[17], uid: c[18], gid: c[19], rdev: c[20], blksize: c[21],
  };
  return { name: c[0], ino: c[1], type: c[2], off: c[3], entry: { node: c[4], generation: 0, attr, entryTtlMs: c[5], attrTtlMs: c[6] } };
}

/** Params of fs.readdir / fs.readdirplus. */
export interface ReadDirIn {
  fh: number;
  offset: number;
  maxEntries: number;
  /** readdirplus: answer {@link CompactDirEntry} arrays instead of {@link DirEntryPlus} objects. */
  compact?: boolean;
}

/** Result of fs.opendir. */
export interface OpenDirOut extends OpenOut {
  /**
   * With `prefetch`: what `fs.readdirplus {fh, offset: 0, maxEntries: prefetch}` would have
   * answered (each Entry counts one lookup, like any readdirplus entry). Absent when the listing
   * could not be read at open time (the first readdir then reports the error).
   */
  entries?: DirEntryPlus[] | CompactDirEntry[];
  /** With `entries`: they reach the end of the listing (a readdir after the last one answers nothing). */
  eof?: boolean;
}

/** Params of fs.open ({@link KillSuidgid}: with O_TRUNC). */
export interface OpenIn extends KillSuidgid {
  node: number;
  flags: number;
  /** Return the file's contents with the reply when it is at most this many bytes (see {@link OpenOut.data}). */
  prefetch?: number;
  /** The target takes delegations (it answers {@link FS_RECALL}); an older head ignores it. */
  deleg?: boolean;
}

/** Params of fs.readahead. */
export interface ReadaheadIn {
  /** A file of the last window of delegations this target got ({@link OpenOut.ahead}), now opened. */
  node: number;
  /** Largest file to delegate with its contents (bytes). */
  limit: number;
}

/** Result of fs.readahead: the scan's next files, delegated with their contents (like {@link OpenOut.ahead}). */
export interface ReadaheadOut {
  ahead: Array<{ node: number; data: Uint8Array }>;
}

/** Params of fs.create ({@link KillSuidgid}: O_TRUNC of an existing file). */
export interface CreateIn extends KillSuidgid {
  parent: number;
  name: string;
  flags: number;
  mode: number;
  umask: number;
  /**
   * A deferred create: the target already answered its kernel, naming the file's node with this
   * id (reserved by fs.reserve); the head's answer names the same node.
   */
  node?: number;
  /** With `node`: the writes made since, in order, as [offset, bytes] (applied before answering). */
  writes?: Array<[number, Uint8Array]>;
}

/** Params of fs.write (see {@link FileServiceApi.write} and {@link KillSuidgid}). */
export interface WriteIn extends KillSuidgid {
  fh: number;
  offset: number;
  data: Uint8Array;
  flags?: number;
  attr?: boolean;
}

/** Result of fs.write asked with `attr: true`. */
export interface WriteOut {
  written: number;
  /**
   * The file's attributes right after this write (absent when the head could not take them at
   * once). Answers to writes of one handle arrive in the order the head finished them, so the
   * last answer carries the newest attributes.
   */
  attr?: Attr;
}

/** Params of fs.lookup. */
export interface LookupIn {
  parent: number;
  name: string;
  /** A missing name is answered with a negative Entry (node 0, cacheable for entryTtlMs) instead of ENOENT. */
  negative?: boolean;
}

/**
 * What name operations add to their result: the attributes of the directories they changed,
 * taken right after the change, so the target can answer the kernel's next GETATTR of them (the
 * kernel drops a directory's cached attributes whenever it changes an entry) without a round trip.
 */
export interface DirAttrs {
  /** The directory the name was created in or removed from (rename: the source directory). */
  parentAttr?: Attr;
  /** rename: the destination directory when it differs from the source. */
  newParentAttr?: Attr;
}

/** File system statistics (statvfs). */
export interface StatfsOut {
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  bsize: number;
  namelen: number;
  frsize: number;
}

/** A POSIX byte-range lock; `end` is inclusive, 2^63-1 style "to EOF" is sent as -1. */
export interface FileLock {
  start: number;
  end: number;
  /** F_RDLCK 0, F_WRLCK 1, F_UNLCK 2 (Linux values). */
  type: number;
  pid: number;
}

/** Invalidation pushed by the head to targets (notification `fs.inval`). */
export type Invalidation =
  | { kind: "inode"; node: number; off: number; len: number }
  | { kind: "entry"; parent: number; name: string }
  | { kind: "delete"; parent: number; child: number; name: string };

/**
 * The file service, as the head implements it and as the target calls it over RPC
 * (method `fs.<name>`, params = the single argument object).
 */
export interface FileServiceApi {
  lookup(p: LookupIn): Promise<Entry>;
  /** Notification (no reply): drop `nlookup` lookups of each node. */
  forget(p: { items: Array<[node: number, nlookup: number]> }): Promise<void>;
  getattr(p: { node: number; fh?: number }): Promise<Attr>;
  setattr(p: SetAttrIn): Promise<Attr>;
  readlink(p: { node: number }): Promise<string>;
  symlink(p: { parent: number; name: string; target: string }): Promise<Entry & DirAttrs>;
  mknod(p: { parent: number; name: string; mode: number; rdev: number; umask: number }): Promise<Entry & DirAttrs>;
  mkdir(p: { parent: number; name: string; mode: number; umask: number }): Promise<Entry & DirAttrs>;
  /** Older heads return nothing (null); current ones the directory's new attributes. */
  unlink(p: { parent: number; name: string }): Promise<DirAttrs | void>;
  rmdir(p: { parent: number; name: string }): Promise<DirAttrs | void>;
  /** flags: RENAME_NOREPLACE 1, RENAME_EXCHANGE 2. */
  rename(p: { parent: number; name: string; newParent: number; newName: string; flags: number }): Promise<DirAttrs | void>;
  link(p: { node: number; newParent: number; newName: string }): Promise<Entry & DirAttrs>;
  open(p: OpenIn): Promise<OpenOut>;
  /** Node ids for deferred creates ({@link CreateIn.node}); an older head lacks it. */
  reserve(p: { count: number }): Promise<{ first: number; count: number }>;
  /** The next files of a directory scan, delegated (see {@link ReadaheadIn}); an older head lacks it. */
  readahead(p: ReadaheadIn): Promise<ReadaheadOut>;
  create(p: CreateIn): Promise<{ entry: Entry; open: OpenOut } & DirAttrs>;
  read(p: { fh: number; offset: number; size: number }): Promise<Uint8Array>;
  /**
   * Returns the count written; with `attr: true`, a current head returns {@link WriteOut} instead
   * (an older head ignores `attr` and still returns the count).
   */
  write(p: WriteIn): Promise<number | WriteOut>;
  flush(p: { fh: number; lockOwner?: string }): Promise<void>;
  fsync(p: { fh: number; datasync: boolean }): Promise<void>;
  /**
   * The last close of an open file. A head that answers `{ notify: true }` also accepts it as a
   * notification `fs.release` (same params, no reply): the target's kernel never waits for a
   * release, so the target then stops waiting for the head's answer too.
   */
  release(p: { fh: number; lockOwner?: string; flock?: boolean }): Promise<void | { notify?: boolean }>;
  opendir(p: OpenDirIn): Promise<OpenDirOut>;
  readdir(p: { fh: number; offset: number; maxEntries: number }): Promise<DirEntry[]>;
  readdirplus(p: ReadDirIn): Promise<DirEntryPlus[] | CompactDirEntry[]>;
  /**
   * A head that answers `{ notify: true }` also accepts it as a notification `fs.releasedir`
   * (same params, no reply), as for {@link release}.
   */
  releasedir(p: { fh: number }): Promise<void | { notify?: boolean }>;
  fsyncdir(p: { fh: number; datasync: boolean }): Promise<void>;
  statfs(p: { node: number }): Promise<StatfsOut>;
  access(p: { node: number; mask: number }): Promise<void>;
  fallocate(p: { fh: number; mode: number; offset: number; length: number }): Promise<void>;
  /** whence: SEEK_SET 0, SEEK_CUR 1, SEEK_END 2, SEEK_DATA 3, SEEK_HOLE 4. */
  lseek(p: { fh: number; offset: number; whence: number }): Promise<number>;
  copyFileRange(p: { fhIn: number; offIn: number; fhOut: number; offOut: number; len: number; flags: number }): Promise<number>;
  /** size 0 asks for the length only (returned as a number). */
  getxattr(p: { node: number; name: string; size: number }): Promise<Uint8Array | number>;
  setxattr(p: { node: number; name: string; value: Uint8Array; flags: number }): Promise<void>;
  /** Names joined as the kernel wants them (NUL-terminated); size 0 asks for the length only. */
  listxattr(p: { node: number; size: number }): Promise<Uint8Array | number>;
  removexattr(p: { node: number; name: string }): Promise<void>;
  /** Test for a conflicting lock; returns it, or one with type F_UNLCK when there is none. */
  getlk(p: { fh: number; owner: string; lock: FileLock }): Promise<FileLock>;
  /** Take or drop a lock; `wait` blocks until granted (SETLKW), aborted by INTERRUPT. */
  setlk(p: { fh: number; owner: string; lock: FileLock; wait: boolean; flock: boolean }): Promise<void>;
}

/** Names of the file-service methods, in the order documented in docs/protocol.md. */
export type FsMethod = keyof FileServiceApi;

/** Method names of the file service on the link (`fs.` + FileServiceApi method). */
export const FS_PREFIX = "fs.";

/** Notification head → target: drop cached data/names (params: {@link Invalidation}). */
export const FS_INVAL = "fs.inval";

/**
 * Call head → target: give up the delegations of `nodes` ({@link FsRecallIn}): drop what you hold
 * of them, and the kernel's cached pages and attributes, then answer. The head holds back the
 * change that caused it until then.
 */
export const FS_RECALL = "fs.recall";

/** Params of fs.recall. */
export interface FsRecallIn {
  nodes: number[];
}

/** Notification target → head: this target no longer holds delegations of `nodes` (params {@link FsRecallIn}). */
export const FS_DELEGRETURN = "fs.delegreturn";

/** Call head → target: mount this head's exports (params {@link FsAttachIn}). */
export const FS_ATTACH = "fs.attach";

/** Params of fs.attach: the exports in the order of the virtual root's entries. */
export interface FsAttachIn {
  exports: Array<{ path: string; readOnly: boolean }>;
  /** The head user's ids; shown to guests as the guest user's own (idmap=user). */
  headUid: number;
  headGid: number;
}

/** Methods the target may call on the head's file service (everything else is refused). */
export const FS_METHODS: readonly FsMethod[] = [
  "lookup", "forget", "getattr", "setattr", "readlink", "symlink", "mknod", "mkdir", "unlink", "rmdir",
  "rename", "link", "open", "readahead", "reserve", "create", "read", "write", "flush", "fsync", "release", "opendir", "readdir",
  "readdirplus", "releasedir", "fsyncdir", "statfs", "access", "fallocate", "lseek", "copyFileRange",
  "getxattr", "setxattr", "listxattr", "removexattr", "getlk", "setlk",
];
