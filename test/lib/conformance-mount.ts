import { chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TargetLink } from "@mrc/head";
import { compareTranscripts, conformanceScript, runConformanceInChild, type Transcript } from "./conformance/index.js";
import { job } from "./head.js";

/**
 * Run the conformance suite in a local directory (as nobody, via setpriv) and through `link`'s
 * mount in a new directory `name` of the export `dir` (as the guest user), and compare: the
 * differences (none, when mrc behaves as the local file system), and the case count.
 */
export async function conformanceOnMount(link: TargetLink, dir: string, name: string): Promise<{ diffs: string[]; cases: number; status: number; err: string }> {
  const local = mkdtempSync(join(tmpdir(), "mrc-conf-local-"));
  try {
    chownSync(local, 65534, 65534);
    const mine: Transcript = await runConformanceInChild(local, { asUser: { uid: 65534, gid: 65534 } });
    const scratch = join(dir, name);
    mkdirSync(scratch);
    const r = await job(link, [process.execPath, conformanceScript, scratch], { cwd: dir });
    if (r.status !== 0) return { diffs: [], cases: 0, status: r.status, err: r.err };
    const theirs = JSON.parse(r.out) as Transcript;
    return { diffs: compareTranscripts(mine, theirs, { a: "local", b: "mrc mount" }), cases: theirs.cases.length, status: 0, err: "" };
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
}
