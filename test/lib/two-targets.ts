import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileServer, TargetLink, type FileServerOptions } from "@mrc/head";
import { startTargetDaemon, type TargetDaemon } from "./mrc.js";

/** Two target daemons, each linked to one FileServer exporting a fresh temporary directory. */
export interface TwoTargets {
  t1: TargetDaemon;
  t2: TargetDaemon;
  dir: string;
  files: FileServer;
  l1: TargetLink;
  l2: TargetLink;
  /** Close the links, stop the daemons, close the server and remove the directory. */
  close(): Promise<void>;
}

/**
 * Start two targets and serve a new export to both. `prepare` runs on the server before it is
 * attached (to wrap its service for counting calls, say).
 */
export async function twoTargets(tokens: [string, string], o: Omit<FileServerOptions, "exports"> = {}, prepare?: (files: FileServer) => void): Promise<TwoTargets> {
  const [t1, t2] = await Promise.all([startTargetDaemon(tokens[0]), startTargetDaemon(tokens[1])]);
  const dir = mkdtempSync(join(tmpdir(), "mrc-export-"));
  const files = new FileServer({ exports: [{ path: dir, readOnly: false }], ...o });
  prepare?.(files);
  await files.ready();
  const l1 = await TargetLink.connect(`ws://${t1.addr}`, { token: t1.token });
  const l2 = await TargetLink.connect(`ws://${t2.addr}`, { token: t2.token });
  await l1.attach(files);
  await l2.attach(files);
  const close = async (): Promise<void> => {
    l1.close();
    l2.close();
    const timer = setTimeout(() => {
      process.stderr.write(`DAEMON STOP HUNG\nt1: ${JSON.stringify(t1.logs.slice(-8))}\nt2: ${JSON.stringify(t2.logs.slice(-8))}\n`);
    }, 10_000);
    await Promise.all([t1.stop(), t2.stop()]);
    clearTimeout(timer);
    await files.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { t1, t2, dir, files, l1, l2, close };
}
