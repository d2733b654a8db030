/**
 * `--joblog FILE`: one tab-separated line per finished job, in GNU parallel's format (same
 * columns in the same order, so tools that read parallel's joblog read this one):
 *
 *     Seq  Host  Starttime  JobRuntime  Send  Receive  Exitval  Signal  Command
 *
 * - Seq: the job's sequence number ({#}).
 * - Host: the target it ran on ("-" if it never started).
 * - Starttime: seconds since the epoch with milliseconds (`%10.3f`).
 * - JobRuntime: seconds with milliseconds (`%8.3f`, space-padded).
 * - Send: bytes sent to the job's stdin (always 0: map jobs get an empty stdin).
 * - Receive: bytes of output received from the job (stdout + stderr).
 * - Exitval: the status a shell shows: the exit code, 128+N after signal N, 255 when the job
 *   could not be started (or was lost).
 * - Signal: the number of the signal that killed it, else 0.
 * - Command: the command line (words shell-quoted; with --shell the script).
 */

/** The header line (without its newline). */
export const JOBLOG_HEADER = ["Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval", "Signal", "Command"].join("\t");

/** One finished job, as the joblog shows it. */
export interface JoblogEntry {
  seq: number;
  /** Target name; undefined if the job never ran. */
  host?: string;
  /** Start, ms since the epoch. */
  startMs: number;
  /** Run time, ms. */
  runtimeMs: number;
  sent: number;
  received: number;
  exitval: number;
  signal: number;
  command: string;
}

/**
 * One joblog line (without its newline). Tabs and line breaks in the command (only possible in a
 * --shell script: plain commands quote them as `$'\t'`) are written as `\t`, `\n`, `\r`.
 */
export function joblogLine(e: JoblogEntry): string {
  const cmd = e.command.replace(/[\t\n\r]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
  const host = e.host === undefined || e.host === "" ? "-" : e.host.replace(/[\t\n\r]/g, " ");
  return [
    String(e.seq),
    host,
    (e.startMs / 1000).toFixed(3).padStart(10),
    (Math.max(0, e.runtimeMs) / 1000).toFixed(3).padStart(8),
    String(e.sent),
    String(e.received),
    String(e.exitval),
    String(e.signal),
    cmd,
  ].join("\t");
}
