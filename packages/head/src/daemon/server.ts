import { pipeline } from "node:stream/promises";
import { listen, RpcError, type Listener, type Peer } from "@mrc/rpc";
import { silentLogger, type Logger, type SignalName } from "@mrc/protocol";
import type { JobSpec } from "../cluster-api.js";
import type { Cluster } from "../runtime/cluster.js";
import { HEAD_VERSION } from "../target-link.js";
import { HEAD_METHODS, type AttachIn, type HeadInfo } from "./control.js";

const str = (v: unknown, what: string): string => {
  if (typeof v !== "string" || v === "") throw new RpcError("BAD_PARAMS", `${what} must be a non-empty string`);
  return v;
};

/**
 * Serve a {@link Cluster} to the user's `mrc` commands on a unix socket (mode 0600, and each
 * client must prove the daemon's token). One link per command; an attach ends with its link.
 */
export async function serveControl(cluster: Cluster, o: { socket: string; token: string; stateDir: string; logger?: Logger; onShutdown: () => void }): Promise<Listener> {
  const log = o.logger ?? silentLogger;
  return listen({
    path: o.socket,
    token: o.token,
    info: { name: "mrc head", role: "head", version: HEAD_VERSION },
    features: ["control"],
    onPeer: (peer) => handle(peer),
    onReject: (err) => log.warn("control link refused", { reason: err.message }),
  });

  function handle(peer: Peer): void {
    peer.handle(HEAD_METHODS.submit, (p: JobSpec) => {
      if (!p || !Array.isArray(p.argv) || p.argv.length === 0 || !p.argv.every((a) => typeof a === "string")) throw new RpcError("BAD_PARAMS", "argv must be a non-empty list of strings");
      if (typeof p.cwd !== "string" || !Array.isArray(p.exports) || typeof p.env !== "object") throw new RpcError("BAD_PARAMS", "cwd, env and exports are required");
      return cluster.submit(p);
    });
    peer.handle(HEAD_METHODS.jobs, () => cluster.jobs());
    peer.handle(HEAD_METHODS.job, (p: { id?: unknown }) => cluster.job(str(p?.id, "id")));
    peer.handle(HEAD_METHODS.wait, (p: { id?: unknown }) => cluster.wait(str(p?.id, "id")));
    peer.handle(HEAD_METHODS.signal, async (p: { id?: unknown; signal?: unknown }) => {
      await cluster.signal(str(p?.id, "id"), str(p?.signal, "signal") as SignalName);
      return null;
    });
    peer.handle(HEAD_METHODS.resize, async (p: { id?: unknown; cols?: unknown; rows?: unknown }) => {
      if (typeof p?.cols !== "number" || typeof p?.rows !== "number") throw new RpcError("BAD_PARAMS", "cols and rows must be numbers");
      await cluster.resize(str(p.id, "id"), p.cols, p.rows);
      return null;
    });
    peer.handle(HEAD_METHODS.attach, async (p: AttachIn) => {
      const h = await cluster.attach(str(p?.id, "id"), { follow: p.follow !== false, stdin: p.stdin !== undefined });
      const out = peer.writer(p.stdout);
      const err = peer.writer(p.stderr);
      pipeline(h.stdout, out).catch(() => h.detach());
      pipeline(h.stderr, err).catch(() => h.detach());
      if (p.stdin !== undefined && h.stdin) pipeline(peer.reader(p.stdin), h.stdin).catch(() => {});
      peer.once("close", () => h.detach());
      return { dropped: h.dropped };
    });
    peer.handle(HEAD_METHODS.targets, () => cluster.targets());
    peer.handle(HEAD_METHODS.drain, async (p: { name?: unknown; draining?: unknown }) => {
      await cluster.drain(str(p?.name, "name"), p.draining !== false);
      return null;
    });
    peer.handle(HEAD_METHODS.info, (): HeadInfo => ({
      pid: process.pid,
      homeId: cluster.homeId,
      stateDir: o.stateDir,
      version: HEAD_VERSION,
      ...(cluster.listenUrl ? { listenUrl: cluster.listenUrl } : {}),
      ...(cluster.listenFingerprint ? { fingerprint: cluster.listenFingerprint } : {}),
    }));
    peer.handle(HEAD_METHODS.shutdown, () => {
      setImmediate(o.onShutdown);
      return null;
    });
  }
}
