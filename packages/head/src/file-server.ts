import { EventEmitter } from "node:events";
import { InPlaceReply, RpcError, replyBuffer, type Peer } from "@mrc/rpc";
import { FS_DELEGRETURN, FS_INVAL, FS_METHODS, FS_PREFIX, FS_RECALL, type Invalidation, type Logger, silentLogger } from "@mrc/protocol";
import { FileService, type ExportSpec } from "./files/index.js";

/**
 * Answer to an fs.release / fs.releasedir call: this head also takes them as notifications, and
 * fs.release notifications with `{fhs: [...]}` (plain releases in a batch).
 */
const RELEASE_OUT = Object.freeze({ notify: true, batch: true });
/** fs.write does not keep its data once it settled (rpc may reuse the buffer the data came in). */
const PARAMS_LENT = Object.freeze({ paramsLent: true });

/**
 * How long a target may take to give up a delegation, ms. A process on the head that changes the
 * file waits this long at most; a link that does not answer in time has died (its keepalive gives
 * up after 3 × 2 s) and its mount with it.
 */
export const RECALL_TIMEOUT_MS = 6000;

const inPlace = (data: Uint8Array) => new InPlaceReply(data as Buffer);
/** `MRC_FS_COPY_READS=1`: reads are copied into their reply as before (for A/B runs). */
const READ_IN_PLACE = process.env.MRC_FS_COPY_READS !== "1";

/** Options of a {@link FileServer}. */
export interface FileServerOptions {
  exports: ExportSpec[];
  /** Kernel cache lifetimes handed to targets (ms). Long is safe: the head pushes invalidations. */
  entryTtlMs?: number;
  attrTtlMs?: number;
  /** Watch the exports for changes by other processes on the head (default true). */
  watch?: boolean;
  /**
   * Delegate files to targets (default false; docs/consistency.md "Delegations"): a target then
   * opens files it holds a delegation of without asking, and the head takes them back before any
   * change. Changes by other processes are caught with kernel leases, which make a writer wait
   * for the recall — so the process serving the exports must not itself write exported files
   * with *synchronous* calls (writeFileSync, ...): its event loop would be blocked while the
   * recall waits for it, until the lease helper gives up after GIVE_UP_MS (3 s).
   */
  delegate?: boolean;
  /** How long a recall may wait for a target's answer, ms (default {@link RECALL_TIMEOUT_MS}). */
  recallTimeoutMs?: number;
  logger?: Logger;
}

/**
 * The head's exports served to any number of target links: every `fs.*` call on a link goes to
 * one shared {@link FileService} (so locks exclude across targets), each change is pushed as an
 * `fs.inval` notification to every other link that may cache it, and a link's handles, locks and
 * lookups are dropped when it closes.
 */
export class FileServer extends EventEmitter {
  readonly service: FileService;
  private readonly peers = new Set<Peer>();
  private readonly log: Logger;

  constructor(readonly opts: FileServerOptions) {
    super();
    this.log = opts.logger ?? silentLogger;
    this.service = new FileService({
      exports: opts.exports,
      entryTtlMs: opts.entryTtlMs ?? 10_000,
      attrTtlMs: opts.attrTtlMs ?? 10_000,
      watch: opts.watch ?? true,
      onInvalidate: (inv, origin) => this.broadcast(inv, origin),
      ...(opts.delegate === true ? { recall: (origin: unknown, nodes: number[]) => this.recall(origin as Peer, nodes) } : {}),
    });
  }

  /** Resolves once the export watcher reports changes. */
  ready(): Promise<void> {
    return this.service.ready();
  }

  /** Events: "inval" (inv: Invalidation) after each invalidation has been pushed to the links. */
  private broadcast(inv: Invalidation, origin: unknown): void {
    for (const p of this.peers) if (p !== origin) p.notify(FS_INVAL, inv);
    this.emit("inval", inv);
  }

  /** Take delegations back from the target behind `peer` (resolves once it answered, failed or timed out). */
  private async recall(peer: Peer, nodes: number[]): Promise<void> {
    if (!this.peers.has(peer)) return; // gone: it holds nothing any more
    try {
      await peer.call(FS_RECALL, { nodes }, { timeoutMs: this.opts.recallTimeoutMs ?? RECALL_TIMEOUT_MS });
    } catch (err) {
      if (this.peers.has(peer)) this.log.warn("delegation recall failed", { nodes, err: (err as Error).message });
    }
  }

  /** Export one more directory (no-op if already exported); returns its index. */
  addExport(e: ExportSpec): number {
    return this.service.addExport(e);
  }

  /** The current exports, in the order targets number them. */
  get exports(): ExportSpec[] {
    return this.service.exports;
  }

  /** Serve the file service on a link until it closes. */
  serve(peer: Peer): void {
    this.peers.add(peer);
    const svc = this.service as unknown as Record<string, (p: unknown, ctx: unknown) => Promise<unknown>>;
    for (const m of FS_METHODS) {
      if (m === "forget") continue;
      const fn = svc[m]!;
      peer.handle(FS_PREFIX + m, (p: unknown, ctx) => {
        if (p === null || typeof p !== "object") throw new RpcError("BAD_PARAMS", `${FS_PREFIX}${m}: params must be an object`);
        if (m === "release") return this.service.release(p as { fh: number }).then(() => RELEASE_OUT);
        if (m === "releasedir") return this.service.releasedir(p as { fh: number }).then(() => RELEASE_OUT);
        // Data is read straight into the reply's frame (pooled for large reads): no copy, and no
        // megabyte allocated per read, which V8 answers with frequent major collections.
        if (m === "read" && READ_IN_PLACE) return this.service.readInto(p as { fh: number; offset: number; size: number }, replyBuffer).then(inPlace);
        // The signal is made on first read (rpc creates an AbortController only then, ~12 µs a
        // call); only lock waits read it.
        return fn.call(this.service, p, {
          origin: peer,
          get signal() {
            return ctx.signal;
          },
        });
        // A write's data is done with once the write settled: its message buffer can be reused.
      }, m === "write" ? PARAMS_LENT : undefined);
    }
    // fs.release as a notification (announced in the answer to the call: `{ notify: true }`).
    peer.onNotify(FS_PREFIX + "release", (p: unknown) => {
      if (p === null || typeof p !== "object") return;
      const fhs = (p as { fhs?: unknown }).fhs;
      const each = Array.isArray(fhs) ? fhs.slice(0, 4096).map((fh) => ({ fh: Number(fh) })) : [p as { fh: number }];
      for (const q of each) this.service.release(q).catch((err: Error) => this.log.debug("release failed", { err: err.message }));
    });
    peer.onNotify(FS_PREFIX + "releasedir", (p: unknown) => {
      if (p === null || typeof p !== "object") return;
      this.service.releasedir(p as { fh: number }).catch((err: Error) => this.log.debug("releasedir failed", { err: err.message }));
    });
    peer.onNotify(FS_PREFIX + "forget", (p: unknown) => {
      if (p === null || typeof p !== "object") return;
      this.service.forget(p as { items: Array<[number, number]> }, { origin: peer }).catch((err: Error) => this.log.warn("forget failed", { err: err.message }));
    });
    peer.onNotify(FS_DELEGRETURN, (p: unknown) => {
      if (p === null || typeof p !== "object") return;
      this.service.delegreturn(p as { nodes: number[] }, { origin: peer });
    });
    peer.once("close", () => {
      this.peers.delete(peer);
      this.service.dropOrigin(peer);
    });
  }

  /** Stop watching and close every descriptor. */
  async close(): Promise<void> {
    await this.service.close();
  }
}
