import { closeSync, createWriteStream, existsSync, openSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import type { ExportSpec } from "@mrc/protocol";
import { jobEnvironment, openCluster, type ClusterApi } from "@mrc/head";
import { loadToken } from "../token.js";
import { exportsAndCwd, firstCommandIndex, isAddress } from "../job-args.js";
import { outputStream } from "../fd-writer.js";
import { inputLines, splitCommand, type InputSource } from "../map/input.js";
import { buildCommand } from "../map/placeholders.js";
import { mapJobs, parseHalt, type HaltPolicy } from "../map/runner.js";
import { StatusLine } from "../map/status-line.js";
import { summaryLine } from "../map/summary.js";
import { fail, type CommandModule } from "./common.js";

const USAGE = `usage: mrc map [-r TARGETS] [-j N] [-a FILE] [options] [--] CMD [ARGS...] [::: VALUE...]

Run CMD once per input line, each as a cluster job (placed, queued and limited by the
cluster's slots), like GNU parallel. Input: the values after :::, else the lines of
-a FILE, else the lines of stdin.

Placeholders in CMD and ARGS (none: the line is appended as the last argument):
  {}  the line     {.}  without extension   {/}  basename   {//}  dirname
  {/.} basename without extension    {#}  job number (1-based)    {%}  slot (1..N)
The line is one argument word as is (no shell), unless --shell is given.

  -r, --remote TARGETS     where jobs may run: target names, @label, HOST:PORT, or a
                           comma-separated list of these (default: every configured target)
  -j, --jobs N             at most N jobs of this map submitted and unfinished at once
                           (default: no limit but the cluster's slots; at most 1000
                           submissions are kept outstanding)
  -a, --arg-file FILE      read the input lines from FILE
  -0, --null               input items end with NUL, not newline
      --shell              run the command with sh -c (values are shell-quoted into it)
  -k, --keep-order         print each job's output grouped, in input order (the default)
  -u, --ungroup            print output as it comes, line by line, in any order
      --joblog FILE        write a GNU parallel joblog (TSV, one line per finished job)
      --progress           show the progress line on stderr (default: when it is a terminal)
      --no-progress        never show it
      --halt WHEN,fail=N   stop after N failed jobs: now (kill the running ones) or soon
                           (let them finish); never (the default) runs every job
      --dry-run            print the commands that would run, and run nothing
      --no-queue           a job fails at once if no target has a free slot
      --token-file FILE    file holding the shared token (else $MRC_TOKEN)
  -d, --export DIR[:ro]    export DIR to the jobs at the same path (repeatable;
                           :ro read-only; default: the current directory)
  -C, --cwd DIR            working directory of the jobs (default: this one, which must
                           lie in an export)
  -h, --help               show this help

Exit status: 0 if every job succeeded; else the number of jobs that did not (1-100),
101 for more than 100; 130 after Ctrl-C (every job of the map is killed); 255 if mrc
itself failed. A summary line goes to stderr at the end.
`;

/** Options that take a value (so the word after them is not the command). */
const WITH_VALUE = new Set(["-r", "--remote", "-j", "--jobs", "-a", "--arg-file", "--joblog", "--halt", "--token-file", "-d", "--export", "-C", "--cwd"]);

/** Signals that stop a map (its jobs are killed), and the exit status they give. */
const STOP_SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
];

/**
 * `mrc map`: GNU parallel over a cluster. Parses argv (options stop at the command, as with
 * `mrc run`), opens the cluster ({@link openCluster}: the head daemon if one runs, else an
 * in-process cluster), and runs {@link mapJobs}.
 */
export const mapCli: CommandModule = {
  describe: "run a command once per input line as cluster jobs, like GNU parallel",
  async main(argv) {
    // Should the event loop ever run dry before the map ends (a promise nobody will settle), do
    // not let the process end with status 0 as if every job had succeeded.
    const stalled = () => {
      process.stderr.write("mrc: internal error: mrc map stopped waiting for its jobs (nothing left to wait on)\n");
      process.exitCode = 255;
    };
    process.once("beforeExit", stalled);
    try {
      return await mapMain(argv);
    } finally {
      process.off("beforeExit", stalled);
    }
  },
};

async function mapMain(argv: string[]): Promise<number> {
  const split = firstCommandIndex(argv, WITH_VALUE);
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.slice(0, split),
      options: {
        remote: { type: "string", short: "r" },
        jobs: { type: "string", short: "j" },
        "arg-file": { type: "string", short: "a" },
        null: { type: "boolean", short: "0" },
        shell: { type: "boolean" },
        "keep-order": { type: "boolean", short: "k" },
        group: { type: "boolean" },
        ungroup: { type: "boolean", short: "u" },
        joblog: { type: "string" },
        progress: { type: "boolean" },
        "no-progress": { type: "boolean" },
        halt: { type: "string" },
        "dry-run": { type: "boolean" },
        "no-queue": { type: "boolean" },
        "token-file": { type: "string" },
        export: { type: "string", short: "d", multiple: true },
        cwd: { type: "string", short: "C" },
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
  let words: { template: string[]; args?: string[] };
  try {
    words = splitCommand(argv.slice(argv[split] === "--" ? split + 1 : split));
  } catch (err) {
    fail((err as Error).message);
  }
  const template = words.template;
  if (template.length === 0) fail("no command given (usage: mrc map [-r TARGETS] [--] CMD [ARGS...] [::: VALUES...])");
  if (values.ungroup && values["keep-order"]) fail("-u (--ungroup) and -k (--keep-order) exclude each other");
  if (values.progress && values["no-progress"]) fail("--progress and --no-progress exclude each other");
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    const s = values.jobs as string;
    if (!/^\d+$/.test(s) || Number(s) < 1) fail(`bad --jobs "${s}": a positive integer`);
    jobs = Number(s);
  }
  let halt: HaltPolicy | undefined;
  try {
    halt = values.halt !== undefined ? parseHalt(values.halt as string) : undefined;
  } catch (err) {
    fail((err as Error).message);
  }
  const argFile = values["arg-file"] as string | undefined;
  if (argFile !== undefined && words.args !== undefined) fail("give the input either with -a FILE or after :::, not both");
  if (argFile !== undefined && (!existsSync(argFile) || statSync(argFile).isDirectory())) fail(`cannot read ${argFile}: no such file`);
  const source: InputSource = words.args !== undefined ? { kind: "args", values: words.args } : argFile !== undefined ? { kind: "file", path: argFile } : { kind: "stdin" };
  const sep = values.null ? "\0" : "\n";

  if (values["dry-run"]) {
    const out = outputStream(1);
    let seq = 0;
    try {
      for await (const line of inputLines(source, { sep })) {
        seq++;
        const slot = jobs !== undefined ? ((seq - 1) % jobs) + 1 : seq;
        if (!out.write(buildCommand(template, { line, seq, slot }, { shell: values.shell === true }).display + "\n")) await new Promise((r) => out.once("drain", r));
      }
    } catch (err) {
      await flushed(out);
      process.stderr.write(`mrc: cannot read the input: ${(err as Error).message}\n`);
      return 255;
    }
    await flushed(out);
    return 0;
  }

  let token: string | undefined;
  try {
    token = values["token-file"] !== undefined || process.env.MRC_TOKEN ? loadToken(values["token-file"] as string | undefined) : undefined;
  } catch (err) {
    fail((err as Error).message);
  }
  const remote = values.remote as string | undefined;
  // Configured targets carry their own token files; addresses need one.
  if (token === undefined && remote !== undefined && remote.split(",").some((t) => isAddress(t.trim()))) {
    fail("no token for the HOST:PORT targets: give --token-file FILE or set MRC_TOKEN");
  }
  let place: { exports: ExportSpec[]; cwd: string };
  try {
    place = exportsAndCwd((values.export as string[] | undefined) ?? [], values.cwd as string | undefined);
  } catch (err) {
    fail((err as Error).message);
  }
  const { exports, cwd } = place;

  let joblogFd: number | undefined;
  if (values.joblog !== undefined) {
    try {
      joblogFd = openSync(values.joblog as string, "w", 0o644);
    } catch (err) {
      fail(`cannot write the joblog ${values.joblog as string}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }

  if (source.kind === "stdin" && process.stdin.isTTY) process.stderr.write("mrc map: reading input lines from the terminal (end them with Ctrl-D)\n");
  const stdout = outputStream(1);
  const stderr = outputStream(2);
  const showProgress = values.progress === true || (values["no-progress"] !== true && process.stderr.isTTY === true);

  let cluster: ClusterApi;
  try {
    cluster = await openCluster({ ...(token !== undefined ? { token } : {}) });
  } catch (err) {
    if (joblogFd !== undefined) closeSync(joblogFd);
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 255;
  }

  const joblog: Writable | undefined = joblogFd !== undefined ? createWriteStream("", { fd: joblogFd }) : undefined;
  const ac = new AbortController();
  let stoppedBy: number | undefined;
  const handlers: Array<[NodeJS.Signals, () => void]> = [];
  for (const [sig, status] of STOP_SIGNALS) {
    const h = () => {
      if (stoppedBy !== undefined) {
        // A second interrupt: leave now (an in-process cluster's jobs die with this process).
        process.stderr.write(`\nmrc map: ${sig} again: leaving without waiting for the jobs\n`);
        process.exit(stoppedBy);
      }
      stoppedBy = status;
      ac.abort();
    };
    process.on(sig, h);
    handlers.push([sig, h]);
  }
  try {
    const r = await mapJobs(cluster, {
      template,
      inputs: inputLines(source, { sep }),
      shell: values.shell === true,
      ...(jobs !== undefined ? { jobs } : {}),
      spec: {
        env: jobEnvironment(process.env, cwd),
        cwd,
        exports,
        ...(remote !== undefined ? { targets: remote } : {}),
        ...(values["no-queue"] ? { noQueue: true } : {}),
        user: userInfo().username,
        ...(token !== undefined ? { token } : {}),
      },
      stdout,
      stderr,
      ungroup: values.ungroup === true,
      ...(joblog ? { joblog } : {}),
      ...(showProgress ? { progress: new StatusLine({ out: process.stderr }) } : {}),
      ...(halt ? { halt } : {}),
      signal: ac.signal,
    });
    if (r.error !== undefined) stderr.write(`mrc: ${r.error}\n`);
    stderr.write(summaryLine(r) + "\n");
    return r.interrupted && r.error === undefined ? (stoppedBy ?? r.status) : r.status;
  } catch (err) {
    stderr.write(`mrc: ${(err as Error).message}\n`);
    return 255;
  } finally {
    for (const [sig, h] of handlers) process.off(sig, h);
    if (source.kind === "stdin") process.stdin.pause();
    await cluster.close().catch(() => {});
    if (joblog) await new Promise<void>((r) => joblog.end(() => r()));
    await flushed(stdout);
    await flushed(stderr);
  }
}

function flushed(w: Writable): Promise<void> {
  if (w.writableLength === 0) return Promise.resolve();
  return new Promise((r) => w.write(Buffer.alloc(0), () => r()));
}
