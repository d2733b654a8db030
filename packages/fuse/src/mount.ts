/**
 * Mounting with util-linux (no fusermount, no libfuse: we are root), unmounting, aborting a
 * connection through fusectl, and recovering mounts left behind by a server that died.
 */
import { execFile, spawn } from "node:child_process";
import { access, writeFile } from "node:fs/promises";
import { resolve as resolvePath, sep } from "node:path";
import { type MountInfo, readMountInfo } from "./device/mountinfo.js";

/** File-system type of our mounts (`-t fuse.mrc`). */
export const FSTYPE = "fuse.mrc";
/** Where fusectl exposes one directory per FUSE connection. */
export const FUSECTL_DIR = "/sys/fs/fuse/connections";

/** Options of the mount(8) call. */
export interface MountOptions {
  /** user_id= (owner of the mount, for the kernel's permission checks on it). Default 0. */
  userId?: number;
  /** group_id=. Default 0. */
  groupId?: number;
  /** allow_other: users other than user_id may use the mount. Default true (guests are not root). */
  allowOther?: boolean;
  /** default_permissions: the kernel checks mode bits itself. Default true. */
  defaultPermissions?: boolean;
  /** max_read= in bytes. Default: the server's max_write (1 MiB). */
  maxRead?: number;
  /** Source field shown in mountinfo. Default "mrc". */
  source?: string;
  /** Mount read-only. */
  readOnly?: boolean;
  /** Extra -o options, passed verbatim. */
  extraOptions?: readonly string[];
}

/** The -o string for a given /dev/fuse fd number in the child (always 3) and options. */
export function mountOptionString(o: MountOptions, maxRead: number): string {
  const opts = [
    "fd=3", "rootmode=40000", `user_id=${o.userId ?? 0}`, `group_id=${o.groupId ?? 0}`,
    ...(o.allowOther ?? true ? ["allow_other"] : []),
    ...(o.defaultPermissions ?? true ? ["default_permissions"] : []),
    `max_read=${o.maxRead ?? maxRead}`,
    ...(o.readOnly === true ? ["ro"] : []),
    ...(o.extraOptions ?? []),
  ];
  return opts.join(",");
}

/** Run a command; resolve with stdout, reject with its stderr. */
function run(cmd: string, args: readonly string[], fd?: number, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe", ...(fd === undefined ? [] : [fd])] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    timer.unref();
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(" ")}: ${err.trim() || `exit ${code ?? signal}`}`));
    });
  });
}

/**
 * Mount the FUSE connection on `fd` at `mountpoint`: `mount -i -t fuse.mrc -o fd=3,... SRC MNT`,
 * the fd handed to mount(8) as its fd 3. Returns when mount(8) exits; INIT arrives afterwards on
 * reads of the fd (mount(2) does not wait for it).
 */
export async function mountFuse(fd: number, mountpoint: string, options: MountOptions = {}, maxRead = 1 << 20): Promise<void> {
  await run("mount", ["-i", "-t", FSTYPE, "-o", mountOptionString(options, maxRead), options.source ?? "mrc", mountpoint], fd);
}

/** Our mount at exactly `mountpoint`, if any (last one wins when stacked). */
export async function findMount(mountpoint: string, fstype = FSTYPE): Promise<MountInfo | undefined> {
  const abs = resolvePath(mountpoint);
  return (await readMountInfo()).filter((m) => m.mountpoint === abs && m.fstype === fstype).pop();
}

/** Options of {@link unmountFuse}. */
export interface UnmountOptions {
  /** Skip the plain umount and detach lazily at once. */
  lazy?: boolean;
  /** After a lazy detach, abort the connection so the server's reads end (open files get ENOTCONN). */
  abortConnection?: number;
}

/** `umount MNT`; if busy, `umount -l MNT` (and optionally abort the connection via fusectl). */
export async function unmountFuse(mountpoint: string, options: UnmountOptions = {}): Promise<"clean" | "lazy"> {
  if (options.lazy !== true) {
    try {
      await run("umount", [mountpoint]);
      return "clean";
    } catch {
      // busy (open files, a process's cwd): detach instead
    }
  }
  await run("umount", ["-l", mountpoint]);
  if (options.abortConnection !== undefined) await abortConnection(options.abortConnection);
  return "lazy";
}

/** Mount fusectl on /sys/fs/fuse/connections if this mount namespace lacks it. */
export async function ensureFusectl(): Promise<void> {
  if ((await readMountInfo()).some((m) => m.fstype === "fusectl")) return;
  await run("mount", ["-t", "fusectl", "fusectl", FUSECTL_DIR]);
}

/**
 * Abort FUSE connection `conn` (the minor device number of the mount): every pending and future
 * request fails with ECONNABORTED/ENOTCONN and the server's reads return ENODEV. The last resort
 * for a hung server, or to end a lazily detached mount that still has users. False if unknown.
 */
export async function abortConnection(conn: number): Promise<boolean> {
  try {
    await ensureFusectl();
    await access(`${FUSECTL_DIR}/${conn}`);
    await writeFile(`${FUSECTL_DIR}/${conn}/abort`, "1");
    return true;
  } catch {
    return false;
  }
}

/** How a mount answered a stat from a child process. */
export type MountHealth = "ok" | "disconnected" | "hung" | "error";

/**
 * stat the mountpoint from a child process (never from the serving process: it could be our own
 * mount). ENOTCONN = its server died; no answer within `timeoutMs` = its server is hung.
 */
export function probeMount(mountpoint: string, timeoutMs = 2000): Promise<MountHealth> {
  const script = "try{require('fs').statSync(process.argv[1]);process.stdout.write('ok')}catch(e){process.stdout.write(String(e.code))}";
  return new Promise((resolve) => {
    execFile(process.execPath, ["-e", script, mountpoint], { timeout: timeoutMs, killSignal: "SIGKILL" }, (err, stdout) => {
      if (stdout === "ok") resolve("ok");
      else if (stdout === "ENOTCONN" || stdout === "ECONNABORTED") resolve("disconnected");
      else if (err !== null && (err as { killed?: boolean }).killed === true) resolve("hung");
      else resolve("error");
    });
  });
}

/** Mountpoints served by live FuseServers of this process: recovery never touches them. */
export const ACTIVE_MOUNTPOINTS: Set<string> = new Set();

/** A mount found (and cleaned) by {@link recoverStaleMounts}. */
export interface RecoveredMount {
  mountpoint: string;
  connection: number;
  health: MountHealth;
  /** Whether the lazy unmount succeeded. */
  unmounted: boolean;
  error?: string;
}

/** Options of {@link recoverStaleMounts}. */
export interface RecoverOptions {
  /** Only clean mounts whose server is dead or hung; leave healthy ones (default false: clean every
   * fuse.mrc mount under the prefix not served by this process, as a restarting runner wants). */
  onlyUnhealthy?: boolean;
  /** File-system type to look for (default fuse.mrc). */
  fstype?: string;
  probeTimeoutMs?: number;
}

/**
 * Find fuse.mrc mounts at or under `prefix` that this process does not serve and lazily unmount
 * them, deepest first; hung ones get their connection aborted first so nothing blocks on them.
 * For use when a runner died and left mounts behind.
 */
export async function recoverStaleMounts(prefix: string, options: RecoverOptions = {}): Promise<RecoveredMount[]> {
  const root = resolvePath(prefix);
  const under = (p: string): boolean => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
  const fstype = options.fstype ?? FSTYPE;
  const candidates = (await readMountInfo())
    .filter((m) => m.fstype === fstype && under(m.mountpoint) && !ACTIVE_MOUNTPOINTS.has(m.mountpoint))
    .sort((a, b) => b.mountpoint.length - a.mountpoint.length);
  const results: RecoveredMount[] = [];
  for (const m of candidates) {
    const health = await probeMount(m.mountpoint, options.probeTimeoutMs);
    if (options.onlyUnhealthy === true && health === "ok") continue;
    if (health === "hung") await abortConnection(m.minor);
    const r: RecoveredMount = { mountpoint: m.mountpoint, connection: m.minor, health, unmounted: false };
    try {
      await run("umount", ["-l", m.mountpoint]);
      r.unmounted = true;
    } catch (err) {
      r.error = err instanceof Error ? err.message : String(err);
    }
    results.push(r);
  }
  return results;
}
