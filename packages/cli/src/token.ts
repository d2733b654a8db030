import { readTokenFile } from "@mrc/head/link";

/**
 * The shared token: from `--token-file FILE` (first line, trimmed) or `$MRC_TOKEN`.
 * Throws a clear error when neither is given or the file is unreadable/empty.
 */
export function loadToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (tokenFile !== undefined) return readTokenFile(tokenFile);
  const t = env.MRC_TOKEN?.trim();
  if (t) return t;
  throw new Error("no token: give --token-file FILE or set MRC_TOKEN");
}
