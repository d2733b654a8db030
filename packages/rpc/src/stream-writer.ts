import { Writable } from "node:stream";
import { RpcError } from "./errors.js";
import { dataHeaderLength, writeDataHeader } from "./frames.js";
import { MAX_DATA_CHUNK } from "./limits.js";
import { PAYLOAD_AT, recycleFrameBuffer, takeFrameBuffer } from "./data-frames.js";
import type { StreamLink } from "./stream.js";

/**
 * How long (ms) a writer holding less than a full frame may wait for more bytes: while they keep
 * arriving turn after turn, or while the stream is moving bulk data (it sent a frame of at least
 * BULK_BYTES less than this long ago). Otherwise (the first bytes after a pause, the small
 * replies of a conversation over stdio) a partial frame goes out at the end of the loop turn
 * that brought its bytes.
 */
const GATHER_MS = 2;
const BULK_BYTES = 64 * 1024;

/** A frame being gathered or waiting to be sent: payload at [PAYLOAD_AT, end) of buf. */
interface Pending {
  buf: Buffer;
  end: number;
}

/**
 * Sending end of a byte stream: a Writable that sends only as much as the reader has granted
 * (credit), and waits on the link's socket buffer too.
 *
 * Bytes are copied into frame buffers as they are written (once; a full frame then goes out as
 * is) and sent in frames of up to MAX_DATA_CHUNK: producers such as a child's stdout deliver a
 * few KiB per read, and every frame costs a socket write and a wake-up of the reader. A partial
 * frame waits at most GATHER_MS for more, and only while bulk data is moving (interactive output
 * is not delayed). About one frame is accepted ahead of what credit and the link allow:
 * beyond it write() callbacks wait, so a producer piping into the writer slows to the consumer's
 * pace. A frame is never larger than the reader's window, and is sent whole.
 */
export class StreamWriter extends Writable {
  private credit: number;
  private dead: RpcError | undefined;
  /** Payload bytes of one frame. */
  private readonly capacity: number;
  /** The frame being filled. */
  private open: Pending | undefined;
  /** Complete frames waiting for credit or the link, oldest first. */
  private ready: Pending[] = [];
  /** Bytes in `open` and `ready`. */
  private queued = 0;
  /** Called once the queue is back under a frame (held write callbacks, copyIn producers). */
  private roomWaiters: Array<() => void> = [];
  /** Waiting for credit or for the link to drain. */
  private blocked = false;
  private creditWaiter: (() => void) | undefined;
  /** Send the open frame now, however full (the producer paused). */
  private flushing = false;
  private gatherScheduled = false;
  /** Bytes queued when the pending gather check was scheduled. */
  private gatherMark = 0;
  /** When the open frame got its first bytes (0: not gathering). */
  private gatherSince = 0;
  /** When the last frame was sent, and its size. */
  private lastSent = -Infinity;
  private lastSize = 0;
  private finalCb: ((e?: Error | null) => void) | undefined;

  constructor(
    readonly sid: number,
    private readonly link: StreamLink,
    window: number,
  ) {
    super({ highWaterMark: 256 * 1024 });
    this.credit = window;
    this.capacity = Math.max(1, Math.min(MAX_DATA_CHUNK, window));
  }

  onCredit(bytes: number): void {
    this.credit += bytes;
    const w = this.creditWaiter;
    this.creditWaiter = undefined;
    w?.();
  }

  onReset(err: RpcError): void {
    this.dead = err;
    this.creditWaiter = undefined;
    this.drop();
    this.destroy(this.listenerCount("error") > 0 ? err : undefined);
    this.link.forget(this.sid);
  }

  /**
   * Copy `bytes` into the stream now, bypassing the Writable's buffer: for producers that reuse
   * their buffer (a socket read with `onread`). Not to be mixed with pending write()s. Returns
   * false when the producer should stop until {@link whenRoom} calls back.
   */
  copyIn(bytes: Uint8Array): boolean {
    if (this.dead || this.writableEnded) return false;
    this.append(bytes);
    this.pump();
    return this.queued <= this.capacity;
  }

  /** Call `cb` once the writer takes more bytes (at once if it does now). Not called if it dies. */
  whenRoom(cb: () => void): void {
    if (this.queued <= this.capacity && !this.dead) cb();
    else this.roomWaiters.push(cb);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.accept([chunk], cb);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (e?: Error | null) => void): void {
    this.accept(
      chunks.map((c) => c.chunk),
      cb,
    );
  }

  /** Take written chunks; their callback waits while more than a frame is queued. */
  private accept(chunks: Buffer[], cb: (e?: Error | null) => void): void {
    if (this.dead) return cb(this.dead);
    for (const c of chunks) this.append(c);
    if (this.queued > this.capacity) this.roomWaiters.push(() => cb());
    else cb();
    this.pump();
  }

  /** Copy bytes into frames, closing each that fills up. */
  private append(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.byteLength) {
      this.open ??= { buf: takeFrameBuffer(this.capacity), end: PAYLOAD_AT };
      const o = this.open;
      const n = Math.min(bytes.byteLength - off, PAYLOAD_AT + this.capacity - o.end);
      o.buf.set(n === bytes.byteLength ? bytes : bytes.subarray(off, off + n), o.end);
      o.end += n;
      off += n;
      this.queued += n;
      if (o.end === PAYLOAD_AT + this.capacity) this.closeOpen();
    }
  }

  /** The open frame is complete: queue it for sending. */
  private closeOpen(): void {
    const o = this.open;
    this.open = undefined;
    this.gatherSince = 0;
    if (o === undefined) return;
    if (o.end > PAYLOAD_AT) this.ready.push(o);
    else recycleFrameBuffer(o.buf);
  }

  /** Send what credit and the link allow; gather partial frames; finish the stream when asked. */
  private pump(): void {
    while (!this.blocked && !this.dead) {
      const f = this.ready[0];
      if (f === undefined) {
        if (this.open === undefined) break;
        if (!this.flushing && this.finalCb === undefined) {
          this.scheduleGather();
          break;
        }
        this.flushing = false;
        this.closeOpen();
        continue;
      }
      const n = f.end - PAYLOAD_AT;
      if (this.credit < n) {
        this.blocked = true;
        this.creditWaiter = () => this.unblock();
        break;
      }
      if (this.link.linkCongested()) {
        this.blocked = true;
        this.link.waitDrain().then(() => this.unblock());
        break;
      }
      this.ready.shift();
      this.queued -= n;
      this.credit -= n;
      this.send(f, n);
    }
    if (this.queued <= this.capacity && this.roomWaiters.length > 0 && !this.dead) {
      const ws = this.roomWaiters;
      this.roomWaiters = [];
      for (const w of ws) w();
    }
    if (this.finalCb && this.queued === 0 && !this.blocked && !this.dead) {
      const cb = this.finalCb;
      this.finalCb = undefined;
      this.link.sendEnd(this.sid);
      this.link.forget(this.sid);
      cb();
    }
  }

  /**
   * Send one frame. A large one goes out in its own buffer, the header written just before the
   * payload; a small one is copied out so that its buffer (mostly empty) is not held while queued.
   */
  private send(f: Pending, n: number): void {
    const head = dataHeaderLength(this.sid);
    this.lastSent = performance.now();
    this.lastSize = n;
    if (n >= this.capacity / 2) {
      const start = PAYLOAD_AT - head;
      writeDataHeader(f.buf.subarray(start, PAYLOAD_AT), this.sid, n);
      this.link.sendFrame(f.buf.subarray(start, f.end), () => recycleFrameBuffer(f.buf));
      return;
    }
    const out = Buffer.allocUnsafe(head + n);
    writeDataHeader(out, this.sid, n);
    out.set(f.buf.subarray(PAYLOAD_AT, f.end), head);
    recycleFrameBuffer(f.buf);
    this.link.sendFrame(out);
  }

  private unblock(): void {
    this.blocked = false;
    this.pump();
  }

  /** Check the open frame again after this loop turn, or after `ms`. */
  private scheduleGather(ms?: number): void {
    if (this.gatherScheduled) return;
    this.gatherScheduled = true;
    this.gatherMark = this.queued;
    if (this.gatherSince === 0) this.gatherSince = performance.now();
    if (ms === undefined) setImmediate(this.gatherCheck);
    else setTimeout(this.gatherCheck, ms);
  }

  /** Keep gathering while bytes keep coming or the stream is streaming; else send the open frame. */
  private readonly gatherCheck = (): void => {
    this.gatherScheduled = false;
    if (this.open === undefined || this.blocked || this.dead) return;
    const now = performance.now();
    const left = GATHER_MS - (now - this.gatherSince);
    if (left > 0 && this.queued > this.gatherMark) return this.scheduleGather();
    if (left > 0 && this.lastSize >= BULK_BYTES && now - this.lastSent < GATHER_MS) return this.scheduleGather(left);
    this.flushing = true;
    this.pump();
  };

  /** Forget queued bytes and waiters: the stream is being destroyed. */
  private drop(): void {
    for (const f of this.ready) recycleFrameBuffer(f.buf);
    if (this.open) recycleFrameBuffer(this.open.buf);
    this.ready = [];
    this.open = undefined;
    this.queued = 0;
    this.roomWaiters = [];
    this.finalCb = undefined;
  }

  override _final(cb: (e?: Error | null) => void): void {
    if (this.dead) return cb(this.dead);
    // END must follow every queued byte: pump sends it once the queue is empty.
    this.finalCb = cb;
    this.pump();
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.dead && !this.writableFinished) {
      this.dead = new RpcError("STREAM_RESET", err?.message ?? "writer aborted the stream");
      this.drop();
      this.link.sendReset(this.sid, this.dead);
      this.link.forget(this.sid);
    }
    cb(err);
  }
}
