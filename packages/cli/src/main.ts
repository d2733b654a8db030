import { fail, type CommandModule } from "./commands/common.js";
import { runCli } from "./commands/run.js";
import { targetCli } from "./commands/target.js";

/** Every subcommand of `mrc`. Each parses its own options (so guest argv is never touched). */
export const COMMANDS: Readonly<Record<string, CommandModule>> = {
  run: runCli,
  target: targetCli,
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
    process.exit(name === undefined ? 255 : 0);
  }
  if (name === "--version") {
    process.stdout.write("0.1.0\n");
    process.exit(0);
  }
  const cmd = COMMANDS[name];
  if (!cmd) fail(`unknown command "${name}"\n${usage()}`);
  const status = await cmd.main(rest);
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
