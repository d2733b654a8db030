import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMountInfo, unescapeMountPath } from "./mountinfo.js";
import { outstandingReads, threadpoolSize } from "./threadpool.js";

test("mountinfo: fields, optional fields, escapes", () => {
  const text = [
    "42 27 0:39 / /tmp/a\\040b rw,relatime shared:5 master:1 - fuse.mrc mrc rw,user_id=0,group_id=0",
    "23 1 0:22 / /sys rw - sysfs sysfs rw",
    "garbage",
  ].join("\n");
  const m = parseMountInfo(text);
  assert.equal(m.length, 2);
  assert.deepEqual(m[0], {
    id: 42, parentId: 27, major: 0, minor: 39, root: "/", mountpoint: "/tmp/a b", options: "rw,relatime",
    fstype: "fuse.mrc", source: "mrc", superOptions: "rw,user_id=0,group_id=0",
  });
  assert.equal(unescapeMountPath("a\\011b\\134c"), "a\tb\\c");
});

test("outstanding reads leave two threadpool threads free", () => {
  assert.equal(threadpoolSize({}), 4);
  assert.equal(threadpoolSize({ UV_THREADPOOL_SIZE: "16" }), 16);
  assert.equal(outstandingReads(4, 4), 2);
  assert.equal(outstandingReads(4, 8), 4);
  assert.equal(outstandingReads(4, 2), 1);
});
