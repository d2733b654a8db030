import type { Writable } from "node:stream";
import { renderProgress, type ProgressCounts } from "./progress.js";

/** What the engine tells a progress display. */
export interface ProgressSink {
  /** New counters (may be called very often; the display throttles). */
  update(c: ProgressCounts): void;
  /** Erase the line now: output is about to be written to the terminal. */
  clear(): void;
  /** Output was written: draw again (soon). */
  resume(): void;
  /** Erase for good and stop. */
  close(): void;
}

/** Options of {@link StatusLine}. */
export interface StatusLineOptions {
  /** Where the line is drawn (stderr). */
  out: Writable & { columns?: number };
  /** Least time between two draws, ms (default 100: at most 10 per second). */
  intervalMs?: number;
  now?: () => number;
}

/**
 * The progress line on a terminal: drawn with `\r` and erased with `\r ESC[K`, redrawn at most
 * every `intervalMs`, erased before any output is written and at the end.
 */
export class StatusLine implements ProgressSink {
  private counts: ProgressCounts = { done: 0, failed: 0, running: 0, queued: 0 };
  private shown = false;
  private lastDraw = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly started: number;
  private readonly interval: number;
  private readonly now: () => number;

  constructor(private readonly o: StatusLineOptions) {
    this.now = o.now ?? (() => Date.now());
    this.started = this.now();
    this.interval = o.intervalMs ?? 100;
  }

  update(c: ProgressCounts): void {
    this.counts = { ...c };
    this.schedule();
  }

  clear(): void {
    if (this.shown) {
      this.o.out.write("\r\x1b[K");
      this.shown = false;
    }
  }

  resume(): void {
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.clear();
  }

  /** Draw now (also used by the timer). */
  draw(): void {
    this.timer = undefined;
    if (this.closed) return;
    const line = renderProgress(this.counts, { width: this.o.out.columns || 80, elapsedMs: this.now() - this.started });
    this.o.out.write(`\r${line}\x1b[K`);
    this.shown = true;
    this.lastDraw = this.now();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    const wait = this.lastDraw + this.interval - this.now();
    if (wait <= 0) this.draw();
    else {
      this.timer = setTimeout(() => this.draw(), wait);
      this.timer.unref();
    }
  }
}
