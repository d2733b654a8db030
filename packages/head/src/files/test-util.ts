import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as assert from "node:assert/strict";
import { FileService } from "./service.js";
import type { FileServiceOptions } from "./core.js";
import type { Entry, Invalidation } from "@mrc/protocol";

/** A temp directory removed on dispose. */
export function tempDir(): { path: string; [Symbol.dispose](): void } {
  const path = mkdtempSync(join(tmpdir(), "mrc-files-"));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/** Assert that `p` rejects with an error whose errno is `errno`. */
export async function rejectsErrno(p: Promise<unknown>, errno: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.equal((err as { errno?: string }).errno, errno, `expected ${errno}, got ${String(err)}`);
    return true;
  });
}

/** A service over the given dirs, plus the export-0 root entry and an invalidation log. */
export async function service(
  paths: Array<string | { path: string; readOnly: boolean }>,
  extra: Partial<FileServiceOptions> = {},
): Promise<{ fs: FileService; root: Entry; invals: Array<[Invalidation, unknown]> }> {
  const invals: Array<[Invalidation, unknown]> = [];
  const fs = new FileService({
    exports: paths.map((p) => (typeof p === "string" ? { path: p, readOnly: false } : p)),
    onInvalidate: (inv, origin) => void invals.push([inv, origin]),
    ...extra,
  });
  const root = await fs.lookup({ parent: 1, name: "0" });
  return { fs, root, invals };
}

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;

/** The pid of this process's lease helper (leases.ts: a perl child whose program sets leases), if running. */
export function leaseHelperPid(): number | undefined {
  const kids = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return kids.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("SETLEASE");
    } catch {
      return false; // exited meanwhile
    }
  });
}
