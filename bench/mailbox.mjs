#!/usr/bin/env node
// Mailbox throughput and latency: 64 B and 64 KiB messages, same target and across two targets.
// Goals (issue 5): >= 100k msgs/s of 64 B on one target, p50 latency <= 200 µs there.
//
//   node bench/mailbox.mjs [--quick] [--json FILE]
//
// A child process runs a head (MailboxRouter) and two target hubs linked by real ws on
// 127.0.0.1 (the @mrc/mailbox/testing harness); this process plays the guests through real door
// sockets with MailboxClient. Throughput: one sender with up to 512 sends in flight, one
// receiver with 256 RECVs waiting. Latency: one message at a time, send() call to receipt.
// Across targets the messages take the direct target↔target link. Exits 0 whatever the figures.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { ROOT, mdTable, nowMs, percentile, say } from "./lib/common.mjs";

const { values: opt } = parseArgs({
  options: { quick: { type: "boolean", default: false }, json: { type: "string" }, serve: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
});
if (opt.help) {
  process.stdout.write("usage: node bench/mailbox.mjs [--quick] [--json FILE]\n");
  process.exit(0);
}

if (opt.serve) {
  // Child: the cluster. Prints the jobs' doors as one JSON line, lives until stdin closes.
  const { startCluster } = await import("@mrc/mailbox/testing");
  const c = await startCluster({ hubs: 2 });
  const jobs = { r0: await c.startJob(0), s0: await c.startJob(0), s1: await c.startJob(1) };
  process.stdout.write(JSON.stringify(jobs) + "\n");
  process.stdin.resume();
  process.stdin.on("end", async () => {
    const t = c.targets.map((x) => x.hub.stats);
    process.stderr.write(`bench: hub stats ${JSON.stringify(t)}, forwarded by head ${c.router.forwarded}\n`);
    await c.close();
    process.exit(0);
  });
} else {
  const { MailboxClient } = await import("@mrc/mailbox");
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, "--serve"], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`cluster exited with ${code}`)));
  });
  const jobs = JSON.parse(line);
  const recv = await MailboxClient.connect(jobs.r0.path);
  const senders = { same: await MailboxClient.connect(jobs.s0.path), across: await MailboxClient.connect(jobs.s1.path) };

  async function throughput(sender, size, n) {
    const data = Buffer.alloc(size, 0x61);
    const rx = (async () => {
      let k = 0;
      for await (const _ of recv.messages({ prefetch: 256 })) if (++k === n) break;
    })();
    const t0 = nowMs();
    let inflight = 0;
    let next = 0;
    await new Promise((resolve, reject) => {
      const pump = () => {
        while (inflight < 512 && next < n) {
          inflight++;
          next++;
          sender.send(jobs.r0.addr, data).then(() => {
            inflight--;
            if (next < n) pump();
            else if (inflight === 0) resolve();
          }, reject);
        }
      };
      pump();
    });
    await rx;
    const secs = (nowMs() - t0) / 1000;
    // The prefetching receiver left RECVs waiting: drain what they take with a few extra sends.
    await drainPrefetch(sender);
    return { rate: n / secs, mbps: (n * size) / secs / 1e6 };
  }

  async function drainPrefetch(sender) {
    // 256 RECVs are still waiting at the hub for the old iterator; feed them so later measures
    // start clean (their results are dropped).
    await Promise.all(Array.from({ length: 256 }, () => sender.send(jobs.r0.addr, "x")));
  }

  async function latency(sender, size, n) {
    const data = Buffer.alloc(size, 0x62);
    const us = [];
    for (let i = 0; i < n; i++) {
      const t0 = nowMs();
      const got = recv.recv();
      await sender.send(jobs.r0.addr, data);
      await got;
      us.push((nowMs() - t0) * 1000);
    }
    return { p50: percentile(us, 50), p99: percentile(us, 99) };
  }

  const Q = opt.quick;
  const cases = [
    { where: "same target", sender: senders.same, size: 64, n: Q ? 20_000 : 200_000, lat: Q ? 1000 : 5000 },
    { where: "same target", sender: senders.same, size: 65536, n: Q ? 1000 : 10_000, lat: Q ? 300 : 2000 },
    { where: "across targets", sender: senders.across, size: 64, n: Q ? 10_000 : 100_000, lat: Q ? 1000 : 5000 },
    { where: "across targets", sender: senders.across, size: 65536, n: Q ? 500 : 5_000, lat: Q ? 300 : 2000 },
  ];
  const rows = [];
  const results = [];
  for (const c of cases) {
    say(`bench: ${c.where}, ${c.size} B: throughput (${c.n} msgs)`);
    await latency(c.sender, c.size, 200); // warm up
    const t = await throughput(c.sender, c.size, c.n);
    say(`bench: ${c.where}, ${c.size} B: latency (${c.lat} msgs)`);
    const l = await latency(c.sender, c.size, c.lat);
    results.push({ where: c.where, size: c.size, ...t, ...l });
    const goal = c.where === "same target" && c.size === 64;
    rows.push([
      c.where,
      c.size === 64 ? "64 B" : "64 KiB",
      `${Math.round(t.rate).toLocaleString("en")}/s${goal ? (t.rate >= 100_000 ? " ✅ (≥ 100k)" : " ❌ (goal ≥ 100k)") : ""}`,
      `${t.mbps.toFixed(0)} MB/s`,
      `${l.p50.toFixed(0)} µs${goal ? (l.p50 <= 200 ? " ✅ (≤ 200)" : " ❌ (goal ≤ 200)") : ""}`,
      `${l.p99.toFixed(0)} µs`,
    ]);
  }
  process.stdout.write(`\n## Mailboxes (node ${process.version})\n\n`);
  process.stdout.write(mdTable(["path", "size", "messages/s", "bytes/s", "p50 latency", "p99 latency"], rows) + "\n");
  if (opt.json) writeFileSync(opt.json, JSON.stringify(results, null, 2));
  recv.close();
  senders.same.close();
  senders.across.close();
  child.stdin.end();
  await new Promise((r) => child.once("exit", r));
}
