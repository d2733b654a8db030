import { hostname } from "node:os";
import { connect, type Peer } from "@mrc/rpc";
import { FS_ATTACH, JOB_METHODS, type ExportSpec, type FsAttachIn, type TargetInfo } from "@mrc/protocol";
import type { FileServer } from "./file-server.js";
import { startJob, type RemoteJob, type StartJobOptions } from "./run.js";

/** Software version the head reports in handshakes. */
export const HEAD_VERSION = "0.1.0";

/** Options of {@link TargetLink.connect}. */
export interface TargetLinkOptions {
  token: string;
  /** Name this head gives itself (default head@hostname). */
  name?: string;
  connectTimeoutMs?: number;
}

/**
 * A head's link to one target: jobs run over it and, once {@link attach}ed, the head's exports
 * are served over it and mounted there. Closing the link ends its jobs and removes its mount.
 */
export class TargetLink {
  private exported: ExportSpec[] = [];
  private constructor(
    readonly peer: Peer,
    readonly url: string,
  ) {}

  /** Dial and authenticate. Rejects with an RpcError saying what failed. */
  static async connect(url: string, o: TargetLinkOptions): Promise<TargetLink> {
    const peer = await connect(url, {
      token: o.token,
      info: { name: o.name ?? `head@${hostname()}`, role: "head", version: HEAD_VERSION },
      features: ["jobs", "fs"],
      ...(o.connectTimeoutMs ? { connectTimeoutMs: o.connectTimeoutMs } : {}),
    });
    return new TargetLink(peer, url);
  }

  /** Wrap a link that is already authenticated (e.g. a target that dialed in). */
  static fromPeer(peer: Peer, url = "(dialed in)"): TargetLink {
    return new TargetLink(peer, url);
  }

  /** Serve `files` on this link and have the target mount its exports. Once per link. */
  async attach(files: FileServer): Promise<{ mountpoint: string }> {
    files.serve(this.peer);
    const a: FsAttachIn = { exports: files.opts.exports, headUid: process.getuid?.() ?? 0, headGid: process.getgid?.() ?? 0 };
    // Set before the call returns: a job started meanwhile binds the exports (the target makes
    // it wait for the mount).
    this.exported = files.opts.exports;
    try {
      return await this.peer.call<{ mountpoint: string }>(FS_ATTACH, a);
    } catch (err) {
      this.exported = [];
      throw err;
    }
  }

  /** Start a job; with attached exports it sees them at their own paths unless `exports` says otherwise. */
  run(o: StartJobOptions): Promise<RemoteJob> {
    return startJob(this.peer, { ...(this.exported.length > 0 ? { exports: this.exported } : {}), ...o });
  }

  /** The target's cores, load, memory and running jobs. */
  info(): Promise<TargetInfo> {
    return this.peer.call<TargetInfo>(JOB_METHODS.info);
  }

  /** Resolves with the reason when the link ends. */
  get closed(): Promise<Error> {
    return this.peer.closed;
  }

  /** Close the link (its jobs are killed by the target, its mount removed). */
  close(reason = "done"): void {
    this.peer.close(reason);
  }
}
