#!/usr/bin/env node
// CommonJS on purpose: the ESM loader reads files through libuv's threadpool, which fixes the
// pool's size at first use. FUSE device reads each hold a pool thread while they wait for the
// kernel, so the pool must be sized before anything starts it (see docs/fuse.md).
"use strict";
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || "16";
import("../dist/main.js").then((m) => m.main(process.argv.slice(2)));
