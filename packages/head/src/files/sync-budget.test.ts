import assert from "node:assert/strict";
import { test } from "node:test";
import { ASYNC_BACKOFF_MS, SLOW_CALL_MS, SLOW_SYNC_BUDGET_MS, SyncBudget } from "./sync-budget.js";

/** A budget on a clock the test moves. */
function budget(): { b: SyncBudget; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { b: new SyncBudget(() => t), advance: (ms) => (t += ms) };
}

test("sync budget: many calls just under the slow mark never push the service to the threadpool", () => {
  const { b, advance } = budget();
  // 2000 ext4 creates of 1.5 ms each, back to back: 3 s of blocking, none of it long.
  for (let i = 0; i < 2000; i++) {
    b.charge(SLOW_CALL_MS * 0.75);
    advance(SLOW_CALL_MS * 0.75);
  }
  assert.equal(b.allows(), true);
  assert.equal(b.backoffs, 0);
});

test("sync budget: slow calls beyond the budget within a second back off, then sync is tried again", () => {
  const { b, advance } = budget();
  const call = 10; // ms: a network file system's round trip
  let n = 0;
  while (b.allows()) {
    b.charge(call);
    advance(call);
    n++;
  }
  assert.equal(n, Math.floor(SLOW_SYNC_BUDGET_MS / call) + 1);
  assert.equal(b.backoffs, 1);
  advance(ASYNC_BACKOFF_MS - call - 1); // the clock already moved past the call that tipped it
  assert.equal(b.allows(), false);
  advance(1);
  assert.equal(b.allows(), true);
});

test("sync budget: slow calls spread over seconds stay within the budget", () => {
  const { b, advance } = budget();
  for (let s = 0; s < 20; s++) {
    for (let i = 0; i < 10; i++) b.charge(SLOW_SYNC_BUDGET_MS / 20); // half the budget per second
    advance(1001);
  }
  assert.equal(b.backoffs, 0);
  assert.equal(b.allows(), true);
});

test("sync budget: reset lifts a backoff at once", () => {
  const { b } = budget();
  b.charge(SLOW_SYNC_BUDGET_MS + 1);
  assert.equal(b.allows(), false);
  b.reset();
  assert.equal(b.allows(), true);
});
