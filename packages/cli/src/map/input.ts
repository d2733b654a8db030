import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

/** Where `mrc map` takes its input lines from. */
export type InputSource =
  | { kind: "stdin" }
  | { kind: "file"; path: string }
  | { kind: "args"; values: string[] };

/** The separator of `:::` arguments on the command line, as in GNU parallel. */
export const ARGS_SEPARATOR = ":::";

/**
 * Split the words after mrc's own options into the command template and, if `:::` appears, the
 * arguments after it (`mrc map -- echo {} ::: a b c`). Only one `:::` group is supported.
 */
export function splitCommand(words: readonly string[]): { template: string[]; args?: string[] } {
  const i = words.indexOf(ARGS_SEPARATOR);
  if (i < 0) return { template: [...words] };
  const args = words.slice(i + 1);
  if (args.includes(ARGS_SEPARATOR)) throw new Error("only one ::: group is supported (no cartesian products)");
  return { template: words.slice(0, i), args };
}

/**
 * Lines of a byte stream: split at `sep` (newline, or NUL with -0), without the separator; a last
 * line without a separator counts, an empty stream has no line. Bytes are decoded as UTF-8 per
 * whole line, so a character split across chunks is kept intact. Lazy: the stream is read only as
 * fast as lines are taken.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, sep: "\n" | "\0" = "\n"): AsyncGenerator<string> {
  const code = sep.charCodeAt(0);
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (rest.length > 0) buf = Buffer.concat([rest, buf]);
    let start = 0;
    for (let i = buf.indexOf(code, start); i >= 0; i = buf.indexOf(code, start)) {
      yield buf.toString("utf8", start, i);
      start = i + 1;
    }
    rest = buf.subarray(start);
  }
  if (rest.length > 0) yield rest.toString("utf8");
}

/** The input lines of a source (stdin is `stdin`, a file is opened lazily). */
export function inputLines(src: InputSource, o: { stdin?: Readable; sep?: "\n" | "\0" } = {}): AsyncIterable<string> {
  switch (src.kind) {
    case "args":
      return fromArray(src.values);
    case "file":
      return readLines(createReadStream(src.path), o.sep);
    case "stdin":
      return readLines(o.stdin ?? process.stdin, o.sep);
  }
}

async function* fromArray(values: readonly string[]): AsyncGenerator<string> {
  yield* values;
}

/**
 * Reads up to `max` items ahead of the consumer, so the number of items is known early when the
 * input is short enough (the progress line's total). Iterates like the source.
 */
export class ReadAhead<T> implements AsyncIterator<T> {
  private readonly queue: T[] = [];
  private ended = false;
  private failure: { err: unknown } | undefined;
  private taken = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly src: AsyncIterator<T> | Iterator<T>,
    private readonly max: number,
  ) {
    this.pump();
  }

  /** How many items there are in all, once the source ended (undefined before). */
  get total(): number | undefined {
    return this.ended && !this.failure ? this.taken + this.queue.length : undefined;
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.queue.length > 0) {
        const value = this.queue.shift()!;
        this.taken++;
        this.pump();
        return { done: false, value };
      }
      if (this.failure) throw this.failure.err;
      if (this.ended) return { done: true, value: undefined };
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  async return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.queue.length = 0;
    void Promise.resolve(this.src.return?.()).catch(() => {});
    this.wake?.();
    return { done: true, value: undefined };
  }

  /** Resolves once reading ahead pauses (the bound is reached or the source ended). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run();
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.fill();
      } while (this.again && !this.ended);
    } finally {
      this.running = undefined; // in the same step as the last check: no pump() is missed
    }
  }

  private async fill(): Promise<void> {
    try {
      while (!this.ended && this.queue.length < this.max) {
        const r = await this.src.next();
        if (this.ended) break;
        if (r.done) this.ended = true;
        else this.queue.push(r.value);
        const w = this.wake;
        this.wake = undefined;
        w?.();
      }
    } catch (err) {
      this.failure = { err };
      this.ended = true;
      const w = this.wake;
      this.wake = undefined;
      w?.();
    }
  }
}
