import { PassThrough, Writable } from "node:stream";
import { exitStatus, type TargetLink } from "@mrc/head";
import { constants } from "node:os";

/** What a job printed and how it ended. */
export interface JobResult {
  status: number;
  out: string;
  err: string;
}

const sig = (n: string) => (constants.signals as Record<string, number>)[n];

/** Run argv on a link (exports as attached), collecting output. `stdin` may be a stream. */
export async function job(link: TargetLink, argv: string[], o: { cwd?: string; input?: string | PassThrough; env?: Record<string, string>; onOut?: (s: string) => void } = {}): Promise<JobResult> {
  let out = "";
  let err = "";
  const stdin = o.input instanceof PassThrough ? o.input : new PassThrough();
  if (!(o.input instanceof PassThrough)) stdin.end(o.input ?? "");
  const j = await link.run({
    argv,
    cwd: o.cwd ?? "/",
    env: { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/tmp", ...o.env },
    stdin,
    stdout: new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), o.onOut?.(out), cb()) }),
    stderr: new Writable({ write: (c: Buffer, _e, cb) => ((err += c.toString()), cb()) }),
  });
  const e = await j.exit;
  return { status: exitStatus(e, sig), out, err };
}
