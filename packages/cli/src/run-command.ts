import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { RpcError } from "@mrc/rpc";
import { silentLogger, type ExportSpec, type Logger, type SignalName } from "@mrc/protocol";
import { exitStatus, FileServer, jobEnvironment, TargetLink, type RemoteJob } from "@mrc/head/link";
import { MailboxRouter } from "@mrc/mailbox/router";
import { targetUrl } from "./address.js";
import { outputStream } from "./fd-writer.js";
import { RawTerminal, terminalSize } from "./terminal.js";

/** Signals `mrc run` forwards to the guest. */
export const FORWARD: readonly SignalName[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** HOST:PORT or ws:// URL; absent: an embedded target in this process. */
  target?: string;
  /** Needed with `target`. */
  token?: string;
  argv: string[];
  /** auto: a tty exactly when stdin and stdout are terminals; force (-t); never (-T). */
  tty?: "auto" | "force" | "never";
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  exports?: ExportSpec[];
  stdin?: Readable & { isTTY?: boolean };
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable;
  logger?: Logger;
  /** Forward signals received by this process (default true). */
  forwardSignals?: boolean;
}

const sigNum = (name: string): number | undefined => (constants.signals as Record<string, number>)[name];

/** An error that `mrc` reports in one line and turns into exit status 255. */
export class MrcFailure extends Error {}

/** Dial a target, or start an embedded one; returns the link and a way to release it. */
async function openLink(o: RunCommandOptions, log: Logger): Promise<{ link: TargetLink; where: string; release: () => Promise<void> }> {
  if (o.target === undefined) {
    const token = randomBytes(32).toString("hex");
    // The embedded target runs guests as the user who typed the command (root included).
    const { TargetRunner } = await import("@mrc/target"); // only the embedded case needs it
    const runner = await TargetRunner.start({ host: "127.0.0.1", port: 0, token, name: "embedded", logger: log, runAs: userInfo().username, allowRoot: true, slots: 0 });
    const link = await TargetLink.connect(`ws://127.0.0.1:${runner.port}`, { token });
    return { link, where: "embedded target", release: async () => (link.close("done"), await runner.close()) };
  }
  if (o.token === undefined) throw new MrcFailure("no token: give --token-file FILE or set MRC_TOKEN");
  const url = targetUrl(o.target);
  try {
    const link = await TargetLink.connect(url, { token: o.token });
    return { link, where: o.target, release: async () => link.close("done") };
  } catch (err) {
    const e = err as RpcError;
    if (e.code === "AUTH_FAILED") throw new MrcFailure(`${o.target}: ${e.message}`);
    throw new MrcFailure(e.message);
  }
}

/**
 * Run a command on a target with this process's stdio, signals and terminal, like ssh.
 * Returns the exit status: the guest's code, 128+N for a signal, 127/126 when the command can't
 * be run there, 255 when mrc itself fails (the reason is printed on stderr as one line).
 */
export async function runCommand(o: RunCommandOptions): Promise<number> {
  const stdin = o.stdin ?? process.stdin;
  // On Linux, process.stdout/stderr write pipes and files synchronously, which stalls the event
  // loop (and so the link) whenever the consumer is slow; write through the threadpool instead.
  const stdout = o.stdout ?? outputStream(1);
  const stderr = o.stderr ?? outputStream(2);
  const log = o.logger ?? silentLogger;
  const mode = o.tty ?? "auto";
  const useTty = mode === "force" || (mode === "auto" && stdin.isTTY === true && stdout.isTTY === true);
  const cwd = o.cwd ?? process.cwd();
  const raw = new RawTerminal();
  const handlers: Array<[string, () => void]> = [];
  let job: RemoteJob | undefined;
  let early: SignalName | undefined;
  let link: Awaited<ReturnType<typeof openLink>> | undefined;
  if (o.forwardSignals !== false) {
    for (const sig of FORWARD) {
      const h = () => {
        if (job) job.signal(sig).catch(() => {});
        else early ??= sig;
      };
      process.on(sig, h);
      handlers.push([sig, h]);
    }
  }
  let files: FileServer | undefined;
  try {
    link = await openLink(o, log);
    if (early) return 128 + (sigNum(early) ?? 0);
    // An embedded target that is not root cannot mount; it shares this host's files anyway.
    const exports = o.target === undefined && process.getuid?.() !== 0 ? undefined : o.exports;
    let attached: Promise<unknown> = Promise.resolve();
    if (exports && exports.length > 0) {
      files = new FileServer({ exports, logger: log, delegate: true });
      await files.ready();
      // Not awaited: the target finishes mounting before it starts the job (same link, in order).
      attached = link.link.attach(files);
      attached.catch(() => {});
    }
    const size = terminalSize();
    // This head is the home of the job's mailbox address (if the target has mailboxes).
    let addr: string | undefined;
    if (link.link.peer.remoteFeatures.includes("mbox")) {
      const router = new MailboxRouter();
      await router.addTarget(link.link.peer, link.link.url);
      addr = router.allocate();
    }
    job = await link.link.run({
      ...(addr ? { addr } : {}),
      argv: o.argv,
      env: jobEnvironment(o.env ?? process.env, cwd),
      cwd,
      ...(useTty ? { tty: { ...size, term: (o.env ?? process.env).TERM ?? "xterm-256color" } } : {}),
      stdin,
      stdout,
      stderr,
    });
    await attached; // surfaces a mount failure (e.g. NOT_PRIVILEGED) if the job did not
    if (useTty) {
      raw.enter();
      const onWinch = () => {
        const s = terminalSize();
        job?.resize(s.cols, s.rows).catch(() => {});
      };
      process.on("SIGWINCH", onWinch);
      handlers.push(["SIGWINCH", onWinch]);
    }
    if (early) await job.signal(early).catch(() => {});
    const exit = await job.exit;
    return exitStatus(exit, sigNum);
  } catch (err) {
    raw.restore();
    const e = err as RpcError;
    const msg =
      err instanceof MrcFailure
        ? err.message
        : e.code === "CONNECTION_CLOSED" && job
          ? `link to ${link?.where ?? "target"} lost: ${e.message}`
          : e.message;
    stderr.write(`mrc: ${msg}\n`);
    return 255;
  } finally {
    raw.restore();
    for (const [sig, h] of handlers) process.off(sig, h);
    if (stdin === process.stdin) process.stdin.pause();
    await link?.release().catch(() => {});
    await files?.close().catch(() => {});
  }
}
