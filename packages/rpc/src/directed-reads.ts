/**
 * Directed socket reads: the kernel copies each read of a TCP or unix socket straight into a
 * buffer the caller names for that read (a large message's own buffer), instead of into a fresh
 * 64 KiB buffer Node allocates per read, which the WebSocket layer then copies once more to join
 * a message. For a 1 MiB file read or write that is one copy and two allocations less per MiB,
 * and far less garbage: a target receiving a cold 512 MiB read spent about a fifth of its CPU in
 * V8's major GCs, which the external memory of those buffers triggered (bench/RESULTS.md).
 *
 * This uses Node's internal stream handle API (process.binding("stream_wrap"), the handle's
 * `useUserBuffer` and `onread`), the same that `net.Socket`'s `onread` option is built on, which
 * Node offers for sockets it creates but not for accepted or upgraded ones. Where any of it is
 * missing, or for TLS sockets, {@link directReads} returns false and the caller reads 'data' events.
 */
import type { Socket } from "node:net";

/** The parts of a Node stream handle (TCP or Pipe wrap) used here. */
interface StreamHandle {
  useUserBuffer(buf: Uint8Array): void;
  readStart(): number;
  readStop(): number;
  onread: (ab?: ArrayBuffer) => Uint8Array | undefined;
}

let stateCache: { state: Int32Array; kNread: number } | null | undefined;

/** Node's shared read-result slot (bytes read, or a negative libuv error). */
function readState(): { state: Int32Array; kNread: number } | null {
  if (stateCache !== undefined) return stateCache;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sw = (process as any).binding("stream_wrap");
    const state = sw.streamBaseState as unknown;
    const kNread = sw.kReadBytesOrError as unknown;
    stateCache = state instanceof Int32Array && typeof kNread === "number" ? { state, kNread } : null;
  } catch {
    stateCache = null;
  }
  return stateCache;
}

/** Where reads go and what happens to them. */
export interface ReadSink {
  /** The buffer the next read fills (it must stay referenced until then). */
  target(): Uint8Array;
  /** `n` bytes were read into the last target. */
  commit(n: number): void;
  /** The stream ended (`err` undefined: the peer closed its side) or failed. */
  end(err?: Error): void;
}

/**
 * Take over the reads of `socket`: bytes Node already buffered are passed to `chunk` first, then
 * every read lands where `sink.target()` says. The socket is never read through its stream
 * interface again; writes, end() and destroy() work as before. False (and nothing changed) if
 * the socket cannot be read this way.
 */
export function directReads(socket: Socket, chunk: (buf: Buffer) => void, sink: ReadSink): boolean {
  const handle = (socket as unknown as { _handle?: Partial<StreamHandle> | null })._handle;
  const rs = readState();
  if (rs === null || handle == null || "encrypted" in socket) return false;
  if (typeof handle.useUserBuffer !== "function" || typeof handle.readStart !== "function" || typeof handle.readStop !== "function") return false;
  const h = handle as StreamHandle;
  socket.pause();
  for (let b = socket.read() as Buffer | null; b !== null; b = socket.read() as Buffer | null) chunk(b);
  const { state, kNread } = rs;
  let done = false;
  h.onread = () => {
    const n = state[kNread]!;
    if (n > 0) {
      sink.commit(n);
      return done ? undefined : sink.target();
    }
    if (n === 0 || done) return undefined;
    done = true;
    h.readStop();
    // UV_EOF (-4095): the peer closed its side.
    sink.end(n === -4095 ? undefined : Object.assign(new Error(`socket read failed (${n})`), { errno: n }));
    return undefined;
  };
  h.useUserBuffer(sink.target());
  h.readStart();
  return true;
}
