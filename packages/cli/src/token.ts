import { readFileSync } from "node:fs";

/**
 * The shared token: from `--token-file FILE` (first line, trimmed) or `$MRC_TOKEN`.
 * Throws a clear error when neither is given or the file is unreadable/empty.
 */
export function loadToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(tokenFile, "utf8");
    } catch (err) {
      throw new Error(`cannot read token file ${tokenFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const t = text.split("\n")[0]!.trim();
    if (t.length === 0) throw new Error(`token file ${tokenFile} is empty`);
    return t;
  }
  const t = env.MRC_TOKEN?.trim();
  if (t) return t;
  throw new Error("no token: give --token-file FILE or set MRC_TOKEN");
}
