import { mkdir, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RpcError, type Peer } from "@mrc/rpc";
import { FS_INVAL, FS_RECALL, type FsAttachIn, type Invalidation, type Logger } from "@mrc/protocol";
import { DEFAULT_INIT_FLAGS, threadpoolSize, mountFileSystem, recoverStaleMounts, type FuseServer, type InitFlagName } from "@mrc/fuse";
import { remoteFs, type IdMap, type RemoteFsOptions } from "./fs-bridge.js";

/** Where a runner mounts each head link's exports: MOUNT_ROOT/<link id>. */
export const MOUNT_ROOT = "/run/mrc/mnt";

let nextId = 0;

/** Threadpool threads held by the blocking /dev/fuse reads of every live mount of this process. */
let readsInUse = 0;
/** Threads always left for everything else (file I/O, DNS, crypto). */
const POOL_RESERVE = 6;

/**
 * Reads for a new mount: up to 4, within what the threadpool has left. A pool that is used up
 * would leave the new mount (and every other file operation of the process) hanging, so that is
 * refused with a clear error instead.
 */
function takeReads(): number {
  const free = threadpoolSize() - POOL_RESERVE - readsInUse;
  if (free < 1) throw new RpcError("TOO_MANY_MOUNTS", `this target serves as many mounts as its threadpool allows (UV_THREADPOOL_SIZE=${threadpoolSize()}); raise it or wait for links to close`);
  const n = Math.min(4, free);
  readsInUse += n;
  return n;
}

/**
 * Use the kernel's writeback cache: opt-in (MRC_WRITEBACK=1). It makes small writes ~5x faster,
 * but with it the kernel trusts its own cached file size over the head's forever (for cached
 * inodes), so a file another node changed can read short: close-to-open across nodes breaks.
 * Measured and documented in docs/consistency.md; mrc's own write-behind covers most of the gain.
 */
export const WRITEBACK = process.env.MRC_WRITEBACK === "1";

/**
 * INIT flags of a link's mount: the fuse defaults without AUTO_INVAL_DATA (see docs/consistency.md:
 * the head pushes every change and answers keepCache at each open, so the kernel need not drop a
 * file's pages whenever a GETATTR shows a new mtime — which, after this target's own writes, made
 * it re-read everything it had just written, after an extra GETATTR before every read), with
 * CACHE_SYMLINKS (a symlink's text never changes: a new text is a new inode, hence a new node, and
 * a node pins its inode on the head), with HANDLE_KILLPRIV_V2 (the head clears set-id bits on
 * write, truncate and chown when the request says so, so the kernel no longer sends a GETXATTR
 * security.capability probe before every write; see docs/fuse.md), plus WRITEBACK_CACHE when
 * asked for.
 */
const MOUNT_INIT_FLAGS: InitFlagName[] = [
  ...DEFAULT_INIT_FLAGS.filter((f) => f !== "AUTO_INVAL_DATA" || process.env.MRC_AUTO_INVAL_DATA === "1"),
  "CACHE_SYMLINKS",
  "HANDLE_KILLPRIV_V2",
  ...(WRITEBACK ? (["WRITEBACK_CACHE"] as InitFlagName[]) : []),
];

/**
 * One FUSE mount per head link, shared by that head's jobs. Its root holds one directory per
 * export ("0", "1", ...); each job's mount namespace binds them onto the exports' own paths.
 * The mount is removed when the link ends; a runner that died leaves mounts that
 * {@link recoverMounts} removes at the next start.
 */
export class LinkMount {
  private constructor(
    readonly mountpoint: string,
    public exports: FsAttachIn["exports"],
    private readonly server: FuseServer,
    private readonly log: Logger,
  ) {}

  /** Mount a head's exports for the link `peer`; invalidations from the head are applied. */
  static async attach(peer: Peer, a: FsAttachIn, guest: { uid: number; gid: number }, log: Logger): Promise<LinkMount> {
    const mountpoint = join(MOUNT_ROOT, `${process.pid}-${++nextId}`);
    await mkdir(mountpoint, { recursive: true, mode: 0o755 });
    const ids: IdMap = { headUid: a.headUid, headGid: a.headGid, guestUid: guest.uid, guestGid: guest.gid };
    let server: FuseServer;
    const reads = takeReads();
    const bridgeOptions: RemoteFsOptions = { ids, writeback: WRITEBACK };
    try {
      server = await mountFileSystem(mountpoint, remoteFs(peer, bridgeOptions), {
        log: (m) => log.warn("fuse", { msg: m }),
        debug: process.env.MRC_FUSE_DEBUG === "1",
        stats: process.env.MRC_FUSE_STATS === "1",
        reads,
        initFlags: MOUNT_INIT_FLAGS,
      });
    } catch (err) {
      readsInUse -= reads;
      await rmdir(mountpoint).catch(() => {});
      throw err;
    }
    // The bridge asks this itself, about attributes it made up: it has nothing to drop.
    bridgeOptions.invalidateAttrs = (node) => Promise.resolve(server.notifyInvalAttrsNow(node));
    bridgeOptions.storePages = (node, data) => {
      try {
        return server.notifyStoreNow(node, 0, data);
      } catch (err) {
        log.warn("fuse: NOTIFY_STORE failed; the open drops the pages instead", { node, err: String(err) });
        return false;
      }
    };
    await setReadAhead(server.connection, READ_AHEAD_KB, log);
    const lm = new LinkMount(mountpoint, a.exports, server, log);
    lm.reads = reads;
    peer.onNotify(FS_INVAL, (inv: Invalidation) => lm.invalidate(inv));
    peer.handle(FS_RECALL, (p: unknown) => lm.recall(p));
    log.info("exports mounted", { mountpoint, exports: a.exports.map((e) => e.path) });
    return lm;
  }

  /** Threadpool threads its device reads hold. */
  reads = 0;

  /** The head exports more (a grown list: same order, new ones appended). */
  update(exports: FsAttachIn["exports"]): void {
    if (exports.length >= this.exports.length && this.exports.every((e, i) => exports[i]?.path === e.path)) this.exports = exports;
    else throw new RpcError("BAD_PARAMS", "fs.attach: the export list may only grow (same order, new ones appended)");
  }

  /** The directory on this mount that holds the export published at `path` on the head. */
  sourceFor(path: string): string | undefined {
    const i = this.exports.findIndex((e) => e.path === path);
    return i < 0 ? undefined : join(this.mountpoint, String(i));
  }

  /**
   * fs.recall: give up delegations. The bridge drops what it holds of each node and the kernel its
   * cached pages and attributes (one INVAL_INODE each, which the bridge sees too); the answer goes
   * once the kernel has done so.
   */
  private async recall(p: unknown): Promise<null> {
    const nodes = p !== null && typeof p === "object" ? (p as { nodes?: unknown }).nodes : undefined;
    if (!Array.isArray(nodes) || nodes.length > 65_536 || !nodes.every((n) => Number.isSafeInteger(n) && n > 0)) {
      throw new RpcError("BAD_PARAMS", "fs.recall: nodes must be a list of node ids");
    }
    await Promise.all(nodes.map((n: number) => this.server.notifyInvalInode(n, 0, 0).catch(() => false)));
    return null;
  }

  private invalidate(inv: Invalidation): void {
    const done = (p: Promise<boolean>) => p.catch((err: Error) => this.log.debug("invalidation failed", { err: err.message }));
    if (inv === null || typeof inv !== "object") return;
    if (inv.kind === "inode") done(this.server.notifyInvalInode(inv.node, inv.off, inv.len));
    else if (inv.kind === "entry") done(this.server.notifyInvalEntry(inv.parent, inv.name));
    else if (inv.kind === "delete") done(this.server.notifyDelete(inv.parent, inv.child, inv.name));
  }

  /**
   * Unmount (lazily if busy) and remove the mountpoint. If that does not finish within
   * {@link DETACH_TIMEOUT_MS}, the connection is aborted: pending requests fail, the device
   * reads return, and nothing can keep the runner from exiting.
   */
  async detach(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.log.warn("unmount is slow: aborting the FUSE connection", { mountpoint: this.mountpoint });
        this.server.abort().then(() => resolve(), () => resolve());
      }, DETACH_TIMEOUT_MS);
    });
    await Promise.race([
      this.server.unmount().catch((err: Error) => this.log.warn("unmount failed", { err: err.message })),
      timeout,
    ]);
    clearTimeout(timer);
    readsInUse -= this.reads;
    this.reads = 0;
    await rmdir(this.mountpoint).catch(() => {});
    this.log.info("exports unmounted", { mountpoint: this.mountpoint });
  }
}

/**
 * Read-ahead of the mount, KiB. The kernel's default (128 KiB) keeps cold sequential reads to one
 * small request at a time; 4 MiB lets it keep several 1 MiB READs in flight over the link
 * (measured: 128 KiB → 234 MB/s, 4 MiB → 528 MB/s for a cold 512 MiB read).
 */
export const READ_AHEAD_KB = 4096;

/** Set the read-ahead of FUSE connection `conn` (its bdi is 0:conn). Failure only costs speed. */
async function setReadAhead(conn: number, kb: number, log: Logger): Promise<void> {
  try {
    await writeFile(`/sys/class/bdi/0:${conn}/read_ahead_kb`, String(kb));
  } catch (err) {
    log.debug("cannot set read-ahead", { conn, err: (err as Error).message });
  }
}

/** How long an unmount may take before the connection is aborted, ms. */
export const DETACH_TIMEOUT_MS = 3000;

/** Remove mounts a previous runner left behind under MOUNT_ROOT (it died without unmounting). */
export async function recoverMounts(log: Logger): Promise<void> {
  try {
    const r = await recoverStaleMounts(MOUNT_ROOT, { onlyUnhealthy: true });
    for (const m of r) {
      log.warn("removed stale mount", { mountpoint: m.mountpoint, health: m.health, unmounted: m.unmounted });
      await rmdir(m.mountpoint).catch(() => {});
    }
  } catch (err) {
    log.warn("stale mount recovery failed", { err: (err as Error).message });
  }
}
