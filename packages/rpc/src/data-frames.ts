import { DATA_HEADER_MAX, RESULT_HEADER_MAX } from "./frames.js";
import { MAX_DATA_CHUNK } from "./limits.js";

/**
 * Offset of the payload in a frame buffer: the frame's header (a DATA header, or the RESULT
 * header of an {@link InPlaceReply}) is written just before it once the payload is complete, so a
 * full frame goes out without a copy.
 */
export const PAYLOAD_AT = Math.max(DATA_HEADER_MAX, RESULT_HEADER_MAX);

/**
 * Size of a pooled buffer: room for the largest DATA frame (PAYLOAD_AT + MAX_DATA_CHUNK), and for a
 * received message of up to 1 MiB plus its frame head (socket-transport.ts assembles large
 * messages in the same pool).
 */
export const POOLED_BYTES = MAX_DATA_CHUNK + 4096;
/** Spare buffers kept for reuse, shared by all links of the process, both directions. */
const POOL_KEEP = 16;
const spare: Buffer[] = [];

/** A buffer of POOLED_BYTES from the pool (give it back with {@link recycleFrameBuffer}). */
export function takePooled(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafeSlow(POOLED_BYTES);
}

/**
 * A buffer to gather a frame of up to `capacity` payload bytes in, at PAYLOAD_AT. Full-size ones
 * come from a pool: a stream moving gigabytes would otherwise allocate as much, and V8 answers
 * such churn of external memory with a major garbage collection every few dozen megabytes.
 */
export function takeFrameBuffer(capacity: number): Buffer {
  if (capacity === MAX_DATA_CHUNK) return takePooled();
  return Buffer.allocUnsafe(PAYLOAD_AT + capacity);
}

/** Give back a pooled buffer that nothing references any more (others are left to the GC). */
export function recycleFrameBuffer(buf: Buffer): void {
  if (buf.length === POOLED_BYTES && buf.byteOffset === 0 && spare.length < POOL_KEEP && !spare.includes(buf)) spare.push(buf);
}

/** Binary replies from this size on are read into pooled frame buffers (smaller ones are cheap). */
const POOLED_REPLY_MIN = 64 * 1024;

/**
 * A buffer for a handler to put a binary result of up to `size` bytes in (a file read): a view
 * into a frame buffer with room for the RESULT header before it. Return what was filled as an
 * {@link InPlaceReply} and the reply leaves without being copied; buffers of large replies come
 * from the same pool as stream frames and go back to it once the socket has written them.
 */
export function replyBuffer(size: number): Buffer {
  const frame = size >= POOLED_REPLY_MIN && size <= MAX_DATA_CHUNK ? takeFrameBuffer(MAX_DATA_CHUNK) : Buffer.allocUnsafe(PAYLOAD_AT + size);
  return frame.subarray(PAYLOAD_AT, PAYLOAD_AT + size);
}

/**
 * A handler's binary result that lies in (a prefix of) a buffer from {@link replyBuffer}: the peer
 * writes the RESULT header in front of it and sends header and payload as one frame.
 */
export class InPlaceReply {
  constructor(
    /** The result: a view of a replyBuffer, from its start. */
    readonly data: Buffer,
  ) {}

  /** The whole frame buffer the view lies in (its payload starts at PAYLOAD_AT). */
  frame(): Buffer {
    const d = this.data;
    return Buffer.from(d.buffer, d.byteOffset - PAYLOAD_AT, PAYLOAD_AT + d.length);
  }

  /** Give a pooled frame buffer back (nothing may reference the data any more). */
  recycle(): void {
    const d = this.data;
    if (d.byteOffset === PAYLOAD_AT) recycleFrameBuffer(Buffer.from(d.buffer, 0, d.buffer.byteLength));
  }
}
