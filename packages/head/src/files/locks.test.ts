import { test } from "node:test";
import * as assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { LockManager } from "./locks.js";
import { rejectsErrno, service, tempDir, O_RDONLY, O_RDWR } from "./test-util.js";

const RD = 0, WR = 1, UN = 2;
const lk = (start: number, end: number, type: number, pid = 1) => ({ start, end, type, pid });

test("conflicts, EAGAIN and getlk", async () => {
  const m = new LockManager();
  await m.setlk("i", "a", lk(0, 9, RD), false);
  await m.setlk("i", "b", lk(5, 14, RD), false); // read locks share
  await rejectsErrno(m.setlk("i", "c", lk(8, 8, WR), false), "EAGAIN");
  await m.setlk("i", "c", lk(15, -1, WR, 7), false);
  assert.deepEqual(m.getlk("i", "a", lk(20, 20, RD)), lk(15, -1, WR, 7));
  assert.equal(m.getlk("i", "c", lk(20, 20, WR)).type, UN, "own locks never conflict");
  assert.equal(m.getlk("other", "a", lk(0, -1, WR)).type, UN);
});

test("unlock splits ranges; same-owner ranges merge; upgrade replaces", async () => {
  const m = new LockManager();
  await m.setlk("i", "a", lk(0, 99, WR), false);
  await m.setlk("i", "a", lk(40, 59, UN), false);
  assert.deepEqual(m.held("i").map((l) => [l.start, l.end]), [[0, 39], [60, 99]]);
  await m.setlk("i", "b", lk(45, 50, WR), false); // the hole is free
  await m.setlk("i", "a", lk(20, 29, RD), false); // downgrade a middle part
  assert.deepEqual(
    m.held("i").filter((l) => l.type === RD || l.start < 40).map((l) => [l.start, l.end, l.type]).sort((x, y) => x[0]! - y[0]!),
    [[0, 19, WR], [20, 29, RD], [30, 39, WR]],
  );
  await m.setlk("i", "a", lk(0, 39, WR), false); // merge back
  assert.deepEqual(m.held("i").filter((l) => l.start < 40).map((l) => [l.start, l.end]), [[0, 39]]);
});

test("waiters are granted in order on unlock; an aborted waiter leaves the queue", async () => {
  const m = new LockManager();
  await m.setlk("i", "a", lk(0, -1, WR), false);
  const order: string[] = [];
  const ac = new AbortController();
  const wb = m.setlk("i", "b", lk(0, 10, WR), true).then(() => order.push("b"));
  const wx = m.setlk("i", "x", lk(0, 10, WR), true, ac.signal);
  const wc = m.setlk("i", "c", lk(5, 5, RD), true).then(() => order.push("c"));
  ac.abort();
  await rejectsErrno(wx, "EINTR");
  assert.deepEqual(order, []);
  m.releaseOwner("i", "a");
  await wb;
  assert.deepEqual(order, ["b"], "c still conflicts with b");
  await m.setlk("i", "b", lk(0, 10, UN), false);
  await wc;
  assert.deepEqual(order, ["b", "c"]);
  await rejectsErrno(m.setlk("i", "z", lk(5, 5, WR), true, AbortSignal.abort()), "EINTR");
});

test("flock: shared/exclusive per handle, conversion, release", async () => {
  const m = new LockManager();
  await m.flock("i", "fh1", RD, false);
  await m.flock("i", "fh2", RD, false);
  await rejectsErrno(m.flock("i", "fh3", WR, false), "EAGAIN");
  const w = m.flock("i", "fh3", WR, true);
  m.releaseFlock("i", "fh1");
  await m.flock("i", "fh2", UN, false);
  await w;
  await rejectsErrno(m.flock("i", "fh1", RD, false), "EAGAIN");
  // POSIX and flock locks do not interact (as on Linux).
  await m.setlk("i", "p", lk(0, -1, WR), false);
});

test("through the service: owners on different origins exclude each other; close releases", async () => {
  using d = tempDir();
  writeFileSync(join(d.path, "f"), "x");
  const { fs, root } = await service([d.path]);
  const A = {}, B = {};
  const f = await fs.lookup({ parent: root.node, name: "f" });
  const ha = await fs.open({ node: f.node, flags: O_RDWR }, { origin: A });
  const hb = await fs.open({ node: f.node, flags: O_RDWR }, { origin: B });
  const hr = await fs.open({ node: f.node, flags: O_RDONLY }, { origin: B });
  // The same owner string from two targets is two owners.
  await fs.setlk({ fh: ha.fh, owner: "1", lock: lk(0, -1, WR), wait: false, flock: false }, { origin: A });
  await rejectsErrno(fs.setlk({ fh: hb.fh, owner: "1", lock: lk(0, 0, RD), wait: false, flock: false }, { origin: B }), "EAGAIN");
  assert.equal((await fs.getlk({ fh: hb.fh, owner: "1", lock: lk(3, 3, RD) })).type, WR);
  await rejectsErrno(fs.setlk({ fh: hr.fh, owner: "2", lock: lk(0, 0, WR), wait: false, flock: false }), "EBADF");
  const waiting = fs.setlk({ fh: hb.fh, owner: "1", lock: lk(0, 0, WR), wait: true, flock: false }, { origin: B });
  await fs.flush({ fh: ha.fh, lockOwner: "1" }); // close(2) by the owner drops its locks
  await waiting;
  // flock through the service is per handle.
  await fs.setlk({ fh: ha.fh, owner: "9", lock: lk(0, -1, WR), wait: false, flock: true });
  await rejectsErrno(fs.setlk({ fh: hr.fh, owner: "9", lock: lk(0, -1, RD), wait: false, flock: true }), "EAGAIN");
  await fs.release({ fh: ha.fh, flock: true });
  await fs.setlk({ fh: hr.fh, owner: "9", lock: lk(0, -1, RD), wait: false, flock: true });
  // A vanished link's locks go with it.
  fs.dropOrigin(B);
  const hc = await fs.open({ node: f.node, flags: O_RDWR });
  await fs.setlk({ fh: hc.fh, owner: "c", lock: lk(0, -1, WR), wait: false, flock: false });
  await fs.setlk({ fh: hc.fh, owner: "c", lock: lk(0, -1, WR), wait: false, flock: true });
  await fs.close();
});
