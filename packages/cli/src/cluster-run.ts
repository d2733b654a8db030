import { userInfo } from "node:os";
import type { ExportSpec, SignalName } from "@mrc/protocol";
import { jobEnvironment, openCluster, type ClusterApi } from "@mrc/head";
import { followJob } from "./follow-job.js";
import { terminalSize } from "./terminal.js";

/** Signals `mrc run` forwards (as without a cluster). */
const FORWARD: readonly SignalName[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** Options of {@link runOnCluster}. */
export interface ClusterRunOptions {
  argv: string[];
  /** The -r selector (names, @labels, HOST:PORT; default: every configured target). */
  targets?: string;
  token?: string;
  exports: ExportSpec[];
  cwd: string;
  tty: "auto" | "force" | "never";
  detach: boolean;
  noQueue: boolean;
  name?: string;
  /** Use this cluster (tests) instead of {@link openCluster}. */
  cluster?: ClusterApi;
}

/**
 * `mrc run` through a cluster: the head daemon when one runs (needed for --detach), else an
 * in-process cluster. The job is placed by load, queued if every target is full, and shown here
 * with stdio, tty and signals like a direct run; with --detach only its id is printed.
 */
export async function runOnCluster(o: ClusterRunOptions): Promise<number> {
  let cluster: ClusterApi;
  try {
    cluster = o.cluster ?? (await openCluster({ requireDaemon: o.detach, ...(o.token ? { token: o.token } : {}) }));
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 255;
  }
  try {
    const useTty = o.tty === "force" || (o.tty === "auto" && !o.detach && process.stdin.isTTY === true && process.stdout.isTTY === true);
    const env = process.env;
    const info = await cluster.submit({
      argv: o.argv,
      env: jobEnvironment(env, o.cwd),
      cwd: o.cwd,
      exports: o.exports,
      ...(o.targets ? { targets: o.targets } : {}),
      ...(useTty ? { tty: { ...terminalSize(), term: env.TERM ?? "xterm-256color" } } : {}),
      ...(o.noQueue ? { noQueue: true } : {}),
      ...(o.name ? { name: o.name } : {}),
      user: userInfo().username,
      interactive: !o.detach || useTty,
      ...(o.token ? { token: o.token } : {}),
    });
    if (info.state === "failed") {
      process.stderr.write(`mrc: ${info.error ?? "the job could not be started"}\n`);
      return info.status ?? 255;
    }
    if (o.detach) {
      process.stdout.write(`${info.id}\n`);
      return 0;
    }
    if (info.state === "queued") process.stderr.write(`mrc: job ${info.id} queued: every target it may use is full\n`);
    const r = await followJob(cluster, info.id, { stdin: true, tty: useTty, forward: FORWARD, detachOn: [] });
    return r.status;
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 255;
  } finally {
    if (!o.cluster) await cluster.close().catch(() => {});
  }
}
