/**
 * The /dev/fuse read/write loop. Reads run on libuv's threadpool (`fs.read` with a callback), several
 * at once; each request is copied out of its read buffer so the buffer can be re-armed at once.
 * Replies are written synchronously (one write(2) per reply; the kernel never blocks on one).
 * Notifications are written asynchronously: the kernel may take inode or page locks for them,
 * which a request we are still serving can hold, so writing them synchronously could deadlock.
 */
import { close, open, read, write, writeSync } from "node:fs";
import { promisify } from "node:util";
import { defaultLog } from "../errors.js";
import { outstandingReads } from "./threadpool.js";

/** Options of the device loop. */
export interface DeviceOptions {
  /** Reads kept outstanding (capped by the threadpool, see threadpool.ts). Default 4. */
  reads?: number;
  /** Size of each read buffer; must be ≥ max(8192, 80 + max_write). */
  bufferSize: number;
  log?: (msg: string) => void;
}

const openAsync = promisify(open);
const writeAsync = promisify(write);
const closeAsync = promisify(close);

/** Read errors that mean the connection is gone (unmounted or aborted). */
const GONE = new Set(["ENODEV", "ECONNABORTED", "EBADF"]);
/** Read errors after which we simply read again. */
const RETRY = new Set(["EINTR", "EAGAIN", "ENOENT"]);

function code(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** An open /dev/fuse file descriptor and its read loop. */
export class FuseDevice {
  /** Resolves when every read has stopped (connection gone) and the fd is closed. */
  readonly closed: Promise<void>;
  private running = 0;
  private stopping = false;
  private resolveClosed!: () => void;
  private readonly log: (msg: string) => void;

  private constructor(readonly fd: number) {
    this.closed = new Promise((res) => (this.resolveClosed = res));
    this.log = defaultLog;
  }

  /** Open the FUSE device (read/write, blocking). */
  static async open(path = "/dev/fuse"): Promise<FuseDevice> {
    return new FuseDevice(await openAsync(path, "r+"));
  }

  /**
   * Start reading: `onRequest` gets each request as its own Buffer. Call only after the mount
   * exists: before it, reads fail with EPERM.
   */
  start(onRequest: (req: Buffer) => void, options: DeviceOptions): number {
    const log = options.log ?? this.log;
    const n = outstandingReads(options.reads ?? 4);
    const arm = (buf: Buffer): void => {
      read(this.fd, buf, 0, buf.length, null, (err, bytes) => {
        if (err !== null) {
          const c = code(err);
          if (!this.stopping && c !== undefined && RETRY.has(c)) return arm(buf);
          if (!this.stopping && (c === undefined || !GONE.has(c))) log(`fuse: /dev/fuse read failed: ${err.message}`);
          return this.readerDone();
        }
        if (bytes === 0) return this.readerDone();
        const req = Buffer.allocUnsafe(bytes);
        buf.copy(req, 0, 0, bytes);
        arm(buf);
        onRequest(req);
      });
    };
    for (let i = 0; i < n; i++) {
      this.running++;
      arm(Buffer.allocUnsafe(options.bufferSize));
    }
    return n;
  }

  /**
   * Write one reply. ENOENT means the kernel no longer waits for it (the request was interrupted
   * and given up on, or an interrupt reply for a finished request): ignored. ENODEV: gone, ignored.
   */
  writeReply(buf: Buffer): void {
    try {
      writeSync(this.fd, buf, 0, buf.length);
    } catch (err) {
      const c = code(err);
      if (c === "ENOENT" || c === "ENODEV" || c === "ECONNABORTED" || c === "EBADF") return;
      throw err;
    }
  }

  /**
   * Write one notification off the event loop. Resolves true when the kernel took it, false when
   * there was nothing to invalidate (ENOENT) or the connection is gone; rejects on other errors.
   */
  async writeNotify(buf: Buffer): Promise<boolean> {
    try {
      await writeAsync(this.fd, buf, 0, buf.length);
      return true;
    } catch (err) {
      const c = code(err);
      if (c === "ENOENT" || c === "ENODEV" || c === "ECONNABORTED" || c === "ENOTDIR") return false;
      throw err;
    }
  }

  /**
   * Close the fd without waiting for reads (used when the mount never happened, so no read is
   * outstanding). After a mount, let the unmount end the reads instead.
   */
  async closeUnstarted(): Promise<void> {
    this.stopping = true;
    if (this.running === 0) await this.finish();
  }

  private readerDone(): void {
    this.stopping = true;
    if (--this.running === 0) void this.finish();
  }

  private async finish(): Promise<void> {
    try {
      await closeAsync(this.fd);
    } catch {
      // already closed
    }
    this.resolveClosed();
  }
}
