import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { PassThrough, Readable } from "node:stream";
import { startCluster, type TestCluster } from "./testing.js";
import { MailboxClient, type Message } from "./client.js";
import { mboxRecvMain, mboxSendMain } from "./cli.js";

async function job(c: TestCluster, i: number, addr?: string) {
  const j = await c.startJob(i, addr);
  return { ...j, client: await MailboxClient.connect(j.path) };
}

/** Check per-sender order and exactly-once of "tag:i" messages, i = 0..n-1 per tag. */
function checkStreams(msgs: Message[], tags: string[], n: number): void {
  const next = new Map(tags.map((t) => [t, 0]));
  for (const m of msgs) {
    const [tag, i] = m.data.toString().split(":") as [string, string];
    assert.equal(Number(i), next.get(tag), `message ${m.data} out of order or doubled (from ${m.from})`);
    next.set(tag, Number(i) + 1);
  }
  for (const t of tags) assert.equal(next.get(t), n, `sender ${t}: got ${next.get(t)} of ${n}`);
}

test("order: 4 concurrent senders x 2000 messages, two local, two across targets", async () => {
  const c = await startCluster();
  try {
    const r = await job(c, 0);
    const senders = await Promise.all([job(c, 0), job(c, 0), job(c, 1), job(c, 1)]);
    const N = 2000;
    const sends = senders.map((s, k) => Promise.all(Array.from({ length: N }, (_, i) => s.client.send(r.addr, `s${k}:${i}`))));
    const got: Message[] = [];
    for await (const m of r.client.messages({ prefetch: 32 })) {
      got.push(m);
      if (got.length === 4 * N) break;
    }
    await Promise.all(sends);
    checkStreams(got, ["s0", "s1", "s2", "s3"], N);
    const hub1 = c.targets[1]!.hub.stats;
    assert.ok(hub1.direct > 0, "remote senders used the direct target-to-target link");
    assert.equal(c.router.forwarded, 0);
    for (const s of [r, ...senders]) s.client.close();
  } finally {
    await c.close();
  }
});

test("exactly once and in order across a move with messages in flight", async () => {
  const c = await startCluster({ queue: { maxMessages: 16 } });
  try {
    const r = await job(c, 0);
    const remote = await job(c, 1);
    const local = await job(c, 0);
    const N = 1000;
    const sends = [remote, local].map((s, k) => Promise.all(Array.from({ length: N }, (_, i) => s.client.send(r.addr, `s${k}:${i}`))));
    const got: Message[] = [];
    while (got.length < 300) got.push(await r.client.recv());
    await sleep(100);
    assert.equal(c.targets[0]!.hub.box(r.addr, "")!.size, 16, "the old mailbox is full: more messages are in flight");
    // The successor job starts on the other target with the same address, then takes it over.
    const succ = await c.startJob(1, r.addr);
    const moving = c.router.move(r.addr, c.targets[1]!.url);
    await moving;
    await c.endJob(0, r.addr); // the old job ends; the mailbox lives on with the successor
    const r2 = await MailboxClient.connect(succ.path);
    while (got.length < 2 * N) got.push(await r2.recv({ timeoutMs: 10_000 }));
    await Promise.all(sends);
    checkStreams(got, ["s0", "s1"], N);
    await assert.rejects(r2.recv({ timeoutMs: 100 }), { code: "TIMEOUT" });
    // Later sends follow the new location.
    await remote.client.send(r.addr, "after");
    assert.equal((await r2.recv({ timeoutMs: 5000 })).data.toString(), "after");
    assert.deepEqual(await c.router.where(r.addr), { hubId: c.targets[1]!.hub.hubId, url: c.targets[1]!.url });
    for (const s of [r, remote, local]) s.client.close();
    r2.close();
  } finally {
    await c.close();
  }
});

test("errors: never existed vs ended, locally and across targets; bad address", async () => {
  const c = await startCluster();
  try {
    const a = await job(c, 0);
    const b = await job(c, 1);
    const home = c.router.homeId;
    for (const s of [a, b]) {
      await assert.rejects(s.client.send(`${home}/nope`, "x"), { code: "NO_SUCH_MAILBOX", message: /no job ever had this address/ });
      await assert.rejects(s.client.send(`h-elsewhere/j1`, "x"), { code: "NO_SUCH_MAILBOX", message: /not linked/ });
      await assert.rejects(s.client.send(`no slash`, "x"), { code: "BAD_ADDRESS" });
    }
    const gone = await job(c, 0);
    await b.client.send(gone.addr, "warm the location cache");
    await c.endJob(0, gone.addr);
    await sleep(50);
    for (const s of [a, b]) await assert.rejects(s.client.send(gone.addr, "x"), { code: "MAILBOX_ENDED", message: /has ended/ });
    a.client.close();
    b.client.close();
  } finally {
    await c.close();
  }
});

test("backpressure: a receiver that never reads blocks senders with bounded memory; noWait fails at once", async () => {
  const c = await startCluster({ queue: { maxMessages: 8, maxBytes: 1 << 20 }, door: { maxSendsInFlight: 64 } });
  try {
    const r = await job(c, 0);
    const local = await job(c, 0);
    const remote = await job(c, 1);
    for (let i = 0; i < 8; i++) await local.client.send(r.addr, `fill${i}`);
    let settled = 0;
    const blocked = [local, remote].flatMap((s) => Array.from({ length: 200 }, () => s.client.send(r.addr, Buffer.alloc(1000)).finally(() => settled++)));
    await sleep(300);
    assert.equal(settled, 0, "sends to a full mailbox stay pending");
    const box = c.targets[0]!.hub.box(r.addr, "")!;
    assert.equal(box.size, 8, "the queue never grows past its limit");
    // A connection stops being read while it has too many sends pending (head-of-line), so the
    // no-wait sends come on fresh connections of the same jobs, as `mrc mbox send --no-wait` does.
    const [remote2, local2] = await Promise.all([MailboxClient.connect(remote.path), MailboxClient.connect(local.path)]);
    const t0 = Date.now();
    await assert.rejects(remote2.send(r.addr, "now", { noWait: true }), { code: "MAILBOX_FULL", message: /full/ });
    await assert.rejects(local2.send(r.addr, "now", { noWait: true }), { code: "MAILBOX_FULL" });
    assert.ok(Date.now() - t0 < 200, "noWait fails at once");
    remote2.close();
    local2.close();
    for (let i = 0; i < 408; i++) await r.client.recv({ timeoutMs: 5000 });
    await Promise.all(blocked);
    assert.equal(settled, 400);
    for (const s of [r, local, remote]) s.client.close();
  } finally {
    await c.close();
  }
});

test("local delivery touches no link; without direct links messages go through the head", async () => {
  const c = await startCluster({ direct: false });
  try {
    const r = await job(c, 0);
    const local = await job(c, 0);
    const remote = await job(c, 1);
    const before = c.linkFrames;
    await Promise.all(Array.from({ length: 500 }, (_, i) => local.client.send(r.addr, `l:${i}`)));
    assert.equal(c.linkFrames, before, "no frame on any link for same-target messages");
    assert.equal(c.targets[0]!.hub.stats.local, 500);
    await Promise.all(Array.from({ length: 200 }, (_, i) => remote.client.send(r.addr, `r:${i}`)));
    assert.equal(c.targets[1]!.hub.stats.direct, 0);
    assert.equal(c.targets[1]!.hub.stats.viaHead, 200);
    assert.equal(c.router.forwarded, 200);
    const got: Message[] = [];
    while (got.length < 700) got.push(await r.client.recv({ timeoutMs: 5000 }));
    checkStreams(got.filter((m) => m.data[0] === 0x6c), ["l"], 500);
    checkStreams(got.filter((m) => m.data[0] === 0x72), ["r"], 200);
    for (const s of [r, local, remote]) s.client.close();
  } finally {
    await c.close();
  }
});

test("client: whoami, open a named mailbox, 64 KiB messages", async () => {
  const c = await startCluster();
  try {
    const a = await job(c, 0);
    const b = await job(c, 1);
    assert.equal(await a.client.whoami(), a.addr);
    const side = await a.client.open("side");
    assert.equal(side, `${a.addr}/side`);
    const big = Buffer.alloc(65536, 7);
    await b.client.send(side, big);
    await b.client.send(a.addr, "main");
    const m = await a.client.recv({ box: "side", timeoutMs: 5000 });
    assert.equal(m.from, b.addr);
    assert.equal(m.to, side);
    assert.ok(m.data.equals(big));
    assert.equal((await a.client.recv({ timeoutMs: 5000 })).data.toString(), "main");
    a.client.close();
    b.client.close();
  } finally {
    await c.close();
  }
});

test("mrc mbox send / recv", async () => {
  const c = await startCluster();
  try {
    const a = await c.startJob(0);
    const b = await c.startJob(1);
    assert.equal(await mboxSendMain([a.addr, "hello"], { door: b.path }), 0);
    assert.equal(await mboxSendMain([a.addr], { door: b.path, stdin: Readable.from([Buffer.from("from "), Buffer.from("stdin")]) }), 0);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (d: Buffer) => chunks.push(d));
    assert.equal(await mboxRecvMain(["--count", "2", "--from"], { door: a.path, stdout: out }), 0);
    assert.equal(Buffer.concat(chunks).toString(), `${b.addr} 5\nhello${b.addr} 10\nfrom stdin`);
    assert.equal(await mboxRecvMain(["--timeout", "0.1"], { door: a.path, stdout: out }), 3);
    assert.equal(await mboxSendMain([`${c.router.homeId}/nope`, "x"], { door: a.path }), 1);
    assert.equal(await mboxSendMain([], { door: a.path }), 2);
  } finally {
    await c.close();
  }
});

test("a target whose head link drops and comes back: its mailboxes are reachable through the home again, with what they held", async () => {
  const c = await startCluster({ direct: false }); // every remote message goes through the home
  try {
    const a = await job(c, 0);
    const b = await job(c, 1);
    await b.client.send(a.addr, "before");
    await c.unlink(0);
    // The job outlives the link (a durable job does): its mailbox is away, not ended.
    await assert.rejects(c.router.where(a.addr), { code: "UNREACHABLE", message: /link to its target is down/ });
    // Linked again: the hub's hello answer lists its mailboxes, so the home knows at once.
    await c.relink(0);
    assert.equal((await c.router.where(a.addr)).hubId, c.targets[0]!.hub.hubId);
    await b.client.send(a.addr, "after");
    assert.equal((await a.client.recv()).data.toString(), "before");
    assert.equal((await a.client.recv()).data.toString(), "after");
    a.client.close();
    b.client.close();
  } finally {
    await c.close();
  }
});

test("a restarted head (new router, same home) learns its targets' mailboxes: live ones are found, ended ones stay ended", async () => {
  const c = await startCluster({ direct: false });
  try {
    const a = await job(c, 0);
    const b = await job(c, 1);
    const gone = await job(c, 1);
    await c.endJob(1, gone.addr);
    await a.client.send(b.addr, "queued before the restart");
    const first = c.router;
    await c.restartHead();
    assert.notEqual(c.router, first);
    assert.equal(c.router.homeId, first.homeId);
    assert.equal((await c.router.where(a.addr)).hubId, c.targets[0]!.hub.hubId);
    assert.equal((await c.router.where(b.addr)).hubId, c.targets[1]!.hub.hubId);
    await assert.rejects(c.router.where(gone.addr), { code: "MAILBOX_ENDED" });
    await assert.rejects(c.router.where(`${c.router.homeId}/never`), { code: "NO_SUCH_MAILBOX" });
    // Target 1 never looked a up: it asks the new router, which forwards.
    await b.client.send(a.addr, "after the restart");
    assert.equal((await a.client.recv()).data.toString(), "after the restart");
    assert.equal((await b.client.recv()).data.toString(), "queued before the restart");
    // New jobs get addresses as before and reach the old ones.
    const d = await job(c, 1);
    await d.client.send(a.addr, "from a new job");
    assert.equal((await a.client.recv()).data.toString(), "from a new job");
    for (const s of [a, b, d]) s.client.close();
  } finally {
    await c.close();
  }
});
