import type { GuestUser } from "./identity.js";

/** util-linux tools the launcher chains. */
export const UNSHARE = "/usr/bin/unshare";
export const SETPRIV = "/usr/bin/setpriv";

/** One bind of the launcher: `src` (on the link's mount) appears at `dst` (the head's path). */
export interface Bind {
  src: string;
  dst: string;
  readOnly: boolean;
}

/**
 * Runs inside the new mount namespace as root: bind each export at its own path (creating the
 * mountpoint directory on the target if it is missing), enter the cwd, then drop to the guest
 * user for good and exec the command. Arguments: N, then N triples (src dst ro), cwd, then the
 * setpriv options up to "--", then the command.
 */
const SCRIPT = `
set -e
n=$1; shift
while [ "$n" -gt 0 ]; do
  src=$1; dst=$2; ro=$3; shift 3
  [ -d "$dst" ] || mkdir -p -- "$dst" 2>/dev/null || { echo "mrc: cannot create mountpoint $dst on this target" >&2; exit 255; }
  mount --bind -- "$src" "$dst" || { echo "mrc: cannot bind export $dst" >&2; exit 255; }
  [ "$ro" = 1 ] && mount -o remount,bind,ro -- "$dst"
  n=$((n-1))
done
cwd=$1; shift
cd -- "$cwd" 2>/dev/null || { echo "mrc: cannot enter $cwd on the target" >&2; exit 255; }
exec "$@"
`;

/** Options of the setpriv step that drops privileges. */
function setprivArgs(user: GuestUser | undefined): string[] {
  // No --reset-env: the environment is the head's, passed by the runner.
  const drop = user === undefined ? [] : [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--init-groups"];
  return [...drop, "--no-new-privs", "--pdeathsig", "KILL", "--"];
}

/**
 * The argv that starts a guest: without binds, setpriv alone (drop user, tie to the runner's life);
 * with binds, a private mount namespace via unshare, binds, cd, then setpriv.
 */
export function launchArgv(o: { binds: Bind[]; cwd: string; user: GuestUser | undefined; argv: string[] }): { file: string; args: string[]; spawnCwd: string } {
  if (o.binds.length === 0) {
    return { file: SETPRIV, args: [...setprivArgs(o.user), ...o.argv], spawnCwd: o.cwd };
  }
  const triples = o.binds.flatMap((b) => [b.src, b.dst, b.readOnly ? "1" : "0"]);
  return {
    file: UNSHARE,
    args: ["--mount", "--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, "mrc-launch", String(o.binds.length), ...triples, o.cwd, SETPRIV, ...setprivArgs(o.user), ...o.argv],
    spawnCwd: "/",
  };
}
