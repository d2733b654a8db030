#!/usr/bin/env node
// Small-call cost of the rpc layer (@mrc/rpc): a client process makes `--calls` calls
// `peer.call("x", {node: 1, name: "abc"})` (a small object back, like a FUSE lookup) to a server
// process over a real ws link on 127.0.0.1, one at a time (µs per round trip) and with 8 in
// flight (µs per call). Reports wall time and CPU (user+sys) per call of each side, for a fresh
// pair of processes (the first 1000 calls: cold code, as in a head started per job) and then
// warm. Medians over --runs fresh pairs; p10–p90 in brackets.
//
//   node bench/rpc.mjs [--quick] [--runs 5] [--calls 20000] [--inflight 1,8] [--json FILE]
//   node bench/rpc.mjs --against /tmp/rpc-before/dist      # A/B: runs alternate between builds
//
// `--against DIR`: another build of packages/rpc/dist to compare with (runs alternate between the
// two; the table gets a row for each). Node must resolve `ws` and `msgpackr` from DIR: e.g.
//   mkdir -p /tmp/rpc-before && cp -r packages/rpc/dist /tmp/rpc-before/ && ln -s "$PWD/node_modules" /tmp/rpc-before/
// Both processes run like the bundled mrc: msgpackr's native extension off. Exits 0 whatever the
// figures.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { ROOT, mdTable, percentile, say } from "./lib/common.mjs";

const { values: opt } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    calls: { type: "string" },
    inflight: { type: "string", default: "1,8" },
    against: { type: "string" },
    json: { type: "string" },
    // internal: the roles of the child processes
    serve: { type: "string" },
    client: { type: "string" },
    port: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (opt.help) {
  process.stdout.write("usage: node bench/rpc.mjs [--quick] [--runs N] [--calls N] [--inflight 1,8] [--against DIST_DIR] [--json FILE]\n");
  process.exit(0);
}

const TOKEN = "bench-token";
const COLD = 1000;
const cpuUs = (u) => u.user + u.system;

if (opt.serve) {
  // Child: the called side. Prints its port, serves until stdin closes.
  const { listen } = await import(resolve(opt.serve, "index.js"));
  const reply = { node: 2, gen: 1, attr: { mode: 0o100644, nlink: 1, uid: 1000, gid: 1000, size: 4096, mtimeMs: 1_700_000_000_000 } };
  const l = await listen({
    token: TOKEN,
    onPeer: (peer) => {
      peer.handle("x", () => reply);
      peer.handle("cpu", () => process.cpuUsage());
    },
  });
  process.stdout.write(`${l.port}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => process.exit(0));
} else if (opt.client) {
  // Child: the calling side. Prints one JSON line of results.
  const { connect } = await import(resolve(opt.client, "index.js"));
  const peer = await connect(`ws://127.0.0.1:${opt.port}`, { token: TOKEN });
  const inflight = Number(opt.inflight);
  const params = { node: 1, name: "abc" };
  const phase = async (n) => {
    const s0 = await peer.call("cpu");
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let left = n;
    const worker = async () => {
      while (left > 0) {
        left--;
        await peer.call("x", params);
      }
    };
    await Promise.all(Array.from({ length: inflight }, worker));
    const us = Number(process.hrtime.bigint() - t0) / 1e3;
    const c = cpuUs(process.cpuUsage(c0));
    const s1 = await peer.call("cpu");
    return { us: us / n, client: c / n, server: (cpuUs(s1) - cpuUs(s0)) / n };
  };
  const cold = await phase(COLD);
  const warm = await phase(Number(opt.calls));
  process.stdout.write(JSON.stringify({ cold, warm }) + "\n");
  peer.close();
  process.exit(0);
} else {
  await main();
}

/** One fresh server/client pair; resolves the client's figures. */
async function runPair(dist, calls, inflight) {
  const env = { ...process.env, MSGPACKR_NATIVE_ACCELERATION_DISABLED: "true" };
  const me = new URL(import.meta.url).pathname;
  const srv = spawn(process.execPath, [me, "--serve", dist], { env, stdio: ["pipe", "pipe", "inherit"] });
  try {
    const port = await new Promise((res, rej) => {
      createInterface({ input: srv.stdout }).once("line", res);
      srv.once("exit", (c) => rej(new Error(`server exited (${c})`)));
    });
    const cli = spawn(process.execPath, [me, "--client", dist, "--port", port, "--calls", String(calls), "--inflight", String(inflight)], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    cli.stdout.on("data", (d) => (out += d));
    const code = await new Promise((res) => cli.once("exit", res));
    if (code !== 0) throw new Error(`client exited (${code})`);
    return JSON.parse(out);
  } finally {
    srv.stdin.end();
  }
}

async function main() {
  const runs = Number(opt.runs ?? (opt.quick ? 1 : 5));
  const calls = Number(opt.calls ?? (opt.quick ? 2000 : 20000));
  const inflights = opt.inflight.split(",").map(Number);
  const variants = [{ name: "this tree", dist: resolve(ROOT, "packages/rpc/dist") }];
  if (opt.against) variants.push({ name: opt.against, dist: resolve(opt.against) });
  const results = {}; // `${variant}|${inflight}` -> [{cold, warm}]
  for (let r = 0; r < runs; r++) {
    for (const inflight of inflights) {
      // Alternate the order too, so neither build always runs first.
      const order = r % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const res = await runPair(v.dist, calls, inflight);
        (results[`${v.name}|${inflight}`] ??= []).push(res);
        say(`bench: run ${r + 1}/${runs} ${v.name} inflight ${inflight}: ${res.warm.us.toFixed(1)} µs/call, cpu client ${res.warm.client.toFixed(1)} server ${res.warm.server.toFixed(1)} µs`);
      }
    }
  }
  const cell = (xs) => `${percentile(xs, 50).toFixed(1)} [${percentile(xs, 10).toFixed(1)}–${percentile(xs, 90).toFixed(1)}]`;
  const rows = [];
  for (const inflight of inflights) {
    for (const v of variants) {
      const rs = results[`${v.name}|${inflight}`];
      rows.push([
        v.name,
        String(inflight),
        cell(rs.map((x) => x.warm.us)),
        cell(rs.map((x) => x.warm.client)),
        cell(rs.map((x) => x.warm.server)),
        cell(rs.map((x) => x.cold.us)),
        cell(rs.map((x) => x.cold.server)),
      ]);
    }
  }
  process.stdout.write(`\n## rpc small calls (${calls} calls after ${COLD} cold ones, ${runs} runs, medians [p10–p90])\n\n`);
  process.stdout.write(
    mdTable(["rpc build", "in flight", "µs/call", "client CPU µs/call", "server CPU µs/call", "cold µs/call", "cold server CPU µs/call"], rows) + "\n",
  );
  if (opt.json) writeFileSync(opt.json, JSON.stringify({ calls, runs, results }, null, 2));
}
