#!/usr/bin/env node
// `npm run bench`: run every benchmark script in bench/, each in its own process, in order:
// launch.mjs, fs.mjs, mailbox.mjs (those present), then any other bench/*.mjs alphabetically.
//
//   npm run bench                      all of them, full size
//   npm run bench -- --quick           all of them, smoke-test size (each script accepts --quick)
//   npm run bench -- launch fs         only these (names without .mjs)
//
// Reports go to stdout (markdown), progress to stderr. Exit status is non-zero only if a script
// crashed; missed goals are reported, not failures.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const ORDER = ["launch", "fs", "mailbox"];
const args = process.argv.slice(2);
const passOn = args.filter((a) => a.startsWith("-"));
const only = args.filter((a) => !a.startsWith("-")).map((a) => a.replace(/\.mjs$/, ""));

const present = readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs")
  .map((f) => f.slice(0, -4));
const names = [...ORDER.filter((n) => present.includes(n)), ...present.filter((n) => !ORDER.includes(n)).sort()].filter(
  (n) => only.length === 0 || only.includes(n),
);
for (const n of only) if (!present.includes(n)) process.stderr.write(`bench: no bench/${n}.mjs\n`);

let failed = 0;
for (const name of names) {
  const file = `${here}${name}.mjs`;
  if (!existsSync(file)) continue;
  process.stderr.write(`\n=== bench/${name}.mjs ${passOn.join(" ")}\n`);
  // The CLI sizes libuv's threadpool before anything uses it (FUSE reads hold pool threads); do
  // the same for scripts that use the API in-process.
  const r = spawnSync(process.execPath, [file, ...passOn], {
    stdio: "inherit",
    env: { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? "16" },
  });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench: ${name}.mjs exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
