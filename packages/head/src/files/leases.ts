import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { errnoName } from "@mrc/protocol";
import { log } from "./errors.js";
import { refChild } from "./child-ref.js";

/**
 * Kernel read leases (fcntl F_SETLEASE, F_RDLCK) held for the head, so that it learns *before* a
 * process on the head changes a file, not after (as inotify would tell it): an open(2) for
 * writing or a truncate(2) of a leased file blocks in the kernel until the lease holder lets go
 * (or /proc/sys/fs/lease-break-time passes, 45 s by default), and the holder is told at once
 * with SIGIO. The head uses this to recall delegations (delegations.ts) before the change can
 * happen.
 *
 * Node has no fcntl, so a long-lived `perl` child (perl-base is Essential on Debian) holds the
 * leases: it opens the file read-only through the head's own descriptor as
 * `/proc/<head pid>/fd/<fd>` (the same inode, no name resolved, like xattr-helper.ts), takes the
 * lease, and keeps that descriptor until told to let go. On SIGIO it asks each lease for its
 * state (F_GETLEASE answers the type it is being broken to) and reports the broken ones.
 *
 * Protocol, one line each way: `L id path` → `K id` (held) or `E id errno`; `U id` (let go, no
 * answer); the child writes `B id` when a lease is being broken, and `T id` when it let go of a
 * broken lease itself after {@link GIVE_UP_MS}. The child exits on EOF.
 *
 * A lease needs the caller to own the file (or CAP_LEASE) and fails with EAGAIN while anyone has
 * the file open for writing: {@link LeaseHolder.take} then answers null and the caller simply
 * grants nothing.
 */

/**
 * How long a broken lease is held at most, ms: should the head not let go by then (its event loop
 * blocked — by a synchronous write of its own to a leased file, say), the helper does, and says so
 * (`T id`); the head recalls late, as it would after an inotify event. Well below the kernel's
 * lease-break-time, so a writer on the head never waits longer than this.
 */
export const GIVE_UP_MS = 3000;

/** How long taking a lease may take, ms: a helper that does not answer by then refuses it. */
export const TAKE_TIMEOUT_MS = 2000;

/** Most leases held at once (each is a descriptor in the child). */
export const MAX_LEASES = 8192;

// select() wakes at least every 100 ms: a SIGIO that lands between perl's check of its signal
// flag and the select(2) call itself is then seen within that time (perl has no pselect).
const PROGRAM = `
use strict; use Time::HiRes (); $| = 1;
my ($SETLEASE, $GETLEASE, $RD, $UN) = (1024, 1025, 0, 2);
my $GIVE_UP = ${GIVE_UP_MS} / 1000;
my (%fh, %broken); my $sig = 0; my $buf = "";
$SIG{IO} = sub { $sig = 1 };
$SIG{PIPE} = "IGNORE";
sub scan {
  for my $id (keys %fh) {
    next if $broken{$id};
    my $t = fcntl($fh{$id}, $GETLEASE, 0);
    if (!defined $t || $t != $RD) { $broken{$id} = Time::HiRes::time(); print "B $id\\n"; }
  }
}
sub overdue {
  my $now = Time::HiRes::time();
  for my $id (keys %broken) {
    next if $now - $broken{$id} < $GIVE_UP;
    my $h = delete $fh{$id}; delete $broken{$id};
    if ($h) { fcntl($h, $SETLEASE, $UN); close $h; print "T $id\\n"; }
  }
}
sub cmd {
  my ($op, $id, $p) = split / /, $_[0], 3;
  if ($op eq "L") {
    my $h;
    if (!open($h, "<", $p)) { print "E $id ", $! + 0, "\\n"; return; }
    if (!fcntl($h, $SETLEASE, $RD)) { print "E $id ", $! + 0, "\\n"; close $h; return; }
    $fh{$id} = $h; print "K $id\\n";
  } elsif ($op eq "U") {
    my $h = delete $fh{$id}; delete $broken{$id};
    if ($h) { fcntl($h, $SETLEASE, $UN); close $h; }
  }
}
while (1) {
  my $rin = ""; vec($rin, 0, 1) = 1;
  my $n = select(my $rout = $rin, undef, undef, 0.1);
  if ($sig) { $sig = 0; scan(); }
  overdue() if %broken;
  if (defined $n && $n > 0) {
    my $r = sysread(STDIN, $buf, 65536, length $buf);
    exit 0 if defined $r && $r == 0;
    while ($buf =~ s/^([^\\n]*)\\n//) { cmd($1); }
  }
}`;

/** Why {@link LeaseHolder} holds no leases at all, if it does not. */
export type LeaseUnavailable = "disabled" | "no-helper" | "helper-died";

/**
 * Read leases on files the head has open, held by one helper child (see the module comment).
 * `onBreak(id)` is called once per lease when a process on the head wants to change the file;
 * the change waits until {@link release} (or the kernel's lease-break-time).
 */
export class LeaseHolder {
  #proc: ChildProcessWithoutNullStreams | null = null;
  #next = 1;
  readonly #pending = new Map<number, (held: boolean) => void>();
  readonly #live = new Set<number>();
  #unavailable: LeaseUnavailable | null;
  /** Why the last lease was refused (an errno name: EAGAIN while the file is open for writing). */
  lastError: string | undefined;

  /**
   * @param onBreak called when lease `id` is being broken (a writer waits for its release).
   * @param onLost called once if the helper dies: every lease it held is gone.
   */
  constructor(
    private readonly onBreak: (id: number) => void,
    private readonly onLost: (ids: number[]) => void = () => {},
    enabled = true,
  ) {
    this.#unavailable = enabled ? null : "disabled";
  }

  /** Leases held or asked for. */
  get count(): number {
    return this.#live.size;
  }

  /** Why no lease can be taken, or null while leases work. */
  get unavailable(): LeaseUnavailable | null {
    return this.#unavailable;
  }

  #start(): ChildProcessWithoutNullStreams | null {
    if (this.#proc !== null || this.#unavailable !== null) return this.#proc;
    let proc: ChildProcessWithoutNullStreams;
    try {
      // As many descriptors as the hard limit allows: each lease is one.
      proc = spawn("/bin/sh", ["-c", 'ulimit -n "$(ulimit -H -n)" 2>/dev/null; exec perl -e "$0"', PROGRAM], { stdio: ["pipe", "pipe", "pipe"] });
    } catch (err) {
      this.#fail("no-helper", err);
      return null;
    }
    this.#proc = proc;
    proc.on("error", (err) => this.#fail("no-helper", err));
    proc.on("exit", (code, signal) => {
      if (this.#proc === proc) this.#fail("helper-died", new Error(`lease helper exited (code ${code}, signal ${signal})`));
    });
    proc.stdin.on("error", () => {});
    proc.stderr.on("data", (d: Buffer) => log.warn(`lease helper: ${d.toString().trim()}`));
    createInterface({ input: proc.stdout }).on("line", (line) => this.#line(line));
    this.#setRef(false);
    return proc;
  }

  /** The child keeps the event loop alive only while an answer is awaited. */
  #setRef(ref: boolean): void {
    if (this.#proc !== null) refChild(this.#proc, ref);
  }

  #line(line: string): void {
    const [op, idText, errno] = line.split(" ");
    const id = Number(idText);
    if (op === "B" || op === "T") {
      if (op === "T") log.warn(`a lease was held ${GIVE_UP_MS} ms without an answer from the head: released, the recall comes late`);
      if (this.#live.has(id)) this.onBreak(id);
      if (op === "T") this.#live.delete(id);
      return;
    }
    const done = this.#pending.get(id);
    if (done === undefined) {
      // Taken after its caller stopped waiting (TAKE_TIMEOUT_MS): nobody relies on it.
      if (op === "K") this.#proc?.stdin.write(`U ${id}\n`);
      return;
    }
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#setRef(false);
    if (op === "K") done(true);
    else {
      this.#live.delete(id);
      this.lastError = errnoName(Number(errno)) ?? `errno ${errno}`;
      done(false);
    }
  }

  #fail(why: LeaseUnavailable, err: unknown): void {
    if (this.#unavailable !== null) return;
    this.#unavailable = why;
    this.#proc = null;
    const msg = String((err as Error).message ?? err);
    log.warn(why === "helper-died" ? `${msg}: delegations recalled, none granted from now on` : `no lease helper (${msg}): opens are not delegated`);
    for (const done of this.#pending.values()) done(false);
    this.#pending.clear();
    const lost = [...this.#live];
    this.#live.clear();
    if (lost.length > 0) this.onLost(lost);
  }

  /**
   * Take a read lease on the file this process has open as `fd` (keep it open until the promise
   * settles). Resolves to the lease id, or null when none can be had (the file is open for
   * writing somewhere, not ours, not a regular file, too many leases, no helper).
   */
  take(fd: number): Promise<number | null> {
    if (this.#live.size >= MAX_LEASES) return Promise.resolve(null);
    const proc = this.#start();
    if (proc === null) return Promise.resolve(null);
    const id = this.#next++;
    this.#live.add(id);
    if (this.#pending.size === 0) this.#setRef(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A helper that does not answer (stopped, swamped): no lease, and no waiting for it.
        if (!this.#pending.delete(id)) return;
        this.#live.delete(id);
        if (this.#pending.size === 0) this.#setRef(false);
        this.lastError = "ETIMEDOUT";
        resolve(null);
      }, TAKE_TIMEOUT_MS);
      timer.unref();
      this.#pending.set(id, (held) => {
        clearTimeout(timer);
        resolve(held ? id : null);
      });
      proc.stdin.write(`L ${id} /proc/${process.pid}/fd/${fd}\n`);
    });
  }

  /** Let go of lease `id`: a writer waiting for it proceeds. */
  release(id: number): void {
    if (!this.#live.delete(id)) return;
    this.#proc?.stdin.write(`U ${id}\n`);
  }

  /** Let go of every lease and stop the helper. */
  close(): void {
    const p = this.#proc;
    this.#unavailable ??= "disabled";
    this.#proc = null;
    this.#live.clear();
    for (const done of this.#pending.values()) done(false);
    this.#pending.clear();
    p?.stdin.end();
  }
}
