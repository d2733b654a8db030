/**
 * The protocol layer: feed it request Buffers read from /dev/fuse, it emits reply Buffers through
 * `send`. No I/O of its own, so tests drive it with bytes. It negotiates INIT, dispatches by the
 * opcode table, runs each request with its own AbortController (INTERRUPT aborts it), answers
 * ENOSYS for what the file system does not implement, and never answers FORGET/BATCH_FORGET.
 */
import { errnoNumber } from "@mrc/protocol";
import { defaultLog, toErrno } from "../errors.js";
import { LentBytes, type FuseFileSystem, type RequestContext } from "../fs.js";
import { encodeReply, encodeReplyHeader, type InHeader, splitRequest } from "../wire/header.js";
import { INIT_FLAGS } from "../wire/init-flags.js";
import { encodeInitOut } from "../wire/init.js";
import { type DecodeContext, OPCODE_NAMES, OPCODES, type OpName } from "../wire/opcodes.js";
import { PendingInterrupts, type InterruptGrace } from "./interrupts.js";
import { DEFAULT_INIT_FLAGS, type InitOptions, type Negotiated, negotiate } from "./negotiate.js";
import { HANDLERS, type OpEnv, type OpHandler, STICKY_ENOSYS } from "./ops.js";
import { OpStats } from "./stats.js";

/** Options of the protocol layer. */
export interface SessionOptions extends InitOptions {
  /** TTL for attributes a handler returns without one (getattr/setattr), ms (default 1000). */
  attrTtlMs?: number;
  /** How long an INTERRUPT for a not-yet-seen request waits before its EAGAIN reply. */
  interruptGrace?: Partial<InterruptGrace>;
  /** Where unexpected errors go (default: stderr). */
  log?: (msg: string) => void;
  /** Print each request and reply (default false). */
  debug?: boolean;
  /** Count requests per opcode and their latency; logged when the session ends (default false). */
  stats?: boolean;
}

/** Thrown as the abort reason when the kernel interrupts a request. */
export class InterruptedError extends Error {
  override name = "AbortError";
  readonly errno = "EINTR";
}

const ENOSYS = errnoNumber("ENOSYS");
const EINTR = errnoNumber("EINTR");
const EIO = errnoNumber("EIO");
const EAGAIN = errnoNumber("EAGAIN");
const NEVER = new AbortController().signal;
/** Reply payloads at least this long are written behind their header (writev) instead of copied. */
const SPLIT_PAYLOAD = 16 * 1024;
/** AbortControllers kept for reuse. */
const AC_POOL = 64;

/** Kernel-side state of the session. */
export type SessionState = "waiting-init" | "running" | "destroyed";

/** One FUSE session (one mount): INIT, dispatch, interrupts. */
export class FuseSession {
  /** What INIT agreed, once it has run. */
  negotiated: Negotiated | undefined;
  /** Resolves with the negotiation when INIT succeeds; rejects if INIT is refused. */
  readonly initialized: Promise<Negotiated>;
  private state: SessionState = "waiting-init";
  private readonly inFlight = new Map<number, AbortController>();
  /** Controllers of finished requests that were never aborted: reused (creating one costs µs). */
  private readonly acPool: AbortController[] = [];
  private readonly interrupts: PendingInterrupts;
  private readonly env: OpEnv;
  private readonly enosys = new Set<OpName>();
  private readonly decodeCtx: DecodeContext = { setxattrExt: false };
  private readonly log: (msg: string) => void;
  /** Per-opcode counts and latencies, when `stats` is on. */
  readonly stats: OpStats | undefined;
  private resolveInit!: (n: Negotiated) => void;
  private rejectInit!: (e: Error) => void;

  constructor(
    private readonly fs: FuseFileSystem,
    /**
     * Write one reply. With `payload`, the reply is `reply` (its out header, whose length counts
     * the payload) followed by `payload`, to be written together in one write (writev): large
     * payloads (READ data) are not copied behind their header.
     */
    private readonly send: (reply: Buffer, payload?: Uint8Array) => void,
    private readonly options: SessionOptions = {},
  ) {
    this.log = options.log ?? defaultLog;
    this.stats = options.stats === true ? new OpStats() : undefined;
    this.env = { fs, attrTtlMs: options.attrTtlMs ?? 1000, log: this.log };
    this.interrupts = new PendingInterrupts(
      { requests: options.interruptGrace?.requests ?? 16, ms: options.interruptGrace?.ms ?? 100 },
      (u) => this.reply(u, EAGAIN),
    );
    this.initialized = new Promise((res, rej) => {
      this.resolveInit = res;
      this.rejectInit = rej;
    });
    this.initialized.catch(() => undefined);
    for (const [name, h] of Object.entries(HANDLERS) as Array<[OpName, OpHandler<OpName>]>) {
      if (typeof fs[h.method] !== "function" && h.missing === undefined) this.enosys.add(name);
    }
  }

  /** Current state. */
  get status(): SessionState {
    return this.state;
  }

  /** Requests being served right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Interrupts waiting for their request (tests, diagnostics). */
  get pendingInterrupts(): number {
    return this.interrupts.size;
  }

  /**
   * Handle one request (exactly the bytes of one read). Resolves once its reply, if any, has been
   * passed to `send`; never rejects. `recycle`: the device would like the buffer back once the
   * file system is done with it (passed on to a WRITE's handler).
   */
  async handle(buf: Buffer, recycle?: () => void): Promise<void> {
    let header: InHeader;
    let body: Buffer;
    try {
      ({ header, body } = splitRequest(buf));
    } catch (err) {
      this.log(`fuse: dropping malformed request: ${String(err)}`);
      return;
    }
    const name = OPCODE_NAMES.get(header.opcode);
    if (this.options.debug === true) this.log(`fuse: <- ${name ?? header.opcode} unique=${header.unique} node=${header.nodeid} len=${header.len}`);
    if (name === undefined) return this.reply(header.unique, ENOSYS);
    const spec = OPCODES[name];
    let input: unknown;
    try {
      input = spec.decode(body, this.decodeCtx);
    } catch (err) {
      this.log(`fuse: bad ${name} request: ${String(err)}`);
      if (spec.reply) this.reply(header.unique, EIO);
      return;
    }
    if (name === "INIT") return this.init(header, input as ReturnType<typeof OPCODES.INIT.decode>);
    if (this.state !== "running") return this.reply(header.unique, EIO);
    switch (name) {
      case "INTERRUPT": return this.interrupt(header, (input as { unique: number }).unique);
      case "FORGET": return this.forget(header, [[header.nodeid, (input as { nlookup: number }).nlookup]]);
      case "BATCH_FORGET": return this.forget(header, (input as ReturnType<typeof OPCODES.BATCH_FORGET.decode>).items);
      case "DESTROY": return this.destroy(header);
      case "NOTIFY_REPLY": return;
      default:
        if (recycle !== undefined && name === "WRITE") (input as { recycle?: () => void }).recycle = recycle;
        return this.dispatch(header, name, input);
    }
  }

  /** Abort every in-flight request (the device closed). Their replies are dropped by the device. */
  abortAll(): void {
    for (const ac of this.inFlight.values()) ac.abort(new InterruptedError("session closed"));
    this.interrupts.clear();
  }

  /** Mark the session finished (device gone) and tell the file system once. */
  close(): void {
    if (this.state === "destroyed") return;
    this.state = "destroyed";
    this.abortAll();
    this.rejectInit(new Error("FUSE session closed before INIT"));
    this.callDestroy();
  }

  private reply(unique: number, errno: number, payload?: Uint8Array): void {
    if (this.options.debug === true) this.log(`fuse: -> unique=${unique} errno=${errno} len=${payload?.length ?? 0}`);
    try {
      if (errno === 0 && payload !== undefined && payload.length >= SPLIT_PAYLOAD) this.send(encodeReplyHeader(unique, payload.length), payload);
      else this.send(encodeReply(unique, errno, payload));
    } catch (err) {
      this.log(`fuse: send failed: ${String(err)}`);
    }
  }

  private init(h: InHeader, init: ReturnType<typeof OPCODES.INIT.decode>): void {
    if (this.state !== "waiting-init") return this.reply(h.unique, EIO);
    const fs = this.fs;
    let initFlags = [...(this.options.initFlags ?? DEFAULT_INIT_FLAGS)];
    // Never promise what the file system cannot do: no locks without setlk, no readdirplus without it.
    if (typeof fs.setlk !== "function") initFlags = initFlags.filter((f) => f !== "POSIX_LOCKS" && f !== "FLOCK_LOCKS");
    if (typeof fs.readdirplus !== "function") initFlags = initFlags.filter((f) => f !== "DO_READDIRPLUS" && f !== "READDIRPLUS_AUTO");
    const r = negotiate(init, { ...this.options, initFlags });
    if (!r.ok) {
      this.reply(h.unique, errnoNumber(r.errno));
      this.rejectInit(new Error(`FUSE INIT refused: kernel ${init.major}.${init.minor}`));
      return;
    }
    this.decodeCtx.setxattrExt = (r.out.flags & INIT_FLAGS.SETXATTR_EXT) !== 0n;
    this.negotiated = r.negotiated;
    this.state = "running";
    this.reply(h.unique, 0, encodeInitOut(r.out));
    this.resolveInit(r.negotiated);
  }

  private interrupt(h: InHeader, target: number): void {
    const ac = this.inFlight.get(target);
    if (ac !== undefined) {
      // No reply: the interrupted request's own reply (EINTR or its result) answers it.
      ac.abort(new InterruptedError(`interrupted by kernel (unique ${h.unique})`));
      return;
    }
    this.interrupts.add(target, h.unique);
  }

  private forget(h: InHeader, items: Array<[number, number]>): void {
    if (typeof this.fs.forget !== "function") return;
    const ctx: RequestContext = { uid: h.uid, gid: h.gid, pid: h.pid, unique: h.unique, signal: NEVER };
    try {
      const p = this.fs.forget(ctx, { items });
      if (p instanceof Promise) p.catch((err: unknown) => this.log(`fuse: forget failed: ${String(err)}`));
    } catch (err) {
      this.log(`fuse: forget failed: ${String(err)}`);
    }
  }

  private destroy(h: InHeader): void {
    this.state = "destroyed";
    this.abortAll();
    this.callDestroy();
    this.reply(h.unique, 0);
  }

  private callDestroy(): void {
    if (this.stats !== undefined) for (const line of this.stats.report()) this.log(`fuse stats: ${line}`);
    try {
      this.fs.destroy?.();
    } catch (err) {
      this.log(`fuse: destroy failed: ${String(err)}`);
    }
  }

  private async dispatch(h: InHeader, name: OpName, input: unknown): Promise<void> {
    const handler = HANDLERS[name] as OpHandler<OpName> | undefined;
    if (handler === undefined || this.enosys.has(name)) return this.reply(h.unique, ENOSYS);
    const run = typeof this.fs[handler.method] === "function" ? handler.run : handler.missing;
    if (run === undefined) return this.reply(h.unique, ENOSYS);
    const ac = this.acPool.pop() ?? new AbortController();
    this.inFlight.set(h.unique, ac);
    if (this.interrupts.take(h.unique)) ac.abort(new InterruptedError("interrupted before dispatch"));
    const ctx: RequestContext = { uid: h.uid, gid: h.gid, pid: h.pid, unique: h.unique, signal: ac.signal };
    const t0 = this.stats !== undefined ? performance.now() : 0;
    let errno = 0;
    let payload: Uint8Array | LentBytes | undefined;
    try {
      payload = await run(this.env, ctx, h.nodeid, input as never);
    } catch (err) {
      errno = ac.signal.aborted && isAbort(err, ac.signal) ? EINTR : toErrno(err, this.log);
      if (errno === ENOSYS && STICKY_ENOSYS.has(name)) this.enosys.add(name);
    } finally {
      this.inFlight.delete(h.unique);
      this.interrupts.done(h.unique);
    }
    if (this.stats !== undefined) this.stats.add(name, (performance.now() - t0) * 1000);
    if (!ac.signal.aborted && this.acPool.length < AC_POOL) this.acPool.push(ac);
    const lent = payload instanceof LentBytes ? payload : undefined;
    try {
      if (this.state !== "destroyed") this.reply(h.unique, errno, lent?.data ?? (payload as Uint8Array | undefined));
    } finally {
      lent?.release(); // the reply is written synchronously: then a lent buffer can go back
    }
  }
}

/** Did the handler fail because of the abort (not with an unrelated errno)? */
function isAbort(err: unknown, signal: AbortSignal): boolean {
  if (err === signal.reason) return true;
  if (typeof err !== "object" || err === null) return true;
  const e = err as { name?: unknown; errno?: unknown; code?: unknown };
  return e.name === "AbortError" || e.code === "ABORT_ERR" || (e.errno === undefined && e.code === undefined);
}
