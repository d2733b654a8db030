/**
 * Write-behind for one link: a guest's write(2) is answered as soon as its bytes are queued here,
 * and the bytes go to the head in order, coalesced into chunks of up to {@link CHUNK} bytes, up to
 * {@link MAX_INFLIGHT} chunks in flight per handle; a chunk that overlaps one in flight waits for
 * it (and O_APPEND handles send strictly in order), so writes can never be reordered on the head.
 * A write that finds nothing of its handle in flight is sent at once; later ones gather while
 * that chunk is on its way (like Nagle's algorithm).
 *
 * Why: without the kernel's writeback cache every write(2) is a synchronous FUSE round trip, and
 * programs that write 4-8 KiB at a time would pay a network round trip per call (sshfs does the
 * same kind of write-behind). Consistency is kept where POSIX and NFS draw the line:
 * - flush (every close), fsync and release wait until everything queued is on the head, and
 *   return the first write error (ENOSPC, EIO, ...) the head reported;
 * - any other operation first waits for all queued writes (see {@link drainAll}), so sizes and
 *   contents the head reports already include them;
 * - memory is bounded: a writer that gets {@link MAX_QUEUED} bytes ahead of the head waits.
 */

/** Largest chunk sent in one fs.write call. */
export const CHUNK = 1024 * 1024;
/** Chunks of one handle on their way to the head at once. */
export const MAX_INFLIGHT = 4;
/** Bytes a handle may have queued before its writer waits. */
export const MAX_QUEUED = 16 * 1024 * 1024;

/**
 * How queued bytes reach the head (an fs.write call). `killSuidgid`: at least one write of the
 * chunk came with it, so the head clears the file's set-id bits (as the first such write would
 * have; a later write never restores them).
 */
export type SendWrite = (fh: number, offset: number, data: Uint8Array, killSuidgid: boolean) => Promise<number>;

interface HandleQueue {
  /** Bytes being gathered: contiguous, starting at `offset`. */
  parts: Buffer[];
  /** Give the request buffers of `parts` back to the device (see FuseFileSystem.write). */
  recycles: Array<() => void>;
  offset: number;
  length: number;
  /** A write in `parts` asked for its set-id bits to be cleared (see {@link SendWrite}). */
  kill: boolean;
  /** Chunks sent or waiting to be sent, in order. */
  tail: Promise<void>;
  /** Chunks being sent: non-overlapping ones go concurrently (up to MAX_INFLIGHT). */
  inflight: Array<{ start: number; end: number; done: Promise<void> }>;
  /** Every chunk waits for all before it (O_APPEND handles: the head writes at its end). */
  serial: boolean;
  queued: number;
  error: Error | undefined;
  waiters: Array<() => void>;
}

/** The write-behind queues of one link, by file handle. */
export class WriteBehind {
  private readonly q = new Map<number, HandleQueue>();

  constructor(private readonly send: SendWrite) {}

  private get(fh: number): HandleQueue {
    let h = this.q.get(fh);
    if (!h) {
      h = { parts: [], recycles: [], offset: 0, length: 0, kill: false, tail: Promise.resolve(), inflight: [], serial: false, queued: 0, error: undefined, waiters: [] };
      this.q.set(fh, h);
    }
    return h;
  }

  /**
   * Queue a write; resolves when it is accepted (immediately unless the queue is full).
   * `killSuidgid` is sent with the chunk the write goes out in.
   */
  async write(fh: number, offset: number, data: Uint8Array, recycle?: () => void, killSuidgid = false): Promise<number> {
    const h = this.get(fh);
    if (h.error) throw h.error;
    while (h.queued >= MAX_QUEUED && !h.error) await new Promise<void>((r) => h.waiters.push(r));
    if (h.error) throw h.error;
    if (h.length > 0 && (offset !== h.offset + h.length || h.length + data.byteLength > CHUNK)) this.ship(fh, h);
    if (h.length === 0) h.offset = offset;
    // A view, not a copy: each FUSE request has a buffer of its own that is never reused.
    h.parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    if (recycle !== undefined) h.recycles.push(recycle);
    if (killSuidgid) h.kill = true;
    h.length += data.byteLength;
    h.queued += data.byteLength;
    // Nagle: with nothing of this handle on its way, send at once (a lone small write is then
    // usually on the head before the close that waits for it); otherwise gather until a chunk
    // is full or the one in flight is answered.
    if (h.length >= CHUNK || h.inflight.length === 0) this.ship(fh, h);
    return data.byteLength;
  }

  /** Send what is being gathered for `fh` as one chunk, after the chunks before it. */
  private ship(fh: number, h: HandleQueue): void {
    if (h.length === 0) return;
    const data = h.parts.length === 1 ? h.parts[0]! : Buffer.concat(h.parts, h.length);
    let recycles = h.recycles;
    if (h.parts.length > 1) {
      recycles.forEach((f) => f()); // copied
      recycles = [];
    }
    const offset = h.offset;
    const kill = h.kill;
    h.parts = [];
    h.recycles = [];
    h.length = 0;
    h.kill = false;
    void this.enqueue(fh, h, offset, data, recycles, kill);
  }

  /** Mark `fh` as needing strictly ordered chunks (opened with O_APPEND on the head). */
  setSerial(fh: number): void {
    this.get(fh).serial = true;
  }

  /**
   * Send one chunk once every in-flight chunk it overlaps has been sent (all of them for serial
   * handles), with at most MAX_INFLIGHT chunks in flight: sequential writes stream, and
   * overlapping ones can never be reordered on the head.
   */
  private enqueue(fh: number, h: HandleQueue, offset: number, data: Uint8Array, recycles: Array<() => void>, kill: boolean): Promise<void> {
    const start = offset;
    const end = offset + data.byteLength;
    const before = h.inflight.filter((c) => h.serial || (c.start < end && start < c.end)).map((c) => c.done);
    if (h.inflight.length >= MAX_INFLIGHT) before.push(h.inflight[h.inflight.length - MAX_INFLIGHT]!.done);
    const entry = { start, end, done: Promise.resolve() };
    entry.done = Promise.all(before).then(async () => {
      if (!h.error) {
        try {
          await this.send(fh, offset, data, kill);
        } catch (err) {
          h.error ??= err as Error;
        }
      }
      recycles.forEach((f) => f()); // sent (or never will be): the buffer is free
      h.queued -= data.byteLength;
      h.inflight.splice(h.inflight.indexOf(entry), 1);
      if (h.inflight.length === 0 && h.length > 0 && !h.error) this.ship(fh, h);
      const w = h.waiters;
      h.waiters = [];
      w.forEach((f) => f());
    });
    h.inflight.push(entry);
    h.tail = Promise.all([h.tail, entry.done]).then(() => {});
    return entry.done;
  }

  /** Wait until everything queued for `fh` is on the head; throw the first write error (once). */
  async drain(fh: number): Promise<void> {
    const h = this.q.get(fh);
    if (!h) return;
    this.ship(fh, h);
    await h.tail;
    if (h.error) {
      const e = h.error;
      h.error = undefined; // reported once, as close(2)/fsync(2) would
      throw e;
    }
  }

  /** Wait for every handle's queue (before operations whose answers must include the writes). */
  async drainAll(): Promise<void> {
    if (this.q.size === 0) return;
    const tails: Array<Promise<void>> = [];
    for (const [fh, h] of this.q) {
      this.ship(fh, h);
      tails.push(h.tail);
    }
    await Promise.all(tails);
  }

  /** Forget a handle after release (its queue has been drained). */
  drop(fh: number): void {
    this.q.delete(fh);
  }

  /** True if anything is queued or in flight. */
  get busy(): boolean {
    for (const h of this.q.values()) if (h.queued > 0) return true;
    return false;
  }
}
