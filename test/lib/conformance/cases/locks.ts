// flock(2) between processes, driven by util-linux flock(1): Node has no flock API.
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { requireTools, toolStep } from "../tools.js";
import type { CaseContext, CaseDef } from "../types.js";

/** A process holding a flock until `release()` closes its stdin. */
interface Holder {
  release(): Promise<number | null>;
}

/** Starts `flock <mode> path` in another process and waits until it reports the lock held. */
function holdLock(path: string, mode: "-x" | "-s"): Promise<Holder> {
  return new Promise((resolve, reject) => {
    const child = spawn("flock", [mode, path, "-c", "echo locked; read ignored; exit 0"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<number | null>((res) => child.on("close", (code) => res(code)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("lock holder did not report the lock within 10 s"));
    }, 10_000);
    timer.unref();
    child.on("error", reject);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (!d.includes("locked")) return;
      clearTimeout(timer);
      resolve({
        release: () => {
          child.stdin.end();
          return exited;
        },
      });
    });
    exited.then((code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
}

/** Holds `mode` on `path` in one process while probing with non-blocking flock(1) from others. */
async function contend(c: CaseContext, path: string, mode: "-x" | "-s"): Promise<void> {
  await requireTools(c, "flock");
  const holder = await holdLock(path, mode);
  try {
    await toolStep(c, "probe-shared", "flock", ["-n", "-s", path, "true"]);
    await toolStep(c, "probe-exclusive", "flock", ["-n", "-x", path, "true"]);
  } finally {
    c.record("holder-exit", await holder.release());
  }
  await toolStep(c, "probe-exclusive-after-release", "flock", ["-n", "-x", path, "true"]);
}

/** Cases about advisory whole-file locks. */
export const lockCases: CaseDef[] = [
  {
    name: "locks/flock-exclusive",
    run: async (c) => {
      await writeFile(c.path("f"), "");
      await contend(c, c.path("f"), "-x");
    },
  },
  {
    name: "locks/flock-shared",
    run: async (c) => {
      await writeFile(c.path("f"), "");
      await contend(c, c.path("f"), "-s");
    },
  },
  {
    name: "locks/flock-dir",
    run: async (c) => {
      await mkdir(c.path("d"));
      await contend(c, c.path("d"), "-x");
    },
  },
  {
    name: "locks/flock-missing",
    run: async (c) => {
      await requireTools(c, "flock");
      await toolStep(c, "no-create-in-missing-dir", "flock", ["-n", c.path("nodir", "f"), "true"]);
    },
  },
];
