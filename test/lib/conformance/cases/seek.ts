// lseek(2) SEEK_DATA/SEEK_HOLE through perl's sysseek (Node exposes no lseek). Only relations are
// recorded: a file system may report a hole as data (Linux's generic fallback does), which POSIX allows.
import { writeFile } from "node:fs/promises";
import { errnoName } from "../normalize.js";
import { requireTools, runTool } from "../tools.js";
import type { CaseContext, CaseDef } from "../types.js";
import { withHandle, pattern } from "./util.js";

const MiB = 1024 * 1024;
const SEEK_DATA = 3;
const SEEK_HOLE = 4;

// Prints one line per "offset:whence" argument: "ok N" or "err ERRNO".
const SCRIPT = `open(my $f, "<", shift) or die "open: $!"; for (@ARGV) { my ($o, $w) = split /:/; my $r = sysseek($f, $o, $w); print defined $r ? "ok " . ($r + 0) : "err " . ($! + 0), "\\n"; }`;

type Seek = { ok: number } | { errno: string };

async function seeks(c: CaseContext, label: string, path: string, queries: ReadonlyArray<readonly [number, number]>): Promise<Seek[]> {
  const r = await runTool("perl", ["-e", SCRIPT, path, ...queries.map(([o, w]) => `${o}:${w}`)]);
  if (r.exit !== 0) throw new Error(`perl sysseek helper failed: ${r.stderr.trim()}`);
  c.info(label, r.stdout.trim());
  return r.stdout
    .trim()
    .split("\n")
    .map((line) => {
      const [kind, n] = line.split(" ");
      return kind === "ok" ? { ok: Number(n) } : { errno: errnoName(Number(n)) };
    });
}

const val = (s: Seek | undefined): number => (s && "ok" in s ? s.ok : -1);
const err = (s: Seek | undefined): string => (s && "errno" in s ? s.errno : "none");

/** Cases about SEEK_DATA / SEEK_HOLE; skipped without perl. */
export const seekCases: CaseDef[] = [
  {
    name: "seek/data-hole-sparse",
    run: async (c) => {
      await requireTools(c, "perl");
      const f = c.path("sparse");
      await withHandle(f, "w", async (h) => {
        await h.write("abc", 0, "latin1");
        await h.write("abc", 2 * MiB, "latin1");
        await h.truncate(4 * MiB);
      });
      const [d0, h0, dMid, hMid, dPast, hPast, dEnd] = await seeks(c, "raw-sparse", f, [
        [0, SEEK_DATA],
        [0, SEEK_HOLE],
        [MiB, SEEK_DATA],
        [2 * MiB, SEEK_HOLE],
        [5 * MiB, SEEK_DATA],
        [5 * MiB, SEEK_HOLE],
        [4 * MiB - 1, SEEK_DATA],
      ]);
      c.record("data-from-0-is-0", val(d0) === 0);
      c.record("hole-from-0-after-data", val(h0) >= 3 && val(h0) <= 4 * MiB);
      c.record("data-from-1MiB-in-range", val(dMid) >= MiB && val(dMid) <= 2 * MiB);
      c.record("hole-from-2MiB-in-range", val(hMid) >= 2 * MiB + 3 && val(hMid) <= 4 * MiB);
      c.record("data-past-eof", err(dPast));
      c.record("hole-past-eof", err(hPast));
      // The trailing hole: ENXIO when holes are tracked, or the offset itself when reported as data.
      c.record("data-in-trailing-hole", err(dEnd) === "ENXIO" || val(dEnd) === 4 * MiB - 1);
    },
  },
  {
    name: "seek/data-hole-dense",
    run: async (c) => {
      await requireTools(c, "perl");
      const f = c.path("dense");
      await writeFile(f, pattern(MiB + 5, 6));
      const [d0, h0, dEof] = await seeks(c, "raw-dense", f, [
        [0, SEEK_DATA],
        [0, SEEK_HOLE],
        [MiB + 5, SEEK_DATA],
      ]);
      c.record("data-from-0", val(d0));
      c.record("hole-at-eof", val(h0));
      c.record("data-at-eof", err(dEof));
    },
  },
];
