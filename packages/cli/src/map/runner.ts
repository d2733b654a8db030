import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { SignalName } from "@mrc/protocol";
import type { AttachHandle, ClusterApi, JobInfo, JobSpec, JobState } from "@mrc/head";
import { joblogLine, JOBLOG_HEADER } from "./joblog.js";
import { HeldOutput, LineSplitter, OutputBudget, Printer, type StreamNo } from "./output.js";
import { ReadAhead } from "./input.js";
import { buildCommand, type JobCommand } from "./placeholders.js";
import type { ProgressCounts } from "./progress.js";
import type { ProgressSink } from "./status-line.js";
import { mapExitStatus, type MapResult } from "./summary.js";

/** `--halt`: stop after `fail` failures; "now" also kills running jobs, "soon" lets them finish. */
export interface HaltPolicy {
  when: "now" | "soon";
  fail: number;
}

/** Parse `--halt never | now,fail=N | soon,fail=N` (undefined for "never"). */
export function parseHalt(spec: string): HaltPolicy | undefined {
  if (spec === "never") return undefined;
  const m = /^(now|soon),fail=(\d+)$/.exec(spec);
  if (!m || Number(m[2]) < 1) throw new Error(`bad --halt "${spec}": expected never, now,fail=N or soon,fail=N (N ≥ 1)`);
  return { when: m[1] as "now" | "soon", fail: Number(m[2]) };
}

/** Options of {@link mapJobs}. */
export interface MapOptions {
  /** The command template (placeholders allowed in any word). */
  template: readonly string[];
  /** Input lines, one job each (read lazily, as jobs can be submitted). */
  inputs: AsyncIterable<string> | Iterable<string>;
  /** Run the command by `sh -c`, the values shell-quoted into it. */
  shell?: boolean;
  /** At most this many jobs of this map submitted and not finished (default: {@link maxOutstanding}). */
  jobs?: number;
  /** Bound on outstanding submissions when `jobs` is not given (default 1000). */
  maxOutstanding?: number;
  /** Everything of a job's spec but its argv (cwd, env, exports, targets, noQueue, ...). */
  spec: Omit<JobSpec, "argv"> & { token?: string };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Print output as it arrives, line by line, instead of grouped in input order. */
  ungroup?: boolean;
  /** Where joblog lines go (a header first, then one line per finished job). */
  joblog?: Writable;
  /** A progress display (a {@link StatusLine} on a terminal). */
  progress?: ProgressSink;
  /**
   * Read up to this many input lines ahead, so the progress line knows the total early (default:
   * 100000 with a progress display, else 0).
   */
  readAhead?: number;
  /** How often to ask the cluster which jobs run and which are queued, for the progress (ms; default 500). */
  pollMs?: number;
  halt?: HaltPolicy;
  /** Ctrl-C: stop submitting, SIGTERM every job of this map, then return (interrupted). */
  signal?: AbortSignal;
  /** After SIGTERM, how long jobs get to end before SIGKILL, and again before they are given up (ms; default 10000). */
  killGraceMs?: number;
  /** Memory for output held back (keep-order) before it spills to temporary files (default 64 MiB). */
  memoryLimit?: number;
  /** Where spill files go (default: the OS temp dir). */
  tmpDir?: string;
  now?: () => number;
}

/** Default bound of outstanding submissions. */
export const MAX_OUTSTANDING = 1000;

/** Live output above this is paused until the printer catches up. */
const HIGH_WATER = 1 << 20;
/** How often a signal the cluster refused (job still starting) is retried, ms. */
const KILL_RETRY_MS = 200;

const sigNum = (name: string): number => (constants.signals as Record<string, number>)[name] ?? 0;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}
function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** One job of the map. */
interface Job {
  seq: number;
  slot: number;
  cmd: JobCommand;
  id?: string;
  /** Last known state ("submitting" until the cluster answered). */
  state: "submitting" | JobState;
  finished: boolean;
  /** This map asked it to die (Ctrl-C, --halt now, a fatal error). */
  killed: boolean;
  /** Bytes of output received. */
  received: number;
  /** Its output is being written as it comes (it is the oldest job not yet printed). */
  live: boolean;
  held?: HeldOutput;
  lines?: [LineSplitter, LineSplitter];
  handle?: AttachHandle;
  done: Deferred<void>;
}

/**
 * Run one job per input line on a cluster, like GNU parallel: each line becomes a job (placeholders
 * expanded) submitted with {@link ClusterApi.submit} — placement, slots and queueing are the
 * cluster's — with at most `jobs` of them outstanding. Each job's output is attached right after
 * its submit (the head replays it from the start, so nothing is lost) and printed grouped, in
 * input order: the oldest unfinished job's output streams live, later jobs' is held (memory, then
 * temp files) until every earlier job is printed. Resolves with the counts and the exit status.
 */
export async function mapJobs(cluster: ClusterApi, o: MapOptions): Promise<MapResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const limit = o.jobs !== undefined && o.jobs > 0 ? o.jobs : (o.maxOutstanding ?? MAX_OUTSTANDING);
  const graceMs = o.killGraceMs ?? 10_000;
  const budget = new OutputBudget(o.memoryLimit ?? 64 << 20, o.tmpDir);
  let error: string | undefined;
  const fatal = (msg: string): void => {
    if (error === undefined) error = msg;
    requestStop("error");
  };
  const printer = new Printer(o.stdout, o.stderr, {
    ...(o.progress ? { progress: o.progress } : {}),
    onError: (e) => fatal(`cannot write output: ${e.message}`),
  });

  const order: Job[] = []; // jobs not yet printed (grouped mode), in input order
  const outstanding = new Map<number, Job>();
  const byId = new Map<string, Job>();
  const slots = new Set<number>();
  let changed = deferred();
  let stop: "halt" | "abort" | "error" | undefined;
  const stopped = deferred();
  let interrupted = false;
  let halted = false;
  let inputEnded = false;
  let total = 0;
  let succeeded = 0;
  let failed = 0;
  let killed = 0;
  let done = 0;
  const failures: Record<string, number> = {};
  let killDeadline = Infinity;

  let ahead: ReadAhead<string> | undefined;
  const counts = (): ProgressCounts => {
    let running = 0;
    let queued = 0;
    for (const j of outstanding.values()) {
      if (j.state === "running" || j.state === "starting") running++;
      else queued++;
    }
    const known = inputEnded ? total : ahead?.total;
    return { done, failed: failed + killed, running, queued, ...(known !== undefined ? { total: known } : {}) };
  };
  const progress = (): void => o.progress?.update(counts());

  const killing = (): boolean => stop === "abort" || stop === "error" || (stop === "halt" && o.halt?.when === "now");
  /** Resolved (and replaced) at each change of `stop`. */
  let stopChanged = deferred();

  function requestStop(why: "halt" | "abort" | "error"): void {
    if (stop === why || stop === "abort" || stop === "error") return;
    stop = why; // "halt" (soon) may still turn into "abort" or "error"
    stopped.resolve();
    stopChanged.resolve();
    stopChanged = deferred();
    if (killing()) killAll("SIGTERM");
    else void killQueued();
  }

  const onAbort = (): void => {
    interrupted = true;
    requestStop("abort");
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener("abort", onAbort, { once: true });

  // ---------------------------------------------------------------- killing

  function killAll(sig: SignalName): void {
    if (killDeadline === Infinity) killDeadline = now() + 2 * graceMs;
    for (const j of outstanding.values()) void kill(j, sig);
  }

  async function kill(j: Job, sig: SignalName): Promise<void> {
    j.killed = true;
    if (j.id === undefined || j.finished) return; // still being submitted: killed once it is
    try {
      await cluster.signal(j.id, sig);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "JOB_ENDED" || code === "NO_SUCH_JOB" || j.finished) return;
      // Most likely still starting on its target: try again while it is worth it.
      if (now() < killDeadline) setTimeout(() => void kill(j, sig), KILL_RETRY_MS).unref();
    }
  }

  /** --halt soon: jobs that have not started are dequeued; running ones finish. */
  async function killQueued(): Promise<void> {
    for (const j of [...outstanding.values()]) {
      if (j.id === undefined || j.finished) continue;
      const info = await cluster.job(j.id).catch(() => undefined);
      if (info?.state === "queued") void kill(j, "SIGTERM");
    }
  }

  // ---------------------------------------------------------------- output

  function output(j: Job, n: StreamNo, data: Buffer): void {
    if (o.ungroup) {
      const whole = j.lines![n - 1]!.push(data);
      if (whole) void printer.write(n, whole);
      return;
    }
    if (j.live) void printer.write(n, data);
    else j.held!.add(n, data);
  }

  function note(j: Job, text: string): void {
    output(j, 2, Buffer.from(`mrc: job ${j.seq} (${j.cmd.display}): ${text}\n`));
  }

  /** Print what can be printed: the oldest job goes live; finished ones leave the queue. */
  function advance(): void {
    while (order.length > 0) {
      const head = order[0]!;
      if (!head.live) {
        head.live = true;
        const held = head.held!;
        void printer.task(() => held.writeTo(printer));
      }
      if (!head.finished) return;
      order.shift();
    }
  }

  function wire(j: Job, s: Readable, n: StreamNo): void {
    s.on("data", (c: Buffer | string) => {
      const b = typeof c === "string" ? Buffer.from(c) : c;
      j.received += b.length;
      if (j.state === "queued" || j.state === "submitting") {
        j.state = "running";
        progress();
      }
      output(j, n, b);
      if (printer.pending >= HIGH_WATER && !s.isPaused()) {
        s.pause();
        void printer.pendingBelow(HIGH_WATER / 2).then(() => s.resume());
      }
    });
    s.on("error", () => {});
  }

  // ---------------------------------------------------------------- jobs

  function finish(j: Job, info: JobInfo | undefined, why?: string): void {
    if (j.finished) return;
    j.finished = true;
    outstanding.delete(j.seq);
    slots.delete(j.slot);
    if (j.id !== undefined) byId.delete(j.id);
    done++;
    const ok = info !== undefined && info.state === "ended" && info.status === 0;
    if (ok) succeeded++;
    else if (j.killed) killed++;
    else {
      failed++;
      const reason =
        info === undefined ? (why ?? "lost")
        : info.state === "ended" ? (info.exit?.signal ? info.exit.signal : `exit ${info.status ?? 255}`)
        : "could not run";
      failures[reason] = (failures[reason] ?? 0) + 1;
      if (o.halt && failed >= o.halt.fail && stop === undefined) {
        halted = true;
        requestStop("halt");
      }
    }
    if (o.ungroup && j.lines) {
      for (const n of [1, 2] as const) {
        const rest = j.lines[n - 1]!.end();
        if (rest) void printer.write(n, rest);
      }
    }
    if (o.joblog) {
      const start = info?.startedAt ?? info?.endedAt ?? now();
      o.joblog.write(
        joblogLine({
          seq: j.seq,
          ...(info?.startedAt !== undefined && info.target !== undefined ? { host: info.target } : {}),
          startMs: start,
          runtimeMs: info?.startedAt !== undefined && info.endedAt !== undefined ? info.endedAt - info.startedAt : 0,
          sent: 0,
          received: j.received,
          exitval: info?.status ?? 255,
          signal: info?.exit?.signal ? sigNum(info.exit.signal) : 0,
          command: j.cmd.display,
        }) + "\n",
      );
    }
    changed.resolve();
    changed = deferred();
    progress();
    if (!o.ungroup) advance();
    j.done.resolve();
  }

  /** Submit one job, then (not awaited) follow it to its end. Never rejects. */
  async function submit(j: Job): Promise<void> {
    let info: JobInfo;
    try {
      info = await cluster.submit({
        ...o.spec,
        argv: j.cmd.argv,
        env: { ...o.spec.env, MRC_MAP_SEQ: String(j.seq), MRC_MAP_SLOT: String(j.slot) },
      });
    } catch (err) {
      finish(j, undefined, "not submitted"); // counted as failed, before the stop kills (counts) the rest
      fatal(`cannot submit job ${j.seq} (${j.cmd.display}): ${(err as Error).message}`);
      return;
    }
    j.id = info.id;
    j.state = info.state;
    byId.set(info.id, j);
    progress();
    if (info.state === "failed") {
      note(j, info.error ?? "could not be started");
      finish(j, info);
      return;
    }
    if (j.killed) void kill(j, "SIGTERM");
    void follow(j, info.id);
  }

  async function follow(j: Job, id: string): Promise<void> {
    let h: AttachHandle | undefined;
    try {
      h = await cluster.attach(id, { follow: true });
      j.handle = h;
      if (h.dropped > 0) note(j, `the first ${h.dropped} bytes of its output were dropped (the head keeps a bounded log)`);
      wire(j, h.stdout, 1);
      wire(j, h.stderr, 2);
    } catch (err) {
      note(j, `cannot read its output: ${(err as Error).message}`);
    }
    let info: JobInfo;
    try {
      info = await cluster.wait(id);
      await h?.done;
    } catch (err) {
      note(j, `lost: ${(err as Error).message}`);
      finish(j, undefined, "lost");
      return;
    }
    finish(j, info);
  }

  function create(line: string, seq: number): Job {
    let slot = 1;
    while (slots.has(slot)) slot++;
    slots.add(slot);
    const cmd = buildCommand(o.template, { line, seq, slot }, { shell: o.shell === true });
    const j: Job = { seq, slot, cmd, state: "submitting", finished: false, killed: false, received: 0, live: false, done: deferred() };
    if (o.ungroup) j.lines = [new LineSplitter(), new LineSplitter()];
    else j.held = new HeldOutput(budget, String(seq));
    outstanding.set(seq, j);
    if (!o.ungroup) order.push(j);
    return j;
  }

  // ---------------------------------------------------------------- main loop

  let poll: NodeJS.Timeout | undefined;
  if (o.progress) {
    let polling = false;
    poll = setInterval(() => {
      if (polling || byId.size === 0) return;
      polling = true;
      cluster
        .jobs()
        .then((all) => {
          for (const i of all) {
            const j = byId.get(i.id);
            if (j && !j.finished) j.state = i.state;
          }
          progress();
        })
        .catch(() => {})
        .finally(() => (polling = false));
    }, o.pollMs ?? 500);
    poll.unref();
    progress();
  }
  o.joblog?.write(JOBLOG_HEADER + "\n");

  const STOP = Symbol("stop");
  const iterable = o.inputs;
  const src: AsyncIterator<string> | Iterator<string> =
    Symbol.asyncIterator in iterable ? (iterable as AsyncIterable<string>)[Symbol.asyncIterator]() : (iterable as Iterable<string>)[Symbol.iterator]();
  const readAhead = o.readAhead ?? (o.progress ? 100_000 : 0);
  ahead = readAhead > 0 ? new ReadAhead(src, readAhead) : undefined;
  const it = ahead ?? src;
  try {
    while (stop === undefined) {
      while (outstanding.size >= limit && stop === undefined) await Promise.race([changed.promise, stopped.promise]);
      if (stop !== undefined) break;
      const next = await Promise.race([it.next(), stopped.promise.then((): typeof STOP => STOP)]);
      if (next === STOP || stop !== undefined) break;
      if (next.done) {
        inputEnded = true;
        break;
      }
      const j = create(next.value, ++total);
      progress();
      if (!o.ungroup) advance();
      await Promise.race([submit(j), stopped.promise]);
    }
  } catch (err) {
    fatal(`cannot read the input: ${(err as Error).message}`);
  }
  inputEnded = true; // what was read is all there will be
  if (stop !== undefined) void Promise.resolve(it.return?.()).catch(() => {});
  progress();

  // ---------------------------------------------------------------- the end

  const all = (): Promise<unknown> => Promise.all([...outstanding.values()].map((j) => j.done.promise));
  // The input ended (or --halt soon): every job may finish, unless Ctrl-C or an error comes.
  while (!killing() && outstanding.size > 0) await Promise.race([all(), stopChanged.promise]);
  if (killing() && outstanding.size > 0) {
    // Killed with SIGTERM already; SIGKILL after the grace time; given up after another.
    const graceOver = async (): Promise<boolean> => {
      let t: NodeJS.Timeout | undefined;
      const r = await Promise.race([all().then(() => false), new Promise<boolean>((res) => (t = setTimeout(() => res(true), graceMs)))]);
      clearTimeout(t);
      return r;
    };
    if (await graceOver()) {
      killAll("SIGKILL");
      if (await graceOver()) {
        for (const j of [...outstanding.values()]) {
          j.handle?.detach();
          note(j, "given up: it did not end after SIGTERM and SIGKILL");
          j.killed = true;
          finish(j, undefined, "given up");
        }
      }
    }
  }
  if (poll) clearInterval(poll);
  o.signal?.removeEventListener("abort", onAbort);
  await printer.idle();
  o.progress?.close();
  budget.dispose();
  const r = {
    jobs: total,
    succeeded,
    failed,
    killed,
    failures,
    elapsedMs: now() - started,
    interrupted,
    halted,
    ...(error !== undefined ? { error } : {}),
  };
  return { ...r, status: mapExitStatus(r) };
}
