import { readFileSync } from "node:fs";

/** Read a token file: its first line, trimmed. Throws a message naming the file if unreadable or empty. */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read token file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const token = text.split("\n")[0]!.trim();
  if (token === "") throw new Error(`token file ${path} is empty`);
  return token;
}
