import { test } from "node:test";
import assert from "node:assert/strict";
import { HandleNodes } from "./handle-nodes.js";

test("handle nodes: a node is open while any of its handles is; re-setting a handle moves it", () => {
  const h = new HandleNodes();
  assert.equal(h.anyOpen(7), false);
  h.set(1, 7);
  h.set(2, 7);
  assert.equal(h.get(2), 7);
  h.delete(1);
  assert.equal(h.anyOpen(7), true, "handle 2 is still open");
  h.set(2, 8); // the same handle number now names another node
  assert.equal(h.anyOpen(7), false);
  assert.equal(h.anyOpen(8), true);
  h.delete(2);
  h.delete(2); // released twice: nothing to undo
  assert.equal(h.anyOpen(8), false);
  assert.equal(h.get(2), undefined);
});
