#!/usr/bin/env node
// score.mjs K: one job of the sweep. Scores the bandwidth h = K/100 of a Gaussian kernel smoother
// (Nadaraya-Watson) on the shared data by leave-one-out cross-validation: each point is predicted
// from all the others, and the score is the mean squared error of those predictions. A small h
// follows the noise, a large one flattens the curve; the best h lies in between.
//
// It reads data/points.csv and writes results/K.json in this script's directory: run by
// `mrc map` on a target, both are the head's files, read and written through the export.
import { hostname } from "node:os";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const k = Number(process.argv[2]);
if (!Number.isInteger(k) || k < 1) {
  process.stderr.write(`usage: score.mjs K (a positive integer; bandwidth K/100), got ${process.argv[2]}\n`);
  process.exit(2);
}
const h = k / 100;
const t0 = Date.now();
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

// The shared input, from the head.
const rows = readFileSync(here("data/points.csv"), "utf8").trim().split("\n").slice(1);
const pts = rows.map((l) => l.split(",").map(Number)).sort((a, b) => a[0] - b[0]);
const xs = Float64Array.from(pts, (p) => p[0]);
const ys = Float64Array.from(pts, (p) => p[1]);
const n = xs.length;

// Leave-one-out: kernel weights of the neighbours within 5h (beyond that they are < 4e-6).
const reach = 5 * h;
const inv2h2 = 1 / (2 * h * h);
let sse = 0;
let lo = 0;
let counted = 0;
for (let i = 0; i < n; i++) {
  while (xs[lo] < xs[i] - reach) lo++;
  let sw = 0;
  let swy = 0;
  for (let j = lo; j < n && xs[j] <= xs[i] + reach; j++) {
    if (j === i) continue;
    const d = xs[j] - xs[i];
    const w = Math.exp(-d * d * inv2h2);
    sw += w;
    swy += w * ys[j];
  }
  if (sw < 1e-12) continue; // no neighbour at all: nothing to predict from
  const e = ys[i] - swy / sw;
  sse += e * e;
  counted++;
}
const cvError = sse / counted;

// The result, back on the head (written whole, then renamed: a reader never sees half of it).
const result = { k, bandwidth: h, cvError, points: n, predicted: counted, host: hostname(), ms: Date.now() - t0 };
mkdirSync(here("results"), { recursive: true });
const file = here(`results/${k}.json`);
writeFileSync(`${file}.tmp`, JSON.stringify(result) + "\n");
renameSync(`${file}.tmp`, file);
process.stdout.write(`k=${k} h=${h.toFixed(2)} cv=${cvError.toFixed(5)}\n`);
