import { write } from "node:fs";
import { isatty } from "node:tty";
import { Writable } from "node:stream";

/**
 * Guest output to fd 1 or 2 when it is a pipe or a file. process.stdout writes those
 * synchronously on Linux, which stalls the event loop (and the link) whenever the consumer is
 * slow; this writes through libuv's threadpool instead. A descriptor that someone made
 * non-blocking answers EAGAIN when the pipe is full: then we wait a moment and try again.
 * EPIPE (the reader went away) ends the stream with an error, as a local pipe would.
 */
export class FdWriter extends Writable {
  readonly isTTY = false;
  constructor(private readonly fd: number) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    let off = 0;
    let wait = 1;
    const step = (): void => {
      write(this.fd, chunk, off, chunk.length - off, null, (err, n) => {
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
        off += n;
        if (off < chunk.length) step();
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
