import assert from "node:assert/strict";
import { test } from "node:test";
import { mountOptionString } from "./mount.js";

test("mount -o string: defaults and overrides", () => {
  assert.equal(mountOptionString({}, 1 << 20),
    "fd=3,rootmode=40000,user_id=0,group_id=0,allow_other,default_permissions,max_read=1048576");
  assert.equal(mountOptionString({ userId: 1000, groupId: 100, allowOther: false, defaultPermissions: false, readOnly: true, extraOptions: ["blksize=4096"] }, 4096),
    "fd=3,rootmode=40000,user_id=1000,group_id=100,max_read=4096,ro,blksize=4096");
});
