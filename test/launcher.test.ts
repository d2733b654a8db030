// The `mrc` program's start-up path (packages/cli/bin): the shell preamble that keeps Node from
// parsing NODE_EXTRA_CA_CERTS, and the V8 code cache of the bundle. Real processes throughout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { MRC } from "./lib/mrc.js";

const BUNDLE = join(dirname(MRC), "..", "dist", "mrc.bundle.cjs");

/** Execute `file` as a program (its shebang), like a shell running `mrc`. */
function exec(file: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const p = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], ...(cwd ? { cwd } : {}) });
  let stdout = "";
  let stderr = "";
  p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => p.on("close", (status) => resolve({ status, stdout, stderr })));
}

test("the mrc program starts node without NODE_EXTRA_CA_CERTS and gives it back to the guest", async () => {
  // A CA file that does not exist: node warns about it at start-up when it reads the variable.
  const ca = join(tmpdir(), `mrc-no-such-ca-${process.pid}.pem`);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: ca };
  delete env.MRC_SAVED_NODE_EXTRA_CA_CERTS;
  const cwd = mkdtempSync(join(tmpdir(), "mrc-launcher-cwd-"));
  const r = await exec(MRC, ["run", "-T", "--", "sh", "-c", 'printf "%s|%s" "$NODE_EXTRA_CA_CERTS" "${MRC_SAVED_NODE_EXTRA_CA_CERTS-unset}"'], env, cwd);
  rmSync(cwd, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${ca}|unset`);
  assert.doesNotMatch(r.stderr, /extra certs/i, "node read NODE_EXTRA_CA_CERTS at start-up");
  // Run through `node bin/mrc.cjs`, the preamble is skipped: node itself reads the variable.
  const direct = await new Promise<string>((resolve) => {
    const p = spawn(process.execPath, [MRC, "--version"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("close", () => resolve(err));
  });
  assert.match(direct, /extra certs/i, "the check above cannot tell the two paths apart");
});

test("a missing, foreign or corrupt code cache only costs speed", async () => {
  // A private copy of bin/ and dist/mrc.bundle.cjs, so caches written here touch nobody else.
  const root = mkdtempSync(join(tmpdir(), "mrc-launcher-"));
  try {
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "dist"));
    for (const f of ["mrc.cjs", "load-bundle.cjs"]) copyFileSync(join(dirname(MRC), f), join(root, "bin", f));
    copyFileSync(BUNDLE, join(root, "dist", "mrc.bundle.cjs"));
    const bin = join(root, "bin", "mrc.cjs");
    const caches = () => readdirSync(join(root, "dist")).filter((n) => n.endsWith(".v8cache"));

    const first = await exec(bin, ["--version"], process.env);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, "0.1.0\n");
    const written = caches();
    assert.equal(written.length, 1, "the first run writes one cache");
    assert.match(written[0]!, /^mrc\.bundle\.other\./);

    // Garbage in the cache: V8 rejects it, mrc runs normally and writes a good one.
    const file = join(root, "dist", written[0]!);
    writeFileSync(file, Buffer.alloc(4096, 0x5a));
    const second = await exec(bin, ["--version"], process.env);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, "0.1.0\n");
    assert.notDeepEqual(readFileSync(file), Buffer.alloc(4096, 0x5a), "a rejected cache is rewritten");

    // A cache that V8 accepts is left alone.
    const good = readFileSync(file);
    const third = await exec(bin, ["--version"], process.env);
    assert.equal(third.stdout, "0.1.0\n");
    assert.deepEqual(readFileSync(file), good);

    // Each command has its own cache (they compile different code).
    const help = await exec(bin, ["ps", "--help"], process.env);
    assert.equal(help.status, 0, help.stderr);
    assert.ok(caches().some((n) => n.startsWith("mrc.bundle.ps.")), caches().join(" "));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
