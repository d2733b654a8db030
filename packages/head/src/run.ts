import type { Readable, Writable } from "node:stream";
import type { Peer } from "@mrc/rpc";
import { JOB_METHODS, type ExportSpec, type JobExit, type JobStartIn, type JobStartOut, type SignalName, type TtySpec } from "@mrc/protocol";

/** What to run and where its stdio goes. */
export interface StartJobOptions {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  tty?: TtySpec;
  /** Source of the guest's stdin; its EOF becomes the guest's EOF. Absent: empty stdin. */
  stdin?: Readable;
  /** Sink of the guest's stdout (or terminal output). Never ended by mrc. */
  stdout: Writable;
  /** Sink of the guest's stderr. Never ended by mrc. Ignored with a tty. */
  stderr: Writable;
  exports?: ExportSpec[];
  addr?: string;
  /** Extra params merged into job.start (used by higher layers). */
  extra?: Partial<JobStartIn>;
}

/** A job started on a target, steered from the head. */
export interface RemoteJob {
  readonly jobId: string;
  readonly pid: number;
  /** Resolves with how the guest ended once all its output has been written to the sinks. */
  readonly exit: Promise<JobExit>;
  signal(sig: SignalName): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
}

/** Copy a stream into a sink that must not be ended (process.stdout), with backpressure. */
function copyInto(src: Readable, dst: Writable): Promise<void> {
  return new Promise((resolve) => {
    src.on("data", (chunk: Buffer) => {
      if (!dst.write(chunk)) {
        src.pause();
        dst.once("drain", () => src.resume());
      }
    });
    // The sink failed (EPIPE: its reader went away): stop the stream, so the guest gets EPIPE on
    // its next write as it would with a local pipe, instead of blocking forever.
    dst.once("error", () => {
      src.destroy();
      resolve();
    });
    src.once("end", () => {
      // Resolve once everything queued in dst has been handed to the OS.
      if (dst.writableLength === 0) resolve();
      else dst.write(Buffer.alloc(0), () => resolve());
    });
    // Reset by the target (output cut off after the guest ended) or link lost: what arrived
    // has been written; the job's exit status tells the rest.
    src.once("error", () => resolve());
    src.once("close", () => {
      if (!src.readableEnded) resolve(); // cut off: nothing more will come
    });
  });
}

/**
 * Start a job on the target at the other end of `peer`. Stdio is wired before the call returns.
 * The returned job's `exit` rejects with an RpcError (CONNECTION_CLOSED) if the link is lost.
 */
export async function startJob(peer: Peer, o: StartJobOptions): Promise<RemoteJob> {
  const stdin = peer.openWriter();
  const stdout = peer.openReader();
  const stderr = o.tty ? undefined : peer.openReader();
  const outputs = [copyInto(stdout, o.stdout)];
  if (stderr) outputs.push(copyInto(stderr, o.stderr));
  const params: JobStartIn = {
    argv: o.argv,
    env: o.env,
    cwd: o.cwd,
    stdin: stdin.sid,
    stdout: stdout.sid,
    ...(stderr ? { stderr: stderr.sid } : {}),
    ...(o.tty ? { tty: o.tty } : {}),
    ...(o.exports ? { exports: o.exports } : {}),
    ...(o.addr ? { addr: o.addr } : {}),
    ...o.extra,
  };
  let started: JobStartOut;
  try {
    started = await peer.call<JobStartOut>(JOB_METHODS.start, params);
  } catch (err) {
    stdin.destroy();
    stdout.destroy();
    stderr?.destroy();
    throw err;
  }
  if (o.stdin) {
    const src = o.stdin;
    src.on("data", (chunk: Buffer) => {
      if (!stdin.write(chunk)) {
        src.pause();
        stdin.once("drain", () => src.resume());
      }
    });
    src.once("end", () => stdin.end());
    src.once("error", () => stdin.end());
    stdin.on("error", () => src.pause());
  } else {
    stdin.end();
  }
  const exit = (async () => {
    const r = await peer.call<JobExit>(JOB_METHODS.wait, { jobId: started.jobId });
    await Promise.all(outputs).catch(() => {});
    if (o.stdin) o.stdin.pause();
    stdin.destroy();
    return r;
  })();
  exit.catch(() => {});
  return {
    jobId: started.jobId,
    pid: started.pid,
    exit,
    signal: async (sig) => {
      await peer.call(JOB_METHODS.signal, { jobId: started.jobId, signal: sig });
    },
    resize: async (cols, rows) => {
      await peer.call(JOB_METHODS.resize, { jobId: started.jobId, cols, rows });
    },
  };
}

/** The exit status a shell would show for a job: code, 128+N for a signal, 255 if it never ran. */
export function exitStatus(e: JobExit, signalNumber: (name: string) => number | undefined): number {
  if (e.code !== null) return e.code;
  if (e.signal !== null) return 128 + (signalNumber(e.signal) ?? 127);
  return 255;
}

