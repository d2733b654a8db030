import { accessSync, constants, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** Outcome of looking up a command the way execvp would. */
export type Resolution = { ok: true; path: string } | { ok: false; code: 126 | 127; message: string };

/**
 * Find `cmd` as execvp(3) does: a name with a slash is taken relative to `cwd`, otherwise each
 * PATH entry is tried. Not found → 127, found but not executable → 126, like a shell.
 */
export function resolveCommand(cmd: string, cwd: string, pathVar: string | undefined): Resolution {
  if (cmd.length === 0) return { ok: false, code: 127, message: "mrc: empty command" };
  const candidates = cmd.includes("/")
    ? [isAbsolute(cmd) ? cmd : resolve(cwd, cmd)]
    : (pathVar ?? "/usr/local/bin:/usr/bin:/bin").split(":").map((d) => join(d === "" ? "." : resolve(cwd, d), cmd));
  let denied: string | undefined;
  for (const p of candidates) {
    try {
      const st = statSync(p);
      if (!st.isFile()) {
        denied ??= p;
        continue;
      }
      accessSync(p, constants.X_OK);
      return { ok: true, path: p };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EACCES") denied ??= p;
    }
  }
  if (denied !== undefined) return { ok: false, code: 126, message: `mrc: ${cmd}: Permission denied` };
  return { ok: false, code: 127, message: `mrc: ${cmd}: command not found` };
}
