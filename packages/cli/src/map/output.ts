import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { open as openFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { ProgressSink } from "./status-line.js";

/** 1 = stdout, 2 = stderr. */
export type StreamNo = 1 | 2;

/**
 * Writes `mrc map`'s output in order: plain writes and whole tasks (a held job's output) are
 * queued and run one after the other; the progress line is erased before anything goes to the
 * terminal and drawn again after. The first write error (EPIPE: the reader went away) is reported
 * once through `onError`, and everything after it is dropped.
 */
export class Printer {
  private chain: Promise<void> = Promise.resolve();
  /** Bytes queued and not yet handed to the streams. */
  pending = 0;
  private failed = false;
  private waiters: Array<{ below: number; resolve: () => void }> = [];
  /** The stream written last, and when each stream's last write completes. */
  private last: StreamNo = 1;
  private readonly written: [Promise<void>, Promise<void>] = [Promise.resolve(), Promise.resolve()];

  constructor(
    private readonly out: Writable & { isTTY?: boolean },
    private readonly err: Writable & { isTTY?: boolean },
    private readonly o: { progress?: ProgressSink; onError?: (err: Error) => void } = {},
  ) {
    for (const w of [out, err]) w.on("error", (e: Error) => this.fail(e));
  }

  /** Queue one write. */
  write(n: StreamNo, data: Buffer): Promise<void> {
    this.pending += data.length;
    return this.task(async () => {
      try {
        await this.rawWrite(n, data);
      } finally {
        this.pending -= data.length;
        this.wake();
      }
    });
  }

  /** Queue a task that writes with {@link rawWrite} (nothing else is written meanwhile). */
  task(fn: () => Promise<void>): Promise<void> {
    const p = this.chain.then(fn);
    this.chain = p.catch((e: Error) => this.fail(e));
    return this.chain;
  }

  /** Resolves once fewer than `below` bytes are pending. */
  pendingBelow(below: number): Promise<void> {
    if (this.pending < below) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ below, resolve }));
  }

  /** Resolves when everything queued so far is written (handed to the OS). */
  async idle(): Promise<void> {
    await this.chain;
    await Promise.all(this.written);
  }

  /**
   * Write now (only from inside a {@link task}). Before switching from one stream to the other it
   * waits until the first one's writes are done: both may be the same pipe (`2>&1`) written
   * through different asynchronous writers, and a job's lines must not overtake each other.
   */
  async rawWrite(n: StreamNo, data: Buffer): Promise<void> {
    if (this.failed || data.length === 0) return;
    const w = n === 1 ? this.out : this.err;
    if (this.last !== n) {
      await this.written[this.last - 1];
      this.last = n;
    }
    // The progress line lives on stderr; stdout shares its terminal only when it is one.
    const onTerminal = n === 2 || this.out.isTTY === true;
    if (onTerminal) this.o.progress?.clear();
    let ok = true;
    this.written[n - 1] = new Promise<void>((resolve) => {
      ok = w.write(data, () => resolve());
    });
    if (onTerminal) this.o.progress?.resume();
    if (!ok && !w.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          w.off("drain", done);
          w.off("close", done);
          w.off("error", done);
          resolve();
        };
        w.on("drain", done);
        w.on("close", done);
        w.on("error", done);
      });
    }
  }

  private wake(): void {
    const still: typeof this.waiters = [];
    for (const x of this.waiters) (this.pending < x.below ? x.resolve() : still.push(x));
    this.waiters = still;
  }

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.o.onError?.(e);
  }
}

/** Memory all held output may take before it spills to temporary files. */
export class OutputBudget {
  used = 0;
  private dir: string | undefined;
  constructor(
    readonly limit: number,
    private readonly tmp: string = tmpdir(),
  ) {}

  /** A fresh file path for spilled output (the directory is made on first use). */
  spillPath(name: string): string {
    this.dir ??= mkdtempSync(join(this.tmp, "mrc-map-"));
    return join(this.dir, name);
  }

  /** Remove the spill directory. */
  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** One stream of a held job: chunks in memory, then (once the budget ran out) a file. */
class HeldStream {
  mem: Buffer[] = [];
  memBytes = 0;
  fd: number | undefined;
  path: string | undefined;
  fileBytes = 0;
}

/**
 * The output of a job that may not be printed yet (an earlier job has not finished): kept in
 * memory while the shared budget allows, else appended to a temporary file. Printed stdout first,
 * then stderr (GNU parallel's --group).
 */
export class HeldOutput {
  private readonly s: [HeldStream, HeldStream] = [new HeldStream(), new HeldStream()];
  private disposed = false;

  constructor(
    private readonly budget: OutputBudget,
    private readonly name: string,
  ) {}

  /** Bytes held (memory and files). */
  get size(): number {
    return this.s[0].memBytes + this.s[0].fileBytes + this.s[1].memBytes + this.s[1].fileBytes;
  }

  /** Bytes spilled to files. */
  get spilled(): number {
    return this.s[0].fileBytes + this.s[1].fileBytes;
  }

  add(n: StreamNo, data: Buffer): void {
    if (this.disposed || data.length === 0) return;
    const st = this.s[n - 1]!;
    // Once a stream spilled, the rest of it follows into the file (order within the stream).
    if (st.fd === undefined && this.budget.used + data.length <= this.budget.limit) {
      st.mem.push(data);
      st.memBytes += data.length;
      this.budget.used += data.length;
      return;
    }
    if (st.fd === undefined) {
      st.path = this.budget.spillPath(`${this.name}.${n}`);
      st.fd = openSync(st.path, "w+", 0o600);
    }
    writeSync(st.fd, data);
    st.fileBytes += data.length;
  }

  /** Write everything held through the printer (inside one of its tasks), then release it. */
  async writeTo(p: Printer): Promise<void> {
    try {
      for (const n of [1, 2] as const) {
        const st = this.s[n - 1]!;
        const mem = st.mem;
        st.mem = [];
        for (const b of mem) {
          this.budget.used -= b.length;
          st.memBytes -= b.length;
          await p.rawWrite(n, b);
        }
        if (st.fd !== undefined && st.path !== undefined) {
          closeSync(st.fd);
          st.fd = undefined;
          const fh = await openFile(st.path, "r");
          try {
            const buf = Buffer.allocUnsafe(256 * 1024);
            for (let pos = 0; pos < st.fileBytes; ) {
              const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
              if (bytesRead === 0) break;
              pos += bytesRead;
              await p.rawWrite(n, Buffer.from(buf.subarray(0, bytesRead)));
            }
          } finally {
            await fh.close();
          }
        }
      }
    } finally {
      this.dispose();
    }
  }

  /** Drop what is held. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const st of this.s) {
      for (const b of st.mem) this.budget.used -= b.length;
      st.mem = [];
      st.memBytes = 0;
      if (st.fd !== undefined) closeSync(st.fd);
      st.fd = undefined;
      if (st.path) rmSync(st.path, { force: true });
    }
  }
}

/**
 * Cuts a stream into whole lines (for --ungroup): what is complete goes out, the rest waits (a
 * partial line longer than `maxLine` goes out anyway).
 */
export class LineSplitter {
  constructor(private readonly maxLine = 64 * 1024) {}

  private rest: Buffer | undefined;

  /** The complete lines in `data` (with what was left before), or undefined if none is complete yet. */
  push(data: Buffer): Buffer | undefined {
    const buf = this.rest ? Buffer.concat([this.rest, data]) : data;
    const i = buf.lastIndexOf(10);
    if (i < 0) {
      if (buf.length >= this.maxLine) {
        this.rest = undefined;
        return buf;
      }
      this.rest = buf;
      return undefined;
    }
    this.rest = i + 1 < buf.length ? buf.subarray(i + 1) : undefined;
    return buf.subarray(0, i + 1);
  }

  /** What is left (a last line without a newline). */
  end(): Buffer | undefined {
    const r = this.rest;
    this.rest = undefined;
    return r;
  }
}
