import { mkdirSync, openSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { HeadClient, startHeadDaemon, headPaths, readTokenFile } from "@mrc/head";
import { jsonLogger, LOG_LEVELS, type LogLevel } from "@mrc/protocol";
import { listenAddress } from "../address.js";
import { parse } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc head [--listen HOST:PORT [--cert FILE --key FILE]] [--token-file FILE] [--background]
       mrc head status | stop

Run the user's head daemon: it keeps jobs apart from the terminal that started them
(mrc run --detach, ps, attach, logs, kill, wait), places them on the least loaded target,
queues what cannot run yet, and resumes its jobs after a restart. Commands reach it through
a unix socket in the user's runtime directory ($MRC_HEAD_DIR overrides all its paths).

      --listen HOST:PORT  also accept targets that dial in (mrc target --connect)
      --cert FILE         TLS certificate for --listen (wss://); with --key
      --key FILE          its private key
      --token-file FILE   token of dial-in targets and of targets without their own
                          token file (else $MRC_TOKEN)
      --log-limit BYTES   bound of each job's output log (default 32 MiB)
      --background        start in the background and return once it answers
      --log-level LEVEL   ${LOG_LEVELS.join("|")} (JSON lines on stderr; default info)
`;

/** `mrc head`: run, query or stop the head daemon. */
export const headCli: CommandModule = {
  describe: "run the head daemon (jobs outlive the terminal; status | stop)",
  async main(argv) {
    const { values, positionals } = parse(
      argv,
      {
        listen: { type: "string" },
        cert: { type: "string" },
        key: { type: "string" },
        "token-file": { type: "string" },
        "log-limit": { type: "string" },
        "log-level": { type: "string" },
        background: { type: "boolean" },
        name: { type: "string" },
      },
      USAGE,
    );
    const sub = positionals[0];
    if (sub === "status") return status();
    if (sub === "stop") return stopDaemon();
    if (sub !== undefined) fail(`unknown head subcommand ${sub}\n${USAGE}`);
    if (values.background) return background(argv.filter((a) => a !== "--background"));
    const level = (values["log-level"] ?? "info") as LogLevel;
    if (!LOG_LEVELS.includes(level)) fail(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
    const logger = jsonLogger(level);
    let token: string | undefined;
    try {
      token = values["token-file"] ? readTokenFile(values["token-file"]) : process.env.MRC_TOKEN?.trim() || undefined;
    } catch (err) {
      fail((err as Error).message);
    }
    let listen: { host: string; port: number; token: string; cert?: string; key?: string } | undefined;
    if (values.listen) {
      if (!token) fail("--listen needs a token for dial-in targets: --token-file FILE or $MRC_TOKEN");
      if ((values.cert === undefined) !== (values.key === undefined)) fail("--cert and --key go together");
      try {
        listen = {
          ...listenAddress(values.listen),
          token,
          ...(values.cert ? { cert: readFileSync(values.cert, "utf8"), key: readFileSync(values.key!, "utf8") } : {}),
        };
      } catch (err) {
        fail((err as Error).message);
      }
    }
    const logLimit = values["log-limit"] !== undefined ? Number(values["log-limit"]) : undefined;
    if (logLimit !== undefined && !(logLimit > 0)) fail("--log-limit must be a positive number of bytes");
    let d;
    try {
      d = await startHeadDaemon({
        logger,
        ...(token ? { token } : {}),
        ...(listen ? { listen } : {}),
        ...(logLimit ? { logLimit } : {}),
        ...(values.name ? { name: values.name } : {}),
      });
    } catch (err) {
      fail(`head: ${(err as Error).message}`);
    }
    const stop = (sig: string) => {
      logger.info("shutting down", { signal: sig });
      void d.stop();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    if (d.cluster.listenUrl) process.stderr.write(`mrc head: targets may dial ${d.cluster.listenUrl}${d.cluster.listenFingerprint ? ` (certificate ${d.cluster.listenFingerprint})` : ""}\n`);
    await d.stopped;
    return 0;
  },
};

async function status(): Promise<number> {
  try {
    const c = await HeadClient.connect();
    const i = await c.info();
    const targets = await c.targets();
    const jobs = await c.jobs();
    await c.close();
    process.stdout.write(
      `head daemon pid ${i.pid}, home ${i.homeId}, state ${i.stateDir}\n` +
        (i.listenUrl ? `dial-in targets: ${i.listenUrl}${i.fingerprint ? ` (certificate ${i.fingerprint})` : ""}\n` : "") +
        `${targets.filter((t) => t.connected).length}/${targets.length} targets connected, ` +
        `${jobs.filter((j) => j.state === "running").length} jobs running, ${jobs.filter((j) => j.state === "queued").length} queued\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 1;
  }
}

async function stopDaemon(): Promise<number> {
  try {
    const c = await HeadClient.connect();
    await c.shutdown();
    await c.close();
    return 0;
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 1;
  }
}

/** Start `mrc head ARGS` detached, logs to the state dir, and wait until it answers. */
async function background(args: string[]): Promise<number> {
  const paths = headPaths();
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const logFile = `${paths.stateDir}/head.log`;
  const out = openSync(logFile, "a", 0o600);
  const child = spawn(process.execPath, [process.argv[1]!, "head", ...args], { detached: true, stdio: ["ignore", out, out] });
  child.unref();
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) fail(`the head daemon exited at once (status ${child.exitCode}); see ${logFile}`);
    try {
      const c = await HeadClient.connect(paths);
      const i = await c.info();
      await c.close();
      if (i.pid === child.pid) {
        process.stdout.write(`mrc head running (pid ${i.pid}; log ${logFile})\n`);
        return 0;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`the head daemon did not answer within 10 s; see ${logFile}`);
}
