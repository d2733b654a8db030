import { existsSync } from "node:fs";
import { headPaths } from "@mrc/head/link";
import { parseArgs } from "node:util";
import type { ExportSpec } from "@mrc/protocol";
import { loadToken } from "../token.js";
import { runCommand } from "../run-command.js";
import { exportsAndCwd, firstCommandIndex, isAddress } from "../job-args.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc run [-r TARGETS] [--detach] [--token-file FILE] [-d DIR[:ro]]... [-t|-T] [-C DIR] [--] CMD [ARGS...]

Run CMD on a target with this terminal's stdin/stdout/stderr, signals and exit status.

  -r, --remote TARGETS     where to run: HOST:PORT, a configured target name, @label,
                           or a comma-separated list of these (the least loaded target
                           with a free slot is picked; the job queues if all are full).
                           Default: an embedded target in this process.
      --detach             submit to the head daemon, print the job id and return
                           (see mrc ps / attach / logs / wait / kill)
      --no-queue           fail at once if no target has a free slot
      --name NAME          a name for the job (shown by mrc ps)
      --token-file FILE    file holding the shared token (else $MRC_TOKEN)
  -d, --export DIR[:ro]    export DIR to the guest at the same path (repeatable;
                           :ro read-only; default: the current directory)
  -t                       force a pseudo-terminal
  -T                       never use a pseudo-terminal
  -C, --cwd DIR            working directory of the guest (default: this one,
                           which must lie in an export)
  -h, --help               show this help
`;

/**
 * `mrc run`. Options stop at the first non-option (the command), as with ssh, so the guest's
 * own flags are never parsed here. node:util parseArgs keeps this hot path light (launch latency).
 */
export const runCli: CommandModule = {
  describe: "run a command on a target with this terminal's stdio, signals and exit status",
  async main(argv) {
    const split = firstCommandIndex(argv, WITH_VALUE);
    let values: Record<string, string | boolean | string[] | undefined>;
    try {
      ({ values } = parseArgs({
        args: argv.slice(0, split),
        options: {
          remote: { type: "string", short: "r" },
          "token-file": { type: "string" },
          export: { type: "string", short: "d", multiple: true },
          t: { type: "boolean" },
          T: { type: "boolean" },
          cwd: { type: "string", short: "C" },
          detach: { type: "boolean" },
          "no-queue": { type: "boolean" },
          name: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      fail(`${(err as Error).message}\n${USAGE}`);
    }
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const cmd = argv.slice(argv[split] === "--" ? split + 1 : split);
    if (cmd.length === 0) fail("no command given (usage: mrc run [-r HOST:PORT] [--] CMD [ARGS...])");
    if (values.t && values.T) fail("-t and -T exclude each other");
    const remote = values.remote as string | undefined;
    const viaCluster = values.detach === true || (remote !== undefined && (!isAddress(remote) || headRunning()));
    let token: string | undefined;
    if (remote !== undefined) {
      try {
        token = loadToken(values["token-file"] as string | undefined);
      } catch (err) {
        // Configured targets carry their own token files.
        if (!viaCluster) fail((err as Error).message);
      }
    }
    let place: { exports: ExportSpec[]; cwd: string };
    try {
      place = exportsAndCwd((values.export as string[] | undefined) ?? [], values.cwd as string | undefined);
    } catch (err) {
      fail((err as Error).message);
    }
    const { exports, cwd } = place;
    if (viaCluster) {
      const { runOnCluster } = await import("../cluster-run.js");
      return runOnCluster({
        argv: cmd,
        ...(remote !== undefined ? { targets: remote } : {}),
        ...(token !== undefined ? { token } : {}),
        exports,
        cwd,
        tty: values.t ? "force" : values.T ? "never" : "auto",
        detach: values.detach === true,
        noQueue: values["no-queue"] === true,
        ...(values.name !== undefined ? { name: values.name as string } : {}),
      });
    }
    return runCommand({
      exports,
      ...(remote !== undefined ? { target: remote } : {}),
      ...(token !== undefined ? { token } : {}),
      cwd,
      argv: cmd,
      tty: values.t ? "force" : values.T ? "never" : "auto",
    });
  },
};

/** Options that take a value (so the word after them is not the command). */
const WITH_VALUE = new Set(["-r", "--remote", "--token-file", "-d", "--export", "-C", "--cwd", "--name"]);

/** Does the user's head daemon run (its token file exists)? Then jobs go through it. */
function headRunning(): boolean {
  return existsSync(headPaths().tokenFile);
}
