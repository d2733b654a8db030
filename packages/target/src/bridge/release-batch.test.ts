import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RELEASE_BATCH, ReleaseBatcher } from "./release-batch.js";

test("releases are held and sent together: on the timer, when full, or before an open of their file", async () => {
  const sent: number[][] = [];
  const b = new ReleaseBatcher((fhs) => sent.push(fhs));
  b.add(1, 10);
  b.add(2, 20);
  assert.equal(sent.length, 0);
  const flushed = new Promise<void>((resolve) => {
    const check = (): void => (sent.length > 0 ? resolve() : void setImmediate(check));
    check();
  });
  await flushed; // the timer fires within RELEASE_DELAY_MS
  assert.deepEqual(sent, [[1, 2]]);
  b.add(3, 30);
  b.flushFor(31); // another file: nothing sent
  assert.equal(sent.length, 1);
  b.flushFor(30);
  assert.deepEqual(sent[1], [3]);
  for (let i = 0; i < RELEASE_BATCH; i++) b.add(100 + i, undefined);
  assert.equal(sent.length, 3, "a full batch goes at once");
  assert.equal(sent[2]!.length, RELEASE_BATCH);
  assert.equal(b.size, 0);
  b.flush(); // nothing held: nothing sent
  assert.equal(sent.length, 3);
});
