import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { RpcError, type Peer } from "@mrc/rpc";
import { FS_ATTACH, JOB_METHODS, type JobExit, type JobStartIn, type JobStartOut, type Logger } from "@mrc/protocol";
import { spawnGuest, type Guest } from "./guest.js";
import { isForwardedSignal } from "./signals.js";
import { checkAttachParams, checkStartParams } from "./validate.js";
import { planLaunch } from "./job-launch.js";
import { LinkMount } from "./link-mount.js";
import type { GuestUser } from "./identity.js";
import type { MailboxHub } from "@mrc/mailbox";

/** A guest as a session tracks it. */
interface JobRecord {
  id: string;
  running: boolean;
  guest: Guest | undefined;
  /** Resolves when the guest ended and its output streams are flushed to the link. */
  done: Promise<JobExit>;
}

/** What a runner tells each session about how guests run here. */
export interface SessionOptions {
  /** The user guests run as; undefined: the runner's own user. */
  user?: GuestUser;
  /** May this runner mount exports (it is root)? */
  canMount: boolean;
  /** The target's mailbox hub: jobs started with an `addr` get a door ($MRC_MAILBOX). */
  hub?: MailboxHub;
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
    peer.handle(JOB_METHODS.wait, (p: { jobId?: unknown }) => this.job(p.jobId).done);
    peer.handle(FS_ATTACH, (p: unknown) => this.attach(p));
    peer.on("close", (reason: RpcError) => void this.close(reason.message));
  }

  /** Number of running jobs. */
  get size(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.running) n++;
    return n;
  }

  private job(id: unknown): JobRecord {
    const j = typeof id === "string" ? this.jobs.get(id) : undefined;
    if (!j) throw new RpcError("JOB_NOT_FOUND", `no such job: ${String(id)}`);
    return j;
  }

  private async start(p: JobStartIn): Promise<JobStartOut> {
    if (this.closing) throw new RpcError("SHUTTING_DOWN", "the target is shutting down");
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
    log.info("job started", { pid: guest.pid, argv: p.argv, tty: p.tty !== undefined });

    // stdin: head → guest. A guest that exits without reading ends the stream quietly.
    pipeline(stdin, guest.stdin).catch(() => {});
    const outs = [pipeline(guest.stdout, stdout).catch(() => {})];
    if (guest.stderr && stderr) outs.push(pipeline(guest.stderr, stderr).catch(() => {}));
    else stderr?.end();

    const done = (async () => {
      const exit = await guest.exited;
      await closeDoor(); // senders now get MAILBOX_ENDED
      await Promise.all(outs); // END frames precede the wait reply on the link
      stdin.destroy();
      log.info("job ended", { ...exit });
      return exit;
    })();
    const rec: JobRecord = { id, running: true, guest, done };
    this.jobs.set(id, rec);
    done.then(() => {
      rec.running = false;
      setTimeout(() => this.jobs.delete(id), 60_000).unref();
    });
    return { jobId: id, pid: guest.pid };
  }

  /** fs.attach: mount this head's exports (once per link). */
  private async attach(p: unknown): Promise<{ mountpoint: string }> {
    const a = checkAttachParams(p);
    if (!this.opts.canMount) throw new RpcError("NOT_PRIVILEGED", "this target runs unprivileged and cannot mount exports (run it as root)");
    if (this.attaching || this.mount) throw new RpcError("ALREADY_ATTACHED", "exports are already attached on this link");
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

  private signal(p: { jobId?: unknown; signal?: unknown }): null {
    const j = this.job(p.jobId);
    if (!isForwardedSignal(p.signal)) throw new RpcError("BAD_SIGNAL", `signal not allowed: ${String(p.signal)}`);
    j.guest?.signal(p.signal);
    return null;
  }

  private resize(p: { jobId?: unknown; cols?: unknown; rows?: unknown }): null {
    const j = this.job(p.jobId);
    if (typeof p.cols !== "number" || typeof p.rows !== "number") throw new RpcError("BAD_PARAMS", "cols and rows must be numbers");
    j.guest?.resize(p.cols, p.rows);
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
    await this.mount?.detach();
    this.mount = undefined;
  }
}
