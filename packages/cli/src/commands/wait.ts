import { parse, withDaemon } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc wait JOB

Wait until a job of the head daemon ends; exit with its status (code, 128+N for signal N,
255 if it failed to run or was lost).
`;

/** `mrc wait JOB`. */
export const waitCli: CommandModule = {
  describe: "wait for a job to end and exit with its status",
  async main(argv) {
    const { positionals } = parse(argv, {}, USAGE);
    if (positionals.length !== 1) fail(`give one job id\n${USAGE}`);
    return withDaemon(async (c) => {
      const info = await c.wait(positionals[0]!);
      if (info.state === "failed") process.stderr.write(`mrc: job ${info.id}: ${info.error ?? "failed"}\n`);
      return info.status ?? 255;
    });
  },
};
