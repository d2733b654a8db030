import { writev } from "node:fs";
import { isatty } from "node:tty";
import { Writable } from "node:stream";

/** Buffers one writev() takes at most (Linux IOV_MAX is 1024). */
const MAX_IOV = 1024;

/**
 * Guest output to fd 1 or 2 when it is a pipe or a file. process.stdout writes those
 * synchronously on Linux, which stalls the event loop (and the link) whenever the consumer is
 * slow; this writes through libuv's threadpool instead. Chunks that queue up while a write is
 * in progress go out together in one writev(). A descriptor that someone made non-blocking
 * answers EAGAIN when the pipe is full: then we wait a moment and try again. EPIPE (the reader
 * went away) ends the stream with an error, as a local pipe would.
 */
export class FdWriter extends Writable {
  readonly isTTY = false;
  constructor(private readonly fd: number) {
    super({ highWaterMark: 4 * 1024 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writeAll([chunk], cb);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (e?: Error | null) => void): void {
    this.writeAll(
      chunks.map((c) => c.chunk),
      cb,
    );
  }

  /** Write every byte of `bufs` in order, however many calls it takes. */
  private writeAll(bufs: Buffer[], cb: (e?: Error | null) => void): void {
    let wait = 1;
    const step = (): void => {
      writev(this.fd, bufs.length > MAX_IOV ? bufs.slice(0, MAX_IOV) : bufs, null, (err, n) => {
        if (err) {
          if (err.code === "EAGAIN") {
            setTimeout(step, wait);
            wait = Math.min(wait * 2, 50);
            return;
          }
          cb(err);
          return;
        }
        wait = 1;
        // Drop what was written: whole buffers, then the front of a partly written one.
        let i = 0;
        while (i < bufs.length && n >= bufs[i]!.length) n -= bufs[i++]!.length;
        bufs = bufs.slice(i);
        if (bufs.length > 0 && n > 0) bufs[0] = bufs[0]!.subarray(n);
        if (bufs.length > 0) step();
        else cb();
      });
    };
    step();
  }
}

/** fd 1/2 as mrc should write it: the terminal stream when it is one, else an {@link FdWriter}. */
export function outputStream(fd: 1 | 2): Writable & { isTTY?: boolean } {
  if (isatty(fd)) return fd === 1 ? process.stdout : process.stderr;
  return new FdWriter(fd);
}
