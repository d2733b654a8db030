// Loopback OpenSSH harness for benchmarks: a throwaway sshd (own host key, own client key,
// own config, own port on 127.0.0.1) plus ssh/sshfs helpers that talk to it.
//
//   const sshd = await startSshd();          // installs openssh-server/sshfs if missing
//   await sshd.exec(["true"]);               // -> { status, stdout, stderr }
//   sshd.sshArgv(["head", "-c", "1", "/dev/zero"]) // -> ["ssh", ...options, "root@127.0.0.1", ...]
//   const m = await sshd.sshfsMount(dir);    // mounts the remote (same machine) `dir`
//   await m.unmount();
//   await sshd.stop();                       // kills sshd, unmounts leftovers, removes the temp dir
//
// Everything lives in one temp dir; stop() is also run on exit, SIGINT, SIGTERM and SIGHUP
// (see onCleanup), so Ctrl-C leaves no sshd and no mount behind.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync, chmodSync, mkdirSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SSHD = "/usr/sbin/sshd";

/** Cipher used by ssh and sshfs: AES-GCM is what OpenSSH negotiates first on AES-NI machines anyway
 * (chacha20 is the default only where AES-NI is missing); pinning it makes runs comparable. */
export const CIPHER = "aes128-gcm@openssh.com";

function have(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Install openssh-server / openssh-client / sshfs if any is missing (apt-get; we run as root). */
export function ensureSshTools({ log = (m) => process.stderr.write(m + "\n") } = {}) {
  const missing = [];
  if (!existsSync(SSHD)) missing.push("openssh-server");
  if (!have("ssh") || !have("ssh-keygen")) missing.push("openssh-client");
  if (!have("sshfs")) missing.push("sshfs");
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { env, stdio: ["ignore", "ignore", "inherit"] }).status;
  log(`bench: installing ${missing.join(" ")} …`);
  if (install() !== 0) {
    log("bench: apt-get install failed; running apt-get update and retrying");
    spawnSync("apt-get", ["update"], { env, stdio: ["ignore", "ignore", "inherit"] });
    if (install() !== 0) throw new Error(`could not install ${missing.join(" ")}`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const cleanups = new Set();
let hooked = false;
/** Run `fn` (sync) when the process exits or is interrupted; returns an unregister function. */
export function onCleanup(fn) {
  cleanups.add(fn);
  if (!hooked) {
    hooked = true;
    const runAll = () => {
      for (const f of [...cleanups]) {
        cleanups.delete(f);
        try {
          f();
        } catch {
          /* best effort */
        }
      }
    };
    process.on("exit", runAll);
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
      process.on(sig, () => {
        runAll();
        process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
      });
    }
  }
  return () => cleanups.delete(fn);
}

function waitPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const c = connect(port, "127.0.0.1");
      c.once("connect", () => (c.destroy(), resolve()));
      c.once("error", () => {
        c.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function isMounted(dir) {
  try {
    return readFileSync("/proc/self/mountinfo", "utf8")
      .split("\n")
      .some((l) => l.split(" ")[4] === dir);
  } catch {
    return false;
  }
}

function fuseUnmountSync(dir) {
  for (const argv of [["fusermount3", "-u", dir], ["fusermount", "-u", dir], ["umount", dir], ["umount", "-l", dir]]) {
    if (!isMounted(dir)) return;
    spawnSync(argv[0], argv.slice(1), { stdio: "ignore" });
  }
}

function sshdChildren(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Start a throwaway sshd on a free loopback port, accepting root with a fresh client key.
 * Options: { install = true, log }.
 */
export async function startSshd({ install = true, log } = {}) {
  if (install) ensureSshTools(log ? { log } : {});
  const dir = mkdtempSync(join(tmpdir(), "mrc-bench-sshd-"));
  chmodSync(dir, 0o700);
  const hostKey = join(dir, "host_ed25519");
  const clientKey = join(dir, "client_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", clientKey]);
  const authorized = join(dir, "authorized_keys");
  writeFileSync(authorized, readFileSync(clientKey + ".pub"), { mode: 0o600 });
  // sshd insists on its privilege-separation directory even in -D mode.
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const port = await freePort();
  const pidFile = join(dir, "sshd.pid");
  const config = join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${pidFile}`,
      `AuthorizedKeysFile ${authorized}`,
      `PermitRootLogin yes`,
      `PubkeyAuthentication yes`,
      `PasswordAuthentication no`,
      `KbdInteractiveAuthentication no`,
      `StrictModes no`,
      `UsePAM no`,
      `UseDNS no`,
      `PrintMotd no`,
      `PrintLastLog no`,
      `MaxStartups 100:30:200`,
      `MaxSessions 100`,
      `Subsystem sftp internal-sftp`,
      `LogLevel ERROR`,
      "",
    ].join("\n"),
  );
  const proc = spawn(SSHD, ["-D", "-e", "-f", config, "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let errText = "";
  proc.stderr.on("data", (d) => (errText = (errText + d).slice(-4000)));
  const mounts = new Map(); // mountpoint -> async unmount()
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    for (const m of mounts.keys()) fuseUnmountSync(m);
    mounts.clear();
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  const unhook = onCleanup(stopSync);
  try {
    await Promise.race([
      waitPort(port, 10_000),
      once(proc, "exit").then(([code]) => {
        throw new Error(`sshd exited (${code}): ${errText.trim()}`);
      }),
    ]);
  } catch (err) {
    stopSync();
    unhook();
    throw err;
  }

  /** Options every ssh/sshfs invocation uses. */
  const sshOptions = [
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    "-o", "BatchMode=yes",
    "-o", `Ciphers=${CIPHER}`,
    "-i", clientKey,
    "-p", String(port),
  ];
  const sshArgv = (cmd, extra = []) => ["ssh", ...sshOptions, ...extra, "root@127.0.0.1", "--", ...cmd];

  const self = {
    port,
    dir,
    clientKey,
    sshOptions,
    /** argv (argv[0] = "ssh") that runs `cmd` on the loopback sshd, without a tty. */
    sshArgv: (cmd) => sshArgv(cmd, ["-T"]),
    /** Run `cmd` over ssh; resolves { status, stdout, stderr } (stdout as a Buffer). */
    exec(cmd, { input } = {}) {
      const [file, ...args] = self.sshArgv(cmd);
      const p = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"] });
      const out = [];
      let err = "";
      p.stdout.on("data", (d) => out.push(d));
      p.stderr.on("data", (d) => (err += d));
      p.stdin.on("error", () => {});
      p.stdin.end(input);
      return new Promise((resolve) => p.on("close", (status) => resolve({ status, stdout: Buffer.concat(out), stderr: err })));
    },
    /**
     * Mount `remoteDir` (a path on the loopback "remote", i.e. this machine) at `mountpoint`
     * (default: a fresh dir under the temp dir) with sshfs. Returns { mountpoint, unmount() }.
     *
     * Options chosen (a fair peer for mrc's FUSE mount):
     *  - sshfs defaults for caching (kernel attr/entry timeouts and sshfs's own cache as shipped):
     *    what a user gets from a plain `sshfs host:dir mnt`, no tuning in either direction;
     *  - Ciphers=aes128-gcm (via the ssh options above): the fast AES-NI cipher, same as the ssh peer;
     *  - reconnect,ServerAliveInterval=15: standard robustness flags, no effect on throughput;
     *  - StrictHostKeyChecking=no etc.: throwaway keys;
     *  - no cache tuning / direct_io / compression.
     * `options`: extra `-o` values, e.g. ["allow_other"] so that a guest user other than the one
     * who mounted (root) can use the mount (no effect on speed).
     */
    async sshfsMount(remoteDir, mountpoint, { options = [] } = {}) {
      const mnt = mountpoint ?? mkdtempSync(join(dir, "sshfs-"));
      mkdirSync(mnt, { recursive: true });
      const args = [
        `root@127.0.0.1:${remoteDir}`,
        mnt,
        "-p", String(port),
        "-o", `IdentityFile=${clientKey}`,
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "BatchMode=yes",
        "-o", "LogLevel=ERROR",
        "-o", `Ciphers=${CIPHER}`,
        "-o", "reconnect,ServerAliveInterval=15",
        ...options.flatMap((o) => ["-o", o]),
      ];
      // -f: stay in the foreground as our child (so it is reaped, and killed if all else fails).
      const child = spawn("sshfs", ["-f", ...args], { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
      const gone = once(child, "exit");
      mounts.set(mnt, async () => {});
      const deadline = Date.now() + 10_000;
      while (!isMounted(mnt)) {
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          mounts.delete(mnt);
          child.kill("SIGKILL");
          throw new Error(`sshfs ${args.join(" ")} failed: ${err.trim() || "not mounted within 10 s"}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const unhookChild = onCleanup(() => child.kill("SIGKILL"));
      const unmount = async () => {
        fuseUnmountSync(mnt);
        mounts.delete(mnt);
        if (isMounted(mnt)) throw new Error(`could not unmount ${mnt}`);
        await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        unhookChild();
      };
      mounts.set(mnt, unmount);
      return { mountpoint: mnt, unmount };
    },
    /** Kill sshd, unmount what sshfsMount left mounted, remove the temp dir. */
    async stop() {
      // Unmount first and give sshd a moment to reap its session children, so none is orphaned.
      for (const unmount of [...mounts.values()]) await unmount().catch(() => {});
      for (let i = 0; i < 40 && sshdChildren(proc.pid).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
      const exited = proc.exitCode === null && proc.signalCode === null ? once(proc, "exit") : Promise.resolve();
      stopSync();
      unhook();
      await exited;
    },
  };
  return self;
}

/** Unmount a FUSE mount point (fusermount3/fusermount/umount), synchronously. */
export { fuseUnmountSync as unmount, isMounted };
