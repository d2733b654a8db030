import { openCluster, type ClusterApi, type JobInfo, type TargetStatus } from "@mrc/head";
import { parse } from "./jobs-common.js";
import { fail, type CommandModule } from "./common.js";
import { age, bytes, table } from "../format.js";

const USAGE = `usage: mrc mon [--json] [-n SECONDS]

Show the targets and their jobs, refreshed live (like mosmon): load per core, free memory,
slots used, draining, and the jobs running there. q or Ctrl-C quits.
Without a head daemon, the targets of the config file are dialed for this view.

      --json            print one snapshot {targets, jobs} as JSON and exit
  -n, --interval SECS   refresh period (default 1)
`;

/** `mrc mon`: a live table of targets (or one JSON snapshot). */
export const monCli: CommandModule = {
  describe: "live view of targets, their load and jobs (--json: one snapshot)",
  async main(argv) {
    const { values } = parse(argv, { json: { type: "boolean" }, interval: { type: "string", short: "n" } }, USAGE);
    const period = Number(values.interval ?? "1") * 1000;
    if (!(period >= 100)) fail("--interval must be a number of seconds ≥ 0.1");
    let c: ClusterApi & { daemon: boolean };
    try {
      c = await openCluster();
    } catch (err) {
      fail((err as Error).message);
    }
    try {
      // An in-process view must first hear from its targets.
      if (!c.daemon) await firstStats(c, 3000);
      if (values.json) {
        process.stdout.write(JSON.stringify({ at: Date.now(), daemon: c.daemon, targets: await c.targets(), jobs: await c.jobs() }, null, 2) + "\n");
        return 0;
      }
      return await live(c, period);
    } finally {
      await c.close();
    }
  },
};

async function firstStats(c: ClusterApi, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ts = await c.targets();
    if (ts.every((t) => t.statsAt > 0 || t.error !== undefined)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Render one screen. */
export function render(targets: TargetStatus[], jobs: JobInfo[], now: number): string {
  const rows = targets.map((t) => [
    t.name,
    !t.connected ? "down" : t.draining ? "draining" : "up",
    t.cores ? String(t.cores) : "-",
    t.cores ? (t.load1 / t.cores).toFixed(2) : "-",
    t.totalMem ? `${bytes(t.freeMem)}/${bytes(t.totalMem)}` : "-",
    t.slots ? `${t.running}/${t.slots}` : `${t.running}/∞`,
    String(t.ours),
    t.labels.join(","),
    t.connected ? "" : (t.error ?? ""),
  ]);
  let out = table(["TARGET", "STATE", "CORES", "LOAD/CORE", "FREE MEM", "SLOTS", "OURS", "LABELS", "NOTE"], rows);
  const live = jobs.filter((j) => j.state === "running" || j.state === "starting");
  const queued = jobs.filter((j) => j.state === "queued");
  out += `\n${live.length} running, ${queued.length} queued\n`;
  if (live.length > 0) {
    out += "\n" + table(["JOB", "TARGET", "PID", "USER", "TIME", "COMMAND"], live.map((j) => [j.id, j.target ?? "-", String(j.pid ?? "-"), j.user, age(now - (j.startedAt ?? j.submittedAt)), j.name.slice(0, 60)]));
  }
  return out;
}

async function live(c: ClusterApi, period: number): Promise<number> {
  const tty = process.stdout.isTTY === true;
  let stop = false;
  let wake: (() => void) | undefined;
  const quit = () => {
    stop = true;
    wake?.();
  };
  process.on("SIGINT", quit);
  process.on("SIGTERM", quit);
  const stdin = process.stdin;
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    stdin.on("data", (b: Buffer) => {
      if (b.includes(0x71) || b.includes(0x03)) quit(); // q or Ctrl-C
    });
  }
  try {
    while (!stop) {
      const screen = render(await c.targets(), await c.jobs(), Date.now());
      process.stdout.write(tty ? `\x1b[H\x1b[2J${new Date().toLocaleTimeString()}  mrc mon (q quits)\n\n${screen}` : `${screen}\n`);
      // Sleep one period, or less if asked to quit.
      await new Promise<void>((r) => {
        const t = setTimeout(r, period);
        wake = () => (clearTimeout(t), r());
      });
    }
  } finally {
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
    process.off("SIGINT", quit);
    process.off("SIGTERM", quit);
  }
  return 0;
}
