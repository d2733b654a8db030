#!/usr/bin/env node
// CommonJS on purpose: the ESM loader reads files through libuv's threadpool, which fixes the
// pool's size at first use. FUSE device reads each hold a pool thread while they wait for the
// kernel, so the pool must be sized before anything starts it (see docs/fuse.md).
"use strict";
// A target serves one FUSE mount per head link, each holding blocking reads on the pool: give
// the target daemon a large pool (idle threads cost little), everything else 16.
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || (process.argv[2] === "target" ? "128" : "16");
let bundle;
try {
  // One file built by scripts/bundle.mjs: much faster to load than the module graph.
  bundle = require("../dist/mrc.bundle.cjs");
} catch (err) {
  if (err.code !== "MODULE_NOT_FOUND") throw err;
}
if (bundle) bundle.main(process.argv.slice(2));
else import("../dist/main.js").then((m) => m.main(process.argv.slice(2)));
