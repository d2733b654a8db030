import type { CommandModule } from "./commands/common.js";

/**
 * Every subcommand of `mrc`, loaded on demand (each parses its own options, so guest argv is
 * never touched, and `mrc run` does not pay for loading the target daemon's code).
 */
export const COMMANDS: Readonly<Record<string, { describe: string; load: () => Promise<CommandModule> }>> = {
  run: { describe: "run a command on a target with this terminal's stdio, signals and exit status", load: async () => (await import("./commands/run.js")).runCli },
  target: { describe: "run the target daemon: accept head links and run their jobs", load: async () => (await import("./commands/target.js")).targetCli },
  head: { describe: "run the head daemon (jobs outlive the terminal; status | stop)", load: async () => (await import("./commands/head.js")).headCli },
  ps: { describe: "list the head daemon's jobs", load: async () => (await import("./commands/ps.js")).psCli },
  attach: { describe: "reattach this terminal to a job (output replayed, stdin and signals forwarded)", load: async () => (await import("./commands/attach.js")).attachCli },
  logs: { describe: "print a job's output (-f: follow it)", load: async () => (await import("./commands/logs.js")).logsCli },
  kill: { describe: "signal jobs (default SIGTERM); queued jobs are dequeued", load: async () => (await import("./commands/kill.js")).killCli },
  wait: { describe: "wait for a job to end and exit with its status", load: async () => (await import("./commands/wait.js")).waitCli },
  mon: { describe: "live view of targets, their load and jobs (--json: one snapshot)", load: async () => (await import("./commands/mon.js")).monCli },
  map: { describe: "run a command once per input line as cluster jobs, like GNU parallel", load: async () => (await import("./commands/map.js")).mapCli },
  mbox: { describe: "send or receive mailbox messages from a guest (mrc mbox send|recv)", load: async () => (await import("./commands/mbox.js")).mboxCli },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  mrc ${n.padEnd(8)} ${c.describe}`);
  return `usage: mrc <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun "mrc <command> --help" for a command's options.\n`;
}

/** Entry point of the `mrc` executable. Exits the process with the command's status. */
export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    process.exit(name === undefined ? 2 : 0);
  }
  if (name === "--version") {
    process.stdout.write("0.1.0\n");
    process.exit(0);
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`mrc: unknown command "${name}"\n${usage()}`);
    process.exit(2);
  }
  const status = await (await entry.load()).main(rest);
  // Let our own stdout/stderr drain, then leave even if stdin (a terminal) is still open.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(status);
}

function drained(s: NodeJS.WriteStream): Promise<void> {
  if (s.writableLength === 0 || s.destroyed) return Promise.resolve();
  return new Promise((r) => {
    s.once("drain", r);
    s.once("close", r);
    s.once("error", () => r());
  });
}
