import { DATA_HEADER_MAX } from "./frames.js";
import { MAX_DATA_CHUNK } from "./limits.js";

/**
 * Offset of the payload in a frame buffer: the DATA header (at most DATA_HEADER_MAX bytes) is
 * written just before it once the payload is complete, so a full frame goes out without a copy.
 */
export const PAYLOAD_AT = DATA_HEADER_MAX;

/** Size of a pooled frame buffer: room for the largest DATA frame. */
const POOLED_BYTES = PAYLOAD_AT + MAX_DATA_CHUNK;
/** Spare buffers kept for reuse, shared by all links of the process. */
const POOL_KEEP = 8;
const spare: Buffer[] = [];

/**
 * A buffer to gather a frame of up to `capacity` payload bytes in, at PAYLOAD_AT. Full-size ones
 * come from a pool: a stream moving gigabytes would otherwise allocate as much, and V8 answers
 * such churn of external memory with a major garbage collection every few dozen megabytes.
 */
export function takeFrameBuffer(capacity: number): Buffer {
  if (capacity === MAX_DATA_CHUNK) return spare.pop() ?? Buffer.allocUnsafeSlow(POOLED_BYTES);
  return Buffer.allocUnsafe(PAYLOAD_AT + capacity);
}

/** Give back a buffer from {@link takeFrameBuffer} that nothing references any more. */
export function recycleFrameBuffer(buf: Buffer): void {
  if (buf.length === POOLED_BYTES && buf.byteOffset === 0 && spare.length < POOL_KEEP && !spare.includes(buf)) spare.push(buf);
}
