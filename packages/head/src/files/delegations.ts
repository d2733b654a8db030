import type { FsNode } from "./nodes.js";
import { LeaseHolder } from "./leases.js";
import { log } from "./errors.js";

/**
 * Asks the target behind `origin` to give up its delegations of `nodes` (drop what it holds of
 * them, its kernel's cached pages and attributes included) and resolves once it has. It must
 * settle in bounded time (a dead link: at once; a silent one: its call timeout).
 */
export type Recall = (origin: unknown, nodes: number[]) => Promise<void>;

const EUID = process.geteuid?.() ?? -1;
const NOTHING = (): void => {};

/** One delegated inode. */
interface Rec {
  readonly node: FsNode;
  /** The head's lease on the inode: an id, "pending" while the helper takes it, or null. */
  lease: number | "pending" | null;
  /** Settles when a pending lease has been taken or refused. */
  ready: Promise<void>;
  /** Origin key → origin (the link, for the recall call). */
  readonly holders: Map<string, unknown>;
  /** Bumped by every recall: a grant made before it is void. */
  epoch: number;
  /** Changes through the service under way (no grant meanwhile). */
  writers: number;
  /** A recall under way. */
  recalling: Promise<void> | null;
}

/** A delegation handed out; {@link Delegations.valid} says whether it still holds. */
export interface Grant {
  readonly rec: Rec;
  readonly epoch: number;
  readonly origin: string;
}

/**
 * Read delegations (like NFSv4's): a target holding one for a file may open and read it from
 * what it holds, without asking the head, because the head promises to take it back (a
 * {@link Recall}, answered) *before* the file can change:
 *
 * - changes through the service call {@link beforeWrite} first (open for writing, O_TRUNC,
 *   truncate): every holder is recalled and no new delegation is granted until the change is under
 *   way (from then on the head's own write descriptor keeps the lease from being taken again);
 * - changes by other processes on the head are caught by a kernel read lease the head holds on
 *   each delegated inode (leases.ts): the writer's open(2) waits in the kernel while the holders
 *   are recalled, then the lease is released and the writer proceeds.
 *
 * Without a lease nothing is delegated. Renames and unlinks do not touch the inode's contents:
 * they reach targets as entry invalidations, as before.
 */
export class Delegations {
  readonly #byInode = new Map<string, Rec>();
  readonly #byLease = new Map<number, Rec>();
  readonly #leases: LeaseHolder;

  /** Without `recall` (or with `MRC_DELEGATIONS=0`) nothing is delegated. */
  constructor(private readonly recall: Recall | undefined) {
    this.#leases = new LeaseHolder(
      (id) => this.#broken(id),
      (ids) => this.#lost(ids),
      recall !== undefined && process.env.MRC_DELEGATIONS !== "0",
    );
  }

  /** Delegations can be granted at all (a recall path and a lease helper). */
  get enabled(): boolean {
    return this.recall !== undefined && this.#leases.unavailable === null;
  }

  /** Leases held or being taken: while there are any, an open that may write must not block the event loop. */
  get active(): number {
    return this.#leases.count;
  }

  /** Delegated inodes (for tests and metrics). */
  get size(): number {
    return this.#byInode.size;
  }

  /** Origins holding a delegation of `node` (for tests). */
  holders(node: FsNode): string[] {
    return [...(this.#byInode.get(node.inodeKey)?.holders.keys() ?? [])];
  }

  #rec(node: FsNode): Rec {
    let rec = this.#byInode.get(node.inodeKey);
    if (rec === undefined || rec.node !== node) {
      rec = { node, lease: null, ready: Promise.resolve(), holders: new Map(), epoch: 0, writers: 0, recalling: null };
      this.#byInode.set(node.inodeKey, rec);
    }
    return rec;
  }

  /** Let go of `rec`'s lease, if it holds one (a writer waiting for it proceeds). */
  #releaseLease(rec: Rec): void {
    if (typeof rec.lease !== "number") return;
    this.#byLease.delete(rec.lease);
    this.#leases.release(rec.lease);
    rec.lease = null;
  }

  /** Forget `rec` once nothing refers to it; lets go of its lease. */
  #tidy(rec: Rec): void {
    if (rec.holders.size > 0 || rec.writers > 0 || rec.recalling !== null || rec.lease === "pending") return;
    this.#releaseLease(rec);
    if (this.#byInode.get(rec.node.inodeKey) === rec) this.#byInode.delete(rec.node.inodeKey);
  }

  /**
   * Delegate regular file `node`, open read-only here as `fd` (kept open until this settles), to
   * `origin`; `owner` is the file's uid if known. Null when it cannot be had (a change under way,
   * no lease, not the head user's file). Read the contents to hand out *after* this resolved, and
   * check {@link valid} when the answer is sent.
   */
  async grant(node: FsNode, fd: number, originKey: string, origin: unknown, owner?: number): Promise<Grant | null> {
    if (!this.enabled) return null;
    // Only the file's owner (or CAP_LEASE) may take a lease: do not ask the helper in vain.
    if (owner !== undefined && EUID !== 0 && owner !== EUID) return null;
    const rec = this.#rec(node);
    if (rec.writers > 0 || rec.recalling !== null) return null;
    rec.holders.set(originKey, origin);
    const epoch = rec.epoch;
    if (rec.lease === null) {
      rec.lease = "pending";
      let settle!: () => void;
      rec.ready = new Promise<void>((r) => (settle = r));
      const id = await this.#leases.take(fd);
      if (id === null) rec.lease = null;
      else if (rec.writers > 0 || rec.recalling !== null || rec.epoch !== epoch) {
        // A change began meanwhile: it waits on `ready` and finds no lease to release.
        this.#leases.release(id);
        rec.lease = null;
      } else {
        rec.lease = id;
        this.#byLease.set(id, rec);
      }
      settle();
    } else if (rec.lease === "pending") {
      await rec.ready;
    }
    if (typeof rec.lease !== "number" || rec.epoch !== epoch) {
      if (rec.epoch === epoch) rec.holders.delete(originKey);
      this.#tidy(rec);
      return null;
    }
    return { rec, epoch, origin: originKey };
  }

  /** True while grant `g` holds: nothing was recalled since it was made. */
  valid(g: Grant): boolean {
    return g.rec.epoch === g.epoch && typeof g.rec.lease === "number" && g.rec.holders.has(g.origin);
  }

  /** Give up a grant that will not be handed out after all. */
  drop(g: Grant): void {
    if (g.rec.epoch === g.epoch) g.rec.holders.delete(g.origin);
    this.#tidy(g.rec);
  }

  /** Recall every holder of `rec` (the lease stays held until they answered), then let go of the lease. */
  #recallAll(rec: Rec): Promise<void> {
    rec.epoch++;
    if (rec.recalling !== null) return rec.recalling;
    const holders = [...rec.holders.values()];
    rec.holders.clear();
    const recall = this.recall;
    const p = (async () => {
      await rec.ready;
      if (recall !== undefined && holders.length > 0) {
        const results = await Promise.allSettled(holders.map((o) => recall(o, [rec.node.id])));
        for (const r of results) if (r.status === "rejected") log.warn(`delegation recall failed: ${String((r.reason as Error)?.message ?? r.reason)}`);
      }
    })();
    rec.recalling = p.finally(() => {
      rec.recalling = null;
      this.#tidy(rec);
    });
    return rec.recalling;
  }

  /**
   * The service is about to change `node`'s contents (open for writing, O_TRUNC, truncate):
   * recall its holders and let go of the lease first, so that the change neither blocks on it
   * nor leaves a target with stale contents. Call the returned function once the change is under
   * way (its write descriptor open) or failed.
   */
  async beforeWrite(node: FsNode): Promise<() => void> {
    if (this.recall === undefined) return NOTHING; // no delegation was ever granted, nor will be
    const rec = this.#rec(node);
    rec.writers++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      rec.writers--;
      this.#tidy(rec);
    };
    try {
      if (rec.holders.size > 0 || rec.lease !== null || rec.recalling !== null) {
        await this.#recallAll(rec);
        // #tidy (at the end of the recall) keeps the lease while a writer is counted: release it.
        this.#releaseLease(rec);
      }
    } catch (err) {
      finish();
      throw err;
    }
    return finish;
  }

  /** A process on the head wants to change a leased file: recall, then release (it proceeds). */
  #broken(id: number): void {
    const rec = this.#byLease.get(id);
    if (rec === undefined) {
      this.#leases.release(id);
      return;
    }
    void this.#recallAll(rec).then(() => {
      if (rec.lease !== id) return;
      this.#releaseLease(rec);
      this.#tidy(rec);
    });
  }

  /** The lease helper died: its leases are gone, so every delegation is recalled (after the fact). */
  #lost(ids: number[]): void {
    for (const id of ids) {
      const rec = this.#byLease.get(id);
      this.#byLease.delete(id);
      if (rec === undefined) continue;
      rec.lease = null;
      void this.#recallAll(rec);
    }
  }

  /** `origin` gave up (or forgot) its delegations of these nodes. */
  returned(originKey: string, nodes: FsNode[]): void {
    for (const node of nodes) {
      const rec = this.#byInode.get(node.inodeKey);
      if (rec === undefined || rec.node !== node || !rec.holders.delete(originKey)) continue;
      this.#tidy(rec);
    }
  }

  /** `origin`'s link went away: it holds nothing any more. */
  dropOrigin(originKey: string): void {
    for (const rec of [...this.#byInode.values()]) if (rec.holders.delete(originKey)) this.#tidy(rec);
  }

  /** Let go of every lease (service shutdown). */
  close(): void {
    this.#byInode.clear();
    this.#byLease.clear();
    this.#leases.close();
  }
}
