import { test } from "node:test";
import assert from "node:assert/strict";
import type { TargetStats } from "@mrc/protocol";
import { Scheduler, type Assignment } from "./scheduler.js";
import { parseSelector } from "./selector.js";
import { parseConfig } from "./config.js";

const stats = (o: Partial<TargetStats> = {}): TargetStats => ({
  name: "t", version: "0", cores: 4, load1: 0, freeMem: 8e9, totalMem: 16e9, jobs: 0, features: [], slots: 4, draining: false, running: [], at: 0, ...o,
});

function cluster(names: string[], s: Partial<TargetStats> = {}): Scheduler {
  const sc = new Scheduler();
  for (const n of names) {
    sc.addTarget({ name: n, labels: [] });
    sc.setConnected(n, true);
    sc.updateStats(n, stats(s));
  }
  return sc;
}

test("placement prefers the idle target over a loaded one, and respects memory", () => {
  const sc = cluster(["busy", "idle"]);
  sc.updateStats("busy", stats({ load1: 3.5 }));
  assert.deepEqual(sc.submit({ id: "1", user: "u", targets: ["busy", "idle"] }), { placed: "idle" });
  sc.updateStats("idle", stats({ freeMem: 1e6 }));
  assert.deepEqual(sc.submit({ id: "2", user: "u", targets: ["busy", "idle"], memBytes: 1e9 }), { placed: "busy" });
});

test("a burst spreads by counting jobs sent since the last report", () => {
  const sc = cluster(["a", "b"]);
  const got = ["1", "2", "3", "4"].map((id) => (sc.submit({ id, user: "u", targets: ["a", "b"] }) as { placed: string }).placed);
  assert.deepEqual(got.sort(), ["a", "a", "b", "b"]);
});

test("slots hold, the queue drains as jobs end, --no-queue fails with the reason", () => {
  const sc = cluster(["a"], { slots: 2 });
  assert.ok("placed" in sc.submit({ id: "1", user: "u", targets: ["a"] }));
  assert.ok("placed" in sc.submit({ id: "2", user: "u", targets: ["a"] }));
  assert.deepEqual(sc.submit({ id: "3", user: "u", targets: ["a"] }), { queued: 1 });
  const f = sc.submit({ id: "4", user: "u", targets: ["a"], noQueue: true });
  assert.ok("failed" in f && /no free slot on a \(2\/2 busy\)/.test(f.failed), JSON.stringify(f));
  assert.deepEqual(sc.jobEnded("1"), [{ jobId: "3", target: "a" }]);
});

test("fair share: a second user's job runs at the next free slot", () => {
  const sc = cluster(["a"], { slots: 1 });
  for (let i = 0; i < 100; i++) sc.submit({ id: `a${i}`, user: "alice", targets: ["a"] });
  sc.submit({ id: "b0", user: "bob", targets: ["a"] });
  assert.deepEqual(sc.jobEnded("a0"), [{ jobId: "b0", target: "a" }]);
  assert.deepEqual(sc.jobEnded("b0"), [{ jobId: "a1", target: "a" }]);
});

test("draining and lost targets get no work; their queued work goes elsewhere", () => {
  const sc = cluster(["a", "b"], { slots: 1 });
  sc.setDraining("a", true);
  assert.deepEqual(sc.submit({ id: "1", user: "u", targets: ["a", "b"] }), { placed: "b" });
  assert.deepEqual(sc.submit({ id: "2", user: "u", targets: ["a", "b"] }), { queued: 1 });
  assert.deepEqual(sc.setDraining("a", false), [{ jobId: "2", target: "a" }]);
  // a refused start (target says NO_SLOT) puts the job back; another target takes it when free
  assert.deepEqual(sc.startFailed("2", "a", "CONNECTION_CLOSED"), []);
  assert.deepEqual(sc.jobEnded("1"), [{ jobId: "2", target: "b" }]);
});

test("property: 1000 jobs over 3 targets never exceed slots and all run", () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const slots: Record<string, number> = { a: 1 + Math.floor(rnd() * 4), b: 1 + Math.floor(rnd() * 4), c: 1 + Math.floor(rnd() * 4) };
  const sc = new Scheduler();
  for (const n of Object.keys(slots)) {
    sc.addTarget({ name: n, labels: [] });
    sc.setConnected(n, true);
    sc.updateStats(n, stats({ slots: slots[n]! }));
  }
  const running = new Map<string, string>();
  const done = new Set<string>();
  const take = (as: Assignment[]) => {
    for (const a of as) {
      assert.ok(!running.has(a.jobId) && !done.has(a.jobId), `job ${a.jobId} placed twice`);
      running.set(a.jobId, a.target);
      const n = [...running.values()].filter((t) => t === a.target).length;
      assert.ok(n <= slots[a.target]!, `${a.target} over its ${slots[a.target]} slots`);
    }
  };
  for (let i = 0; i < 1000; i++) {
    const r = sc.submit({ id: String(i), user: `u${i % 3}`, targets: ["a", "b", "c"] });
    if ("placed" in r) take([{ jobId: String(i), target: r.placed }]);
    take(sc.takePending());
    if (rnd() < 0.3 && running.size > 0) {
      const [id] = [...running.keys()].slice(Math.floor(rnd() * running.size));
      running.delete(id!);
      done.add(id!);
      take(sc.jobEnded(id!));
    }
    if (rnd() < 0.05) {
      const n = ["a", "b", "c"][Math.floor(rnd() * 3)]!;
      take(sc.updateStats(n, stats({ slots: slots[n]!, load1: rnd() * 4 })));
    }
  }
  while (running.size > 0) {
    const [id] = running.keys();
    running.delete(id!);
    done.add(id!);
    take(sc.jobEnded(id!));
  }
  assert.equal(done.size, 1000);
});

test("selector: names, labels, @all, addresses, errors", () => {
  const config = parseConfig(JSON.stringify({ targets: [{ name: "x", url: "h1:1", labels: ["gpu"] }, { name: "y", url: "ws://h2:2" }] }), "/p/mrc.config.json");
  const ctx = { config: { ...config, sources: [] }, known: [{ name: "dial", labels: ["gpu"] }] };
  assert.deepEqual(parseSelector("@gpu", ctx).names, ["x", "dial"]);
  assert.deepEqual(parseSelector("@all", ctx).names, ["x", "y", "dial"]);
  assert.deepEqual(parseSelector("y,h1:1,10.0.0.9:7650", ctx), { names: ["y", "x", "10.0.0.9:7650"], adHoc: [{ name: "10.0.0.9:7650", url: "ws://10.0.0.9:7650" }] });
  assert.throws(() => parseSelector("nope", ctx), /no target named nope \(targets: x, y, dial\)/);
  assert.throws(() => parseSelector("@cpu", ctx), /no target has the label cpu/);
});

test("config: validation names file and field; paths resolved", () => {
  const c = parseConfig(JSON.stringify({ targets: [{ name: "a", url: "h:1", tokenFile: "tok", slots: 2 }, { name: "b", tokenFile: "~/t" }] }), "/proj/mrc.config.json", "/home/u");
  assert.equal(c.targets[0]!.tokenFile, "/proj/tok");
  assert.equal(c.targets[0]!.url, "ws://h:1");
  assert.equal(c.targets[1]!.tokenFile, "/home/u/t");
  assert.throws(() => parseConfig(JSON.stringify({ targets: [{ name: "a" }, { name: "b", slots: 0 }] }), "f.json"), /f.json: targets\[1\].slots must be a positive integer/);
  assert.throws(() => parseConfig(JSON.stringify({ targets: [{ name: "a", color: 1 }] }), "f.json"), /unknown key "color"/);
  assert.throws(() => parseConfig("{", "f.json"), /f.json: not valid JSON/);
});
