import { createHash, X509Certificate } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { RpcError } from "./errors.js";

/** How a dialer checks a wss:// listener's certificate (no CAs: pinning, like ssh host keys). */
export interface TlsPinOptions {
  /** Expected fingerprint ("SHA256:<base64>", as {@link certFingerprint}); only that certificate is accepted. */
  fingerprint?: string;
  /** known_hosts file for trust on first use (default $MRC_KNOWN_HOSTS, else ~/.config/mrc/known_hosts). */
  knownHostsFile?: string;
  /** Called when a host is pinned on first use. */
  onPinned?: (host: string, fingerprint: string) => void;
}

/** The ssh-style fingerprint of a certificate: "SHA256:" + unpadded base64 of the DER's sha256. */
export function certFingerprint(certPem: string | Buffer): string {
  return derFingerprint(new X509Certificate(certPem).raw);
}

/** Fingerprint of a DER-encoded certificate. */
export function derFingerprint(der: Buffer): string {
  return "SHA256:" + createHash("sha256").update(der).digest("base64").replace(/=+$/, "");
}

/** The default known_hosts file. */
export function defaultKnownHosts(env: NodeJS.ProcessEnv = process.env): string {
  return env.MRC_KNOWN_HOSTS ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "mrc", "known_hosts");
}

/**
 * Check the certificate `offered` by `host` ("host:port") against the pin rules; throws
 * TLS_PIN_MISMATCH on a mismatch. A host seen for the first time is pinned in known_hosts.
 */
export function checkPin(host: string, offered: string, o: TlsPinOptions = {}): void {
  if (o.fingerprint !== undefined) {
    if (o.fingerprint !== offered) throw new RpcError("TLS_PIN_MISMATCH", `the TLS certificate of ${host} is ${offered}, not the expected ${o.fingerprint}`);
    return;
  }
  const file = o.knownHostsFile ?? defaultKnownHosts();
  let lines: string[] = [];
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    // none yet
  }
  for (let i = 0; i < lines.length; i++) {
    const [h, fp] = lines[i]!.trim().split(/\s+/);
    if (h !== host) continue;
    if (fp === offered) return;
    throw new RpcError(
      "TLS_PIN_MISMATCH",
      `WARNING: the TLS certificate of ${host} has changed (pinned ${fp}, offered ${offered}); refusing to connect. If this change is expected, remove line ${i + 1} of ${file}`,
    );
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${host} ${offered}\n`, { mode: 0o600 });
  o.onPinned?.(host, offered);
}
