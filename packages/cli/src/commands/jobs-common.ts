import { parseArgs, type ParseArgsConfig } from "node:util";
import { HeadClient } from "@mrc/head";
import { fail } from "./common.js";

/** Parse a job command's argv (node:util parseArgs, strict); prints usage and exits 2 on errors. */
/** Parsed options: strings for string options, booleans for flags (checked by parseArgs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ParsedArgs = { values: Record<string, any>; positionals: string[] };
export function parse<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, usage: string): ParsedArgs {
  try {
    const r = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    if ((r.values as { help?: boolean }).help) {
      process.stdout.write(usage);
      process.exit(0);
    }
    return r as ParsedArgs;
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
}

/** The running head daemon, or exit 255 with the reason (none runs, refused). */
export async function daemon(): Promise<HeadClient> {
  try {
    return await HeadClient.connect();
  } catch (err) {
    fail((err as Error).message);
  }
}

/** Run `fn` against the daemon; RPC errors become `mrc: message` and status 255. */
export async function withDaemon(fn: (c: HeadClient) => Promise<number>): Promise<number> {
  const c = await daemon();
  try {
    return await fn(c);
  } catch (err) {
    process.stderr.write(`mrc: ${(err as Error).message}\n`);
    return 255;
  } finally {
    await c.close();
  }
}
