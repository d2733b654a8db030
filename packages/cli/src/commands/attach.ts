import type { SignalName } from "@mrc/protocol";
import { followJob } from "../follow-job.js";
import { parse, withDaemon } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc attach JOB

Reconnect this terminal to a job of the head daemon: its output so far (what the bounded log
still holds, with a note if the start was dropped), then live output; stdin and terminal go to
the job if it has a tty or was started interactive. Ctrl-C and other signals are forwarded.
SIGTERM or SIGHUP to mrc attach only detach (the job goes on). Exits with the job's status.
`;

const FORWARD: readonly SignalName[] = ["SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** `mrc attach JOB`. */
export const attachCli: CommandModule = {
  describe: "reattach this terminal to a job (output replayed, stdin and signals forwarded)",
  async main(argv) {
    const { positionals } = parse(argv, {}, USAGE);
    if (positionals.length !== 1) fail(`give one job id\n${USAGE}`);
    const id = positionals[0]!;
    return withDaemon(async (c) => {
      const info = await c.job(id);
      const live = info.state === "running" || info.state === "queued" || info.state === "starting";
      const r = await followJob(c, id, { stdin: info.interactive && live, tty: info.tty && process.stdin.isTTY === true, forward: FORWARD, detachOn: ["SIGTERM", "SIGHUP"] });
      if (r.detached) process.stderr.write(`mrc: detached from job ${id} (it goes on)\n`);
      return r.status;
    });
  },
};
