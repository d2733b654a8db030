import assert from "node:assert/strict";
import { test } from "node:test";
import { OpStats } from "./stats.js";

test("OpStats: counts, busiest op first, median bucket bound", () => {
  const s = new OpStats();
  for (const us of [3, 4, 30, 40, 45]) s.add("READ", us); // total 122 µs, median 30 → bucket ≤ 50
  s.add("OPEN", 400); // one request, but more total time
  s.add("WRITE", 250_000); // beyond the last bound
  const r = s.report();
  assert.deepEqual(r.map((l) => l.split(" ")[0]), ["WRITE", "OPEN", "READ"]);
  assert.match(r[2]!, /^READ +n=5 total=0\.1ms mean=24us p50<=50us$/);
  assert.match(r[1]!, /^OPEN +n=1 total=0\.4ms mean=400us p50<=500us$/);
  assert.match(r[0]!, /p50<=>100000us$/);
  assert.equal(s.count("READ"), 5);
  assert.equal(s.count("LOOKUP"), 0);
});
