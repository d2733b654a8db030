#!/usr/bin/env node
// Bundles the CLI (compiled by tsc into packages/*/dist) into one CommonJS file, so `mrc` starts
// by reading one file instead of resolving ~170 modules: launch latency is mostly module loading
// (see bench/RESULTS.md). Native addons stay external. The unbundled dist keeps working: the
// bin falls back to it when the bundle is missing.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
await build({
  entryPoints: [`${root}packages/cli/dist/main.js`],
  outfile: `${root}packages/cli/dist/mrc.bundle.cjs`,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["node-pty", "msgpackr-extract", "bufferutil", "utf-8-validate", "fsevents"],
  logLevel: "warning",
  legalComments: "none",
});
