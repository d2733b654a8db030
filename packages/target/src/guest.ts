import { spawn as spawnChild, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough, Writable, type Readable } from "node:stream";
import * as pty from "node-pty";
import type { JobExit, TtySpec } from "@mrc/protocol";
import { signalName, signalNumber } from "./signals.js";
import { adoptPipe, pumpOutput, type OutputSink } from "./output-pump.js";

/** How to start a guest process. */
export interface GuestSpec {
  /** Program and arguments; argv[0] is resolved by the caller or by the launcher. */
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  tty?: TtySpec;
  /** Delay output-EOF waiting after the leader exits at most this long, ms (default 2000). */
  drainMs?: number;
}

/**
 * A running guest: its stdio as streams, signals to its process group, and how it ended.
 * The guest leads its own process group (and session), so a signal reaches all its children.
 */
export interface Guest extends EventEmitter {
  readonly pid: number;
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Absent with a tty (the terminal merges output). */
  readonly stderr: Readable | undefined;
  /** Resolves once the leader has exited and its output has been read to EOF (or drain timed out). */
  readonly exited: Promise<JobExit>;
  /**
   * Send the guest's stdout or stderr into a link stream; resolves once it has all gone there
   * (or the stream broke). Faster than piping {@link stdout} (see adoptPipe); use one or the other.
   */
  pipeOutput(which: "stdout" | "stderr", sink: OutputSink): Promise<void>;
  /** Signal the whole process group. Returns false if the signal is not allowed. */
  signal(name: string): boolean;
  resize(cols: number, rows: number): void;
  /** SIGKILL the whole process group. */
  kill(): void;
}

function killGroup(pid: number, sig: number | NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

function waitEnd(s: Readable | undefined): Promise<void> {
  if (s === undefined || s.readableEnded || s.destroyed) return Promise.resolve();
  return new Promise((r) => {
    s.once("end", r);
    s.once("close", r);
    s.once("error", () => r());
  });
}

/** Start a guest on pipes. */
function spawnPiped(spec: GuestSpec): Guest {
  const child: ChildProcess = spawnChild(spec.file, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true, // own session + process group
    stdio: ["pipe", "pipe", "pipe"],
  });
  const em = new EventEmitter();
  const pid = child.pid ?? -1;
  // The output streams as read now: pipeOutput may move a pipe to a socket of its own.
  const outs: { stdout: Readable | undefined; stderr: Readable | undefined } = { stdout: child.stdout ?? undefined, stderr: child.stderr ?? undefined };
  const exited = new Promise<JobExit>((resolve) => {
    child.once("error", (err) => resolve({ code: 255, signal: null, error: `cannot start ${spec.file}: ${err.message}` }));
    child.once("exit", (code, sig) => {
      const drain = Promise.all([waitEnd(outs.stdout), waitEnd(outs.stderr)]);
      const timer = setTimeout(() => {
        // The leader is gone but something still holds its output open: end the group.
        killGroup(pid, "SIGKILL");
        outs.stdout?.destroy();
        outs.stderr?.destroy();
      }, spec.drainMs ?? 2000);
      drain.then(() => {
        clearTimeout(timer);
        killGroup(pid, "SIGKILL"); // leftovers of a finished job are not kept (no orphans)
        resolve({ code: sig === null ? code : null, signal: sig });
      });
    });
  });
  child.stdin?.on("error", () => {}); // EPIPE when the guest does not read its stdin
  return Object.assign(em, {
    pid,
    stdin: child.stdin!,
    stdout: child.stdout!,
    stderr: child.stderr ?? undefined,
    exited,
    pipeOutput(which: "stdout" | "stderr", sink: OutputSink) {
      const src = outs[which];
      if (src === undefined) {
        sink.end();
        return Promise.resolve();
      }
      const adopted = adoptPipe(src, sink);
      if (adopted !== undefined) outs[which] = adopted;
      return pumpOutput(adopted ?? src, sink, adopted !== undefined);
    },
    signal(name: string) {
      const n = signalNumber(name);
      if (n === undefined || pid <= 0) return false;
      killGroup(pid, n);
      return true;
    },
    resize() {},
    kill() {
      if (pid > 0) killGroup(pid, "SIGKILL");
    },
  });
}

/** Start a guest on a pseudo-terminal (node-pty), binary-safe, with flow control. */
function spawnPty(spec: GuestSpec, tty: TtySpec): Guest {
  const p = pty.spawn(spec.file, spec.args, {
    name: tty.term,
    cols: tty.cols,
    rows: tty.rows,
    cwd: spec.cwd,
    env: spec.env,
    encoding: null,
  });
  const em = new EventEmitter();
  const stdout = new PassThrough({ highWaterMark: 256 * 1024 });
  let paused = false;
  const dataSub = p.onData((d: string | Buffer) => {
    if (!stdout.write(typeof d === "string" ? Buffer.from(d, "binary") : d) && !paused) {
      paused = true;
      p.pause();
    }
  });
  stdout.on("drain", () => {
    if (paused) {
      paused = false;
      p.resume();
    }
  });
  const stdin = new Writable({
    write(chunk: Buffer, _e, cb) {
      try {
        p.write(chunk);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    final(cb) {
      // A terminal has no EOF of its own (as with ssh -t): the user types ^D, which arrives as data.
      cb();
    },
  });
  const exited = new Promise<JobExit>((resolve) => {
    p.onExit(({ exitCode, signal }) => {
      dataSub.dispose();
      stdout.end();
      killGroup(p.pid, "SIGKILL");
      resolve(signal ? { code: null, signal: signalName(signal) } : { code: exitCode, signal: null });
    });
  });
  return Object.assign(em, {
    pid: p.pid,
    stdin,
    stdout,
    stderr: undefined,
    exited,
    pipeOutput(which: "stdout" | "stderr", sink: OutputSink) {
      if (which === "stderr") {
        sink.end(); // a terminal merges the guest's stderr into its output
        return Promise.resolve();
      }
      return pumpOutput(stdout, sink, false);
    },
    signal(name: string) {
      const n = signalNumber(name);
      if (n === undefined) return false;
      killGroup(p.pid, n);
      return true;
    },
    resize(cols: number, rows: number) {
      try {
        p.resize(Math.max(1, cols), Math.max(1, rows));
      } catch {
        /* exited */
      }
    },
    kill() {
      killGroup(p.pid, "SIGKILL");
    },
  });
}

/** Start a guest, on a pty when `spec.tty` is set, else on pipes. */
export function spawnGuest(spec: GuestSpec): Guest {
  return spec.tty ? spawnPty(spec, spec.tty) : spawnPiped(spec);
}
