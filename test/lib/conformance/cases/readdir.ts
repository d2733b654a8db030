// readdir(3): name sets, entry types, large and long-named directories, mutation while iterating.
import { mkdir, opendir, readdir, symlink, unlink, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { sorted } from "../normalize.js";
import type { CaseContext, CaseDef, Value } from "../types.js";

/** Count plus a hash of the sorted names: compares big name sets without storing them. */
function nameSet(names: readonly string[]): Value {
  return { count: names.length, sha256: createHash("sha256").update(sorted(names).join("\0")).digest("hex").slice(0, 16) };
}

async function populate(c: CaseContext, n: number, name: (i: number) => string): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    names.push(name(i));
    await writeFile(c.path(name(i)), "");
  }
  return names;
}

/** Iterates with opendir, mutating the directory after `after` entries; checks POSIX's guarantees. */
async function iterateWhileMutating(c: CaseContext, mutate: (seen: Set<string>) => Promise<Set<string>>): Promise<void> {
  const expected = await populate(c, 300, (i) => `e${String(i).padStart(3, "0")}`);
  const seen: string[] = [];
  let touched = new Set<string>();
  const dir = await opendir(c.dir, { bufferSize: 16 });
  try {
    for (let e = await dir.read(); e !== null; e = await dir.read()) {
      seen.push(e.name);
      if (seen.length === 10) touched = await mutate(new Set(seen));
    }
  } finally {
    await dir.close().catch(() => undefined);
  }
  const seenSet = new Set(seen);
  // Entries neither removed nor added while iterating must be returned exactly once.
  c.record("no-duplicates", seenSet.size === seen.length);
  c.record("untouched-all-seen", expected.filter((n) => !touched.has(n)).every((n) => seenSet.has(n)));
  c.record("only-known-names", seen.every((n) => expected.includes(n) || touched.has(n)));
  c.info("seen", seen.length);
}

/** Cases about listing directories. */
export const readdirCases: CaseDef[] = [
  {
    name: "readdir/empty",
    run: async (c) => {
      await mkdir(c.path("e"));
      await c.step("readdir", () => readdir(c.path("e")));
      await c.step("opendir-first", async () => {
        const d = await opendir(c.path("e"));
        try {
          return (await d.read())?.name ?? null;
        } finally {
          await d.close();
        }
      });
    },
  },
  {
    name: "readdir/300-entries",
    run: async (c) => {
      const names = await populate(c, 300, (i) => `entry-${i}`);
      await c.step("names", async () => nameSet(await readdir(c.dir)));
      c.record("expected", nameSet(names));
      await c.step("equals-created", async () => sorted(await readdir(c.dir)).join("/") === sorted(names).join("/"));
      await c.step("opendir-iterate", async () => {
        const got: string[] = [];
        for await (const e of await opendir(c.dir, { bufferSize: 7 })) got.push(e.name);
        return nameSet(got);
      });
    },
  },
  {
    name: "readdir/long-names",
    run: async (c) => {
      const names = await populate(c, 60, (i) => `${String(i).padStart(3, "0")}-${"n".repeat(240)}`);
      await c.step("names", async () => nameSet(await readdir(c.dir)));
      c.record("expected", nameSet(names));
    },
  },
  {
    name: "readdir/odd-names",
    run: async (c) => {
      const names = ["héllo", "日本語", "space name", "tab\tname", "new\nline", ".hidden", "..dots", "-dash", "back\\slash", "star*?"];
      for (const n of names) await c.step(`create ${JSON.stringify(n)}`, () => writeFile(c.path(n), n));
      await c.step("readdir", async () => sorted(await readdir(c.dir)));
    },
  },
  {
    name: "readdir/types",
    run: async (c) => {
      await writeFile(c.path("f"), "");
      await mkdir(c.path("d"));
      await symlink("f", c.path("l"));
      await symlink("nowhere", c.path("dangling"));
      await c.step("with-types", async () =>
        (await readdir(c.dir, { withFileTypes: true })).map((e) => `${e.name}:${e.isFile() ? "file" : e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink" : "other"}`).sort(),
      );
    },
  },
  {
    name: "readdir/unlink-during-iteration",
    run: (c) =>
      iterateWhileMutating(c, async (seen) => {
        const gone = new Set<string>();
        for (let i = 0; i < 300 && gone.size < 100; i += 2) {
          const n = `e${String(i).padStart(3, "0")}`;
          if (!seen.has(n)) {
            await unlink(c.path(n));
            gone.add(n);
          }
        }
        return gone;
      }),
  },
  {
    name: "readdir/create-during-iteration",
    run: (c) =>
      iterateWhileMutating(c, async () => {
        const added = new Set<string>();
        for (let i = 0; i < 100; i++) {
          await writeFile(c.path(`new${i}`), "");
          added.add(`new${i}`);
        }
        return added;
      }),
  },
  {
    name: "readdir/errors",
    run: async (c) => {
      await writeFile(c.path("f"), "");
      await c.step("opendir-file", async () => (await opendir(c.path("f"))).close());
      await c.step("readdir-file", () => readdir(c.path("f")));
      await c.step("readdir-missing", () => readdir(c.path("missing")));
    },
  },
];
