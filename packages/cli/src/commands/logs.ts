import { followJob } from "../follow-job.js";
import { parse, withDaemon } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc logs [-f] JOB

Print a job's output as the head daemon logged it (stdout to stdout, stderr to stderr).
The log is bounded: if its start was dropped, a note on stderr says how many bytes.

  -f, --follow   keep printing new output until the job ends
`;

/** `mrc logs [-f] JOB`. */
export const logsCli: CommandModule = {
  describe: "print a job's output (-f: follow it)",
  async main(argv) {
    const { values, positionals } = parse(argv, { follow: { type: "boolean", short: "f" } }, USAGE);
    if (positionals.length !== 1) fail(`give one job id\n${USAGE}`);
    return withDaemon(async (c) => {
      await followJob(c, positionals[0]!, { stdin: false, tty: false, forward: [], detachOn: ["SIGINT", "SIGTERM", "SIGHUP"], follow: values.follow === true });
      return 0;
    });
  },
};
