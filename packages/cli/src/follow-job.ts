import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { SignalName } from "@mrc/protocol";
import type { ClusterApi, JobInfo } from "@mrc/head";
import { outputStream } from "./fd-writer.js";
import { RawTerminal, terminalSize } from "./terminal.js";

/** Options of {@link followJob}. */
export interface FollowOptions {
  /** Forward this process's stdin to the guest. */
  stdin: boolean;
  /** The job has a tty: raw local terminal, SIGWINCH → resize. */
  tty: boolean;
  /** Signals forwarded to the job; others received end only this follower. */
  forward: readonly SignalName[];
  /** Signals that detach this follower (the job goes on). */
  detachOn: readonly SignalName[];
  /** Replay only what is buffered, then stop (logs without -f). */
  follow?: boolean;
  input?: Readable;
  output?: Writable;
  errors?: Writable;
}

const sigNum = (name: string): number => (constants.signals as Record<string, number>)[name] ?? 0;

/**
 * Show a cluster job on this terminal: its buffered output (with a note if some was dropped),
 * then live output; stdin and signals forwarded as asked. Resolves with the job's exit status
 * once it ended, or with `detached` when a detach signal came (the job goes on).
 */
export async function followJob(cluster: ClusterApi, id: string, o: FollowOptions): Promise<{ status: number; info?: JobInfo; detached: boolean }> {
  const stdin = o.input ?? process.stdin;
  const stdout = o.output ?? outputStream(1);
  const stderr = o.errors ?? outputStream(2);
  const raw = new RawTerminal();
  const handlers: Array<[string, () => void]> = [];
  let detach!: (sig: SignalName) => void;
  const detached = new Promise<SignalName>((r) => (detach = r));
  const h = await cluster.attach(id, { stdin: o.stdin, follow: o.follow !== false });
  if (h.dropped > 0) stderr.write(`mrc: the first ${h.dropped} bytes of job ${id}'s output were dropped (the head keeps a bounded log); showing the rest\n`);
  try {
    for (const sig of o.forward) {
      const f = () => void cluster.signal(id, sig).catch(() => {});
      process.on(sig, f);
      handlers.push([sig, f]);
    }
    for (const sig of o.detachOn) {
      const f = () => detach(sig);
      process.on(sig, f);
      handlers.push([sig, f]);
    }
    if (o.tty) {
      raw.enter();
      const onWinch = () => {
        const s = terminalSize();
        cluster.resize(id, s.cols, s.rows).catch(() => {});
      };
      process.on("SIGWINCH", onWinch);
      handlers.push(["SIGWINCH", onWinch]);
      onWinch();
    }
    if (o.stdin && h.stdin) {
      const w = h.stdin;
      stdin.on("data", (c: Buffer) => {
        if (!w.write(c)) {
          stdin.pause();
          w.once("drain", () => stdin.resume());
        }
      });
      stdin.once("end", () => w.end());
      w.on("error", () => stdin.pause());
    }
    h.stdout.pipe(stdout, { end: false });
    h.stderr.pipe(stderr, { end: false });
    const how = await Promise.race([h.done.then(() => "done" as const), detached]);
    if (how !== "done") {
      h.detach();
      return { status: 128 + sigNum(how), detached: true };
    }
    if (o.follow === false) return { status: 0, detached: false };
    const info = await cluster.wait(id);
    if (info.state === "failed") stderr.write(`mrc: job ${id}: ${info.error ?? "failed"}\n`);
    return { status: info.status ?? 255, info, detached: false };
  } finally {
    raw.restore();
    for (const [sig, f] of handlers) process.off(sig, f);
    if (stdin === process.stdin) process.stdin.pause();
    await flushed(stdout);
    await flushed(stderr);
  }
}

function flushed(w: Writable): Promise<void> {
  if (w.writableLength === 0) return Promise.resolve();
  return new Promise((r) => w.write(Buffer.alloc(0), () => r()));
}
