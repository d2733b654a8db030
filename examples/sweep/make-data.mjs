#!/usr/bin/env node
// make-data.mjs: writes data/points.csv, the shared input of the sweep: N noisy samples (x, y) of
// a smooth curve, always the same ones (a fixed-seed generator), so every run sees the same data.
//
//   node examples/sweep/make-data.mjs [N]      (default 4000)
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The curve the data is sampled from (the smoother has to find it under the noise). */
export const truth = (x) => Math.sin(2 * x) * Math.exp(-x / 5) + 0.3 * Math.cos(7 * x);

/** Write `n` points to data/points.csv next to this script; returns the file's path. */
export function makeData(n = 4000) {
  let seed = 20240601;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const lines = ["x,y"];
  for (let i = 0; i < n; i++) {
    const x = 10 * rnd();
    lines.push(`${x.toFixed(5)},${(truth(x) + 0.35 * gauss()).toFixed(5)}`);
  }
  const dir = fileURLToPath(new URL("data/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}points.csv`;
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = makeData(Number(process.argv[2] ?? 4000));
  process.stdout.write(`${file}\n`);
}
