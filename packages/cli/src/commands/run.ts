import yargs from "yargs";
import { loadToken } from "../token.js";
import { runCommand } from "../run-command.js";
import { fail, type CommandModule } from "./common.js";
import { insideExports, parseExports } from "../exports.js";
import { realpathSync } from "node:fs";
import type { ExportSpec } from "@mrc/protocol";

/** `mrc run [-r HOST:PORT] [--token-file F] [-t|-T] [-C DIR] [--] CMD [ARGS...]` */
export const runCli: CommandModule = {
  describe: "run a command on a target with this terminal's stdio, signals and exit status",
  async main(argv) {
    const a = await yargs(argv)
      .scriptName("mrc run")
      .usage("$0 [-r HOST:PORT] [--token-file FILE] [-d DIR[:ro]]... [-t|-T] [-C DIR] [--] CMD [ARGS...]")
      .parserConfiguration({ "halt-at-non-option": true, "populate--": true })
      .option("r", { alias: "remote", type: "string", describe: "target HOST:PORT (default: an embedded target in this process)" })
      .option("token-file", { type: "string", describe: "file holding the shared token (else $MRC_TOKEN)" })
      .option("t", { type: "boolean", describe: "force a pseudo-terminal" })
      .option("T", { type: "boolean", describe: "never use a pseudo-terminal" })
      .option("C", { alias: "cwd", type: "string", describe: "working directory of the guest (default: this one, which must lie in an export)" })
      .option("d", { alias: "export", type: "string", array: true, describe: "export DIR to the guest at the same path (repeatable; DIR:ro read-only; default: the cwd)" })
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
    const here = process.cwd();
    let exports: ExportSpec[];
    try {
      const given = (a.d as string[] | undefined) ?? [];
      // With no -d the cwd is exported (unless it is / : then nothing is).
      exports = parseExports(given.length > 0 ? given : here === "/" ? [] : [here], here);
    } catch (err) {
      fail((err as Error).message);
    }
    if (a.C === undefined && exports.length > 0 && !insideExports(realpathSync(here), exports)) {
      fail(`the current directory ${here} is in no export; export it with -d or give --cwd`);
    }
    return runCommand({
      exports,
      ...(a.r !== undefined ? { target: a.r } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(a.C !== undefined ? { cwd: a.C } : exports.length > 0 ? { cwd: realpathSync(here) } : {}),
      argv: cmd,
      tty: a.t ? "force" : a.T ? "never" : "auto",
    });
  },
};
