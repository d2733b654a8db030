/**
 * The node of each open file handle, and how many handles each node has open on this target.
 * (A local handle that later got a head handle counts twice until both are released: what
 * matters is only whether a node has none.)
 */
export class HandleNodes {
  readonly #nodeOf = new Map<number, number>();
  readonly #openOn = new Map<number, number>();

  /** The node of handle `fh`, if open. */
  get(fh: number): number | undefined {
    return this.#nodeOf.get(fh);
  }

  /** Handle `fh` is open on `node`. */
  set(fh: number, node: number): void {
    this.delete(fh);
    this.#nodeOf.set(fh, node);
    this.#openOn.set(node, (this.#openOn.get(node) ?? 0) + 1);
  }

  /** Handle `fh` is released. */
  delete(fh: number): void {
    const node = this.#nodeOf.get(fh);
    if (node === undefined) return;
    this.#nodeOf.delete(fh);
    const n = this.#openOn.get(node)! - 1;
    if (n === 0) this.#openOn.delete(node);
    else this.#openOn.set(node, n);
  }

  /** True when some handle of `node` is open. */
  anyOpen(node: number): boolean {
    return this.#openOn.has(node);
  }
}
