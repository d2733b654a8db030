import { Readable, Writable } from "node:stream";
import { RpcError } from "./errors.js";
import { MAX_DATA_CHUNK } from "./limits.js";

/** Bytes a writer gathers from small writes before sending them as one DATA frame. */
const GATHER_LIMIT = 1024 * 1024;

/** What a stream end needs from its link. */
export interface StreamLink {
  sendData(sid: number, data: Uint8Array): void;
  sendCredit(sid: number, bytes: number): void;
  sendEnd(sid: number): void;
  sendReset(sid: number, err: RpcError): void;
  /** Wait until the link's socket buffer has room again. */
  waitDrain(): Promise<void>;
  linkCongested(): boolean;
  forget(sid: number): void;
}

/**
 * Receiving end of a byte stream: a Readable. Credit is granted back to the writer as the
 * consumer reads, so at most `window` bytes are ever buffered here.
 */
export class StreamReader extends Readable {
  private pushedTotal = 0;
  private offered: number;
  private ended = false;
  constructor(
    readonly sid: number,
    private readonly link: StreamLink,
    private readonly window: number,
  ) {
    super({ highWaterMark: Math.min(window, 1024 * 1024) });
    this.offered = window;
  }

  /** DATA arrived. Returns false if the writer overran its credit (a protocol violation). */
  onData(data: Uint8Array): boolean {
    if (this.ended) return false;
    this.pushedTotal += data.byteLength;
    if (this.pushedTotal > this.offered) return false;
    this.push(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return true;
  }

  onEnd(): void {
    if (this.ended) return;
    this.ended = true;
    this.push(null);
    this.link.forget(this.sid);
  }

  onReset(err: RpcError): void {
    this.ended = true;
    // Nobody listening for errors: end quietly rather than crash the process.
    this.destroy(this.listenerCount("error") > 0 ? err : undefined);
    this.link.forget(this.sid);
  }

  override _read(): void {
    if (this.ended) return;
    const consumed = this.pushedTotal - this.readableLength;
    const delta = consumed + this.window - this.offered;
    if (delta >= this.window / 4 || (delta > 0 && this.readableLength === 0)) {
      this.offered += delta;
      this.link.sendCredit(this.sid, delta);
    }
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.ended) {
      this.ended = true;
      this.link.sendReset(this.sid, new RpcError("STREAM_RESET", err?.message ?? "reader closed the stream"));
      this.link.forget(this.sid);
    }
    cb(err);
  }
}

/**
 * Sending end of a byte stream: a Writable that sends only as much as the reader has granted
 * (credit), and waits on the link's socket buffer too. write() callbacks complete only when the
 * bytes are handed to the link, so a producer piping into it slows to the consumer's pace.
 */
export class StreamWriter extends Writable {
  private credit: number;
  private creditWaiter: (() => void) | undefined;
  private dead: RpcError | undefined;
  constructor(
    readonly sid: number,
    private readonly link: StreamLink,
    window: number,
  ) {
    super({ highWaterMark: 256 * 1024 });
    this.credit = window;
  }

  onCredit(bytes: number): void {
    this.credit += bytes;
    const w = this.creditWaiter;
    this.creditWaiter = undefined;
    w?.();
  }

  onReset(err: RpcError): void {
    this.dead = err;
    const w = this.creditWaiter;
    this.creditWaiter = undefined;
    w?.();
    this.destroy(this.listenerCount("error") > 0 ? err : undefined);
    this.link.forget(this.sid);
  }

  private async sendAll(chunk: Uint8Array): Promise<void> {
    let off = 0;
    while (off < chunk.byteLength) {
      if (this.dead) throw this.dead;
      if (this.credit <= 0) {
        await new Promise<void>((r) => (this.creditWaiter = r));
        continue;
      }
      if (this.link.linkCongested()) await this.link.waitDrain();
      const n = Math.min(chunk.byteLength - off, this.credit, MAX_DATA_CHUNK);
      this.link.sendData(this.sid, chunk.subarray(off, off + n));
      this.credit -= n;
      off += n;
    }
  }

  /** Small chunks written in the same turn of the event loop, sent together as one frame. */
  private gather: Buffer[] = [];
  private gathered = 0;
  private gatherCbs: Array<(e?: Error | null) => void> = [];
  private flushScheduled = false;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (chunk.byteLength >= GATHER_LIMIT && this.gathered === 0) {
      this.sendAll(chunk).then(() => cb(), cb);
      return;
    }
    // Coalesce: producers such as a child's stdout deliver 64 KiB at a time; one frame per
    // chunk costs a frame header, an encode and a socket write each. Gather up to 1 MiB per turn.
    this.gather.push(chunk);
    this.gathered += chunk.byteLength;
    this.gatherCbs.push(cb);
    if (this.gathered >= GATHER_LIMIT) this.flushGather();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushGather());
    }
  }

  private flushGather(): void {
    this.flushScheduled = false;
    if (this.gathered === 0) return;
    const data = this.gather.length === 1 ? this.gather[0]! : Buffer.concat(this.gather, this.gathered);
    const cbs = this.gatherCbs;
    this.gather = [];
    this.gathered = 0;
    this.gatherCbs = [];
    this.sendAll(data).then(
      () => cbs.forEach((f) => f()),
      (err: Error) => cbs.forEach((f) => f(err)),
    );
  }

  override _final(cb: (e?: Error | null) => void): void {
    if (this.dead) return cb(this.dead);
    if (this.gathered > 0 || this.flushScheduled) {
      // END must follow the gathered bytes.
      setImmediate(() => this._final(cb));
      return;
    }
    this.link.sendEnd(this.sid);
    this.link.forget(this.sid);
    cb();
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void): void {
    if (!this.dead && !this.writableFinished) {
      this.dead = new RpcError("STREAM_RESET", err?.message ?? "writer aborted the stream");
      this.link.sendReset(this.sid, this.dead);
      this.link.forget(this.sid);
    }
    cb(err);
  }
}
