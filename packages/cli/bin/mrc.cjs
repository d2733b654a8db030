#!/bin/sh
':' //; if [ -n "${NODE_EXTRA_CA_CERTS-}" ]; then MRC_SAVED_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export MRC_SAVED_NODE_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"
// This file is both a shell script and CommonJS (the line above is a string and a comment to
// JavaScript). Run as a program, the shell part starts node on this same file without
// NODE_EXTRA_CA_CERTS: Node 20 parses that CA bundle at startup (~40 ms on our machines), and mrc
// never uses CA roots (TLS links are pinned by fingerprint, see docs/rpc.md). The variable is put
// back into process.env below, so guests and child processes still inherit it. `node mrc.cjs`
// skips the shell part and works the same, only slower to start. See docs/run.md "Launch latency".
"use strict";
const saved = process.env.MRC_SAVED_NODE_EXTRA_CA_CERTS;
if (saved !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = saved;
  delete process.env.MRC_SAVED_NODE_EXTRA_CA_CERTS;
}
// CommonJS on purpose: the ESM loader reads files through libuv's threadpool, which fixes the
// pool's size at first use. A target serves one FUSE mount per head link; give the target daemon
// a large pool (idle threads cost little), everything else 16 (see docs/fuse.md).
process.env.UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE || (process.argv[2] === "target" ? "128" : "16");

const { loadBundle } = require("./load-bundle.cjs");
const bundle = loadBundle(process.argv[2]);
if (bundle) bundle.main(process.argv.slice(2));
else import("../dist/main.js").then((m) => m.main(process.argv.slice(2)));
