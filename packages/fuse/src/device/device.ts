/**
 * The /dev/fuse read/write loop. Reads run on libuv's threadpool (`fs.read` with a callback), several
 * at once; each request gets a buffer of its own (small ones are copied out of the read buffer,
 * large ones keep it and a fresh read buffer is armed), so the read can be re-armed at once.
 * Replies are written synchronously (one write(2) per reply; the kernel never blocks on one).
 * Notifications are written asynchronously: the kernel may take inode or page locks for them,
 * which a request we are still serving can hold, so writing them synchronously could deadlock.
 */
import { close, open, read, write, writeSync, writevSync } from "node:fs";
import * as util from "node:util";
import { promisify } from "node:util";
import { defaultLog } from "../errors.js";
import { outstandingReads } from "./threadpool.js";

/** Options of the device loop. */
export interface DeviceOptions {
  /** Reads kept outstanding (capped by the threadpool, see threadpool.ts). Default 4. */
  reads?: number;
  /** Size of each read buffer; must be ≥ max(8192, 80 + max_write). */
  bufferSize: number;
  /** Read on the event loop through epoll instead of the threadpool (default true; MRC_FUSE_POLL=0 turns it off). */
  poll?: boolean;
  log?: (msg: string) => void;
}

const openAsync = promisify(open);
const writeAsync = promisify(write);
const closeAsync = promisify(close);

/** The parts of Node's internal pipe handle (process.binding("pipe_wrap").Pipe) used here. */
interface PipeHandle {
  open(fd: number): number;
  useUserBuffer(buf: Uint8Array): void;
  readStart(): number;
  readStop(): number;
  setBlocking(on: boolean): number;
  close(cb: () => void): void;
  onread: (ab?: ArrayBuffer) => void;
}

function uvErrName(n: number): string {
  try {
    return util.getSystemErrorName(n);
  } catch {
    return `E${-n}`;
  }
}

/** Requests at least this long are handed over in their read buffer instead of being copied. */
const HANDOFF_BYTES = 64 * 1024;
/** Read buffers kept for reuse once the file system is done with a handed-over request. */
const SPARE_BUFFERS = 24;

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
  /** Large read buffers whose request is done with, for the next large request. */
  private readonly spare: Buffer[] = [];
  /** The pipe handle the fd is polled through (polled mode). */
  private pipe: PipeHandle | undefined;
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
  start(onRequest: (req: Buffer, recycle?: () => void) => void, options: DeviceOptions): number {
    const log = options.log ?? this.log;
    if (options.poll !== false && process.env.MRC_FUSE_POLL !== "0") {
      const r = this.startPolled(onRequest, options, log);
      if (r) return 1;
    }
    return this.startPooled(onRequest, options, log);
  }

  /**
   * Read on the event loop: the fd is made non-blocking and watched by libuv's epoll (through a
   * pipe handle, the only stream handle Node lets us open on an arbitrary fd), so a request
   * reaches JavaScript without a threadpool thread waking up and then waking the loop: one
   * context switch less per request (measured: a request answered locally, e.g. FUSE_IOCTL,
   * ~63 → 22-35 µs round trip on a 2-CPU VM). False if Node offers no such handle; then the pool is used.
   */
  private startPolled(onRequest: (req: Buffer, recycle?: () => void) => void, options: DeviceOptions, log: (msg: string) => void): boolean {
    let pipe: PipeHandle;
    let state: Int32Array;
    let kNread: number;
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const binding = (process as any).binding as (name: string) => any;
      const pw = binding("pipe_wrap");
      const sw = binding("stream_wrap");
      state = sw.streamBaseState as Int32Array;
      kNread = sw.kReadBytesOrError as number;
      pipe = new pw.Pipe(pw.constants.SOCKET) as PipeHandle;
      if (typeof pipe.useUserBuffer !== "function" || typeof pipe.setBlocking !== "function" || !(state instanceof Int32Array)) return false;
      const err = pipe.open(this.fd);
      if (err !== 0) return false;
    } catch {
      return false;
    }
    this.pipe = pipe;
    let buf: Buffer = Buffer.allocUnsafe(options.bufferSize);
    pipe.useUserBuffer(buf);
    this.running++;
    pipe.onread = () => {
      const n = state[kNread]!;
      if (n > 0) {
        let req: Buffer;
        if (n >= HANDOFF_BYTES) {
          const full = buf;
          req = buf.subarray(0, n);
          buf = this.freshBuffer(options.bufferSize);
          pipe.useUserBuffer(buf);
          onRequest(req, () => this.recycle(full));
          return;
        }
        req = Buffer.allocUnsafe(n);
        buf.copy(req, 0, 0, n);
        onRequest(req);
        return;
      }
      if (n === 0) return; // EAGAIN: wait for the next one
      // An error: the connection is gone (ENODEV, ECONNABORTED), or something unexpected, after
      // which libuv stops reading this handle. Then go on with blocking reads on the pool.
      pipe.readStop();
      const name = uvErrName(n);
      if (this.stopping || GONE.has(name) || name === "EOF") return this.readerDone();
      log(`fuse: polled /dev/fuse read failed (${name}); reading on the threadpool from now on`);
      pipe.setBlocking(true);
      this.running--;
      this.startPooled(onRequest, options, log);
    };
    pipe.readStart();
    return true;
  }

  private startPooled(onRequest: (req: Buffer, recycle?: () => void) => void, options: DeviceOptions, log: (msg: string) => void): number {
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
        if (bytes >= HANDOFF_BYTES) {
          // A large request (a WRITE) keeps the read buffer; a fresh one is read into next,
          // which is cheaper than copying a MiB.
          arm(this.freshBuffer(buf.length));
          onRequest(buf.subarray(0, bytes), () => this.recycle(buf));
          return;
        }
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

  private freshBuffer(size: number): Buffer {
    const b = this.spare.pop();
    return b !== undefined && b.length === size ? b : Buffer.allocUnsafe(size);
  }

  /** A handed-over read buffer is free again (its request's data is no longer referenced). */
  private recycle(buf: Buffer): void {
    if (this.spare.length < SPARE_BUFFERS) this.spare.push(buf);
  }

  /**
   * Write one reply (`payload`, if given, follows `buf` in the same write). ENOENT means the kernel no longer waits for it (the request was interrupted
   * and given up on, or an interrupt reply for a finished request): ignored. ENODEV: gone, ignored.
   */
  writeReply(buf: Buffer, payload?: Uint8Array): void {
    try {
      if (payload === undefined) writeSync(this.fd, buf, 0, buf.length);
      else writevSync(this.fd, [buf, payload]); // one write(2) for the whole reply, as the kernel wants
    } catch (err) {
      const c = code(err);
      if (c === "ENOENT" || c === "ENODEV" || c === "ECONNABORTED" || c === "EBADF") return;
      throw err;
    }
  }

  /**
   * Write one notification right now, on the event loop: only for notifications that cannot wait
   * on anything in the kernel (an attribute-only INVAL_INODE, say). True when the kernel took it,
   * false when there was nothing to invalidate or the connection is gone.
   */
  writeNotifyNow(buf: Buffer, payload?: Uint8Array): boolean {
    try {
      if (payload === undefined) writeSync(this.fd, buf, 0, buf.length);
      else writevSync(this.fd, [buf, payload]);
      return true;
    } catch (err) {
      const c = code(err);
      if (c === "ENOENT" || c === "ENODEV" || c === "ECONNABORTED" || c === "ENOTDIR" || c === "EBADF") return false;
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
    if (this.pipe !== undefined) {
      // The pipe handle owns the fd now: closing it closes the fd.
      await new Promise<void>((res) => this.pipe!.close(() => res()));
      this.resolveClosed();
      return;
    }
    try {
      await closeAsync(this.fd);
    } catch {
      // already closed
    }
    this.resolveClosed();
  }
}
