import { realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";
import type { ExportSpec } from "@mrc/protocol";

/**
 * Parse `-d DIR[:ro]` values into exports: absolute, symlink-free paths of existing directories.
 * Refuses "/" (the guest keeps the target's own system) and duplicates.
 */
export function parseExports(specs: readonly string[], cwd: string): ExportSpec[] {
  const out: ExportSpec[] = [];
  for (const spec of specs) {
    const ro = spec.endsWith(":ro");
    const raw = ro ? spec.slice(0, -3) : spec.endsWith(":rw") ? spec.slice(0, -3) : spec;
    let path: string;
    try {
      path = realpathSync(resolve(cwd, raw));
    } catch {
      throw new Error(`cannot export ${raw}: no such directory`);
    }
    if (!statSync(path).isDirectory()) throw new Error(`cannot export ${raw}: not a directory`);
    if (path === "/") throw new Error("refusing to export / (the guest keeps the target's own system); export the directories it needs");
    if (out.some((e) => e.path === path)) throw new Error(`${path} is exported twice`);
    out.push({ path, readOnly: ro });
  }
  return out;
}

/** True if `path` is an export or lies inside one. */
export function insideExports(path: string, exports: readonly ExportSpec[]): boolean {
  return exports.some((e) => path === e.path || path.startsWith(e.path.endsWith(sep) ? e.path : e.path + sep));
}
