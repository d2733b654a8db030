import { createServer, type Server, type Socket } from "node:net";
import { chmod, chown, mkdir, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { codeOf } from "./errors.js";
import { readDoorFrames, FLAG_NO_WAIT, FOREVER, T, encodeDoor, type DoorFrame } from "./door-frames.js";
import type { Mailbox, Received } from "./mailbox.js";

/** What a door needs from its hub. */
export interface DoorHost {
  /** Send from the door's job to `to`; resolves once the receiver accepted it. */
  send(from: string, to: string, data: Buffer, noWait: boolean): Promise<void>;
  /** The mailbox `box` ("" = the job's own) of this door, if open. */
  box(jobAddr: string, box: string): Mailbox | undefined;
  /** Open a further mailbox `jobAddr/name`; resolves with its address. */
  openNamed(jobAddr: string, name: string): Promise<string>;
}

/** Limits of one door connection. */
export interface DoorLimits {
  /** SENDs not yet answered; beyond it the door stops reading the socket. */
  maxSendsInFlight: number;
  /** RECVs waiting at once; beyond it they fail with LIMIT. */
  maxRecvsWaiting: number;
}

/** Defaults of {@link DoorLimits}. */
export const DEFAULT_DOOR_LIMITS: Readonly<DoorLimits> = Object.freeze({ maxSendsInFlight: 1024, maxRecvsWaiting: 4096 });

/** Small payloads are copied out of the socket's read chunk so a queue does not pin whole chunks. */
function own(data: Buffer): Buffer {
  return data.length * 4 < data.buffer.byteLength ? Buffer.from(data) : data;
}

/** One guest connection to a door: parses frames, runs them against the hub, writes replies. */
class DoorConn {
  private sendsInFlight = 0;
  private paused = false;
  private corked = false;
  private readonly recvs = new Map<number, () => void>();

  constructor(
    private readonly sock: Socket,
    private readonly addr: string,
    private readonly host: DoorHost,
    private readonly limits: DoorLimits,
  ) {
    readDoorFrames(sock, (f) => this.onFrame(f));
    sock.on("error", () => {});
    sock.on("close", () => {
      for (const cancel of this.recvs.values()) cancel();
      this.recvs.clear();
    });
  }

  private write(f: DoorFrame): void {
    if (this.sock.destroyed) return;
    if (!this.corked) {
      this.corked = true;
      this.sock.cork();
      process.nextTick(() => {
        this.corked = false;
        this.sock.uncork();
      });
    }
    for (const b of encodeDoor(f)) this.sock.write(b);
  }

  private fail(req: number, err: unknown): void {
    this.write({ t: T.ERR, req, code: codeOf(err), message: err instanceof Error ? err.message : String(err) });
  }

  /** Requests by frame type; reply types sent by a guest close the connection. */
  private readonly table: Partial<Record<number, (f: any) => void>> = {
    [T.SEND]: (f: Extract<DoorFrame, { t: typeof T.SEND }>) => {
      this.sendsInFlight++;
      if (this.sendsInFlight >= this.limits.maxSendsInFlight && !this.paused) {
        this.paused = true;
        this.sock.pause();
      }
      this.host.send(this.addr, f.addr, own(f.data), (f.flags & FLAG_NO_WAIT) !== 0).then(
        () => this.sendDone(f.req),
        (err) => this.sendDone(f.req, err),
      );
    },
    [T.RECV]: (f: Extract<DoorFrame, { t: typeof T.RECV }>) => this.recv(f.req, f.timeoutMs, f.box),
    [T.OPEN]: (f: Extract<DoorFrame, { t: typeof T.OPEN }>) =>
      this.host.openNamed(this.addr, f.name).then(
        (addr) => this.write({ t: T.ADDR, req: f.req, addr }),
        (err) => this.fail(f.req, err),
      ),
    [T.WHOAMI]: (f: Extract<DoorFrame, { t: typeof T.WHOAMI }>) => this.write({ t: T.ADDR, req: f.req, addr: this.addr }),
  };

  private onFrame(f: DoorFrame): void {
    const h = this.table[f.t];
    if (!h) {
      this.sock.destroy(new Error(`door frame type 0x${f.t.toString(16)} is not a request`));
      return;
    }
    h(f);
  }

  private sendDone(req: number, err?: unknown): void {
    this.sendsInFlight--;
    if (err === undefined) this.write({ t: T.ACK, req });
    else this.fail(req, err);
    if (this.paused && this.sendsInFlight <= this.limits.maxSendsInFlight / 2) {
      this.paused = false;
      this.sock.resume();
    }
  }

  private recv(req: number, timeoutMs: number, box: string): void {
    const mb = this.host.box(this.addr, box);
    if (!mb) return this.fail(req, Object.assign(new Error(`no mailbox named ${JSON.stringify(box)} is open in this job`), { code: "NO_SUCH_MAILBOX" }));
    if (this.recvs.size >= this.limits.maxRecvsWaiting) return this.fail(req, Object.assign(new Error("too many RECVs waiting on this connection"), { code: "LIMIT" }));
    if (this.recvs.has(req)) return this.fail(req, Object.assign(new Error(`request id ${req} is already waiting`), { code: "BAD_REQUEST" }));
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const boxAddr = mb.addr;
    const cancelWait = mb.wait((m: Received | Error) => {
      done = true;
      if (timer) clearTimeout(timer);
      this.recvs.delete(req);
      if (m instanceof Error) this.fail(req, m);
      else this.write({ t: T.MSG, req, from: m.from, box: boxAddr, data: m.data });
    });
    if (done) return;
    const timeout = () => {
      cancelWait();
      this.recvs.delete(req);
      this.fail(req, Object.assign(new Error(`no message within ${timeoutMs} ms`), { code: "TIMEOUT" }));
    };
    if (timeoutMs === 0) return timeout();
    if (timeoutMs !== FOREVER) timer = setTimeout(timeout, timeoutMs);
    this.recvs.set(req, () => {
      if (timer) clearTimeout(timer);
      cancelWait();
    });
  }
}

/** Where and as whom a door is created. */
export interface DoorOptions {
  /** Directory of the socket (created 0711 if missing: guests may traverse, not list). */
  dir: string;
  /** Owner of the socket (the guest's uid/gid); skipped when not given. */
  uid?: number;
  gid?: number;
  limits?: Partial<DoorLimits>;
}

/**
 * A job's door: a unix socket, mode 0600 and owned by the guest, with a random name in a
 * directory guests can traverse but not list. Every connection speaks the door protocol for
 * the job's mailbox; any number of processes of the job may connect.
 */
export class Door {
  private readonly socks = new Set<Socket>();
  private constructor(
    readonly addr: string,
    readonly path: string,
    private readonly server: Server,
  ) {}

  /** Create the socket and start accepting guest connections. */
  static async open(host: DoorHost, addr: string, o: DoorOptions): Promise<Door> {
    await mkdir(o.dir, { recursive: true, mode: 0o711 });
    const path = join(o.dir, `${randomBytes(16).toString("hex")}.sock`);
    const limits = { ...DEFAULT_DOOR_LIMITS, ...o.limits };
    const server = createServer();
    const door = new Door(addr, path, server);
    server.on("connection", (sock) => {
      door.socks.add(sock);
      sock.once("close", () => door.socks.delete(sock));
      new DoorConn(sock, addr, host, limits);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => {
        server.off("error", reject);
        resolve();
      });
    });
    await chmod(path, 0o600);
    if (o.uid !== undefined && o.gid !== undefined) await chown(path, o.uid, o.gid);
    return door;
  }

  /** Stop accepting, drop every connection and remove the socket. */
  async close(): Promise<void> {
    for (const s of this.socks) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
    await rm(this.path, { force: true });
  }
}
