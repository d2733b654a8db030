import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { FakeCluster, Sink } from "./fake-cluster.js";
import { mapJobs, parseHalt, type MapOptions } from "./runner.js";
import type { ProgressCounts } from "./progress.js";
import type { ProgressSink } from "./status-line.js";

const spec = { env: { A: "1" }, cwd: "/work", exports: [{ path: "/work", readOnly: false }], targets: "t1,t2" };

function start(fake: FakeCluster, o: Partial<MapOptions> & { inputs: MapOptions["inputs"] }) {
  const out = new Sink();
  const err = new Sink();
  const log = new Sink();
  const result = mapJobs(fake, { template: ["cmd"], spec, stdout: out, stderr: err, joblog: log, ...o });
  return { out, err, log, result };
}

const seqOf = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
/**
 * Let the engine run until it waits for something: the fake cluster and the sinks are promises
 * and nextTicks only, so everything they can do is done before a setImmediate turn comes.
 * (Used to show that the engine does NOT do something, e.g. submit one job too many.)
 */
const quiescent = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};
/** The joblog holds the line of job `seq`. */
const logged = (seq: number) => (t: string) => t.split("\n").some((l) => l.startsWith(`${seq}\t`));

test("output is printed grouped in input order even when jobs finish out of order", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const { out, err, log, result } = start(fake, { inputs: ["a", "b", "c"] });
  await fake.until(() => fake.all.length === 3);
  fake.nth(1).write(1, "a1\n");
  await out.until((t) => t === "a1\n"); // the oldest job streams live
  fake.nth(3).write(1, "c1\n").write(2, "c-err\n").write(1, "c2\n").exit(0);
  await log.until(logged(3));
  fake.nth(2).write(2, "b-err\n").write(1, "b1\n").exit(0);
  await log.until(logged(2));
  fake.nth(1).write(1, "a2\n").exit(0);
  const r = await result;
  assert.equal(out.text, "a1\na2\nb1\nc1\nc2\n");
  assert.equal(err.text, "b-err\nc-err\n");
  assert.equal(r.status, 0);
  assert.deepEqual([r.jobs, r.succeeded, r.failed, r.killed], [3, 3, 0, 0]);
});

test("--jobs N: never more than N of the map's jobs outstanding", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const { out, result } = start(fake, { inputs: seqOf(10), jobs: 3 });
  let ended = 0;
  while (ended < 10) {
    await fake.until(() => fake.live.length === 3 || (fake.all.length === 10 && fake.live.length > 0));
    await quiescent();
    assert.ok(fake.live.length <= 3, `${fake.live.length} outstanding`);
    const newest = fake.live[fake.live.length - 1]!; // finish out of order
    newest.write(1, `${newest.spec.argv[1]}\n`).exit(0);
    ended++;
  }
  const r = await result;
  assert.equal(fake.maxLive, 3);
  assert.equal(r.succeeded, 10);
  assert.equal(out.text, seqOf(10).map((s) => s + "\n").join(""));
});

test("without --jobs, at most maxOutstanding submissions are outstanding", async () => {
  const fake = new FakeCluster(); // jobs stay queued until the test ends them
  const { result } = start(fake, { inputs: seqOf(9), maxOutstanding: 4 });
  let ended = 0;
  while (ended < 9) {
    await fake.until(() => fake.live.length === 4 || (fake.all.length === 9 && fake.live.length > 0));
    await quiescent();
    assert.ok(fake.live.length <= 4, `${fake.live.length} outstanding`);
    fake.live[0]!.exit(0);
    ended++;
  }
  assert.equal((await result).succeeded, 9);
  assert.equal(fake.maxLive, 4);
});

test("placeholders, slots and the job spec reach the cluster", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const { result } = start(fake, { template: ["run", "{#}", "{%}", "{/.}"], inputs: ["a/x.txt", "b/y.txt", "c/z.txt"], jobs: 2 });
  await fake.until(() => fake.all.length === 2);
  fake.nth(1).exit(0); // frees slot 1 for the third job
  await fake.until(() => fake.all.length === 3);
  fake.nth(2).exit(0);
  fake.nth(3).exit(0);
  await result;
  assert.deepEqual(fake.all.map((j) => j.spec.argv), [["run", "1", "1", "x"], ["run", "2", "2", "y"], ["run", "3", "1", "z"]]);
  const s = fake.nth(3).spec;
  assert.equal(s.cwd, "/work");
  assert.equal(s.targets, "t1,t2");
  assert.deepEqual(s.exports, spec.exports);
  assert.deepEqual(s.env, { A: "1", MRC_MAP_SEQ: "3", MRC_MAP_SLOT: "1" });
});

test("failures are counted by reason, noted in order, logged, and give the exit status", async () => {
  const fake = new FakeCluster();
  const fate: Record<string, (j: import("./fake-cluster.js").FakeJob) => void> = {
    "1": (j) => j.start().write(1, "one\n").exit(0),
    "2": (j) => j.start().exit(1),
    "3": (j) => j.start().write(2, "three failed\n").exit(1),
    "4": (j) => j.fail("no free slot on t1 (2/2 busy)"),
    "5": (j) => j.start().exit("SIGSEGV"),
    "6": (j) => j.start().exit(2),
  };
  fake.onSubmit = (j) => fate[j.spec.argv[1]!]!(j);
  const { out, err, log, result } = start(fake, { inputs: seqOf(6) });
  const r = await result;
  assert.deepEqual([r.jobs, r.succeeded, r.failed, r.killed], [6, 1, 5, 0]);
  assert.deepEqual(r.failures, { "exit 1": 2, "could not run": 1, SIGSEGV: 1, "exit 2": 1 });
  assert.equal(r.status, 5);
  assert.equal(out.text, "one\n");
  assert.equal(err.text, "three failed\nmrc: job 4 (cmd 4): no free slot on t1 (2/2 busy)\n");
  const lines = log.text.trimEnd().split("\n");
  assert.equal(lines.length, 7);
  assert.ok(lines[0]!.startsWith("Seq\tHost\t"));
  const bySeq = new Map(lines.slice(1).map((l) => [l.split("\t")[0], l.split("\t")]));
  assert.deepEqual(bySeq.get("4")!.slice(1, 2).concat(bySeq.get("4")!.slice(4)), ["-", "0", "0", "255", "0", "cmd 4"]);
  assert.deepEqual(bySeq.get("5")!.slice(6), ["139", "11", "cmd 5"]);
  assert.deepEqual(bySeq.get("1")!.slice(1, 2).concat(bySeq.get("1")!.slice(4)), ["t1", "0", "4", "0", "0", "cmd 1"]);
});

test("more than 100 failed jobs: exit status 101", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.exit(1);
  const { result } = start(fake, { inputs: seqOf(150) });
  const r = await result;
  assert.equal(r.failed, 150);
  assert.equal(r.status, 101);
});

test("Ctrl-C kills the map's queued and running jobs, submits no more, status 130", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void (j.info.id === "1" && j.start()); // job 2 stays queued
  const ac = new AbortController();
  const { out, result } = start(fake, { inputs: seqOf(5), jobs: 2, signal: ac.signal });
  await fake.until(() => fake.all.length === 2);
  fake.nth(1).write(1, "partial\n");
  await out.until((t) => t === "partial\n");
  ac.abort();
  const r = await result;
  assert.equal(r.interrupted, true);
  assert.equal(r.status, 130);
  assert.deepEqual([r.jobs, r.succeeded, r.failed, r.killed], [2, 0, 0, 2]);
  assert.equal(fake.all.length, 2, "nothing submitted after Ctrl-C");
  assert.deepEqual(fake.signals.map((s) => `${s.id}:${s.sig}`).sort(), ["1:SIGTERM", "2:SIGTERM"]);
  assert.equal(fake.nth(2).info.state, "failed", "the queued job was dequeued");
  assert.equal(out.text, "partial\n");
});

test("Ctrl-C while the input is still open (a terminal or a slow pipe) does not hang", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  async function* input() {
    yield "first";
    await new Promise(() => {}); // nobody types any more
  }
  const ac = new AbortController();
  const { result } = start(fake, { inputs: input(), signal: ac.signal });
  await fake.until(() => fake.all.length === 1);
  ac.abort();
  const r = await result;
  assert.deepEqual([r.jobs, r.killed, r.status], [1, 1, 130]);
});

test("a job that ignores SIGTERM gets SIGKILL after the grace time; one that survives both is given up", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  fake.onSignal = (j, sig) => void (sig === "SIGKILL" && j.info.id === "1" && j.exit("SIGKILL"));
  const ac = new AbortController();
  const { err, result } = start(fake, { inputs: ["1", "2"], signal: ac.signal, killGraceMs: 20 });
  await fake.until(() => fake.all.length === 2);
  ac.abort();
  const r = await result;
  assert.equal(r.killed, 2);
  const sigs = (id: string) => fake.signals.filter((s) => s.id === id).map((s) => s.sig);
  assert.deepEqual(sigs("1"), ["SIGTERM", "SIGKILL"]);
  assert.deepEqual(sigs("2").slice(0, 2), ["SIGTERM", "SIGKILL"]);
  assert.match(err.text, /mrc: job 2 \(cmd 2\): given up/);
});

test("--halt now,fail=1: the first failure kills the others and stops submitting", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const { result } = start(fake, { inputs: seqOf(6), jobs: 3, halt: { when: "now", fail: 1 } });
  await fake.until(() => fake.all.length === 3);
  fake.nth(2).exit(1);
  const r = await result;
  assert.equal(r.halted, true);
  assert.deepEqual([r.jobs, r.failed, r.killed, r.status], [3, 1, 2, 3]);
  assert.equal(fake.all.length, 3);
  assert.deepEqual(fake.signals.map((s) => s.id).sort(), ["1", "3"]);
});

test("--halt soon,fail=1: running jobs finish, queued ones are dropped", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void (j.info.id !== "3" && j.start());
  const { result } = start(fake, { inputs: seqOf(6), jobs: 3, halt: { when: "soon", fail: 1 } });
  await fake.until(() => fake.all.length === 3);
  fake.nth(2).exit(1);
  await fake.until(() => fake.nth(3).finished);
  fake.nth(1).exit(0);
  const r = await result;
  assert.deepEqual([r.jobs, r.succeeded, r.failed, r.killed, r.status], [3, 1, 1, 1, 2]);
  assert.deepEqual(fake.signals.map((s) => s.id), ["3"], "the running job was left alone");
});

test("held output beyond the memory budget spills to a file and comes back intact", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "mrc-map-test-"));
  try {
    const fake = new FakeCluster();
    fake.onSubmit = (j) => void j.start();
    const { out, err, log, result } = start(fake, { inputs: ["1", "2"], memoryLimit: 1000, tmpDir: tmp });
    await fake.until(() => fake.all.length === 2);
    const big = Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join("");
    const j2 = fake.nth(2);
    for (let i = 0; i < big.length; i += 777) j2.write(1, big.slice(i, i + 777));
    j2.write(2, "err2\n").exit(0);
    await log.until(logged(2));
    assert.equal(readdirSync(tmp).length, 1, "a spill directory while job 2 is held");
    fake.nth(1).write(1, "first\n").exit(0);
    await result;
    assert.equal(out.text, "first\n" + big);
    assert.equal(err.text, "err2\n");
    assert.deepEqual(readdirSync(tmp), [], "spill files removed");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("--ungroup: whole lines as they arrive, from any job", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const { out, result } = start(fake, { inputs: ["1", "2"], ungroup: true });
  await fake.until(() => fake.all.length === 2);
  fake.nth(1).write(1, "a-part");
  fake.nth(2).write(1, "b1\nb-");
  await out.until((t) => t === "b1\n");
  fake.nth(1).write(1, "ial\n");
  await out.until((t) => t === "b1\na-partial\n");
  fake.nth(2).write(1, "end").exit(0);
  fake.nth(1).exit(0);
  await result;
  assert.equal(out.text, "b1\na-partial\nb-end");
});

test("a refused submit is mrc's failure: status 255, nothing more submitted", async () => {
  const fake = new FakeCluster();
  fake.submitError = Object.assign(new Error("no target named x (targets: t1)"), { code: "NO_SUCH_TARGET" });
  const { result } = start(fake, { inputs: seqOf(5) });
  const r = await result;
  assert.equal(r.status, 255);
  assert.match(r.error ?? "", /cannot submit job 1 \(cmd 1\): no target named x/);
  assert.equal(r.jobs, 1);
});

test("a failing stdout (EPIPE) stops the map and kills its jobs", async () => {
  const fake = new FakeCluster();
  fake.onSubmit = (j) => void j.start();
  const broken = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })) });
  const err = new Sink();
  const result = mapJobs(fake, { template: ["cmd"], spec, inputs: seqOf(4), jobs: 2, stdout: broken, stderr: err });
  await fake.until(() => fake.all.length === 2);
  fake.nth(1).write(1, "x\n");
  const r = await result;
  assert.equal(r.status, 255);
  assert.match(r.error ?? "", /cannot write output: write EPIPE/);
  assert.equal(fake.all.length, 2);
  assert.equal(r.killed, 2);
});

test("an empty input runs nothing and succeeds", async () => {
  const fake = new FakeCluster();
  const { log, result } = start(fake, { inputs: [] });
  const r = await result;
  assert.deepEqual([r.jobs, r.status], [0, 0]);
  assert.equal(log.text.split("\n").length, 2, "the joblog has its header");
});

test("progress: counters as jobs queue, run and end; the total known early from read-ahead; closed at the end", async () => {
  const fake = new FakeCluster();
  const seen: ProgressCounts[] = [];
  let cleared = 0;
  let closed = false;
  const progress: ProgressSink = { update: (c) => void seen.push(c), clear: () => void cleared++, resume: () => {}, close: () => void (closed = true) };
  const { err, result } = start(fake, { inputs: seqOf(3), jobs: 2, progress, pollMs: 1_000_000 });
  await fake.until(() => fake.all.length === 2);
  await quiescent();
  assert.deepEqual(seen.at(-1), { done: 0, failed: 0, running: 0, queued: 2, total: 3 }, "three lines read ahead");
  fake.nth(1).start().write(2, "hello\n"); // the first output shows it runs
  await err.until((t) => t === "hello\n");
  assert.ok(cleared > 0, "the line is erased before output");
  assert.deepEqual(seen.at(-1), { done: 0, failed: 0, running: 1, queued: 1, total: 3 });
  fake.nth(1).exit(3);
  await fake.until(() => fake.all.length === 3);
  fake.nth(2).exit(0);
  fake.nth(3).exit(0);
  await result;
  assert.deepEqual(seen.at(-1), { done: 3, failed: 1, running: 0, queued: 0, total: 3 });
  assert.equal(closed, true);
});

test("parseHalt", () => {
  assert.deepEqual(parseHalt("now,fail=1"), { when: "now", fail: 1 });
  assert.deepEqual(parseHalt("soon,fail=3"), { when: "soon", fail: 3 });
  assert.equal(parseHalt("never"), undefined);
  assert.throws(() => parseHalt("now,fail=0"), /bad --halt/);
  assert.throws(() => parseHalt("later"), /bad --halt/);
});
