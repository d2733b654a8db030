/** FuseServer: a mounted file system — device loop + protocol session + mount lifecycle. */
import { resolve as resolvePath } from "node:path";
import { defaultLog } from "./errors.js";
import type { FuseFileSystem, FuseNotification } from "./fs.js";
import { FuseDevice } from "./device/device.js";
import {
  ACTIVE_MOUNTPOINTS, abortConnection, findMount, type MountOptions, mountFuse, unmountFuse,
} from "./mount.js";
import { DEFAULT_MAX_WRITE, type Negotiated } from "./protocol/negotiate.js";
import { FuseSession, type SessionOptions } from "./protocol/session.js";
import { FUSE_MIN_READ_BUFFER } from "./wire/constants.js";
import { encodeNotifyDelete, encodeNotifyInvalEntry, encodeNotifyInvalInode, encodeNotifyStoreHeader } from "./wire/notify.js";

/** Everything {@link mountFileSystem} accepts. */
export interface FuseServerOptions extends SessionOptions, MountOptions {
  /** Reads of /dev/fuse kept outstanding (capped by UV_THREADPOOL_SIZE - 2; default 4). */
  reads?: number;
  /** Path of the FUSE device (default /dev/fuse). */
  devicePath?: string;
  /** How long to wait for the kernel's INIT after mount(8) returned, ms (default 10000). */
  initTimeoutMs?: number;
}

/** Read buffer size for a max_write: room for in_header + write_in + data, and a page to spare. */
export function readBufferSize(maxWrite: number): number {
  return Math.max(FUSE_MIN_READ_BUFFER, maxWrite + 4096);
}

/** A live FUSE mount served by this process. */
export class FuseServer {
  /** Resolves when the connection has ended (unmounted or aborted) and the device is closed. */
  readonly closed: Promise<void>;

  /** @internal use {@link mountFileSystem} */
  constructor(
    /** Absolute mountpoint. */
    readonly mountpoint: string,
    /** FUSE connection number (the mount's minor; /sys/fs/fuse/connections/N). */
    readonly connection: number,
    /** What INIT agreed. */
    readonly negotiated: Negotiated,
    private readonly device: FuseDevice,
    private readonly session: FuseSession,
    private readonly fs: FuseFileSystem = {},
  ) {
    this.closed = device.closed.then(() => {
      session.close();
      ACTIVE_MOUNTPOINTS.delete(mountpoint);
    });
  }

  /** Requests currently being served. */
  get inFlight(): number {
    return this.session.inFlightCount;
  }

  /**
   * Unmount: `umount`, or if busy `umount -l` followed by aborting the connection (users of a busy
   * mount then see ENOTCONN). Resolves once the server has stopped.
   */
  async unmount(): Promise<void> {
    await unmountFuse(this.mountpoint, { abortConnection: this.connection });
    await this.closed;
  }

  /**
   * Drop the kernel's cached attributes of `node` (not its pages) at once, on the event loop: an
   * attribute-only INVAL_INODE waits on no page lock. The file system's `invalidated` hook is
   * not called (it asked). False if the kernel did not know the node.
   */
  notifyInvalAttrsNow(node: number): boolean {
    return this.device.writeNotifyNow(encodeNotifyInvalInode(node, -1, 0));
  }

  /**
   * Put `data` into the kernel's page cache of `node` at `off` (FUSE_NOTIFY_STORE), at once, on
   * the event loop. Only when no request of the file system can hold a page lock of that inode
   * (no READ of it in flight: no open file of it): the kernel locks each page it fills. False if
   * the kernel did not know the node.
   */
  notifyStoreNow(node: number, off: number, data: Uint8Array): boolean {
    return this.device.writeNotifyNow(encodeNotifyStoreHeader(node, off, data.length), data);
  }

  /** Abort the connection through fusectl (everything pending fails) without unmounting. */
  async abort(): Promise<boolean> {
    return abortConnection(this.connection);
  }

  /**
   * Drop the kernel's cached attributes of `node` and its page cache from `off` for `len` bytes
   * (len 0: to the end; off -1: attributes only). False if the kernel had nothing cached.
   */
  notifyInvalInode(node: number, off = 0, len = 0): Promise<boolean> {
    this.tellFs({ kind: "inode", node, off, len });
    return this.device.writeNotify(encodeNotifyInvalInode(node, off, len));
  }

  /** Drop the kernel's dentry `name` in directory `parent`. False if it was not cached. */
  notifyInvalEntry(parent: number, name: string): Promise<boolean> {
    this.tellFs({ kind: "entry", parent, name });
    return this.device.writeNotify(encodeNotifyInvalEntry(parent, name));
  }

  /** Tell the kernel `name` in `parent` (node `child`) was deleted; also drops it if cached. */
  notifyDelete(parent: number, child: number, name: string): Promise<boolean> {
    this.tellFs({ kind: "delete", parent, child, name });
    return this.device.writeNotify(encodeNotifyDelete(parent, child, name));
  }

  /** Let the file system drop what it caches itself (see FuseFileSystem.invalidated). */
  private tellFs(n: FuseNotification): void {
    try {
      this.fs.invalidated?.(n);
    } catch (err) {
      defaultLog(`fuse: invalidated() failed: ${String(err)}`);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    t.unref();
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}

/**
 * Mount `fs` at `mountpoint` and serve it from this process. Resolves after INIT has been
 * negotiated, so the mount is usable — but only from other processes (see docs/fuse.md).
 */
export async function mountFileSystem(mountpoint: string, fs: FuseFileSystem, options: FuseServerOptions = {}): Promise<FuseServer> {
  const abs = resolvePath(mountpoint);
  const log = options.log ?? defaultLog;
  const maxWrite = options.maxWrite ?? DEFAULT_MAX_WRITE;
  const device = await FuseDevice.open(options.devicePath);
  const session = new FuseSession(fs, (b, payload) => device.writeReply(b, payload), { ...options, log, maxWrite });
  try {
    await mountFuse(device.fd, abs, options, maxWrite);
  } catch (err) {
    await device.closeUnstarted();
    throw err;
  }
  ACTIVE_MOUNTPOINTS.add(abs);
  device.start((req, recycle) => void session.handle(req, recycle), { reads: options.reads ?? 4, bufferSize: readBufferSize(maxWrite), log });
  try {
    const negotiated = await withTimeout(session.initialized, options.initTimeoutMs ?? 10_000, "FUSE INIT");
    const info = await findMount(abs);
    return new FuseServer(abs, info?.minor ?? -1, negotiated, device, session, fs);
  } catch (err) {
    const info = await findMount(abs);
    await unmountFuse(abs, info === undefined ? { lazy: true } : { lazy: true, abortConnection: info.minor }).catch(() => undefined);
    ACTIVE_MOUNTPOINTS.delete(abs);
    throw err;
  }
}
