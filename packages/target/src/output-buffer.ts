import type { Readable, Writable } from "node:stream";

/** Default bytes a durable job keeps per output stream. */
export const DEFAULT_BUFFER_BYTES = 8 << 20;

/**
 * One output stream of a durable job, buffered on the target with absolute offsets (bytes since
 * the guest started). The current reader (a link's writer stream, if any) is fed from the
 * buffer with backpressure; while attached and `limit` unsent bytes are waiting, the guest's
 * stream is paused (nothing lost). While nobody is attached, the oldest bytes are dropped past
 * `limit`. A new reader may start anywhere from {@link start} (a head resuming after a crash asks
 * for the offset it has safely logged).
 */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  /** Offset of the first buffered byte. */
  start = 0;
  /** Offset after the last byte the guest wrote. */
  end = 0;
  private ended = false;
  private sink: Writable | undefined;
  private sendPos = 0;
  private waitingDrain = false;
  private doneWaiters: Array<() => void> = [];

  constructor(
    private readonly source: Readable,
    readonly limit = DEFAULT_BUFFER_BYTES,
  ) {
    source.on("data", (c: Buffer) => this.push(c));
    source.once("end", () => this.finish());
    source.once("error", () => this.finish());
    source.once("close", () => this.finish());
  }

  /** The guest's stream ended and every byte was handed to the current reader (if any). */
  get drained(): boolean {
    return this.ended && (!this.sink || this.sendPos >= this.end);
  }

  private push(c: Buffer): void {
    this.chunks.push(c);
    this.end += c.length;
    this.trim();
    this.pump();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.pump();
    this.settle();
  }

  /** Drop bytes no reader needs: sent ones beyond the limit, or the oldest when nobody reads. */
  private trim(): void {
    const keepFrom = this.end - this.limit;
    // With a reader, never drop what it has not been sent; pause the guest instead.
    const floor = this.sink ? Math.min(keepFrom, this.sendPos) : keepFrom;
    while (this.chunks.length > 0 && this.start + this.chunks[0]!.length <= floor) this.start += this.chunks.shift()!.length;
    if (this.chunks.length > 0 && this.start < floor) {
      const cut = floor - this.start;
      this.chunks[0] = this.chunks[0]!.subarray(cut);
      this.start = floor;
    }
    if (this.sink && this.end - this.sendPos >= this.limit) this.source.pause();
    else if (!this.ended) this.source.resume();
  }

  /** Bytes from `from` to the end, as slices of the buffered chunks. */
  private slicesFrom(from: number): Buffer[] {
    const out: Buffer[] = [];
    let pos = this.start;
    for (const c of this.chunks) {
      const cEnd = pos + c.length;
      if (cEnd > from) out.push(pos >= from ? c : c.subarray(from - pos));
      pos = cEnd;
    }
    return out;
  }

  private pump(): void {
    const sink = this.sink;
    if (!sink || this.waitingDrain || sink.destroyed) return;
    for (const s of this.slicesFrom(this.sendPos)) {
      this.sendPos += s.length;
      if (!sink.write(s)) {
        this.waitingDrain = true;
        sink.once("drain", () => {
          this.waitingDrain = false;
          if (this.sink === sink) this.pump();
        });
        break;
      }
    }
    this.trim();
    if (this.ended && this.sendPos >= this.end && !this.waitingDrain) {
      sink.end();
      this.settle();
    }
  }

  private settle(): void {
    if (!this.ended || (this.sink && (this.sendPos < this.end || this.waitingDrain))) return;
    const w = this.doneWaiters;
    this.doneWaiters = [];
    for (const r of w) r();
  }

  /**
   * Make `sink` the reader, from offset `from` (or the oldest byte still held, if later).
   * A previous reader is ended. Returns the offset it really starts at.
   */
  attach(sink: Writable, from: number): number {
    this.detach(true);
    this.sink = sink;
    this.sendPos = Math.min(Math.max(from, this.start), this.end);
    const onGone = () => {
      if (this.sink === sink) this.detach(false);
    };
    sink.once("close", onGone);
    sink.once("error", onGone);
    this.pump();
    return this.sendPos;
  }

  /** Detach `sink` if it is still the reader (its link closed). */
  release(sink: Writable): void {
    if (this.sink === sink) this.detach(false);
  }

  /** No reader: from now on the oldest bytes are dropped past the limit. */
  detach(endIt = false): void {
    const s = this.sink;
    this.sink = undefined;
    this.waitingDrain = false;
    if (s && endIt && !s.destroyed) s.end();
    this.trim();
    this.settle();
  }

  /** Resolves once the guest's stream ended and the current reader got everything (or there is none). */
  whenDrained(): Promise<void> {
    if (this.ended && (!this.sink || (this.sendPos >= this.end && !this.waitingDrain))) return Promise.resolve();
    return new Promise((r) => this.doneWaiters.push(r));
  }
}
