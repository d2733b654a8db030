import { FORWARDED_SIGNALS, type SignalName } from "@mrc/protocol";
import { parse, withDaemon } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc kill [-s SIGNAL] JOB...

Send a signal (default SIGTERM) to jobs of the head daemon. A queued job is taken off the queue.
`;

/** `mrc kill [-s SIG] JOB...`. */
export const killCli: CommandModule = {
  describe: "signal jobs (default SIGTERM); queued jobs are dequeued",
  async main(argv) {
    const { values, positionals } = parse(argv, { signal: { type: "string", short: "s" } }, USAGE);
    if (positionals.length === 0) fail(`give at least one job id\n${USAGE}`);
    const raw = (values.signal ?? "TERM").toUpperCase();
    const sig = (raw.startsWith("SIG") ? raw : `SIG${raw}`) as SignalName;
    if (!(FORWARDED_SIGNALS as readonly string[]).includes(sig)) fail(`unknown or unsupported signal ${values.signal}: one of ${FORWARDED_SIGNALS.join(" ")}`);
    return withDaemon(async (c) => {
      let status = 0;
      for (const id of positionals) {
        try {
          await c.signal(id, sig);
        } catch (err) {
          process.stderr.write(`mrc: job ${id}: ${(err as Error).message}\n`);
          status = 1;
        }
      }
      return status;
    });
  },
};
