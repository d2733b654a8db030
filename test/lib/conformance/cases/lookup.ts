// Name lookup: missing names, paths through files, ".", "..", name length limits.
import { lstat, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import type { CaseDef } from "../types.js";
import { openClose } from "./util.js";

/** Cases about resolving a path to an inode. */
export const lookupCases: CaseDef[] = [
  {
    name: "lookup/missing",
    run: async (c) => {
      await c.step("stat", () => stat(c.path("nope")));
      await c.step("lstat", () => lstat(c.path("nope")));
      await c.step("open-r", () => openClose(c.path("nope"), "r"));
      await c.step("stat-missing-parent", () => stat(c.path("no", "such")));
      await c.step("create-missing-parent", () => writeFile(c.path("no", "such"), "x"));
    },
  },
  {
    name: "lookup/through-file",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await c.step("stat", () => stat(c.path("f", "sub")));
      await c.step("create", () => writeFile(c.path("f", "sub"), "y"));
      await c.step("mkdir", () => mkdir(c.path("f", "d")));
      await c.step("trailing-slash", () => stat(`${c.path("f")}/`));
      await c.step("dot", () => stat(`${c.path("f")}/.`));
    },
  },
  {
    name: "lookup/dot-dotdot",
    run: async (c) => {
      await mkdir(c.path("d"));
      await c.step("dot", () => stat(`${c.path("d")}/.`));
      await c.step("dotdot-type", async () => (await stat(`${c.path("d")}/..`)).isDirectory());
      await c.step("dir-trailing-slash", () => stat(`${c.path("d")}/`));
    },
  },
  {
    name: "lookup/name-length",
    run: async (c) => {
      const max = "m".repeat(255);
      const over = "o".repeat(256);
      await c.step("create-255", () => writeFile(c.path(max), "x"));
      await c.step("stat-255", () => stat(c.path(max)));
      await c.step("readdir-255", async () => (await readdir(c.dir)).map((n) => n.length));
      await c.step("create-256", () => writeFile(c.path(over), "x"));
      await c.step("stat-256", () => stat(c.path(over)));
      await c.step("mkdir-256", () => mkdir(c.path(over)));
      await c.step("open-256", () => openClose(c.path(over), "r"));
    },
  },
  {
    name: "lookup/case-sensitive",
    run: async (c) => {
      await writeFile(c.path("Name"), "x");
      await c.step("stat-other-case", () => stat(c.path("name")));
      await c.step("create-other-case", () => writeFile(c.path("NAME"), "yy"));
      await c.step("readdir", async () => (await readdir(c.dir)).sort());
    },
  },
];
