import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, listen, unixUrl, type ListenOptions } from "./link.js";
import { certFingerprint } from "./tls.js";
import { selfSignedCert } from "./testing.js";
import type { Peer } from "./peer.js";

const TOKEN = "tls-test-token";

function serve(extra: Partial<ListenOptions>, seen: Peer[] = []) {
  return listen({
    token: TOKEN,
    ...extra,
    onPeer: (p) => {
      seen.push(p);
      p.handle("echo", (x: unknown) => x);
    },
  });
}

test("certFingerprint equals openssl's sha256 fingerprint", () => {
  const { cert } = selfSignedCert();
  const dir = mkdtempSync(join(tmpdir(), "mrc-fp-"));
  writeFileSync(join(dir, "c"), cert);
  const out = execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256", "-in", join(dir, "c")], { encoding: "utf8" });
  const hex = out.split("=")[1]!.trim().replace(/:/g, "");
  assert.equal(certFingerprint(cert), "SHA256:" + Buffer.from(hex, "hex").toString("base64").replace(/=+$/, ""));
});

test("wss: first use pins, same cert passes, a changed cert is refused before any handshake", async () => {
  const a = selfSignedCert("a");
  const b = selfSignedCert("b");
  const known = join(mkdtempSync(join(tmpdir(), "mrc-kh-")), "sub", "known_hosts");
  const seenA: Peer[] = [];
  const la = await serve({ tls: a }, seenA);
  assert.equal(la.url, `wss://127.0.0.1:${la.port}`);
  assert.equal(la.fingerprint, certFingerprint(a.cert));
  const pinned: string[] = [];
  const p1 = await connect(la.url, { token: TOKEN, tls: { knownHostsFile: known, onPinned: (h, fp) => pinned.push(`${h} ${fp}`) } });
  assert.equal(await p1.call("echo", "hi"), "hi");
  assert.deepEqual(pinned, [`127.0.0.1:${la.port} ${certFingerprint(a.cert)}`]);
  assert.equal(readFileSync(known, "utf8"), `127.0.0.1:${la.port} ${certFingerprint(a.cert)}\n`);
  assert.equal(statSync(known).mode & 0o777, 0o600);
  const p2 = await connect(la.url, { token: TOKEN, tls: { knownHostsFile: known, onPinned: () => pinned.push("again") } });
  assert.equal(await p2.call("echo", 2), 2);
  assert.equal(pinned.length, 1);
  p1.close("done");
  p2.close("done");
  const port = la.port;
  await la.close();
  const seenB: Peer[] = [];
  const lb = await serve({ tls: b, port }, seenB);
  await assert.rejects(connect(lb.url, { token: TOKEN, tls: { knownHostsFile: known } }), (e: Error & { code?: string }) => {
    assert.equal(e.code, "TLS_PIN_MISMATCH");
    assert.match(e.message, /has changed .*remove line 1 of/);
    return true;
  });
  assert.equal(seenB.length, 0, "no link was authenticated");
  // An explicit fingerprint overrides known_hosts: B's passes, A's is refused.
  const p3 = await connect(lb.url, { token: TOKEN, tls: { fingerprint: certFingerprint(b.cert), knownHostsFile: known } });
  assert.equal(await p3.call("echo", 3), 3);
  p3.close("done");
  await assert.rejects(connect(lb.url, { token: TOKEN, tls: { fingerprint: certFingerprint(a.cert) } }), /TLS certificate/);
  await lb.close();
});

test("unix socket: 0600, a live path is refused, a stale one replaced, close removes it", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "mrc-sock-")), "s.sock");
  const l = await serve({ path });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(l.url, unixUrl(path));
  const p = await connect(l.url, { token: TOKEN });
  assert.equal(await p.call("echo", "unix"), "unix");
  await assert.rejects(serve({ path }), /already in use/);
  p.close("done");
  await l.close();
  assert.equal(existsSync(path), false);
  // A stale socket file (its server died without removing it) is replaced.
  execFileSync(process.execPath, ["-e", `require("net").createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`]);
  assert.ok(existsSync(path));
  const l2 = await serve({ path });
  const p2 = await connect(l2.url, { token: TOKEN });
  assert.equal(await p2.call("echo", 5), 5);
  p2.close("done");
  await l2.close();
});
