import { connect as netConnect, type Socket } from "node:net";
import { RpcError } from "@mrc/rpc";
import { readDoorFrames, FLAG_NO_WAIT, FOREVER, MAX_MESSAGE, T, encodeDoor, type DoorFrame } from "./door-frames.js";

/** A message as the client returns it. */
export interface Message {
  /** Address of the sender's job. */
  from: string;
  /** Address of the mailbox it arrived in (the job's own, or one opened with {@link MailboxClient.open}). */
  to: string;
  data: Buffer;
}

/** Options of {@link MailboxClient.recv}. */
export interface RecvOptions {
  /** Give up after this many ms (TIMEOUT); 0 = only what is already there; default: wait forever. */
  timeoutMs?: number;
  /** Name of a mailbox opened with open() (default: the job's own). */
  box?: string;
}

interface Waiter {
  resolve: (f: DoorFrame) => void;
  reject: (e: Error) => void;
}

/**
 * A guest's client of its door ($MRC_MAILBOX). Requests are pipelined: many sends may be in
 * flight at once, and each resolves when the receiver's mailbox accepted the message.
 */
export class MailboxClient {
  private nextReq = 1;
  private readonly waiting = new Map<number, Waiter>();
  private corked = false;
  private closedErr: Error | undefined;

  private constructor(private readonly sock: Socket) {
    readDoorFrames(sock, (f) => {
      const w = this.waiting.get(f.req);
      if (!w) return;
      this.waiting.delete(f.req);
      if (f.t === T.ERR) w.reject(new RpcError(f.code, f.message));
      else w.resolve(f);
    });
    sock.on("error", (err) => (this.closedErr ??= err));
    sock.on("close", () => {
      const err = new RpcError("CONNECTION_CLOSED", `mailbox door closed${this.closedErr ? `: ${this.closedErr.message}` : ""}`);
      this.closedErr = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  /** Connect to the door at `path` (default $MRC_MAILBOX). */
  static connect(path = process.env.MRC_MAILBOX): Promise<MailboxClient> {
    if (!path) return Promise.reject(new RpcError("NO_SUCH_MAILBOX", "MRC_MAILBOX is not set: this process was not started by mrc with a mailbox"));
    return new Promise((resolve, reject) => {
      const s = netConnect(path);
      s.once("error", (err) => reject(new RpcError("CONNECTION_CLOSED", `cannot open mailbox door ${path}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
      s.once("connect", () => {
        s.removeAllListeners("error");
        s.setNoDelay?.(true);
        resolve(new MailboxClient(s));
      });
    });
  }

  private request(make: (req: number) => DoorFrame): Promise<DoorFrame> {
    if (this.closedErr) return Promise.reject(this.closedErr);
    const req = this.nextReq;
    this.nextReq = this.nextReq >= 0xfffffffe ? 1 : this.nextReq + 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(req, { resolve, reject });
      if (!this.corked) {
        this.corked = true;
        this.sock.cork();
        process.nextTick(() => {
          this.corked = false;
          this.sock.uncork();
        });
      }
      for (const b of encodeDoor(make(req))) this.sock.write(b);
    });
  }

  /**
   * Send `data` to the mailbox `addr`. Resolves once the receiver's mailbox accepted it; waits
   * while it is full unless `noWait` (then MAILBOX_FULL at once). Rejects with NO_SUCH_MAILBOX,
   * MAILBOX_ENDED, BAD_ADDRESS, TOO_BIG.
   */
  async send(addr: string, data: Uint8Array | string, o: { noWait?: boolean } = {}): Promise<void> {
    const buf = typeof data === "string" ? Buffer.from(data) : Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buf.length > MAX_MESSAGE) throw new RpcError("TOO_BIG", `message of ${buf.length} bytes exceeds ${MAX_MESSAGE}`);
    await this.request((req) => ({ t: T.SEND, req, flags: o.noWait ? FLAG_NO_WAIT : 0, addr, data: buf }));
  }

  /** Receive the next message (rejects with TIMEOUT after `timeoutMs`). */
  async recv(o: RecvOptions = {}): Promise<Message> {
    const timeoutMs = o.timeoutMs === undefined ? FOREVER : Math.max(0, Math.min(FOREVER - 1, Math.floor(o.timeoutMs)));
    const f = await this.request((req) => ({ t: T.RECV, req, timeoutMs, box: o.box ?? "" }));
    if (f.t !== T.MSG) throw new RpcError("BAD_FRAME", "unexpected reply to RECV");
    return { from: f.from, to: f.box, data: f.data };
  }

  /**
   * Messages as they arrive, forever (until the door closes or the loop breaks). `prefetch`
   * RECVs are kept waiting at the hub for throughput; messages taken by them and not yet
   * returned when the loop breaks are lost, so use recv() where that matters.
   */
  async *messages(o: { prefetch?: number; box?: string } = {}): AsyncGenerator<Message> {
    const n = Math.max(1, o.prefetch ?? 1);
    const box = o.box ?? "";
    if (n === 1) for (;;) yield await this.recv({ box });
    const next = () => {
      const p = this.recv({ box });
      p.catch(() => {}); // awaited below; a rejection after the loop broke is not unhandled
      return p;
    };
    const pending: Array<Promise<Message>> = [];
    for (let i = 0; i < n; i++) pending.push(next());
    for (;;) {
      const m = await pending.shift()!;
      pending.push(next());
      yield m;
    }
  }

  /** Same as {@link messages} with no prefetch: exactly the messages returned are taken. */
  [Symbol.asyncIterator](): AsyncGenerator<Message> {
    return this.messages();
  }

  /** Open a further mailbox `HOME/JOB/name` of this job; resolves with its address. */
  async open(name: string): Promise<string> {
    const f = await this.request((req) => ({ t: T.OPEN, req, name }));
    if (f.t !== T.ADDR) throw new RpcError("BAD_FRAME", "unexpected reply to OPEN");
    return f.addr;
  }

  /** This job's address (same as $MRC_ADDR). */
  async whoami(): Promise<string> {
    const f = await this.request((req) => ({ t: T.WHOAMI, req }));
    if (f.t !== T.ADDR) throw new RpcError("BAD_FRAME", "unexpected reply to WHOAMI");
    return f.addr;
  }

  /** Close the connection; pending requests reject with CONNECTION_CLOSED. */
  close(): void {
    this.sock.end();
    this.sock.destroy();
  }
}
