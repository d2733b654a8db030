import { once } from "node:events";
import { PassThrough, Writable } from "node:stream";
import type { SignalName } from "@mrc/protocol";
import type { AttachHandle, AttachOptions, ClusterApi, JobInfo, JobSpec, TargetStatus } from "@mrc/head";

/** An error with a code, as the cluster's RPC errors carry. */
function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const SIGNUM: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };

/** A job of {@link FakeCluster}, driven by the test. */
export class FakeJob {
  readonly info: JobInfo;
  private readonly records: Array<{ n: 1 | 2; data: Buffer }> = [];
  private readonly followers: Array<[PassThrough, PassThrough]> = [];
  private endedResolve!: (i: JobInfo) => void;
  readonly ended: Promise<JobInfo>;

  constructor(
    id: string,
    readonly spec: JobSpec,
    private readonly changed: () => void,
  ) {
    this.info = { id, name: spec.argv.join(" "), argv: spec.argv, user: "u", state: "queued", submittedAt: Date.now(), tty: false, interactive: false, outputBytes: 0, droppedBytes: 0 };
    this.ended = new Promise((r) => (this.endedResolve = r));
  }

  get finished(): boolean {
    return this.info.state === "ended" || this.info.state === "failed";
  }

  /** It starts on a target. */
  start(target = "t1"): this {
    Object.assign(this.info, { state: "running", target, startedAt: Date.now(), pid: 100 + Number(this.info.id) });
    this.changed();
    return this;
  }

  /** It writes to stdout (1) or stderr (2). */
  write(n: 1 | 2, text: string | Buffer): this {
    const data = typeof text === "string" ? Buffer.from(text) : text;
    this.records.push({ n, data });
    this.info.outputBytes += data.length;
    for (const f of this.followers) f[n - 1]!.write(data);
    return this;
  }

  /** It exits with a code, or dies of a signal. */
  exit(how: number | SignalName | "SIGSEGV"): this {
    if (this.finished) return this;
    if (this.info.state === "queued") this.start();
    const exit = typeof how === "number" ? { code: how, signal: null } : { code: null, signal: how };
    const status = typeof how === "number" ? how : 128 + (SIGNUM[how] ?? 1);
    Object.assign(this.info, { state: "ended", exit, status, endedAt: Date.now() });
    this.close();
    return this;
  }

  /** It never ran (or was lost). */
  fail(error: string, status = 255): this {
    if (this.finished) return this;
    Object.assign(this.info, { state: "failed", error, status, endedAt: Date.now() });
    this.close();
    return this;
  }

  private close(): void {
    for (const [o, e] of this.followers) {
      o.end();
      e.end();
    }
    this.followers.length = 0;
    this.endedResolve({ ...this.info });
    this.changed();
  }

  attach(o: AttachOptions = {}): AttachHandle {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    // Everything from the start, as the head's log replays it.
    for (const r of this.records) (r.n === 1 ? stdout : stderr).write(r.data);
    if (this.finished || o.follow === false) {
      stdout.end();
      stderr.end();
    } else this.followers.push([stdout, stderr]);
    return {
      stdout,
      stderr,
      dropped: 0,
      done: Promise.all([once(stdout, "end"), once(stderr, "end")]).then(() => {}),
      detach: () => {
        stdout.end();
        stderr.end();
      },
    };
  }
}

/**
 * An in-memory {@link ClusterApi} for tests: jobs queue at submit and do what the test says
 * (start, write, exit), or what `onSubmit` decides. Signals end a job as a real target would
 * (unless `onSignal` says otherwise). `until(pred)` resolves when a state change makes `pred` true.
 */
export class FakeCluster implements ClusterApi {
  readonly all: FakeJob[] = [];
  readonly signals: Array<{ id: string; sig: SignalName }> = [];
  /** Most jobs submitted and not ended at any moment. */
  maxLive = 0;
  /** Decide a job's fate at its submit (start it, end it, ...). */
  onSubmit: ((j: FakeJob) => void) | undefined;
  /** What a signal does (default: a queued job fails with 128+N, a running one dies of it). */
  onSignal: ((j: FakeJob, sig: SignalName) => void) | undefined;
  /** Make submit reject. */
  submitError: Error | undefined;
  closed = false;
  private waiters: Array<{ pred: () => boolean; resolve: () => void }> = [];

  get live(): FakeJob[] {
    return this.all.filter((j) => !j.finished);
  }

  get(id: string): FakeJob {
    const j = this.all.find((x) => x.info.id === id);
    if (!j) throw coded("NO_SUCH_JOB", `no such job: ${id}`);
    return j;
  }

  /** The n-th submitted job (1-based). */
  nth(n: number): FakeJob {
    const j = this.all[n - 1];
    if (!j) throw new Error(`job ${n} was not submitted`);
    return j;
  }

  /** Resolves once `pred()` holds (checked now and after each change). */
  until(pred: () => boolean): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  private changed = (): void => {
    this.maxLive = Math.max(this.maxLive, this.live.length);
    const still: typeof this.waiters = [];
    for (const w of this.waiters) (w.pred() ? w.resolve() : still.push(w));
    this.waiters = still;
  };

  async submit(spec: JobSpec): Promise<JobInfo> {
    if (this.submitError) throw this.submitError;
    const j = new FakeJob(String(this.all.length + 1), spec, this.changed);
    this.all.push(j);
    this.onSubmit?.(j);
    this.changed();
    return { ...j.info };
  }

  async jobs(): Promise<JobInfo[]> {
    return this.all.map((j) => ({ ...j.info }));
  }

  async job(id: string): Promise<JobInfo> {
    return { ...this.get(id).info };
  }

  wait(id: string): Promise<JobInfo> {
    try {
      return this.get(id).ended;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async signal(id: string, sig: SignalName): Promise<void> {
    const j = this.get(id);
    this.signals.push({ id, sig });
    if (j.finished) throw coded("JOB_ENDED", `job ${id} has already ended`);
    if (this.onSignal) return this.onSignal(j, sig);
    if (j.info.state === "queued") j.fail(`killed by ${sig} while queued`, 128 + (SIGNUM[sig] ?? 1));
    else j.exit(sig);
  }

  async resize(): Promise<void> {}

  async attach(id: string, o?: AttachOptions): Promise<AttachHandle> {
    return this.get(id).attach(o);
  }

  async targets(): Promise<TargetStatus[]> {
    return [];
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A Writable that keeps what it gets; `until(pred)` resolves once the text satisfies `pred`. */
export class Sink extends Writable {
  text = "";
  isTTY = false;
  private waiters: Array<{ pred: (t: string) => boolean; resolve: () => void }> = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    const still: typeof this.waiters = [];
    for (const w of this.waiters) (w.pred(this.text) ? w.resolve() : still.push(w));
    this.waiters = still;
    cb();
  }

  until(pred: (t: string) => boolean): Promise<void> {
    if (pred(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}
