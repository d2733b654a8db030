import { RpcError } from "@mrc/rpc";
import type { JobStartIn } from "@mrc/protocol";
import type { GuestUser } from "./identity.js";
import { launchArgv, type Bind } from "./launcher.js";
import type { LinkMount } from "./link-mount.js";
import { resolveCommand } from "./resolve-command.js";

/** What a session spawns for a job, or a refusal with the status a shell would give. */
export type Launch =
  | { ok: true; file: string; args: string[]; cwd: string }
  | { ok: false; code: number; message: string };

/**
 * Decide how to start a job: which exports to bind (from the link's mount) and as whom.
 * Without exports the command is looked up here (for shell-like 126/127 messages); with exports
 * it only exists inside the job's namespace, so setpriv reports those itself.
 */
export function planLaunch(p: JobStartIn, mount: LinkMount | undefined, user: GuestUser | undefined): Launch {
  const binds: Bind[] = [];
  const wanted = [...(p.exports ?? [])].sort((a, b) => a.path.length - b.path.length); // parents first
  for (const e of wanted) {
    const src = mount?.sourceFor(e.path);
    if (src === undefined) throw new RpcError("NOT_ATTACHED", `export ${e.path} was not attached on this link (call fs.attach first)`);
    binds.push({ src, dst: e.path, readOnly: e.readOnly });
  }
  if (binds.length === 0) {
    const r = resolveCommand(p.argv[0]!, p.cwd, p.env.PATH);
    if (!r.ok) return { ok: false, code: r.code, message: r.message };
  }
  const l = launchArgv({ binds, cwd: p.cwd, user, argv: p.argv });
  return { ok: true, file: l.file, args: l.args, cwd: l.spawnCwd };
}
