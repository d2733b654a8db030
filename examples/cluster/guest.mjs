#!/usr/bin/env node
// guest.mjs: the two guest programs of the k-means example, talking only through mailboxes.
//
//   guest.mjs master DATA K ROUNDS WORKER_ADDR...   combine partial sums, redistribute centers
//   guest.mjs worker DATA INDEX COUNT MASTER_ADDR   compute partial sums of its share of DATA
//
// DATA is a file of "x y" lines on the head (an exported directory in a real run). Each guest
// finds its own door in $MRC_MAILBOX and its address in $MRC_ADDR; nothing names a host.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { MailboxClient } from "@mrc/mailbox";

const [role, data, ...rest] = process.argv.slice(2);
const mb = await MailboxClient.connect();
const send = (addr, obj) => mb.send(addr, JSON.stringify(obj));
const recv = async () => JSON.parse((await mb.recv({ timeoutMs: 60_000 })).data.toString());
const points = () => readFileSync(data, "utf8").trim().split("\n").map((l) => l.split(" ").map(Number));

if (role === "worker") {
  const [index, count, master] = [Number(rest[0]), Number(rest[1]), rest[2]];
  const all = points();
  const mine = all.filter((_, i) => i % count === index);
  process.stderr.write(`worker ${index} (${process.env.MRC_ADDR}) on ${hostname()}: ${mine.length} points\n`);
  await send(master, { type: "ready", index });
  for (;;) {
    const m = await recv();
    if (m.type === "stop") break;
    const k = m.centers.length;
    const sums = Array.from({ length: k }, () => [0, 0]);
    const counts = new Array(k).fill(0);
    let sse = 0;
    for (const [x, y] of mine) {
      let best = 0;
      let bd = Infinity;
      m.centers.forEach(([cx, cy], c) => {
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (d < bd) (bd = d), (best = c);
      });
      sums[best][0] += x;
      sums[best][1] += y;
      counts[best]++;
      sse += bd;
    }
    await send(master, { type: "partial", round: m.round, index, sums, counts, sse });
  }
} else if (role === "master") {
  const [k, rounds, workers] = [Number(rest[0]), Number(rest[1]), rest.slice(2)];
  for (let i = 0; i < workers.length; i++) await recv(); // every worker is ready
  let centers = points().slice(0, k);
  for (let round = 1; round <= rounds; round++) {
    await Promise.all(workers.map((w) => send(w, { type: "centers", round, centers })));
    const sums = Array.from({ length: k }, () => [0, 0]);
    const counts = new Array(k).fill(0);
    let sse = 0;
    for (let i = 0; i < workers.length; i++) {
      const p = await recv();
      if (p.type !== "partial" || p.round !== round) throw new Error(`unexpected message ${JSON.stringify(p)}`);
      p.sums.forEach(([sx, sy], c) => ((sums[c][0] += sx), (sums[c][1] += sy), (counts[c] += p.counts[c])));
      sse += p.sse;
    }
    centers = centers.map((old, c) => (counts[c] > 0 ? [sums[c][0] / counts[c], sums[c][1] / counts[c]] : old));
    process.stderr.write(`round ${round}: sse ${sse.toFixed(1)}\n`);
  }
  await Promise.all(workers.map((w) => send(w, { type: "stop" })));
  const fmt = centers.map(([x, y]) => `(${x.toFixed(2)}, ${y.toFixed(2)})`).sort();
  process.stdout.write(`centers: ${fmt.join(" ")}\n`);
} else {
  process.stderr.write("usage: guest.mjs master DATA K ROUNDS WORKER... | worker DATA INDEX COUNT MASTER\n");
  process.exit(2);
}
mb.close();
