/**
 * The interface a file system implements to be served over FUSE. Every method is optional: a
 * missing one answers ENOSYS (or a harmless default, see docs/fuse.md). Params and results reuse
 * the @mrc/protocol shapes of FileServiceApi, so a target can forward most calls to the head as
 * they are; `node` is the FUSE nodeid and `fh` the handle the file system returned from
 * open/opendir/create. Failures are thrown as errors with an errno (see {@link toErrno}).
 */
import type {
  Attr, DirEntry, DirEntryPlus, Entry, FileLock, OpenOut, SetAttrIn, StatfsOut,
} from "@mrc/protocol";

/** Who asked and how to learn that the kernel gave up on the request. */
export interface RequestContext {
  uid: number;
  gid: number;
  /** Thread-group id of the calling process (0 for kernel-internal requests). */
  pid: number;
  /** The kernel's request id. */
  unique: number;
  /**
   * Aborted when the kernel sends FUSE_INTERRUPT for this request (or the server stops). Valid
   * only until the handler settles: the session reuses signals that were never aborted, so a
   * handler must remove any listener it added (as `Peer.call` does) and not keep the signal.
   */
  signal: AbortSignal;
}

/** Attributes with their cache lifetime; a bare Attr uses the server's `attrTtlMs`. */
export interface AttrReply {
  attr: Attr;
  attrTtlMs: number;
}

/** OpenOut plus raw FOPEN_* bits for the flags the shared type does not name. */
export type FuseOpenOut = OpenOut & { openFlags?: number };

/** What a notification told the kernel to forget. */
export type FuseNotification =
  | { kind: "inode"; node: number; off: number; len: number }
  | { kind: "entry"; parent: number; name: string }
  | { kind: "delete"; parent: number; child: number; name: string };

/** A node and the number of lookups the kernel drops. */
export type ForgetItem = [node: number, nlookup: number];

/**
 * A read's bytes that lie in a buffer lent by the file system (a pooled network buffer): the
 * session writes the reply and then calls `release` (also when the reply is dropped), after
 * which nothing references `data`.
 */
export class LentBytes {
  constructor(
    readonly data: Uint8Array,
    readonly release: () => void,
  ) {}
}

/** The operations; see docs/fuse.md for the defaults used when one is missing. */
export interface FuseFileSystem {
  lookup?(ctx: RequestContext, p: { parent: number; name: string }): Promise<Entry>;
  /** The kernel dropped lookups (FORGET / BATCH_FORGET, no reply). Also called for readdirplus
   * entries that did not fit in the reply. Errors are logged and ignored. */
  forget?(ctx: RequestContext, p: { items: ForgetItem[] }): Promise<void> | void;
  getattr?(ctx: RequestContext, p: { node: number; fh?: number }): Promise<Attr | AttrReply>;
  /**
   * Present fields change; times absent = leave as is, "now" = the server's clock. `killSuidgid`
   * (FATTR_KILL_SUIDGID, with HANDLE_KILLPRIV_V2): also clear set-id bits as Linux does on
   * truncate and chown (see KillSuidgid in @mrc/protocol).
   */
  setattr?(ctx: RequestContext, p: SetAttrIn & { lockOwner?: string }): Promise<Attr | AttrReply>;
  readlink?(ctx: RequestContext, p: { node: number }): Promise<string>;
  symlink?(ctx: RequestContext, p: { parent: number; name: string; target: string }): Promise<Entry>;
  mknod?(ctx: RequestContext, p: { parent: number; name: string; mode: number; rdev: number; umask: number }): Promise<Entry>;
  mkdir?(ctx: RequestContext, p: { parent: number; name: string; mode: number; umask: number }): Promise<Entry>;
  unlink?(ctx: RequestContext, p: { parent: number; name: string }): Promise<void>;
  rmdir?(ctx: RequestContext, p: { parent: number; name: string }): Promise<void>;
  /** RENAME and RENAME2; flags: RENAME_NOREPLACE 1, RENAME_EXCHANGE 2, RENAME_WHITEOUT 4. */
  rename?(ctx: RequestContext, p: { parent: number; name: string; newParent: number; newName: string; flags: number }): Promise<void>;
  link?(ctx: RequestContext, p: { node: number; newParent: number; newName: string }): Promise<Entry>;
  /** `killSuidgid` (FUSE_OPEN_KILL_SUIDGID, with HANDLE_KILLPRIV_V2): an O_TRUNC open must clear set-id bits. */
  open?(ctx: RequestContext, p: { node: number; flags: number; killSuidgid?: boolean }): Promise<FuseOpenOut>;
  /** `killSuidgid`: as for open, when an existing file is truncated. */
  create?(ctx: RequestContext, p: { parent: number; name: string; flags: number; mode: number; umask: number; killSuidgid?: boolean }): Promise<{ entry: Entry; open: FuseOpenOut }>;
  /**
   * Return at most `size` bytes; fewer means EOF (unless the file was opened direct_io). Bytes
   * that lie in a buffer the file system wants back come as {@link LentBytes}.
   */
  read?(ctx: RequestContext, p: { node: number; fh: number; offset: number; size: number; lockOwner?: string }): Promise<Uint8Array | LentBytes>;
  /**
   * `data` is a view of the request's own buffer, which is not reused: it may be kept. A large
   * write may come with `recycle`: call it once `data` is no longer referenced anywhere (sent,
   * copied) and the device reuses the buffer for a later request instead of allocating one.
   * `killSuidgid` (FUSE_WRITE_KILL_SUIDGID, with HANDLE_KILLPRIV_V2): the writer lacks CAP_FSETID,
   * so the write must clear set-id bits (the kernel no longer does it before the write).
   */
  write?(ctx: RequestContext, p: { node: number; fh: number; offset: number; data: Uint8Array; flags: number; lockOwner?: string; killSuidgid?: boolean; recycle?: () => void }): Promise<number>;
  flush?(ctx: RequestContext, p: { node: number; fh: number; lockOwner: string }): Promise<void>;
  fsync?(ctx: RequestContext, p: { node: number; fh: number; datasync: boolean }): Promise<void>;
  release?(ctx: RequestContext, p: { node: number; fh: number; flags: number; lockOwner?: string; flock?: boolean }): Promise<void>;
  opendir?(ctx: RequestContext, p: { node: number; flags: number }): Promise<FuseOpenOut>;
  /** Entries after cookie `offset`; return at most `maxEntries` (more are dropped, and the kernel
   * asks again from the last `off` that fit). */
  readdir?(ctx: RequestContext, p: { node: number; fh: number; offset: number; maxEntries: number; size: number }): Promise<DirEntry[]>;
  /** Like readdir, each entry with `entry` counts one lookup; entries that do not fit in the
   * reply are handed back through `forget` so the count stays right. */
  readdirplus?(ctx: RequestContext, p: { node: number; fh: number; offset: number; maxEntries: number; size: number }): Promise<DirEntryPlus[]>;
  releasedir?(ctx: RequestContext, p: { node: number; fh: number }): Promise<void>;
  fsyncdir?(ctx: RequestContext, p: { node: number; fh: number; datasync: boolean }): Promise<void>;
  statfs?(ctx: RequestContext, p: { node: number }): Promise<StatfsOut>;
  access?(ctx: RequestContext, p: { node: number; mask: number }): Promise<void>;
  fallocate?(ctx: RequestContext, p: { node: number; fh: number; mode: number; offset: number; length: number }): Promise<void>;
  lseek?(ctx: RequestContext, p: { node: number; fh: number; offset: number; whence: number }): Promise<number>;
  copyFileRange?(ctx: RequestContext, p: { node: number; fhIn: number; offIn: number; nodeOut: number; fhOut: number; offOut: number; len: number; flags: number }): Promise<number>;
  /** size 0 asks for the length only; a value longer than `size` is answered ERANGE. */
  getxattr?(ctx: RequestContext, p: { node: number; name: string; size: number }): Promise<Uint8Array | number>;
  setxattr?(ctx: RequestContext, p: { node: number; name: string; value: Uint8Array; flags: number }): Promise<void>;
  /** NUL-terminated names concatenated; size 0 asks for the length only. */
  listxattr?(ctx: RequestContext, p: { node: number; size: number }): Promise<Uint8Array | number>;
  removexattr?(ctx: RequestContext, p: { node: number; name: string }): Promise<void>;
  getlk?(ctx: RequestContext, p: { node: number; fh: number; owner: string; lock: FileLock }): Promise<FileLock>;
  /** SETLK / SETLKW (`wait`) and flock(2) (`flock`); a waiting lock must honour ctx.signal. */
  setlk?(ctx: RequestContext, p: { node: number; fh: number; owner: string; lock: FileLock; wait: boolean; flock: boolean }): Promise<void>;
  /** The kernel is done with the mount (DESTROY or the device closed). */
  destroy?(): void;
  /**
   * Called synchronously for every notification the server sends the kernel (FuseServer's
   * notifyInvalInode / notifyInvalEntry / notifyDelete), before it is sent: a file system that
   * caches something itself (attributes, directory contents) drops the same thing here.
   */
  invalidated?(n: FuseNotification): void;
}
