import type { FdRef } from "./fd-ref.js";
import { startWriteback } from "./xattr-helper.js";

/**
 * Early writeback: a handle that keeps writing has its data started towards the head's disk while
 * more of it is still arriving.
 *
 * A guest's `dd conv=fsync`, `cp` + `sync`, or a checkpoint writer streams data to the head and
 * then asks for it on disk. Left alone, the head's kernel keeps all of it dirty in the page cache
 * (background writeback starts only at dirty_background_ratio, 10 % of RAM), so the final fsync
 * writes the whole file at once, after the transfer: the two times add up. Once a handle has
 * written {@link earlyWritebackBytes} since the last start, the service starts writeback of the
 * file's dirty pages (sync_file_range(SYNC_FILE_RANGE_WRITE), run by the xattr helper, which
 * neither waits for the disk nor flushes its cache). Disk and link then work at the same time and
 * the guest's own fsync finds little left to do. Writes and their replies never wait for it.
 *
 * Nothing about errors changes: a write error of that writeback is recorded on the inode, and the
 * helper's descriptor is its own open file, so the head's descriptor still reports the error to
 * the guest's next fsync, as it would have without early writeback. A start that fails (the helper
 * may not open a file its user cannot read) only means the disk work is left to the final fsync.
 *
 * `MRC_EARLY_WRITEBACK_MIB` sets the step (default 16); 0 turns early writeback off.
 */
export class EarlyWriteback {
  #unstarted = 0;
  #running: Promise<void> | undefined;

  /**
   * `step`: bytes between starts; `slots`: the service's shared {@link StartSlots}; `start`: the
   * start itself (tests pass their own).
   */
  constructor(
    private readonly step: number,
    private readonly slots: StartSlots,
    private readonly start: (fd: number) => Promise<void> = startWriteback,
  ) {}

  /** Account `n` bytes written through `ref`; starts writeback in the background at each step. */
  wrote(ref: FdRef, n: number): void {
    this.#unstarted += n;
    if (this.#running !== undefined || this.#unstarted < this.step || ref.closed) return;
    if (this.slots.busy >= this.slots.max) return; // tried again at the next write
    this.slots.busy++;
    this.#unstarted = 0;
    // The pin keeps the fd (and so the /proc path the helper opens) valid until it has answered.
    this.#running = ref
      .use(this.start)
      .catch(() => undefined) // see the class comment: nothing is lost, the fsync does the work
      .finally(() => {
        this.slots.busy--;
        this.#running = undefined;
      });
  }

  /** Resolves when no start is running (tests). */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }
}

/**
 * Starts running at once in one file service, over all its handles. Each takes one of the xattr
 * helper's children (xattr-helper.ts) while the kernel queues the pages, so many handles
 * streaming at once leave the other children to extended-attribute calls. A handle that finds no
 * slot free tries again at its next write.
 */
export class StartSlots {
  busy = 0;
  constructor(readonly max: number = MAX_STARTS) {}
}

/** Default of {@link StartSlots.max}: half the helper's four children. */
export const MAX_STARTS = 2;

/** Bytes written between two starts; 0 when early writeback is off (MRC_EARLY_WRITEBACK_MIB=0). */
export function earlyWritebackBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MRC_EARLY_WRITEBACK_MIB;
  if (raw === undefined || raw === "") return 16 << 20;
  const mib = Number(raw);
  return Number.isFinite(mib) && mib > 0 ? Math.round(mib * (1 << 20)) : 0;
}
