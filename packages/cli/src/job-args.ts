import { realpathSync } from "node:fs";
import type { ExportSpec } from "@mrc/protocol";
import { normalizeUrl } from "@mrc/head/link";
import { insideExports, parseExports } from "./exports.js";

/**
 * Index of "--" or of the first word that is not an option or an option's value (`withValue`
 * names the options that take one), so a job's own flags are never parsed as mrc's.
 */
export function firstCommandIndex(argv: string[], withValue: ReadonlySet<string>): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return i;
    if (!a.startsWith("-") || a === "-") return i;
    if (withValue.has(a)) i++;
  }
  return argv.length;
}

/** One target address (HOST:PORT or a ws URL), as opposed to names, @labels or lists. */
export function isAddress(spec: string): boolean {
  return normalizeUrl(spec) !== undefined;
}

/**
 * The exports (`-d`, default: the cwd unless it is /) and the guest's cwd (`-C`, default: this
 * directory, which must then lie in an export). Throws a message for the user.
 */
export function exportsAndCwd(given: readonly string[], cwdOpt: string | undefined, here = process.cwd()): { exports: ExportSpec[]; cwd: string } {
  const exports = parseExports(given.length > 0 ? given : here === "/" ? [] : [here], here);
  if (cwdOpt !== undefined) return { exports, cwd: cwdOpt };
  if (exports.length === 0) return { exports, cwd: here };
  const real = realpathSync(here);
  if (!insideExports(real, exports)) throw new Error(`the current directory ${here} is in no export; export it with -d or give --cwd`);
  return { exports, cwd: real };
}
