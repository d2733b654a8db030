#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/**/*.test.js and test/dist/**/*.test.js)
// with node's built-in test runner. Extra args are passed to `node --test` (e.g. a name filter).
import { readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const roots = [
  ...readdirSync(join(root, "packages")).map((p) => join(root, "packages", p, "dist")),
  join(root, "test", "dist"),
];
const only = process.env.MRC_TEST_ONLY; // substring filter on file paths
const files = [];
function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".test.js") && (!only || p.includes(only))) files.push(p);
  }
}
roots.forEach(walk);
files.sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
const res = spawnSync(
  process.execPath,
  ["--test", "--test-concurrency=1", "--test-timeout=300000", ...process.argv.slice(2), ...files],
  { stdio: "inherit" },
);
process.exit(res.status ?? 1);
