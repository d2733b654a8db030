/**
 * Per-opcode request statistics of a session (`stats: true`, or `MRC_FUSE_STATS=1` on a target):
 * how many requests of each kind, and how long the file system took to answer them, from the
 * request's arrival to its reply. What the kernel asked and where the time went, without the
 * per-request noise of `debug`.
 */

/** Upper bounds (µs) of the latency buckets; the last bucket is open-ended. */
const BOUNDS_US = [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 50_000, 100_000];

interface OpTally {
  count: number;
  totalUs: number;
  buckets: number[];
}

/** Counts and latency histograms per opcode name. */
export class OpStats {
  private readonly ops = new Map<string, OpTally>();

  /** Account one answered request of `op` that took `us` microseconds. */
  add(op: string, us: number): void {
    let t = this.ops.get(op);
    if (t === undefined) this.ops.set(op, (t = { count: 0, totalUs: 0, buckets: new Array<number>(BOUNDS_US.length + 1).fill(0) }));
    t.count++;
    t.totalUs += us;
    let i = 0;
    while (i < BOUNDS_US.length && us > BOUNDS_US[i]!) i++;
    t.buckets[i]!++;
  }

  /** Requests counted so far for `op`. */
  count(op: string): number {
    return this.ops.get(op)?.count ?? 0;
  }

  /**
   * One line per opcode, busiest (by total time) first: count, total ms, mean µs and the bucket
   * bound under which half of the requests were answered (p50 ≤).
   */
  report(): string[] {
    const rows = [...this.ops.entries()].sort((a, b) => b[1].totalUs - a[1].totalUs);
    return rows.map(([op, t]) => {
      let seen = 0;
      let p50 = "inf";
      for (let i = 0; i < t.buckets.length; i++) {
        seen += t.buckets[i]!;
        if (seen * 2 >= t.count) {
          p50 = i < BOUNDS_US.length ? String(BOUNDS_US[i]) : `>${BOUNDS_US[BOUNDS_US.length - 1]}`;
          break;
        }
      }
      return `${op.padEnd(14)} n=${t.count} total=${(t.totalUs / 1000).toFixed(1)}ms mean=${(t.totalUs / t.count).toFixed(0)}us p50<=${p50}us`;
    });
  }
}
