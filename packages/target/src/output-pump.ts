import { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where guest output goes: a link stream (`StreamWriter` of @mrc/rpc), which can copy bytes in
 * at once from a buffer its producer reuses.
 */
export interface OutputSink extends Writable {
  /** Copy bytes in now; false: stop until whenRoom calls back. */
  copyIn(bytes: Uint8Array): boolean;
  whenRoom(cb: () => void): void;
}

/**
 * One read buffer for every adopted pipe of the process: each read's bytes are copied into the
 * sink before the event loop can start another read, so the buffer is free again by then.
 */
const READ_BUFFER = Buffer.allocUnsafeSlow(256 * 1024);

/** The libuv pipe under a net.Socket, as far as adopting it needs (Node internals). */
interface PipeHandle {
  readStop(): number;
  reading: boolean;
  useUserBuffer(buf: Uint8Array): void;
}

/**
 * Take over a child's output pipe (child.stdout or child.stderr, straight from spawn, not read
 * yet) and read it straight into `sink`, without the Readable: Node allocates a buffer for every
 * read of a socket, and V8 answers a gigabyte of such short-lived external memory with a major
 * garbage collection every few dozen megabytes (a third of the CPU the target spent on output).
 * Reads land in one reused buffer instead (net.Socket `onread`) and are copied into the sink's
 * frames. `src` is left without its handle: use the returned socket (for 'end', 'close',
 * destroy). Returns undefined when `src` is not such a pipe; pass it to {@link pumpOutput} anyway.
 */
export function adoptPipe(src: Readable, sink: OutputSink): Socket | undefined {
  const s = src as Socket & { _handle?: PipeHandle | null };
  const h = s._handle;
  if (!(src instanceof Socket) || !h || typeof h.readStop !== "function" || typeof h.useUserBuffer !== "function") return undefined;
  if (src.readableLength > 0 || src.readableEnded || src.destroyed || src.listenerCount("data") > 0) return undefined;
  h.readStop(); // it started reading on creation; the new owner starts again with its buffer
  h.reading = false;
  s._handle = null;
  let out: Socket;
  const options = {
    handle: h,
    readable: true,
    writable: false,
    onread: {
      buffer: READ_BUFFER,
      callback: (n: number, buf: Uint8Array): boolean => {
        if (sink.copyIn(buf.subarray(0, n))) return true;
        sink.whenRoom(() => out.resume());
        return false;
      },
    },
  };
  out = new Socket(options as ConstructorParameters<typeof Socket>[0]);
  return out;
}

/**
 * Copy guest output `src` into `sink` like pipeline(): the sink ends after EOF, a read error
 * destroys it, a sink that is destroyed (the reader reset the stream) destroys `src` so that the
 * guest gets EPIPE. `src` from {@link adoptPipe} is already feeding the sink; any other Readable
 * is piped. Resolves when all is done either way.
 */
export function pumpOutput(src: Readable, sink: OutputSink, adopted: boolean): Promise<void> {
  if (!adopted) return pipeline(src, sink).catch(() => {});
  return new Promise<void>((resolve) => {
    src.once("end", () => sink.end());
    src.once("error", (err) => sink.destroy(err));
    src.once("close", () => {
      if (!src.readableEnded) sink.destroy(); // cut off (the guest ended, something kept its output open)
    });
    sink.once("finish", () => resolve());
    sink.once("close", () => {
      if (!sink.writableFinished) src.destroy();
      resolve();
    });
    sink.on("error", () => {});
  });
}
