#!/usr/bin/env node
// CLI: `node test/dist/lib/conformance/run.js DIR [--only SUBSTR] [--keep] [--summary]`.
// Prints the JSON transcript on stdout. Run it in a process that does not serve the mount.
import { parseArgs } from "node:util";
import { runConformance } from "./runner.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: "string" }, keep: { type: "boolean" }, summary: { type: "boolean" } },
});
const dir = positionals[0];
if (positionals.length !== 1 || dir === undefined) {
  process.stderr.write("usage: run.js DIR [--only SUBSTR] [--keep] [--summary]\n");
  process.exit(2);
}
const transcript = await runConformance(dir, {
  ...(values.only !== undefined ? { only: values.only } : {}),
  ...(values.keep ? { keep: true } : {}),
});
if (values.summary) {
  for (const c of transcript.cases) process.stderr.write(`${c.status.padEnd(8)} ${c.name}${c.reason ? `: ${c.reason}` : ""}\n`);
}
process.stdout.write(`${JSON.stringify(transcript, null, 1)}\n`);
