import { lstatSync, mkdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** Where a user's head daemon keeps its socket, token and state. */
export interface HeadPaths {
  /** The control socket (`mrc` commands connect here). */
  socket: string;
  /** The control token (0600), proven by clients over the socket. */
  tokenFile: string;
  /** Job records and output logs. */
  stateDir: string;
}

/**
 * The head daemon's paths for this user: the socket and token in the runtime directory
 * (`$XDG_RUNTIME_DIR/mrc`, else `/tmp/mrc-<uid>`, created 0700), the state under
 * `$XDG_STATE_HOME/mrc/head` (else `~/.local/state/mrc/head`). `$MRC_HEAD_DIR` puts all three in
 * one directory (several daemons side by side, tests).
 */
export function headPaths(env: NodeJS.ProcessEnv = process.env): HeadPaths {
  if (env.MRC_HEAD_DIR) {
    const d = env.MRC_HEAD_DIR;
    return { socket: join(d, "head.sock"), tokenFile: join(d, "head.token"), stateDir: join(d, "state") };
  }
  const uid = process.getuid?.() ?? 0;
  const run = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "mrc") : join(tmpdir(), `mrc-${uid}`);
  const state = join(env.XDG_STATE_HOME ?? join(homedir(), ".local", "state"), "mrc", "head");
  return { socket: join(run, "head.sock"), tokenFile: join(run, "head.token"), stateDir: state };
}

/** Create a private directory (0700) or check that an existing one is ours and private. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (st.uid !== (process.getuid?.() ?? st.uid)) throw new Error(`${dir} belongs to another user`);
  if ((st.mode & 0o077) !== 0) throw new Error(`${dir} is accessible by other users: chmod 700 it`);
}
