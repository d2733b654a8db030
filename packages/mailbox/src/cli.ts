import yargs from "yargs";
import { RpcError } from "@mrc/rpc";
import { MailboxClient } from "./client.js";

/** Exit statuses of `mrc mbox`: 0 ok, 1 mailbox error, 2 usage, 3 receive timeout. */
export const MBOX_EXIT = { OK: 0, ERROR: 1, USAGE: 2, TIMEOUT: 3 } as const;

function say(msg: string): void {
  process.stderr.write(`mrc: ${msg}\n`);
}

function report(err: unknown): number {
  const e = err as { code?: string; message?: string };
  say(`${e.code ? `${e.code}: ` : ""}${e.message ?? String(err)}`);
  return e.code === "TIMEOUT" ? MBOX_EXIT.TIMEOUT : MBOX_EXIT.ERROR;
}

async function readAll(src: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of src) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

/** Parse with yargs; usage errors are reported and give status 2 instead of exiting. */
async function parse<T>(build: (y: ReturnType<typeof yargs>) => ReturnType<typeof yargs>, argv: string[]): Promise<T | number> {
  let bad: string | undefined;
  const a = await build(yargs(argv))
    .strict()
    .help()
    .exitProcess(false)
    .fail((msg, err) => {
      bad = msg ?? err?.message ?? "bad usage";
    })
    .parseAsync();
  if (bad !== undefined) {
    say(bad);
    return MBOX_EXIT.USAGE;
  }
  if ((a as { help?: boolean }).help) return MBOX_EXIT.OK;
  return a as T;
}

/**
 * `mrc mbox send ADDR [DATA] [--no-wait]`: send DATA (or all of stdin) to ADDR from this job's
 * mailbox. Returns the exit status.
 */
export async function mboxSendMain(argv: string[], io: { stdin?: NodeJS.ReadableStream; door?: string } = {}): Promise<number> {
  const a = await parse<{ _: unknown[]; "no-wait"?: boolean }>(
    (y) =>
      y
        .scriptName("mrc mbox send")
        .usage("$0 ADDR [DATA] [--no-wait]\n\nSend DATA (or stdin, if DATA is absent) to the mailbox ADDR (HOME/JOB[/NAME]).")
        .option("no-wait", { type: "boolean", describe: "fail at once (MAILBOX_FULL) instead of waiting when the receiver's queue is full" })
        .parserConfiguration({ "halt-at-non-option": true }),
    argv,
  );
  if (typeof a === "number") return a;
  const pos = a._.map(String);
  if (pos.length < 1 || pos.length > 2) {
    say("usage: mrc mbox send ADDR [DATA] [--no-wait]");
    return MBOX_EXIT.USAGE;
  }
  try {
    const data = pos[1] !== undefined ? Buffer.from(pos[1]) : await readAll(io.stdin ?? process.stdin);
    const c = await MailboxClient.connect(io.door ?? process.env.MRC_MAILBOX);
    try {
      await c.send(pos[0]!, data, { noWait: a["no-wait"] === true });
    } finally {
      c.close();
    }
    return MBOX_EXIT.OK;
  } catch (err) {
    return report(err);
  }
}

/**
 * `mrc mbox recv [--timeout S] [--count N] [--from] [--box NAME]`: write the data of the next N
 * messages (default 1; 0 = forever) to stdout. Status 3 if none came within the timeout.
 */
export async function mboxRecvMain(argv: string[], io: { stdout?: NodeJS.WritableStream; door?: string } = {}): Promise<number> {
  const a = await parse<{ _: unknown[]; timeout?: number; count: number; from?: boolean; box?: string }>(
    (y) =>
      y
        .scriptName("mrc mbox recv")
        .usage("$0 [--timeout S] [--count N] [--from] [--box NAME]\n\nWrite the data of received messages to stdout.")
        .option("timeout", { type: "number", describe: "give up after S seconds without a message (status 3)" })
        .option("count", { type: "number", default: 1, describe: "messages to receive (0: until killed)" })
        .option("from", { type: "boolean", describe: "precede each message with a line 'FROM-ADDR LENGTH'" })
        .option("box", { type: "string", describe: "receive from the further mailbox NAME of this job" }),
    argv,
  );
  if (typeof a === "number") return a;
  if (a._.length > 0 || !Number.isInteger(a.count) || a.count < 0 || (a.timeout !== undefined && !(a.timeout >= 0))) {
    say("usage: mrc mbox recv [--timeout S] [--count N] [--from] [--box NAME]");
    return MBOX_EXIT.USAGE;
  }
  const out = io.stdout ?? process.stdout;
  const write = (b: Buffer | string) => new Promise<void>((r) => (out.write(b) ? r() : out.once("drain", () => r())));
  let c: MailboxClient | undefined;
  try {
    c = await MailboxClient.connect(io.door ?? process.env.MRC_MAILBOX);
    for (let i = 0; a.count === 0 || i < a.count; i++) {
      const m = await c.recv({ ...(a.timeout !== undefined ? { timeoutMs: a.timeout * 1000 } : {}), ...(a.box ? { box: a.box } : {}) });
      if (a.from) await write(`${m.from} ${m.data.length}\n`);
      await write(m.data);
    }
    return MBOX_EXIT.OK;
  } catch (err) {
    if (err instanceof RpcError && err.code === "TIMEOUT") {
      say(`no message within ${a.timeout} s`);
      return MBOX_EXIT.TIMEOUT;
    }
    return report(err);
  } finally {
    c?.close();
  }
}
