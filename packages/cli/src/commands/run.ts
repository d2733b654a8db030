import yargs from "yargs";
import { loadToken } from "../token.js";
import { runCommand } from "../run-command.js";
import { fail, type CommandModule } from "./common.js";

/** `mrc run [-r HOST:PORT] [--token-file F] [-t|-T] [-C DIR] [--] CMD [ARGS...]` */
export const runCli: CommandModule = {
  describe: "run a command on a target with this terminal's stdio, signals and exit status",
  async main(argv) {
    const a = await yargs(argv)
      .scriptName("mrc run")
      .usage("$0 [-r HOST:PORT] [--token-file FILE] [-t|-T] [-C DIR] [--] CMD [ARGS...]")
      .parserConfiguration({ "halt-at-non-option": true, "populate--": true })
      .option("r", { alias: "remote", type: "string", describe: "target HOST:PORT (default: an embedded target in this process)" })
      .option("token-file", { type: "string", describe: "file holding the shared token (else $MRC_TOKEN)" })
      .option("t", { type: "boolean", describe: "force a pseudo-terminal" })
      .option("T", { type: "boolean", describe: "never use a pseudo-terminal" })
      .option("C", { alias: "cwd", type: "string", describe: "working directory of the guest (default: this one)" })
      .strict()
      .help()
      .fail((msg, err) => fail(msg ?? err?.message ?? "bad usage"))
      .parseAsync();
    const cmd = [...a._, ...((a["--"] as unknown[] | undefined) ?? [])].map(String);
    if (cmd.length === 0) fail("no command given (usage: mrc run [-r HOST:PORT] [--] CMD [ARGS...])");
    if (a.t && a.T) fail("-t and -T exclude each other");
    let token: string | undefined;
    if (a.r !== undefined) {
      try {
        token = loadToken(a["token-file"]);
      } catch (err) {
        fail((err as Error).message);
      }
    }
    return runCommand({
      ...(a.r !== undefined ? { target: a.r } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(a.C !== undefined ? { cwd: a.C } : {}),
      argv: cmd,
      tty: a.t ? "force" : a.T ? "never" : "auto",
    });
  },
};
