import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { RpcError, type Peer } from "@mrc/rpc";
import { FS_ATTACH, JOB_METHODS, type JobExit, type JobResumeIn, type TargetStats, type JobStartIn, type JobStartOut, type Logger } from "@mrc/protocol";
import { spawnGuest, type Guest } from "./guest.js";
import { isForwardedSignal } from "./signals.js";
import { checkAttachParams, checkStartParams } from "./validate.js";
import { planLaunch } from "./job-launch.js";
import { LinkMount } from "./link-mount.js";
import type { GuestUser } from "./identity.js";
import type { MailboxHub } from "@mrc/mailbox";
import type { DurableJobs } from "./durable.js";
import { OutputBuffer } from "./output-buffer.js";

/** A guest as a session tracks it. */
interface JobRecord {
  id: string;
  running: boolean;
  guest: Guest | undefined;
  /** Resolves when the guest ended and its output streams are flushed to the link. */
  done: Promise<JobExit>;
  argv0?: string;
  startedAt?: number;
  user?: string;
}

/** What a runner tells each session about how guests run here. */
export interface SessionOptions {
  /** The user guests run as; undefined: the runner's own user. */
  user?: GuestUser;
  /** May this runner mount exports (it is root)? */
  canMount: boolean;
  /** The target's mailbox hub: jobs started with an `addr` get a door ($MRC_MAILBOX). */
  hub?: MailboxHub;
  /** The runner's durable jobs (shared by all links). */
  durable?: DurableJobs;
  /** Take a job slot (throws NO_SLOT or DRAINING); returns its release. */
  admit?: () => () => void;
}

/**
 * The jobs of one head link on a target. Every job dies with its link: when the head is gone,
 * nobody can see its output or stop it, so it is not left running.
 */
export class Session {
  private readonly jobs = new Map<string, JobRecord>();
  private closing = false;
  private mount: LinkMount | undefined;
  private attaching: Promise<unknown> | undefined;

  constructor(
    private readonly peer: Peer,
    private readonly log: Logger,
    private readonly opts: SessionOptions = { canMount: false },
  ) {
    peer.handle(JOB_METHODS.start, (p: unknown) => this.start(checkStartParams(p)));
    peer.handle(JOB_METHODS.signal, (p: { jobId?: unknown; signal?: unknown }) => this.signal(p));
    peer.handle(JOB_METHODS.resize, (p: { jobId?: unknown; cols?: unknown; rows?: unknown }) => this.resize(p));
    peer.handle(JOB_METHODS.wait, (p: { jobId?: unknown }) => (this.durableHas(p?.jobId) ? opts.durable!.wait(p.jobId) : this.job(p?.jobId).done));
    const d = opts.durable;
    if (d) {
      peer.handle(JOB_METHODS.list, (p: { owner?: unknown }) => d.list(p?.owner));
      peer.handle(JOB_METHODS.resume, (p: unknown) => d.resume(peer, p as JobResumeIn));
      peer.handle(JOB_METHODS.forget, (p: { jobId?: unknown; owner?: unknown }) => d.forget(p?.jobId, p?.owner));
    }
    peer.handle(FS_ATTACH, (p: unknown) => this.attach(p));
    peer.on("close", (reason: RpcError) => void this.close(reason.message));
  }

  /** Number of running jobs. */
  get size(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.running) n++;
    return n;
  }

  /** The running non-durable guests of this link (for stats). */
  runningGuests(): TargetStats["running"] {
    const out: TargetStats["running"] = [];
    for (const j of this.jobs.values()) {
      if (j.running && j.guest) out.push({ jobId: j.id, pid: j.guest.pid, argv0: j.argv0 ?? "", startedAt: j.startedAt ?? 0, durable: false, ...(j.user ? { user: j.user } : {}) });
    }
    return out;
  }

  private durableHas(id: unknown): boolean {
    return !this.jobs.has(id as string) && this.opts.durable?.has(id) === true;
  }

  private job(id: unknown): JobRecord {
    const j = typeof id === "string" ? this.jobs.get(id) : undefined;
    if (!j) throw new RpcError("JOB_NOT_FOUND", `no such job: ${String(id)}`);
    return j;
  }

  private async start(p: JobStartIn): Promise<JobStartOut> {
    if (this.closing) throw new RpcError("SHUTTING_DOWN", "the target is shutting down");
    if (p.durable !== undefined && (typeof p.durable !== "object" || p.durable === null || typeof p.durable.owner !== "string")) throw new RpcError("BAD_PARAMS", "job.start: durable must be {owner}");
    // Take a slot before anything async: concurrent starts cannot both get the last one.
    const release = this.opts.admit?.() ?? (() => {});
    try {
      return await this.launch(p, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  private async launch(p: JobStartIn, release: () => void): Promise<JobStartOut> {
    const id = randomUUID();
    const stdin = this.peer.reader(p.stdin);
    const stdout = this.peer.writer(p.stdout);
    const stderr = p.stderr !== undefined ? this.peer.writer(p.stderr) : undefined;
    const log = this.log.child({ job: id });

    const fail = (code: number, message: string): JobStartOut => {
      const out = stderr ?? stdout;
      const done = new Promise<JobExit>((resolve) => {
        out.end(message + (p.tty ? "\r\n" : "\n"), () => {
          if (out !== stdout) stdout.end();
          resolve({ code, signal: null, error: message });
        });
      });
      stdin.destroy();
      release();
      this.jobs.set(id, { id, running: false, guest: undefined, done });
      done.then(() => setTimeout(() => this.jobs.delete(id), 60_000).unref());
      log.info("job refused", { code, message });
      return { jobId: id, pid: -1 };
    };

    // fs.attach may still be mounting (a head pipelines it before job.start): wait for it.
    if (this.attaching && !this.mount) {
      try {
        await this.attaching;
      } catch (err) {
        return fail(255, `mrc: the exports could not be mounted: ${(err as Error).message}`);
      }
    }
    const launch = planLaunch(p, this.mount, this.opts.user);
    if (!launch.ok) return fail(launch.code, launch.message);
    // The job's mailbox: a door registered with its home before the guest can use it.
    const hub = this.opts.hub;
    let env = p.env;
    if (p.addr !== undefined) {
      if (!hub) return fail(255, "mrc: this target has no mailboxes");
      try {
        const u = this.opts.user;
        const door = await hub.openDoor({ addr: p.addr, via: this.peer, ...(u ? { uid: u.uid, gid: u.gid } : {}) });
        env = { ...p.env, MRC_ADDR: p.addr, MRC_MAILBOX: door.path };
      } catch (err) {
        return fail(255, `mrc: cannot open mailbox ${p.addr}: ${(err as Error).message}`);
      }
    }
    const closeDoor = () => (p.addr !== undefined ? hub?.closeDoor(p.addr) : undefined);
    let guest: Guest;
    try {
      guest = spawnGuest({ file: launch.file, args: launch.args, env, cwd: launch.cwd, ...(p.tty ? { tty: p.tty } : {}) });
    } catch (err) {
      await closeDoor();
      return fail(255, `mrc: cannot start ${p.argv[0]}: ${(err as Error).message}`);
    }
    log.info("job started", { pid: guest.pid, argv: p.argv, tty: p.tty !== undefined, durable: p.durable !== undefined });
    void guest.exited.then(release, release);
    if (p.durable && this.opts.durable) return this.startDurable(id, p, guest, stdin, stdout, stderr, closeDoor, log);

    // stdin: head → guest. A guest that exits without reading ends the stream quietly.
    pipeline(stdin, guest.stdin).catch(() => {});
    const outs = [guest.pipeOutput("stdout", stdout)];
    if (guest.stderr && stderr) outs.push(guest.pipeOutput("stderr", stderr));
    else stderr?.end();

    const done = (async () => {
      const exit = await guest.exited;
      await closeDoor(); // senders now get MAILBOX_ENDED
      await Promise.all(outs); // END frames precede the wait reply on the link
      stdin.destroy();
      log.info("job ended", { ...exit });
      return exit;
    })();
    const rec: JobRecord = { id, running: true, guest, done, argv0: p.argv[0]!, startedAt: Date.now(), ...(typeof p.user === "string" ? { user: p.user } : {}) };
    this.jobs.set(id, rec);
    done.then(() => {
      rec.running = false;
      setTimeout(() => this.jobs.delete(id), 60_000).unref();
    });
    return { jobId: id, pid: guest.pid };
  }

  /** A durable job: output into bounded buffers, fed to this link's streams while it lasts. */
  private startDurable(
    id: string,
    p: JobStartIn,
    guest: Guest,
    stdin: ReturnType<Peer["reader"]>,
    stdout: ReturnType<Peer["writer"]>,
    stderr: ReturnType<Peer["writer"]> | undefined,
    closeDoor: () => Promise<void> | undefined,
    log: Logger,
  ): JobStartOut {
    const limit = p.durable!.bufferBytes;
    const out = new OutputBuffer(guest.stdout, limit);
    const err = guest.stderr ? new OutputBuffer(guest.stderr, limit) : undefined;
    out.attach(stdout, 0);
    if (err && stderr) err.attach(stderr, 0);
    else stderr?.end();
    this.peer.once("close", () => {
      out.release(stdout);
      if (stderr) err?.release(stderr);
    });
    guest.stdin.on("error", () => {});
    let feeding: ReturnType<Peer["reader"]> | undefined;
    // END of the stream is the guest's EOF; a stream cut by a lost link leaves stdin open.
    const feedStdin = (r: ReturnType<Peer["reader"]>) => {
      feeding?.removeAllListeners("data");
      feeding = r;
      r.on("data", (c: Buffer) => {
        if (!guest.stdin.write(c)) {
          r.pause();
          guest.stdin.once("drain", () => r.resume());
        }
      });
      r.once("end", () => guest.stdin.end());
      r.on("error", () => {});
    };
    feedStdin(stdin);
    const mount = this.mount;
    if (mount && p.exports && p.exports.length > 0) this.mountUsers++;
    const exited = (async () => {
      const exit = await guest.exited;
      await closeDoor();
      log.info("job ended", { ...exit });
      if (mount && p.exports && p.exports.length > 0 && --this.mountUsers === 0 && this.closing) await this.detachMount();
      return exit;
    })();
    this.opts.durable!.add({
      id,
      owner: p.durable!.owner,
      argv: p.argv,
      cwd: p.cwd,
      startedAt: Date.now(),
      tty: p.tty !== undefined,
      guest,
      out,
      err,
      exit: null,
      endedAt: null,
      exited,
      feedStdin: (peer, sid) => feedStdin(peer.reader(sid)),
    });
    return { jobId: id, pid: guest.pid };
  }

  /** Durable jobs using this link's mount (it stays until they end). */
  private mountUsers = 0;

  private async detachMount(): Promise<void> {
    const m = this.mount;
    this.mount = undefined;
    await m?.detach();
  }

  /** fs.attach: mount this head's exports (once per link). */
  private async attach(p: unknown): Promise<{ mountpoint: string }> {
    const a = checkAttachParams(p);
    if (!this.opts.canMount) throw new RpcError("NOT_PRIVILEGED", "this target runs unprivileged and cannot mount exports (run it as root)");
    if (this.mount) {
      // A head daemon's exports grow as its jobs ask for more: same order, new ones appended.
      this.mount.update(a.exports);
      return { mountpoint: this.mount.mountpoint };
    }
    if (this.attaching) {
      await this.attaching;
      this.mount!.update(a.exports);
      return { mountpoint: this.mount!.mountpoint };
    }
    const user = this.opts.user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
    const pending = (async () => {
      const m = await LinkMount.attach(this.peer, a, user, this.log);
      if (this.closing) {
        await m.detach();
        throw new RpcError("SHUTTING_DOWN", "the link closed while mounting");
      }
      this.mount = m;
      return m;
    })();
    this.attaching = pending;
    const m = await pending;
    return { mountpoint: m.mountpoint };
  }

  private guestOf(id: unknown): Guest | undefined {
    return this.durableHas(id) ? this.opts.durable!.get(id).guest : this.job(id).guest;
  }

  private signal(p: { jobId?: unknown; signal?: unknown }): null {
    const g = this.guestOf(p?.jobId);
    if (!isForwardedSignal(p.signal)) throw new RpcError("BAD_SIGNAL", `signal not allowed: ${String(p.signal)}`);
    g?.signal(p.signal);
    return null;
  }

  private resize(p: { jobId?: unknown; cols?: unknown; rows?: unknown }): null {
    const g = this.guestOf(p?.jobId);
    if (typeof p.cols !== "number" || typeof p.rows !== "number") throw new RpcError("BAD_PARAMS", "cols and rows must be numbers");
    g?.resize(p.cols, p.rows);
    return null;
  }

  private closed: Promise<void> | undefined;

  /** Kill every job of this session and wait for them to end; then remove the mount. Idempotent. */
  close(reason: string): Promise<void> {
    this.closed ??= this.doClose(reason);
    return this.closed;
  }

  private async doClose(reason: string): Promise<void> {
    this.closing = true;
    const live = [...this.jobs.values()].filter((j) => j.running);
    if (live.length > 0) this.log.warn("link closed: killing its jobs", { reason, jobs: live.length });
    for (const j of live) j.guest!.kill();
    await Promise.all(live.map((j) => j.done.catch(() => {})));
    await this.attaching?.catch(() => {});
    // Durable jobs still running keep the mount (their file calls fail with EIO until they end).
    if (this.mountUsers === 0) await this.detachMount();
    else this.log.info("keeping the mount for durable jobs", { jobs: this.mountUsers });
  }
}
