// rename(2): replacement, directory rules and what happens to open files.
import { link, mkdir, open, readdir, readFile, readlink, rename, stat, symlink, writeFile } from "node:fs/promises";
import type { CaseDef } from "../types.js";
import { content, pread } from "./util.js";

/** Cases about rename(2). */
export const renameCases: CaseDef[] = [
  {
    name: "rename/over-file",
    run: async (c) => {
      await writeFile(c.path("a"), "A");
      await writeFile(c.path("b"), "BB");
      const old = await open(c.path("b"), "r");
      try {
        await c.step("rename", () => rename(c.path("a"), c.path("b")));
        await c.step("target-content", async () => (await readFile(c.path("b"))).toString());
        await c.step("source-gone", () => stat(c.path("a")));
        await c.step("old-target-fd", async () => content(await pread(old, 10, 0)));
        await c.step("old-target-fstat-nlink", async () => (await old.stat()).nlink);
      } finally {
        await old.close();
      }
      await c.step("readdir", async () => (await readdir(c.dir)).sort());
    },
  },
  {
    name: "rename/dir-over-dir",
    run: async (c) => {
      await mkdir(c.path("src"));
      await writeFile(c.path("src", "s"), "s");
      await mkdir(c.path("full"));
      await writeFile(c.path("full", "x"), "x");
      await mkdir(c.path("empty"));
      await c.step("over-non-empty", () => rename(c.path("src"), c.path("full")));
      await c.step("over-empty", () => rename(c.path("src"), c.path("empty")));
      await c.step("moved-contents", async () => (await readdir(c.path("empty"))).sort());
      await c.step("readdir", async () => (await readdir(c.dir)).sort());
    },
  },
  {
    name: "rename/type-mismatch",
    run: async (c) => {
      await mkdir(c.path("d"));
      await writeFile(c.path("f"), "f");
      await c.step("file-over-dir", () => rename(c.path("f"), c.path("d")));
      await c.step("dir-over-file", () => rename(c.path("d"), c.path("f")));
      await c.step("unchanged", async () => (await readdir(c.dir)).sort());
    },
  },
  {
    name: "rename/into-own-subdir",
    run: async (c) => {
      await mkdir(c.path("d", "s"), { recursive: true });
      await c.step("into-child", () => rename(c.path("d"), c.path("d", "s", "x")));
      await c.step("onto-child", () => rename(c.path("d"), c.path("d", "s")));
      await c.step("still-there", () => stat(c.path("d", "s")));
    },
  },
  {
    name: "rename/missing",
    run: async (c) => {
      await writeFile(c.path("f"), "f");
      await c.step("missing-source", () => rename(c.path("missing"), c.path("x")));
      await c.step("missing-target-dir", () => rename(c.path("f"), c.path("nodir", "x")));
      await c.step("target-through-file", () => rename(c.path("f"), c.path("f", "x")));
    },
  },
  {
    name: "rename/same-inode",
    run: async (c) => {
      await writeFile(c.path("a"), "a");
      await c.step("to-itself", () => rename(c.path("a"), c.path("a")));
      await link(c.path("a"), c.path("b"));
      // POSIX: renaming onto another link of the same file does nothing; both names remain.
      await c.step("onto-hardlink", () => rename(c.path("a"), c.path("b")));
      await c.step("readdir", async () => (await readdir(c.dir)).sort());
      await c.step("nlink", async () => (await stat(c.path("b"))).nlink);
    },
  },
  {
    name: "rename/across-dirs",
    run: async (c) => {
      await mkdir(c.path("d1"));
      await mkdir(c.path("d2"));
      await mkdir(c.path("d1", "sub"));
      await writeFile(c.path("d1", "sub", "inner"), "inner");
      await writeFile(c.path("d1", "f"), "file");
      await c.step("move-file", () => rename(c.path("d1", "f"), c.path("d2", "g")));
      await c.step("moved-file", async () => (await readFile(c.path("d2", "g"))).toString());
      await c.step("nlink-before", async () => [(await stat(c.path("d1"))).nlink, (await stat(c.path("d2"))).nlink]);
      await c.step("move-dir", () => rename(c.path("d1", "sub"), c.path("d2", "sub2")));
      await c.step("nlink-after", async () => [(await stat(c.path("d1"))).nlink, (await stat(c.path("d2"))).nlink]);
      await c.step("moved-dir-content", async () => (await readFile(c.path("d2", "sub2", "inner"))).toString());
      await c.step("old-path-gone", () => stat(c.path("d1", "sub", "inner")));
    },
  },
  {
    name: "rename/open-fd-follows",
    run: async (c) => {
      await writeFile(c.path("f"), "abc");
      const h = await open(c.path("f"), "r+");
      try {
        await c.step("rename", () => rename(c.path("f"), c.path("g")));
        await c.step("write-fd", async () => (await h.write("XYZ", 3)).bytesWritten);
        await c.step("fstat-size", async () => (await h.stat()).size);
      } finally {
        await h.close();
      }
      await c.step("content", async () => (await readFile(c.path("g"))).toString());
    },
  },
  {
    name: "rename/symlink",
    run: async (c) => {
      await symlink("some/target", c.path("l"));
      await c.step("rename", () => rename(c.path("l"), c.path("m")));
      await c.step("readlink", () => readlink(c.path("m")));
      await c.step("old-gone", () => readlink(c.path("l")));
    },
  },
];
