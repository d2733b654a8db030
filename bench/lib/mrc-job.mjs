#!/usr/bin/env node
// A minimal `mrc run -r ADDR -d EXPORT -- CMD...` built on the head API, for benchmarks: it
// *awaits* fs.attach before starting the job, so the guest is sure to run on the FUSE mount.
// (bench/fs.mjs uses it when the CLI's guest does not land on the mount; see bench/RESULTS.md.)
//
//   MRC_TOKEN=… UV_THREADPOOL_SIZE=16 node bench/lib/mrc-job.mjs ADDR EXPORT -- CMD [ARGS...]
//
// The guest's cwd is this process's cwd; its stdout/stderr are copied to ours; exits with the
// guest's status (255 when mrc itself failed).
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const headDist = fileURLToPath(new URL("../../packages/head/dist/index.js", import.meta.url));
const { FileServer, TargetLink, jobEnvironment, exitStatus } = await import(headDist);

const [addr, exportDir, dashdash, ...argv] = process.argv.slice(2);
if (!addr || !exportDir || dashdash !== "--" || argv.length === 0) {
  process.stderr.write("usage: mrc-job.mjs ADDR EXPORT -- CMD [ARGS...]\n");
  process.exit(255);
}
let link;
let files;
let code = 255;
try {
  link = await TargetLink.connect(`ws://${addr}`, { token: process.env.MRC_TOKEN ?? "" });
  files = new FileServer({ exports: [{ path: exportDir, readOnly: false }] });
  await files.ready();
  await link.attach(files);
  const job = await link.run({ argv, env: jobEnvironment(process.env, process.cwd()), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
  code = exitStatus(await job.exit, (name) => constants.signals[name]);
} catch (err) {
  process.stderr.write(`mrc-job: ${err?.message ?? err}\n`);
} finally {
  link?.close?.("done");
  await files?.close?.();
}
process.exit(code);
