import type { ClusterApi } from "../cluster-api.js";
import { Cluster, type ClusterOptions } from "../runtime/cluster.js";
import { HeadClient } from "./client.js";
import { headPaths, type HeadPaths } from "./paths.js";

/** Options of {@link openCluster}. */
export interface OpenClusterOptions extends ClusterOptions {
  paths?: HeadPaths;
  /** Fail (code NO_HEAD) instead of running an in-process cluster when no daemon runs. */
  requireDaemon?: boolean;
}

/**
 * The cluster for a command: the user's head daemon if one runs (jobs outlive the command),
 * else an in-process {@link Cluster} whose jobs end with it.
 */
export async function openCluster(o: OpenClusterOptions = {}): Promise<ClusterApi & { daemon: boolean }> {
  try {
    const c = await HeadClient.connect(o.paths ?? headPaths());
    return Object.assign(c, { daemon: true });
  } catch (err) {
    if (o.requireDaemon || (err as { code?: string }).code !== "NO_HEAD") throw err;
  }
  const c = await Cluster.start({ ...o, durable: false });
  return Object.assign(c, { daemon: false });
}
