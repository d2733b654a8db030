import yargs from "yargs";
import { jsonLogger, LOG_LEVELS, type LogLevel } from "@mrc/protocol";
import { listenAddress } from "../address.js";
import { serveTarget } from "../target-command.js";
import { loadToken } from "../token.js";
import { fail, type CommandModule } from "./common.js";

/** `mrc target --listen HOST:PORT --token-file FILE [--log-level L]` */
export const targetCli: CommandModule = {
  describe: "run the target daemon: accept head links and run their jobs",
  async main(argv) {
    const a = await yargs(argv)
      .scriptName("mrc target")
      .option("listen", { type: "string", default: "127.0.0.1:7650", describe: "HOST:PORT to listen on" })
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
      addr = listenAddress(a.listen);
    } catch (err) {
      fail((err as Error).message);
    }
    const logger = jsonLogger(a["log-level"] as LogLevel);
    try {
      await serveTarget({ ...addr, token, logger, ...(a.name ? { name: a.name } : {}), ...(a["run-as"] ? { runAs: a["run-as"] } : {}), allowRoot: a["allow-root"] });
    } catch (err) {
      fail(`target: ${(err as Error).message}`);
    }
    return 0;
  },
};
