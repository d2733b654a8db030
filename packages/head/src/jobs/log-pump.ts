import { once } from "node:events";
import type { Writable } from "node:stream";
import { STDOUT, type LogCursor, type OutputLog } from "./output-log.js";

/** Options of {@link pumpLog}. */
export interface PumpOptions {
  stdout: Writable;
  stderr: Writable;
  /** Keep following new output until the log ends (else stop at the current end). */
  follow: boolean;
  /** Stop early (the sinks are left open). */
  signal?: AbortSignal;
}

/**
 * Copy a log's records from `cursor` into two sinks with backpressure, then end both sinks
 * (when the log ended, or at the current end without `follow`). A reader that fell so far behind
 * that output was deleted under it gets a note on stderr saying how many bytes it missed.
 */
export async function pumpLog(log: OutputLog, cursor: LogCursor, o: PumpOptions): Promise<void> {
  let noted = 0;
  try {
    for (;;) {
      if (o.signal?.aborted) return;
      const rec = cursor.next();
      if (cursor.skipped > noted) {
        const note = `\n[mrc: ${cursor.skipped - noted} bytes of output were dropped here: this reader fell behind the log's bound]\n`;
        noted = cursor.skipped;
        if (!o.stderr.write(note)) await drainOrClose(o.stderr, o.signal);
      }
      if (rec) {
        const sink = rec.stream === STDOUT ? o.stdout : o.stderr;
        if (!sink.write(rec.data)) await drainOrClose(sink, o.signal);
        if (sink.destroyed) return;
        continue;
      }
      if (log.ended || !o.follow) break;
      await waitForMore(log, o.signal);
    }
    o.stdout.end();
    o.stderr.end();
  } finally {
    cursor.close();
  }
}

function waitForMore(log: OutputLog, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      log.off("append", done);
      log.off("end", done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    log.on("append", done);
    log.on("end", done);
    signal?.addEventListener("abort", done);
  });
}

async function drainOrClose(w: Writable, signal: AbortSignal | undefined): Promise<void> {
  if (w.destroyed) return;
  const ac = new AbortController();
  const stop = () => ac.abort();
  signal?.addEventListener("abort", stop);
  try {
    await Promise.race([once(w, "drain", { signal: ac.signal }), once(w, "close", { signal: ac.signal })]);
  } catch {
    // aborted
  } finally {
    ac.abort();
    signal?.removeEventListener("abort", stop);
  }
}
