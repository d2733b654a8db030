import { readFileSync } from "node:fs";
import yargs from "yargs";
import { certFingerprint } from "@mrc/rpc";
import { HeadClient } from "@mrc/head";
import { jsonLogger, LOG_LEVELS, type LogLevel } from "@mrc/protocol";
import { listenAddress } from "../address.js";
import { serveTarget } from "../target-command.js";
import { loadToken } from "../token.js";
import { fail, type CommandModule } from "./common.js";

/** `mrc target --listen HOST:PORT --token-file FILE [--log-level L]` */
export const targetCli: CommandModule = {
  describe: "run the target daemon: accept head links and run their jobs",
  async main(argv) {
    if (argv[0] === "fingerprint") return fingerprintMain(argv.slice(1));
    if (argv[0] === "drain" || argv[0] === "undrain") return drainMain(argv[0] === "drain", argv.slice(1));
    const a = await yargs(argv)
      .scriptName("mrc target")
      .usage("mrc target [--listen HOST:PORT] [--connect URL] [options]\nmrc target fingerprint --cert FILE\nmrc target drain|undrain NAME")
      .option("listen", { type: "string", describe: "HOST:PORT to listen on (default 127.0.0.1:7650 unless --connect is given)" })
      .option("connect", { type: "string", describe: "dial a head daemon (ws://HOST:PORT or wss://…) and serve its jobs; for targets behind NAT" })
      .option("slots", { type: "number", describe: "jobs at once, all heads together (0: unlimited; default: cores)" })
      .option("label", { type: "string", array: true, describe: "label heads may select this target by (-r @label); repeatable" })
      .option("cert", { type: "string", describe: "TLS certificate (PEM) for --listen: serve wss://" })
      .option("key", { type: "string", describe: "TLS private key (PEM) for --cert" })
      .option("head-fingerprint", { type: "string", describe: "expected certificate fingerprint of the --connect head (else pinned on first use)" })
      .option("token-file", { type: "string", describe: "file holding the shared token (else $MRC_TOKEN)" })
      .option("run-as", { type: "string", describe: "user guests run as (default: this user; nobody when run as root)" })
      .option("allow-root", { type: "boolean", default: false, describe: "allow --run-as root" })
      .option("name", { type: "string", describe: "name of this target (default: hostname)" })
      .option("log-level", { choices: LOG_LEVELS, default: "info" as LogLevel, describe: "least severe level logged (JSON lines on stderr)" })
      .strict()
      .help()
      .fail((msg, err) => fail(msg ?? err?.message ?? "bad usage"))
      .parseAsync();
    let token: string;
    let addr: { host: string; port: number };
    try {
      token = loadToken(a["token-file"]);
      addr = listenAddress(a.listen ?? "127.0.0.1:7650");
      if (a.slots !== undefined && !(Number.isInteger(a.slots) && a.slots >= 0)) throw new Error("--slots must be a whole number ≥ 0");
      if ((a.cert === undefined) !== (a.key === undefined)) throw new Error("--cert and --key go together");
    } catch (err) {
      fail((err as Error).message);
    }
    const logger = jsonLogger(a["log-level"] as LogLevel);
    try {
      await serveTarget({
        ...addr,
        token,
        logger,
        ...(a.name ? { name: a.name } : {}),
        ...(a["run-as"] ? { runAs: a["run-as"] } : {}),
        allowRoot: a["allow-root"],
        ...(a.slots !== undefined ? { slots: a.slots } : {}),
        ...(a.label ? { labels: a.label.map(String) } : {}),
        ...(a.cert && a.key ? { tls: { cert: readFileSync(a.cert, "utf8"), key: readFileSync(a.key, "utf8") } } : {}),
        ...(a.connect ? { connect: a.connect, noListen: a.listen === undefined } : {}),
        ...(a["head-fingerprint"] ? { headFingerprint: a["head-fingerprint"] } : {}),
      });
    } catch (err) {
      fail(`target: ${(err as Error).message}`);
    }
    return 0;
  },
};

/** `mrc target fingerprint --cert FILE`: the certificate's fingerprint, for users to pin. */
async function fingerprintMain(argv: string[]): Promise<number> {
  const i = argv.indexOf("--cert");
  const file = i >= 0 ? argv[i + 1] : undefined;
  if (!file) fail("usage: mrc target fingerprint --cert FILE");
  try {
    process.stdout.write(certFingerprint(readFileSync(file, "utf8")) + "\n");
  } catch (err) {
    fail(`${file}: ${(err as Error).message}`);
  }
  return 0;
}

/** `mrc target drain|undrain NAME`: through the head daemon, stop (resume) placing jobs there. */
async function drainMain(on: boolean, argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith("-")) fail(`usage: mrc target ${on ? "drain" : "undrain"} NAME`);
  try {
    const c = await HeadClient.connect();
    try {
      await c.drain(argv[0]!, on);
    } finally {
      await c.close();
    }
  } catch (err) {
    fail((err as Error).message);
  }
  return 0;
}
