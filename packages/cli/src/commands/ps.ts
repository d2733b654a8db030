import type { JobInfo } from "@mrc/head";
import { parse, withDaemon } from "./jobs-common.js";
import type { CommandModule } from "./common.js";
import { age, table } from "../format.js";

const USAGE = `usage: mrc ps [-a] [--json]

List the head daemon's jobs: queued and running ones (-a: ended ones too).

  -a, --all    include ended and failed jobs
      --json   print the job records as a JSON array
`;

/** `mrc ps`: the daemon's jobs as a table (or JSON). */
export const psCli: CommandModule = {
  describe: "list the head daemon's jobs",
  async main(argv) {
    const { values } = parse(argv, { all: { type: "boolean", short: "a" }, json: { type: "boolean" } }, USAGE);
    return withDaemon(async (c) => {
      let jobs = await c.jobs();
      if (!values.all) jobs = jobs.filter((j) => j.state !== "ended" && j.state !== "failed");
      if (values.json) {
        process.stdout.write(JSON.stringify(jobs, null, 2) + "\n");
        return 0;
      }
      const now = Date.now();
      const rows = jobs.map((j) => [j.id, stateText(j), j.target ?? "-", j.user, age(now - (j.startedAt ?? j.submittedAt)), j.status === undefined ? "" : String(j.status), j.name]);
      process.stdout.write(table(["JOB", "STATE", "TARGET", "USER", "TIME", "STATUS", "COMMAND"], rows));
      return 0;
    });
  },
};

function stateText(j: JobInfo): string {
  if (j.state === "queued" && j.queuePosition !== undefined) return `queued#${j.queuePosition}`;
  if (j.state === "running" && j.disconnected) return "running?";
  return j.state;
}
