import { Readable } from "node:stream";
import { RpcError } from "./errors.js";

export { StreamWriter } from "./stream-writer.js";

/** What a stream end needs from its link. */
export interface StreamLink {
  /** Send one encoded DATA frame; `sent` as in Transport.send (the frame's buffer may then be reused). */
  sendFrame(frame: Uint8Array, sent?: () => void): void;
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
    this.grant();
  }

  // Readable calls _read() once and then not again until something is pushed: credit must also
  // follow the consumer through read(), or a writer out of credit and a reader that drained its
  // buffer would wait for each other forever.
  override read(size?: number): any {
    const chunk: unknown = super.read(size);
    this.grant();
    return chunk;
  }

  /** Give the writer back what the consumer has taken, in steps of a quarter window (or all, once drained). */
  private grant(): void {
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
