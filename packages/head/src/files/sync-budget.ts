/**
 * When may the file service block its event loop with a synchronous syscall? (sys.ts)
 *
 * A synchronous call holds up every other request of every link for as long as it takes, so what
 * matters is how long *one* call blocks, not how many there are: a loop of 1 ms ext4 creates
 * (a directory whose inodes were just deleted makes ext4 scan for a free one) delays the next
 * request by at most 1 ms, less than a threadpool round trip costs on a busy machine, and moving
 * those creates to the threadpool only makes the guest that issued them slower. A file system
 * whose calls take milliseconds each (NFS under the export, a disk seeking, a huge unlink) is a
 * different case: there the loop would stall for seconds. So only calls of at least
 * {@link SLOW_CALL_MS} count, and when they add up to more than {@link SLOW_SYNC_BUDGET_MS} within
 * one second the service uses the threadpool for {@link ASYNC_BACKOFF_MS}, then tries again.
 */

/** Calls shorter than this (ms) never count against the budget (see the file comment). */
export const SLOW_CALL_MS = 2;
/** Slow calls may block the event loop this long (ms) within one second. */
export const SLOW_SYNC_BUDGET_MS = 200;
/** How long metadata calls stay on the threadpool after the budget was exceeded, ms. */
export const ASYNC_BACKOFF_MS = 10_000;
const WINDOW_MS = 1000;

/** The budget of blocking time, with its own clock (tests pass a fake one). */
export class SyncBudget {
  private asyncUntil = 0;
  private windowStart = 0;
  private windowMs = 0;
  /** Times the budget was exceeded (diagnostics, tests). */
  backoffs = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** May the next call run synchronously? */
  allows(): boolean {
    return this.asyncUntil === 0 || this.now() >= this.asyncUntil;
  }

  /** Account one synchronous call that took `ms`. */
  charge(ms: number): void {
    if (ms < SLOW_CALL_MS) return;
    const now = this.now();
    if (now - this.windowStart > WINDOW_MS) {
      this.windowStart = now;
      this.windowMs = 0;
    }
    this.windowMs += ms;
    if (this.windowMs > SLOW_SYNC_BUDGET_MS) {
      this.asyncUntil = now + ASYNC_BACKOFF_MS;
      this.windowMs = 0;
      this.backoffs++;
    }
  }

  /** Forget any backoff in force (tests, and when synchronous calls are turned back on). */
  reset(): void {
    this.asyncUntil = 0;
    this.windowMs = 0;
  }
}
