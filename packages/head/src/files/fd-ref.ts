import { fsError } from "./errors.js";
import { closeQuietly } from "./sys.js";

/**
 * A file descriptor that is closed only when nobody is using it.
 *
 * Security-relevant: operations build paths such as `/proc/self/fd/<fd>/<name>`. If a FORGET
 * or RELEASE closed that fd while another operation was still using it, the number could be
 * reused by an unrelated open (a directory outside the exports, a config file) and the
 * in-flight operation would act on it. Every use therefore pins the fd, and close is deferred
 * until the last pin is gone.
 */
export class FdRef {
  #fd: number;
  #pins = 0;
  #closing = false;
  readonly #staleErrno: string;

  /** Wrap an open fd; `staleErrno` is thrown by uses after close (ESTALE for nodes, EBADF for handles). */
  constructor(fd: number, staleErrno: string) {
    this.#fd = fd;
    this.#staleErrno = staleErrno;
  }

  /** True once close() was called. */
  get closed(): boolean {
    return this.#closing;
  }

  /** Run `fn` with the fd pinned open. */
  async use<T>(fn: (fd: number) => Promise<T>): Promise<T> {
    if (this.#closing) throw fsError(this.#staleErrno, "descriptor already released");
    this.#pins++;
    try {
      return await fn(this.#fd);
    } finally {
      this.#pins--;
      if (this.#closing && this.#pins === 0) this.#doClose();
    }
  }

  /** Close now, or as soon as the last use ends. Idempotent. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#pins === 0) this.#doClose();
  }

  #doClose(): void {
    const fd = this.#fd;
    if (fd < 0) return;
    this.#fd = -1;
    closeQuietly(fd);
  }
}
