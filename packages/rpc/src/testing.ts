import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryPair } from "./memory.js";
import { acceptOn, connect, dialOn, listen, type LinkOptions } from "./link.js";
import type { Peer } from "./peer.js";

/** A connected pair of Peers plus a way to dispose of them (tests, embedded targets). */
export interface PeerPair {
  a: Peer;
  b: Peer;
  close(): Promise<void>;
}

/** Two Peers joined by an in-memory transport, fully authenticated. */
export async function memoryPeers(o: Partial<LinkOptions> = {}): Promise<PeerPair> {
  const [x, y] = memoryPair();
  const opts = { token: "test-token", ...o };
  const [a, b] = await Promise.all([acceptOn(x, opts), dialOn(y, opts)]);
  return { a, b, close: async () => a.close() };
}

/** Two Peers joined by a real ws server on 127.0.0.1 port 0. `a` is the listener's side. */
export async function wsPeers(o: Partial<LinkOptions> = {}): Promise<PeerPair> {
  const opts = { token: "test-token", ...o };
  let gotA!: (p: Peer) => void;
  const aP = new Promise<Peer>((r) => (gotA = r));
  const l = await listen({ ...opts, onPeer: (p) => gotA(p) });
  const b = await connect(`ws://127.0.0.1:${l.port}`, opts);
  const a = await aP;
  return {
    a,
    b,
    close: async () => {
      b.close();
      await l.close();
    },
  };
}

/** A throwaway self-signed certificate (EC P-256) made with the openssl CLI, for TLS tests. */
export function selfSignedCert(cn = "mrc-test"): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "mrc-cert-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${cn}`, "-keyout", join(dir, "k"), "-out", join(dir, "c")], { stdio: "ignore" });
    return { cert: readFileSync(join(dir, "c"), "utf8"), key: readFileSync(join(dir, "k"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
