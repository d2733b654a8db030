/**
 * Sequence numbers of one (sender, receiver) pair on the sending side. Each message gets the next
 * seq and carries `low`, the lowest seq not yet settled (accepted, or failed for good): the
 * receiver may skip any gap below `low`, so a send that failed never blocks the ones after it.
 */
export class SeqTracker {
  private nextSeq: number;
  /** Unsettled seqs, in increasing order (a Set keeps insertion order). */
  private readonly open = new Set<number>();

  constructor(next = 1) {
    this.nextSeq = next;
  }

  /** Allocate the seq of a new message, and the `low` it carries. */
  take(): { seq: number; low: number } {
    const seq = this.nextSeq++;
    this.open.add(seq);
    return { seq, low: this.low() };
  }

  /** The lowest unsettled seq (or the next one if none). */
  low(): number {
    for (const s of this.open) return s;
    return this.nextSeq;
  }

  /** The message with this seq is settled. */
  settle(seq: number): void {
    this.open.delete(seq);
  }

  /** Next seq to allocate (handed over when the sending mailbox moves). */
  get next(): number {
    return this.nextSeq;
  }

  /** Nothing in flight. */
  get idle(): boolean {
    return this.open.size === 0;
  }
}
