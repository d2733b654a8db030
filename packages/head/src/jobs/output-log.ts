import { EventEmitter } from "node:events";
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Stream numbers in an output log. */
export const STDOUT = 1;
export const STDERR = 2;
/** A segment's first record: the stream offsets and dropped count at its start (JSON). */
const META = 0;
/** A note written by the head itself (read as stderr; not counted as the guest's output). */
const NOTE = 3;
/** The guest's offsets jumped (the target dropped output the head never got): absolute {out, err, dropped}. */
const OFFSETS = 4;
const HEADER = 5; // type u8 + length u32 BE

/** One record of output. */
export interface OutputRecord {
  stream: typeof STDOUT | typeof STDERR;
  data: Buffer;
}

interface Segment {
  n: number;
  size: number;
  /** Output bytes (not headers) in it. */
  data: number;
}

interface SegmentStart {
  out: number;
  err: number;
  dropped: number;
}

/** Default bound of a job's log on the head: 32 MiB (two 16 MiB segments). */
export const DEFAULT_LOG_LIMIT = 32 << 20;

/**
 * A job's output on the head: an append-only log of stdout/stderr records in at most two segment
 * files of `limit/2` bytes each, so it is bounded. When the second fills up, the older is deleted
 * and its bytes count as dropped. It survives a restart of the head daemon: {@link OutputLog.open}
 * rescans the segments and knows how many bytes of each stream it holds (where a target must
 * resume). Readers ({@link LogCursor}) follow it from its oldest byte, or learn what they missed.
 *
 * Writes are synchronous (page cache, at most 1 MiB each) so records are in order and a reader
 * always sees whole records. Events: "append", "end".
 */
export class OutputLog extends EventEmitter {
  private segs: Segment[] = [];
  private fd = -1;
  /** Bytes of each stream received so far (the offset a resume starts at). */
  received = { out: 0, err: 0 };
  /** Output bytes deleted with old segments. */
  dropped = 0;
  ended = false;

  private constructor(
    readonly dir: string,
    readonly limit: number,
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** Open (or create) the log in `dir`. */
  static open(dir: string, limit = DEFAULT_LOG_LIMIT): OutputLog {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const log = new OutputLog(dir, Math.max(limit, 2 * 64 * 1024));
    const ns = readdirSync(dir)
      .map((f) => /^seg-(\d+)\.log$/.exec(f)?.[1])
      .filter((x): x is string => x !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const n of ns) log.scan(n);
    if (log.segs.length === 0) log.startSegment(1);
    else log.fd = openSync(log.path(log.segs[log.segs.length - 1]!.n), "a");
    return log;
  }

  private path(n: number): string {
    return join(this.dir, `seg-${n}.log`);
  }

  /** Read segment n at open: totals and dropped count from its start record plus its records. */
  private scan(n: number): void {
    const fd = openSync(this.path(n), "r");
    try {
      const size = fstatSync(fd).size;
      const seg: Segment = { n, size: 0, data: 0 };
      const r = new RecordReader(fd);
      let pos = 0;
      for (;;) {
        const rec = r.readAt(pos, size);
        if (!rec) break;
        if (rec.type === META || rec.type === OFFSETS) {
          const m = JSON.parse(rec.data.toString()) as SegmentStart;
          this.received = { out: m.out, err: m.err };
          this.dropped = m.dropped;
        } else if (rec.type === STDOUT) this.received.out += rec.data.length;
        else if (rec.type === STDERR) this.received.err += rec.data.length;
        if (rec.type === STDOUT || rec.type === STDERR) seg.data += rec.data.length;
        pos += HEADER + rec.data.length;
      }
      seg.size = pos; // a torn last record (crash mid-write) is ignored
      this.segs.push(seg);
    } finally {
      closeSync(fd);
    }
  }

  private startSegment(n: number): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = openSync(this.path(n), "w", 0o600);
    const seg: Segment = { n, size: 0, data: 0 };
    this.segs.push(seg);
    const meta: SegmentStart = { out: this.received.out, err: this.received.err, dropped: this.dropped };
    this.writeRecord(seg, META, Buffer.from(JSON.stringify(meta)));
  }

  private writeRecord(seg: Segment, type: number, data: Buffer): void {
    const h = Buffer.allocUnsafe(HEADER);
    h[0] = type;
    h.writeUInt32BE(data.length, 1);
    writeSync(this.fd, h);
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off);
    seg.size += HEADER + data.length;
  }

  /** Append output of one stream. */
  append(stream: typeof STDOUT | typeof STDERR, data: Buffer): void {
    if (data.length === 0) return;
    let seg = this.segs[this.segs.length - 1]!;
    if (seg.size + data.length > this.limit / 2 && seg.data > 0) {
      this.startSegment(seg.n + 1);
      seg = this.segs[this.segs.length - 1]!;
      while (this.segs.length > 2) {
        const old = this.segs.shift()!;
        this.dropped += old.data;
        unlinkSync(this.path(old.n));
      }
    }
    this.writeRecord(seg, stream, data);
    if (stream === STDOUT) this.received.out += data.length;
    else this.received.err += data.length;
    this.emit("append");
  }

  /** Record a note of the head's own (shown to readers on stderr, e.g. "bytes were lost"). */
  note(text: string): void {
    this.writeRecord(this.segs[this.segs.length - 1]!, NOTE, Buffer.from(text));
    this.emit("append");
  }

  /**
   * The guest's output resumes at later offsets than received (the target dropped the bytes in
   * between before the head could fetch them): count them as dropped and note it for readers.
   */
  skipTo(out: number, err: number): number {
    const lost = out - this.received.out + (err - this.received.err);
    if (lost <= 0) return 0;
    this.received = { out, err };
    this.dropped += lost;
    const m: SegmentStart = { out, err, dropped: this.dropped };
    this.writeRecord(this.segs[this.segs.length - 1]!, OFFSETS, Buffer.from(JSON.stringify(m)));
    this.note(`\n[mrc: ${lost} bytes of output were lost while the head was away (the target's buffer overflowed)]\n`);
    return lost;
  }

  /** No more output will come. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.emit("end");
  }

  /** Close the file (the log stays on disk). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.end();
  }

  /** A cursor at the oldest byte still held. */
  cursor(): LogCursor {
    return new LogCursor(this);
  }

  /** @internal segments, oldest first */
  segments(): readonly Segment[] {
    return this.segs;
  }

  /** @internal */
  segmentPath(n: number): string {
    return this.path(n);
  }
}

/** Reads whole records from a segment file. */
class RecordReader {
  private readonly h = Buffer.allocUnsafe(HEADER);
  constructor(private readonly fd: number) {}

  readAt(pos: number, size: number): { type: number; data: Buffer } | undefined {
    if (pos + HEADER > size) return undefined;
    if (readSync(this.fd, this.h, 0, HEADER, pos) < HEADER) return undefined;
    const len = this.h.readUInt32BE(1);
    if (pos + HEADER + len > size) return undefined;
    const data = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = readSync(this.fd, data, got, len - got, pos + HEADER + got);
      if (n === 0) return undefined;
      got += n;
    }
    return { type: this.h[0]!, data };
  }
}

/**
 * A reader of an {@link OutputLog}: `next()` gives the next record or undefined when it is at
 * the end of what is written (wait for "append"/"end" on the log). If the segment it was reading
 * is deleted under it, it continues at the oldest one and `skipped` counts what it missed.
 */
export class LogCursor {
  private seg: number;
  private pos = 0;
  private fd = -1;
  private reader: RecordReader | undefined;
  /** Absolute output position (bytes of both streams since the job began) read so far. */
  private abs = -1;
  /** Output bytes it skipped because they were dropped before it read them. */
  skipped = 0;
  /** Output bytes dropped before this cursor's start. */
  readonly droppedBefore: number;

  constructor(private readonly log: OutputLog) {
    this.seg = log.segments()[0]!.n;
    this.droppedBefore = log.dropped;
  }

  /** The next record, or undefined at the current end. */
  next(): OutputRecord | undefined {
    for (;;) {
      const segs = this.log.segments();
      const i = segs.findIndex((s) => s.n === this.seg);
      if (i < 0 && this.fd < 0) {
        this.jump(segs[0]!.n); // deleted before we opened it
        continue;
      }
      if (this.fd < 0) {
        this.fd = openSync(this.log.segmentPath(this.seg), "r");
        this.reader = new RecordReader(this.fd);
      }
      // A segment deleted while open can still be read to its end through our descriptor.
      const size = i >= 0 ? segs[i]!.size : fstatSync(this.fd).size;
      const rec = this.reader!.readAt(this.pos, size);
      if (rec) {
        this.pos += HEADER + rec.data.length;
        if (rec.type === OFFSETS) {
          // The guest's output jumped (the NOTE that follows tells the reader).
          const m = JSON.parse(rec.data.toString()) as SegmentStart;
          this.abs = m.out + m.err;
          continue;
        }
        if (rec.type === META) {
          const m = JSON.parse(rec.data.toString()) as SegmentStart;
          const at = m.out + m.err;
          if (this.abs >= 0 && at > this.abs) this.skipped += at - this.abs;
          this.abs = at;
          continue;
        }
        if (rec.type === NOTE) return { stream: STDERR, data: rec.data };
        this.abs += rec.data.length;
        return { stream: rec.type as typeof STDOUT, data: rec.data };
      }
      const following = segs.find((s) => s.n > this.seg);
      if (!following) return undefined;
      this.jump(following.n);
    }
  }

  private jump(n: number): void {
    this.closeFd();
    this.seg = n;
    this.pos = 0;
  }

  private closeFd(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.reader = undefined;
  }

  /** Release the file. */
  close(): void {
    this.closeFd();
  }
}
