// The conformance suite against two fresh local directories: the transcripts must agree, must be
// substantial (successes and errnos), and the comparer must notice a difference.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareTranscripts, runConformance, runConformanceInChild } from "./lib/conformance/index.js";
import type { CaseResult, Step, Transcript } from "./lib/conformance/index.js";

const MIN_CASES = 60;

/** A fresh temp directory that removes itself. */
async function tempDir(prefix: string): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

function step(t: Transcript, caseName: string, label: string): Step {
  const c = t.cases.find((x) => x.name === caseName);
  assert.ok(c, `case ${caseName} missing`);
  const s = c.steps.find((x) => x.label === label);
  assert.ok(s, `step ${caseName}/${label} missing`);
  return s;
}

let first: Transcript | undefined;
let second: Transcript | undefined;

test("two local directories produce agreeing, substantial transcripts", async () => {
  await using a = await tempDir("mrc-conf-a-");
  await using b = await tempDir("mrc-conf-b-");
  [first, second] = await Promise.all([runConformanceInChild(a.path), runConformanceInChild(b.path)]);

  assert.deepEqual(compareTranscripts(first, second, { a: "local-a", b: "local-b" }), []);

  assert.ok(first.cases.length >= MIN_CASES, `only ${first.cases.length} cases`);
  const crashed = first.cases.filter((c) => c.status === "crashed").map((c) => `${c.name}: ${c.reason}`);
  assert.deepEqual(crashed, [], "no case may crash on a local disk");
  const skipped = first.cases.filter((c) => c.status === "skipped");
  assert.ok(skipped.every((c) => /^(xattr|seek)\//.test(c.name)), `unexpected skips: ${skipped.map((c) => c.name).join(", ")}`);

  const steps = first.cases.flatMap((c) => c.steps);
  const errnos = new Set(steps.flatMap((s) => ("errno" in s ? [s.errno] : [])));
  assert.ok(steps.filter((s) => "ok" in s).length >= 150, "too few successful steps");
  assert.ok(steps.filter((s) => "errno" in s).length >= 60, "too few errno steps");
  for (const e of ["ENOENT", "ENOTDIR", "EEXIST", "ENOTEMPTY", "EISDIR", "EINVAL", "ENAMETOOLONG", "ELOOP", "EBADF", "EPERM"]) {
    assert.ok(errnos.has(e), `no step recorded ${e}`);
  }

  // Absolute paths never leak into what is compared, and every case directory was removed.
  const compared = JSON.stringify(first.cases.map(({ info: _info, ...rest }) => rest));
  assert.ok(!compared.includes(a.path), "transcript contains the absolute directory");
  assert.deepEqual(await readdir(a.path), []);
});

test("the transcript records known Linux answers (the suite itself is right)", () => {
  assert.ok(first, "previous test must have run");
  const t = first;
  const expectErrno: Array<[string, string, string]> = [
    ["lookup/missing", "stat", "ENOENT"],
    ["lookup/through-file", "stat", "ENOTDIR"],
    ["lookup/name-length", "create-256", "ENAMETOOLONG"],
    ["dirs/mkdir-exists", "over-dir", "EEXIST"],
    ["dirs/rmdir-errors", "non-empty", "ENOTEMPTY"],
    ["dirs/rmdir-errors", "file", "ENOTDIR"],
    ["open/create-excl", "existing", "EEXIST"],
    ["open/o-directory", "file", "ENOTDIR"],
    ["links/dangling", "stat", "ENOENT"],
    ["rename/dir-over-dir", "over-non-empty", "ENOTEMPTY"],
    ["rename/type-mismatch", "file-over-dir", "EISDIR"],
    ["rename/into-own-subdir", "into-child", "EINVAL"],
    ["readdir/errors", "opendir-file", "ENOTDIR"],
  ];
  for (const [c, l, e] of expectErrno) assert.deepEqual(step(t, c, l), { label: l, errno: e }, `${c}/${l}`);
  const ok = (c: string, l: string) => {
    const s = step(t, c, l);
    assert.ok("ok" in s, `${c}/${l} failed with ${"errno" in s ? s.errno : "?"}`);
    return s.ok;
  };
  assert.equal(ok("io/append-two-handles", "content"), "start\none\ntwo\nthree\nfour\n");
  assert.equal(ok("links/open-unlinked", "read-fd"), "data");
  assert.equal(ok("links/hardlink-nlink", "nlink-3"), 3);
  assert.equal(ok("links/symlink-readlink", "readlink-absolute"), "<case>/target-file");
  assert.equal(ok("io/pwrite-pread", "stat-size"), 10004);
  assert.deepEqual(ok("attrs/utimes-exact", "times-file"), { atime: "1000000000.000000000", mtime: "1234567890.500000000" });
  assert.equal((ok("special/mkfifo", "lstat") as { type: string }).type, "fifo");
  assert.deepEqual(ok("locks/flock-exclusive", "probe-exclusive"), { exit: 1, errno: null });
  assert.deepEqual(ok("locks/flock-exclusive", "probe-exclusive-after-release"), { exit: 0, errno: null });
  assert.deepEqual(ok("readdir/unlink-during-iteration", "untouched-all-seen"), true);
});

test("compareTranscripts reports each kind of difference", () => {
  assert.ok(first && second, "first test must have run");
  const clone = (): { cases: CaseResult[] } & Transcript => structuredClone(second) as { cases: CaseResult[] } & Transcript;

  const errnoChanged = clone();
  const c0 = errnoChanged.cases.find((c) => c.name === "lookup/missing");
  assert.ok(c0);
  c0.steps[0] = { label: "stat", errno: "EIO" };
  const d1 = compareTranscripts(first, errnoChanged);
  assert.equal(d1.length, 1);
  assert.match(d1[0] ?? "", /lookup\/missing.*"stat".*ENOENT.*EIO/);

  const valueChanged = clone();
  const c1 = valueChanged.cases.find((c) => c.name === "links/hardlink-nlink");
  assert.ok(c1);
  c1.steps[c1.steps.findIndex((s) => s.label === "nlink-3")] = { label: "nlink-3", ok: 1 };
  assert.equal(compareTranscripts(first, valueChanged).length, 1);

  const caseRemoved = clone();
  caseRemoved.cases.pop();
  assert.match(compareTranscripts(first, caseRemoved).join("\n"), /only in A/);

  const skipped = clone();
  skipped.cases[2] = { name: skipped.cases[2]?.name ?? "?", status: "skipped", reason: "tool not installed", steps: [] };
  assert.ok(compareTranscripts(first, skipped).some((d) => d.includes("skipped")));
  // A skip equals the same skip; info never matters.
  const infoOnly = clone();
  infoOnly.cases[0] = { ...infoOnly.cases[0]!, info: { anything: 1 } };
  assert.deepEqual(compareTranscripts(skipped, structuredClone(skipped)), []);
  assert.deepEqual(compareTranscripts(first, infoOnly), []);
});

test("a crashing, skipping or hanging case is recorded and the run continues", async () => {
  await using d = await tempDir("mrc-conf-c-");
  const t = await runConformance(d.path, {
    caseTimeoutMs: 200,
    cases: [
      { name: "t/crash", run: async () => { throw new Error(`boom in ${d.path}`); } },
      { name: "t/skip", run: async (c) => c.skip("not here") },
      { name: "t/hang", run: () => new Promise(() => undefined) },
      { name: "t/ok", run: async (c) => { await c.step("stat-missing", () => import("node:fs/promises").then((m) => m.stat(c.path("x")))); } },
    ],
  });
  assert.deepEqual(
    t.cases.map((c) => [c.name, c.status, c.reason ?? null]),
    [
      ["t/crash", "crashed", "Error: boom in <root>"],
      ["t/skip", "skipped", "not here"],
      ["t/hang", "crashed", "Error: case timed out after 200 ms"],
      ["t/ok", "ok", null],
    ],
  );
  assert.deepEqual(t.cases[3]?.steps, [{ label: "stat-missing", errno: "ENOENT" }]);
});
