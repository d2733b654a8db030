import { EventEmitter } from "node:events";
import { RpcError, toRpcError, type WireError } from "./errors.js";
import { CALL_TAIL_FEATURE, F, decode, encode, encodeCallHead, writeResultHeader, type Frame, type PeerInfo } from "./frames.js";
import { InPlaceReply, PAYLOAD_AT } from "./data-frames.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { StreamReader, type StreamLink } from "./stream.js";
import { StreamWriter } from "./stream-writer.js";
import { CLOSE, WS_HIGH_WATER, type Transport } from "./transport.js";

/** What a handler gets besides its params. */
export interface CallContext {
  /**
   * Fires when the caller cancels, the call times out, or the link closes. Made on first read
   * (an AbortController per call is costly): read it only where it is used.
   */
  signal: AbortSignal;
  /** The link the call came on. */
  peer: Peer;
  method: string;
}

/** A request handler. Its result (or thrown error, via toRpcError) is the reply. */
export type Handler = (params: any, ctx: CallContext) => unknown;
/** A notification handler; no reply is sent. */
export type NotifyHandler = (params: any, peer: Peer) => void;

/** Options of one call. */
export interface CallOptions {
  /** Give up after this many ms (TIMEOUT); the callee is told so it can stop too. */
  timeoutMs?: number;
  /** Abort the call (CANCELLED); the callee's signal fires. */
  signal?: AbortSignal;
  /**
   * Bytes the callee gets as `params.data` (params must be an object without `data`), sent after
   * the frame's head without being copied into it. The caller must not change them until the
   * call settles: it settles only once the transport no longer references them.
   */
  tail?: Uint8Array;
  /**
   * The result may lie in a buffer the link wants back (a large binary result, in a pooled
   * receive buffer): then this is called, before the call resolves, with the function that gives
   * it back. Call that (once) when nothing references the result any more. Without `onLent`,
   * such a buffer is never reused.
   */
  onLent?: (release: () => void) => void;
}

/** Options of a handler. */
export interface HandleOptions {
  /**
   * The handler does not keep (a reference to) the binary fields of its params once it has
   * settled, so the message that carried them may be reused for a later one (a large
   * `fs.write`'s data).
   */
  paramsLent?: boolean;
}

/** Options when building a Peer over an authenticated transport. */
export interface PeerOptions {
  /** Which half of the stream-id space this side allocates from. */
  side: "dialer" | "listener";
  limits?: Partial<Limits>;
  /** The other side's announced limits. */
  remoteLimits?: { maxInFlight: number; streamWindow: number; maxFrameBytes: number };
  remoteInfo?: PeerInfo;
  remoteFeatures?: string[];
  /** Listener side: tag of the extra token the dialer proved (see LinkOptions.extraTokens). */
  authTag?: string;
  /** Frames received before the Peer existed (from the handshake). */
  pending?: Uint8Array[];
  /** Called for handler failures that are not clean errno/app errors (for logging). */
  onInternalError?: (method: string, err: unknown) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: RpcError) => void;
  timer: NodeJS.Timeout | undefined;
  method: string;
  /** Params of a call still queued (beyond the peer's in-flight limit); dropped once sent. */
  params: unknown;
  timeoutMs: number;
  /** The caller's signal and the listener on it, removed when the call settles. */
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** A binary tail still to send (CallOptions.tail); dropped once sent. */
  tail: Uint8Array | undefined;
  /** Resolves once the transport released a tail it was given (the call settles after it). */
  released: Promise<void> | undefined;
  onLent: ((release: () => void) => void) | undefined;
}

/**
 * The context of an incoming call. Its AbortSignal is made on first use: most handlers never
 * look at it, and an AbortController costs more than the rest of the call's bookkeeping.
 */
class Incoming implements CallContext {
  private ac: AbortController | undefined;
  /** Why the call was aborted (cancel, timeout, link closed); undefined while it may still reply. */
  reason: RpcError | undefined;
  timer: NodeJS.Timeout | undefined;
  constructor(
    readonly peer: Peer,
    readonly method: string,
  ) {}

  get signal(): AbortSignal {
    if (this.ac === undefined) {
      this.ac = new AbortController();
      if (this.reason !== undefined) this.ac.abort(this.reason);
    }
    return this.ac.signal;
  }

  /** Fire the signal (the first reason wins, as with AbortController). */
  abort(reason: RpcError): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.ac?.abort(reason);
  }
}

/**
 * One end of an authenticated link: symmetric RPC (either side calls the other), notifications,
 * cancellation, per-call timeouts, and credit-controlled byte streams, multiplexed on one transport.
 *
 * Events: "close" (err: RpcError) once, when the link ends for any reason.
 */
export class Peer extends EventEmitter {
  readonly limits: Limits;
  readonly remoteInfo: PeerInfo;
  readonly remoteFeatures: string[];
  /** The other side decodes CALL frames with a binary tail (CallOptions.tail). */
  private readonly callTail: boolean;
  /** Listener side: tag of the extra token the dialer authenticated with; undefined for the main token. */
  readonly authTag: string | undefined;
  /** Resolves with the reason once the link is closed. */
  readonly closed: Promise<RpcError>;
  private resolveClosed!: (e: RpcError) => void;
  private closeReason: RpcError | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls sent and not yet settled (queued ones are not counted). */
  private readonly sent = new Set<number>();
  private readonly incoming = new Map<number, Incoming>();
  private readonly handlers = new Map<string, Handler>();
  /** Methods whose handlers lend their params back (HandleOptions.paramsLent). */
  private readonly paramsLent = new Set<string>();
  /** While a message is dispatched: the function that gives its buffer back, if it has one. */
  private lent: (() => void) | undefined;
  private readonly notifyHandlers = new Map<string, NotifyHandler>();
  private readonly readers = new Map<number, StreamReader>();
  /** Streams that ended or were reset recently: late DATA/END/CREDIT for them are dropped. */
  private readonly gone = new Set<number>();
  private readonly writers = new Map<number, StreamWriter>();
  private nextSid: number;
  private readonly remoteMaxInFlight: number;
  private readonly remoteWindow: number;
  /** Ids of calls waiting for an in-flight slot, oldest first. */
  private readonly queue: number[] = [];
  private drainWaiters: Array<() => void> = [];
  private readonly streamLink: StreamLink;
  private readonly onInternalError: (method: string, err: unknown) => void;

  constructor(
    private readonly transport: Transport,
    opts: PeerOptions,
  ) {
    super();
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.remoteInfo = opts.remoteInfo ?? {};
    this.remoteFeatures = opts.remoteFeatures ?? [];
    this.callTail = this.remoteFeatures.includes(CALL_TAIL_FEATURE);
    this.authTag = opts.authTag;
    this.remoteMaxInFlight = opts.remoteLimits?.maxInFlight ?? this.limits.maxInFlight;
    this.remoteWindow = opts.remoteLimits?.streamWindow ?? this.limits.streamWindow;
    this.nextSid = opts.side === "dialer" ? 1 : 2;
    this.onInternalError = opts.onInternalError ?? (() => {});
    this.closed = new Promise((r) => (this.resolveClosed = r));
    this.streamLink = {
      sendFrame: (frame, sent) => {
        if (!this.closeReason) this.transport.send(frame, sent);
      },
      sendCredit: (sid, bytes) => this.send([F.CREDIT, sid, bytes]),
      sendEnd: (sid) => this.send([F.END, sid]),
      sendReset: (sid, err) => this.send([F.RESET, sid, err.toWire()]),
      waitDrain: () => this.waitDrain(),
      linkCongested: () => this.transport.bufferedAmount > WS_HIGH_WATER,
      forget: (sid) => {
        this.readers.delete(sid);
        this.writers.delete(sid);
        this.gone.add(sid);
        if (this.gone.size > 4 * this.limits.maxStreams) {
          const oldest = this.gone.values().next().value;
          if (oldest !== undefined) this.gone.delete(oldest);
        }
      },
    };
    transport.onMessage = (d, release) => this.onMessage(d, release);
    transport.onClose = (code, reason) => this.onTransportClose(code, reason);
    transport.onDrain = () => {
      const w = this.drainWaiters;
      this.drainWaiters = [];
      w.forEach((f) => f());
    };
    for (const d of opts.pending ?? []) this.onMessage(d);
  }

  /** True once the link has closed. */
  get isClosed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Register the handler of a method (replacing any previous one). */
  handle(method: string, h: Handler, opts?: HandleOptions): this {
    this.handlers.set(method, h);
    if (opts?.paramsLent === true) this.paramsLent.add(method);
    else this.paramsLent.delete(method);
    return this;
  }

  /** Register handlers for every method of an object, as `${prefix}${name}`. */
  handleAll(prefix: string, impl: object): this {
    let proto: object | null = impl;
    const seen = new Set<string>();
    while (proto !== null && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = (impl as Record<string, unknown>)[name];
        if (name === "constructor" || seen.has(name) || typeof fn !== "function") continue;
        seen.add(name);
        this.handle(prefix + name, (p, ctx) => (fn as Function).call(impl, p, ctx));
      }
      proto = Object.getPrototypeOf(proto) as object | null;
    }
    return this;
  }

  /** Register a notification handler. */
  onNotify(method: string, h: NotifyHandler): this {
    this.notifyHandlers.set(method, h);
    return this;
  }

  /** Call a method on the other side. Rejects with an RpcError. */
  call<T = unknown>(method: string, params?: unknown, opts?: CallOptions): Promise<T> {
    if (this.closeReason) return Promise.reject(this.closedError());
    const signal = opts?.signal;
    if (signal?.aborted) return Promise.reject(new RpcError("CANCELLED", `call ${method} cancelled`));
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const timeoutMs = opts?.timeoutMs ?? 0;
      let tail = opts?.tail;
      if (tail !== undefined && !this.callTail) {
        // The other side decodes no tails (an older peer): the bytes go inside the frame.
        params = { ...(params as object), data: tail };
        tail = undefined;
      }
      const p: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: undefined,
        method,
        params: params ?? null,
        timeoutMs,
        signal,
        onAbort: undefined,
        tail,
        released: undefined,
        onLent: opts?.onLent,
      };
      if (timeoutMs > 0) {
        // Referenced: an awaited call with a deadline is pending work.
        p.timer = setTimeout(() => this.giveUp(id, new RpcError("TIMEOUT", `call ${method} timed out after ${timeoutMs} ms`)), timeoutMs);
      }
      if (signal !== undefined) {
        p.onAbort = () => this.giveUp(id, new RpcError("CANCELLED", `call ${method} cancelled`));
        signal.addEventListener("abort", p.onAbort, { once: true });
      }
      this.pending.set(id, p);
      // Respect the peer's in-flight limit: queue locally instead of overrunning it.
      if (this.sent.size >= this.remoteMaxInFlight) this.queue.push(id);
      else this.sendCall(id, p);
    });
  }

  /** Send a notification (no reply). Dropped silently if the link is closed. */
  notify(method: string, params?: unknown): void {
    if (!this.closeReason) this.send([F.NOTIFY, method, params ?? null]);
  }

  /**
   * Open a stream this side writes and the other side reads. Send `sid` to the peer (in a call's
   * params) and let it take the reading end with {@link reader}.
   */
  openWriter(): StreamWriter {
    const sid = this.allocSid();
    const w = new StreamWriter(sid, this.streamLink, this.remoteWindow);
    this.writers.set(sid, w);
    return w;
  }

  /** Open a stream this side reads and the other side writes (it takes it with {@link writer}). */
  openReader(): StreamReader {
    const sid = this.allocSid();
    const r = new StreamReader(sid, this.streamLink, this.limits.streamWindow);
    this.readers.set(sid, r);
    return r;
  }

  /** Take the reading end of a stream the peer opened with openWriter(). */
  reader(sid: number): StreamReader {
    this.checkRemoteSid(sid);
    let r = this.readers.get(sid);
    if (r === undefined) {
      r = this.addReader(sid);
    }
    return r;
  }

  /** Take the writing end of a stream the peer opened with openReader(). */
  writer(sid: number): StreamWriter {
    this.checkRemoteSid(sid);
    let w = this.writers.get(sid);
    if (w === undefined) {
      this.checkStreamCount();
      w = new StreamWriter(sid, this.streamLink, this.remoteWindow);
      this.writers.set(sid, w);
    }
    return w;
  }

  /** Close the link with a reason (sent to the peer in GOODBYE). Idempotent. */
  close(reason = "closed", code = "CONNECTION_CLOSED"): void {
    if (this.closeReason) return;
    this.send([F.GOODBYE, { code, message: reason }]);
    this.transport.close(CLOSE.NORMAL, reason);
    this.onTransportClose(CLOSE.NORMAL, reason);
  }

  // ---- internals ----

  private allocSid(): number {
    this.checkStreamCount();
    const sid = this.nextSid;
    this.nextSid += 2;
    return sid;
  }

  private checkStreamCount(): void {
    if (this.readers.size + this.writers.size >= this.limits.maxStreams) {
      throw new RpcError("LIMIT", `too many streams on this link (limit ${this.limits.maxStreams})`);
    }
  }

  private checkRemoteSid(sid: number): void {
    if (!Number.isSafeInteger(sid) || sid <= 0 || sid % 2 === this.nextSid % 2) {
      throw new RpcError("BAD_FRAME", `stream id ${sid} does not belong to the peer`);
    }
  }

  private addReader(sid: number): StreamReader {
    this.checkStreamCount();
    const r = new StreamReader(sid, this.streamLink, this.limits.streamWindow);
    this.readers.set(sid, r);
    return r;
  }

  private sendCall(id: number, p: Pending): void {
    this.sent.add(id);
    const params = p.params;
    p.params = undefined;
    const tail = p.tail;
    if (tail === undefined) return this.send([F.CALL, id, p.method, params, p.timeoutMs]);
    p.tail = undefined;
    if (this.closeReason) return;
    let head: Buffer;
    try {
      head = encodeCallHead(id, p.method, params as Record<string, unknown>, p.timeoutMs, tail.byteLength);
    } catch (err) {
      throw new RpcError("INTERNAL", `cannot encode frame: ${(err as Error).message}`);
    }
    p.released = new Promise((r) => this.transport.sendParts([head, tail], r));
  }

  /** The caller stops waiting for call `id` (timeout, abort): tell the callee, settle with `err`. */
  private giveUp(id: number, err: RpcError): void {
    if (!this.pending.has(id)) return;
    this.send([F.CANCEL, id]);
    this.settle(id, err);
  }

  private send(arr: unknown[]): void {
    if (this.closeReason) return;
    let buf: Buffer;
    try {
      buf = encode(arr);
    } catch (err) {
      throw new RpcError("INTERNAL", `cannot encode frame: ${(err as Error).message}`);
    }
    this.transport.send(buf);
  }

  private waitDrain(): Promise<void> {
    if (this.closeReason || this.transport.bufferedAmount <= WS_HIGH_WATER / 2) return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }

  private settle(id: number, err: RpcError | null, value?: unknown, release?: () => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    if (release !== undefined && err === null && p.onLent !== undefined) p.onLent(release);
    this.pending.delete(id);
    this.sent.delete(id);
    if (p.timer) clearTimeout(p.timer);
    if (p.onAbort) p.signal?.removeEventListener("abort", p.onAbort);
    // A tail handed to the transport is the caller's again only once the transport let go of it.
    if (p.released !== undefined) void p.released.then(() => (err ? p.reject(err) : p.resolve(value)));
    else if (err) p.reject(err);
    else p.resolve(value);
    // Start queued calls (skipping ones cancelled while they waited) while under the limit.
    while (this.queue.length > 0 && this.sent.size < this.remoteMaxInFlight) {
      const qid = this.queue.shift()!;
      const q = this.pending.get(qid);
      if (q !== undefined) this.sendCall(qid, q);
    }
  }

  private protocolError(err: RpcError): void {
    const code = err.code === "LIMIT" ? CLOSE.LIMIT : CLOSE.BAD_FRAME;
    this.send([F.GOODBYE, err.toWire()]);
    this.transport.close(code, err.message);
    this.onTransportClose(code, err.message);
  }

  private onMessage(data: Uint8Array, release?: () => void): void {
    if (this.closeReason) return;
    let f: Frame;
    try {
      f = decode(data, this.limits.maxFrameBytes);
    } catch (err) {
      this.protocolError(err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err)));
      return;
    }
    this.lent = release;
    try {
      this.dispatch(f);
    } catch (err) {
      this.protocolError(err instanceof RpcError ? err : new RpcError("BAD_FRAME", String(err)));
    } finally {
      this.lent = undefined;
    }
  }

  private readonly table: { [K in Frame["t"]]?: (f: Extract<Frame, { t: K }>) => void } = {
    [F.CALL]: (f) => this.onCall(f.id, f.method, f.params, f.timeoutMs, this.paramsLent.has(f.method) ? this.lent : undefined),
    [F.RESULT]: (f) => this.settle(f.id, null, f.result, this.lent),
    [F.ERROR]: (f) => this.settle(f.id, RpcError.fromWire(f.error)),
    [F.NOTIFY]: (f) => {
      const h = this.notifyHandlers.get(f.method);
      if (h) {
        try {
          h(f.params, this);
        } catch (err) {
          this.onInternalError(f.method, err);
        }
      }
    },
    [F.CANCEL]: (f) => this.incoming.get(f.id)?.abort(new RpcError("CANCELLED", "cancelled by caller")),
    [F.DATA]: (f) => {
      if (this.gone.has(f.sid)) return; // the stream was closed here while this was in flight
      const r = this.readers.get(f.sid) ?? this.addReader((this.checkRemoteSid(f.sid), f.sid));
      if (!r.onData(f.data)) throw new RpcError("LIMIT", `stream ${f.sid}: writer exceeded its credit`);
    },
    [F.CREDIT]: (f) => this.writers.get(f.sid)?.onCredit(f.bytes),
    [F.END]: (f) => {
      if (this.gone.has(f.sid)) return;
      const r = this.readers.get(f.sid) ?? (this.checkRemoteSid(f.sid), this.addReader(f.sid));
      r.onEnd();
    },
    [F.RESET]: (f) => {
      const e = RpcError.fromWire(f.error);
      this.readers.get(f.sid)?.onReset(e);
      this.writers.get(f.sid)?.onReset(e);
    },
    [F.GOODBYE]: (f) => {
      this.transport.close(CLOSE.NORMAL, f.error.message);
      this.onTransportClose(CLOSE.NORMAL, f.error.message, f.error);
    },
  };

  private dispatch(f: Frame): void {
    const h = this.table[f.t] as ((f: Frame) => void) | undefined;
    if (!h) throw new RpcError("BAD_FRAME", `frame kind ${f.t} is not allowed after the handshake`);
    h(f);
  }

  /** `release`: the handler lends its params (HandleOptions.paramsLent); give the message back once it settled. */
  private onCall(id: number, method: string, params: unknown, timeoutMs: number, release?: () => void): void {
    if (this.incoming.has(id)) throw new RpcError("BAD_FRAME", `duplicate call id ${id}`);
    // Twice the announced limit: a caller frees a slot as soon as it cancels or times out a call,
    // while the handler here may still be finishing it.
    if (this.incoming.size >= 2 * this.limits.maxInFlight) {
      throw new RpcError("LIMIT", `more than ${2 * this.limits.maxInFlight} calls in flight`);
    }
    const h = this.handlers.get(method);
    if (!h) {
      this.send([F.ERROR, id, { code: "METHOD_NOT_FOUND", message: `no such method: ${method}` }]);
      return;
    }
    const inc = new Incoming(this, method);
    this.incoming.set(id, inc);
    if (timeoutMs > 0) {
      inc.timer = setTimeout(() => inc.abort(new RpcError("TIMEOUT", "call timed out")), timeoutMs);
      inc.timer.unref();
    }
    try {
      const r = h(params, inc);
      if (r instanceof Promise) {
        const done = r.then(
          (v) => this.reply(id, inc, undefined, v),
          (e) => this.reply(id, inc, e ?? new Error("rejected")),
        );
        if (release !== undefined) void done.then(release, release);
        return;
      }
      this.reply(id, inc, undefined, r);
    } catch (err) {
      this.reply(id, inc, err ?? new Error("thrown"));
    }
    release?.();
  }

  /** Answer incoming call `id`: `err` (thrown by the handler) or its result `value`. */
  private reply(id: number, inc: Incoming, err: unknown, value?: unknown): void {
    if (inc.timer) clearTimeout(inc.timer);
    const inPlace = value instanceof InPlaceReply ? value : undefined;
    if (this.incoming.get(id) !== inc || (inc.reason !== undefined && err === undefined) || this.closeReason) {
      // Not wanted any more (the caller gave up, or the link is gone): nobody listens.
      if (this.incoming.get(id) === inc) this.incoming.delete(id);
      inPlace?.recycle();
      return;
    }
    this.incoming.delete(id);
    if (inPlace !== undefined && err === undefined) {
      const frame = inPlace.frame();
      const start = writeResultHeader(frame, PAYLOAD_AT, id, inPlace.data.length);
      this.transport.send(frame.subarray(start), () => inPlace.recycle());
      return;
    }
    if (err !== undefined) {
      const e = toRpcError(err);
      if (e.code === "INTERNAL") this.onInternalError(inc.method, err);
      this.send([F.ERROR, id, e.toWire()]);
    } else {
      this.send([F.RESULT, id, value === undefined ? null : value]);
    }
  }

  private closedError(): RpcError {
    const r = this.closeReason!;
    return new RpcError("CONNECTION_CLOSED", r.message);
  }

  private onTransportClose(_code: number, reason: string, wire?: WireError): void {
    if (this.closeReason) return;
    this.closeReason = wire ? RpcError.fromWire(wire) : new RpcError("CONNECTION_CLOSED", reason);
    const err = this.closedError();
    for (const [id] of this.pending) this.settle(id, err);
    this.queue.length = 0;
    for (const inc of this.incoming.values()) inc.abort(err);
    this.incoming.clear();
    for (const r of [...this.readers.values()]) r.onReset(err);
    for (const w of [...this.writers.values()]) w.onReset(err);
    this.drainWaiters.forEach((f) => f());
    this.drainWaiters = [];
    this.resolveClosed(this.closeReason);
    this.emit("close", this.closeReason);
  }
}
