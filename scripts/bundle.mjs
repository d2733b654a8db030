#!/usr/bin/env node
// Bundles the CLI (compiled by tsc into packages/*/dist) into one CommonJS file, so `mrc` starts
// by reading one file instead of resolving ~170 modules: launch latency is mostly module loading
// (see bench/RESULTS.md). Native addons stay external. The unbundled dist keeps working: the
// bin falls back to it when the bundle is missing.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync, unlinkSync } from "node:fs";

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
  // msgpackr's optional native string extractor (msgpackr-extract) costs ~5 ms to load at every
  // start (it probes libc with child_process) and helps only messages full of long strings, which
  // mrc does not send; the bundle uses msgpackr's JavaScript decoder (docs/dependencies.md).
  define: { "process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED": '"true"' },
});
// bin/load-bundle.cjs evaluates the bundle with vm.Script, which has no dynamic-import hook: an
// `import()` left in the bundle (esbuild keeps those of node: builtins) throws
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING when reached. Refuse to ship one.
const bundled = readFileSync(`${root}packages/cli/dist/mrc.bundle.cjs`, "utf8");
const dynamic = /[^\w$.]import\(\s*["'`]/.exec(bundled);
if (dynamic) {
  const line = bundled.slice(0, dynamic.index).split("\n").length;
  throw new Error(`bundle: a dynamic import() survived bundling (mrc.bundle.cjs line ${line}); import it statically`);
}
// V8 code caches of the previous bundle (bin/load-bundle.cjs) are for another source: drop them.
const dist = `${root}packages/cli/dist`;
for (const name of readdirSync(dist)) if (name.endsWith(".v8cache")) unlinkSync(`${dist}/${name}`);
