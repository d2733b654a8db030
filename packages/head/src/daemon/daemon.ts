import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Listener } from "@mrc/rpc";
import { silentLogger, type Logger } from "@mrc/protocol";
import { loadConfig, type ClusterConfig } from "../cluster/config.js";
import { Cluster, type HeadListenOptions } from "../runtime/cluster.js";
import { headPaths, privateDir, type HeadPaths } from "./paths.js";
import { serveControl } from "./server.js";

/** Options of {@link startHeadDaemon}. */
export interface HeadDaemonOptions {
  paths?: HeadPaths;
  config?: ClusterConfig;
  /** Token for targets without their own token file, and for ad-hoc HOST:PORT targets. */
  token?: string;
  /** Accept dial-in targets here. */
  listen?: HeadListenOptions;
  logLimit?: number;
  logger?: Logger;
  name?: string;
}

/** A running head daemon. */
export interface HeadDaemon {
  readonly cluster: Cluster;
  readonly paths: HeadPaths;
  /** Resolves when the daemon stopped (shutdown requested, or {@link stop}). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start the user's head daemon: the cluster (targets, queue, jobs resumed from the state
 * directory), its control socket, and optionally a listener for dial-in targets. Refuses to start
 * if another daemon already answers on the socket.
 */
export async function startHeadDaemon(o: HeadDaemonOptions = {}): Promise<HeadDaemon> {
  const paths = o.paths ?? headPaths();
  const log = o.logger ?? silentLogger;
  privateDir(dirname(paths.socket));
  privateDir(paths.stateDir);
  const config = o.config ?? (await loadConfig());
  const cluster = await Cluster.start({
    stateDir: paths.stateDir,
    config,
    durable: true,
    logger: log,
    ...(o.token !== undefined ? { token: o.token } : {}),
    ...(o.listen ? { listen: o.listen } : {}),
    ...(o.logLimit !== undefined ? { logLimit: o.logLimit } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
  });
  const token = randomBytes(32).toString("hex");
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let control: Listener;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      rmSync(paths.tokenFile, { force: true });
      await control.close().catch(() => {});
      await cluster.close();
      log.info("head stopped");
      resolveStopped();
    })());
  try {
    control = await serveControl(cluster, { socket: paths.socket, token, stateDir: paths.stateDir, logger: log, onShutdown: () => void stop() });
  } catch (err) {
    await cluster.close();
    throw err;
  }
  writeFileSync(paths.tokenFile, token + "\n", { mode: 0o600 });
  log.info("head started", { socket: paths.socket, state: paths.stateDir, homeId: cluster.homeId, listen: cluster.listenUrl });
  return { cluster, paths, stopped, stop };
}
