/** Releases gathered before they are sent (at most this many ms). */
export const RELEASE_DELAY_MS = 5;
/** ... or this many, whichever comes first. */
export const RELEASE_BATCH = 128;

/**
 * Plain releases (no flock to drop) for a head that takes them in batches (`fs.release`
 * notification `{fhs}`): a guest that opens and closes many files (tar, a build, an unpacking
 * archiver) would otherwise send one message per file, each a socket write here and a wake-up,
 * decode and dispatch on the head. Nothing waits for a release — the kernel does not, and the
 * head's answer to every other call is the same whether the handle is closed yet or not — so
 * they are held for a few ms and sent together; before an open of a file with a release pending,
 * they are sent first (the head records the file's state at release, which lets that open keep
 * the page cache).
 */
export class ReleaseBatcher {
  #pending: Array<{ fh: number; node: number | undefined }> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (fhs: number[]) => void) {}

  /** Hold the release of `fh` (a handle of `node`). */
  add(fh: number, node: number | undefined): void {
    this.#pending.push({ fh, node });
    if (this.#pending.length >= RELEASE_BATCH) this.flush();
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), RELEASE_DELAY_MS);
      this.#timer.unref();
    }
  }

  /** Send what is held now if a release of `node` is among it. */
  flushFor(node: number): void {
    if (this.#pending.some((p) => p.node === node)) this.flush();
  }

  /** Send everything held. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const fhs = this.#pending.map((p) => p.fh);
    this.#pending = [];
    this.send(fhs);
  }

  /** Releases held right now (tests, diagnostics). */
  get size(): number {
    return this.#pending.length;
  }
}
