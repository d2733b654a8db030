// Directory creation and removal, with their error cases.
import { chmod, mkdir, rmdir, stat, symlink, unlink, writeFile } from "node:fs/promises";
import type { CaseDef } from "../types.js";

/** Cases about mkdir/rmdir and directory link counts. */
export const dirCases: CaseDef[] = [
  {
    name: "dirs/mkdir-stat-nlink",
    run: async (c) => {
      await c.step("mkdir", () => mkdir(c.path("d")));
      await c.step("stat", () => stat(c.path("d")));
      await mkdir(c.path("d", "s1"));
      await mkdir(c.path("d", "s2"));
      await writeFile(c.path("d", "f"), "");
      await c.step("nlink-two-subdirs", async () => (await stat(c.path("d"))).nlink);
      await rmdir(c.path("d", "s1"));
      await c.step("nlink-after-rmdir", async () => (await stat(c.path("d"))).nlink);
    },
  },
  {
    name: "dirs/mkdir-exists",
    run: async (c) => {
      await mkdir(c.path("d"));
      await writeFile(c.path("f"), "");
      await symlink("nowhere", c.path("l"));
      await c.step("over-dir", () => mkdir(c.path("d")));
      await c.step("over-file", () => mkdir(c.path("f")));
      await c.step("over-dangling-symlink", () => mkdir(c.path("l")));
      await c.step("recursive-existing", () => mkdir(c.path("d"), { recursive: true }));
    },
  },
  {
    name: "dirs/mkdir-mode",
    run: async (c) => {
      await c.step("mkdir-0700", () => mkdir(c.path("a"), 0o700));
      await c.step("stat-0700", () => stat(c.path("a")));
      await c.step("mkdir-0777-umask", () => mkdir(c.path("b"), 0o777));
      await c.step("stat-0777-umask", () => stat(c.path("b")));
      await c.step("chmod-sticky-setgid", () => chmod(c.path("b"), 0o3775));
      await c.step("stat-sticky-setgid", () => stat(c.path("b")));
      await c.step("mkdir-recursive", () => mkdir(c.path("x", "y", "z"), { recursive: true }));
      await c.step("stat-recursive", () => stat(c.path("x", "y", "z")));
    },
  },
  {
    name: "dirs/rmdir-errors",
    run: async (c) => {
      await mkdir(c.path("full"));
      await writeFile(c.path("full", "f"), "");
      await writeFile(c.path("file"), "");
      await mkdir(c.path("target"));
      await symlink("target", c.path("link"));
      await c.step("non-empty", () => rmdir(c.path("full")));
      await c.step("file", () => rmdir(c.path("file")));
      await c.step("missing", () => rmdir(c.path("missing")));
      await c.step("symlink-to-dir", () => rmdir(c.path("link")));
      await c.step("dot", () => rmdir(`${c.path("target")}/.`));
      await c.step("unlink-dir", () => unlink(c.path("target")));
      await c.step("still-there", async () => (await stat(c.path("full", "f"))).isFile());
    },
  },
  {
    name: "dirs/rmdir-empty",
    run: async (c) => {
      await mkdir(c.path("e"));
      await c.step("rmdir", () => rmdir(c.path("e")));
      await c.step("stat-after", () => stat(c.path("e")));
      await c.step("mkdir-again", () => mkdir(c.path("e")));
      await c.step("stat-again", () => stat(c.path("e")));
    },
  },
];
