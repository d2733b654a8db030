import { readFileSync } from "node:fs";
import { connect, RpcError, unixUrl, type Peer } from "@mrc/rpc";
import type { SignalName } from "@mrc/protocol";
import type { AttachHandle, AttachOptions, ClusterApi, JobInfo, JobSpec, TargetStatus } from "../cluster-api.js";
import { HEAD_VERSION } from "../target-link.js";
import { HEAD_METHODS, type AttachIn, type HeadInfo } from "./control.js";
import { headPaths, type HeadPaths } from "./paths.js";

/** A {@link ClusterApi} served by a running `mrc head` daemon, reached over its unix socket. */
export class HeadClient implements ClusterApi {
  private constructor(readonly peer: Peer) {}

  /** Connect to the daemon; rejects with code NO_HEAD when none runs. */
  static async connect(paths: HeadPaths = headPaths()): Promise<HeadClient> {
    let token: string;
    try {
      token = readFileSync(paths.tokenFile, "utf8").trim();
    } catch {
      throw new RpcError("NO_HEAD", `no head daemon is running (no ${paths.tokenFile}); start one with "mrc head"`);
    }
    try {
      const peer = await connect(unixUrl(paths.socket), { token, info: { name: "mrc", role: "client", version: HEAD_VERSION }, connectTimeoutMs: 5000 });
      return new HeadClient(peer);
    } catch (err) {
      const e = err as RpcError;
      if (e.code === "AUTH_FAILED") throw e;
      throw new RpcError("NO_HEAD", `no head daemon answers on ${paths.socket} (${e.message}); start one with "mrc head"`);
    }
  }

  submit(spec: JobSpec): Promise<JobInfo> {
    return this.peer.call(HEAD_METHODS.submit, spec);
  }
  jobs(): Promise<JobInfo[]> {
    return this.peer.call(HEAD_METHODS.jobs, {});
  }
  job(id: string): Promise<JobInfo> {
    return this.peer.call(HEAD_METHODS.job, { id });
  }
  wait(id: string): Promise<JobInfo> {
    return this.peer.call(HEAD_METHODS.wait, { id });
  }
  async signal(id: string, sig: SignalName): Promise<void> {
    await this.peer.call(HEAD_METHODS.signal, { id, signal: sig });
  }
  async resize(id: string, cols: number, rows: number): Promise<void> {
    await this.peer.call(HEAD_METHODS.resize, { id, cols, rows });
  }
  async attach(id: string, o: AttachOptions = {}): Promise<AttachHandle> {
    const stdout = this.peer.openReader();
    const stderr = this.peer.openReader();
    const stdin = o.stdin ? this.peer.openWriter() : undefined;
    const p: AttachIn = { id, follow: o.follow !== false, stdout: stdout.sid, stderr: stderr.sid, ...(stdin ? { stdin: stdin.sid } : {}) };
    let r: { dropped: number };
    try {
      r = await this.peer.call<{ dropped: number }>(HEAD_METHODS.attach, p);
    } catch (err) {
      stdout.destroy();
      stderr.destroy();
      stdin?.destroy();
      throw err;
    }
    const ended = (s: NodeJS.ReadableStream) => new Promise<void>((resolve) => {
      s.once("end", resolve);
      s.once("close", resolve);
      s.once("error", () => resolve());
    });
    return {
      stdout,
      stderr,
      ...(stdin ? { stdin } : {}),
      dropped: r.dropped,
      done: Promise.all([ended(stdout), ended(stderr)]).then(() => {}),
      detach: () => {
        stdout.destroy();
        stderr.destroy();
        stdin?.destroy();
      },
    };
  }
  targets(): Promise<TargetStatus[]> {
    return this.peer.call(HEAD_METHODS.targets, {});
  }
  async drain(name: string, draining: boolean): Promise<void> {
    await this.peer.call(HEAD_METHODS.drain, { name, draining });
  }
  /** The daemon's pid, home id, state dir and dial-in URL. */
  info(): Promise<HeadInfo> {
    return this.peer.call(HEAD_METHODS.info, {});
  }
  /** Ask the daemon to exit (jobs go on on their targets). */
  async shutdown(): Promise<void> {
    await this.peer.call(HEAD_METHODS.shutdown, {});
  }
  async close(): Promise<void> {
    this.peer.close("done");
  }
}
