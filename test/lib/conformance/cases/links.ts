// Symbolic links, hard links, and files that stay usable after their last name is removed.
import { link, lstat, mkdir, open, readdir, readFile, readlink, rmdir, stat, symlink, unlink, writeFile } from "node:fs/promises";
import type { CaseDef } from "../types.js";
import { content, pread } from "./util.js";

/** Cases about symlink(2), link(2) and unlink(2). */
export const linkCases: CaseDef[] = [
  {
    name: "links/symlink-readlink",
    run: async (c) => {
      await writeFile(c.path("target-file"), "hello");
      await c.step("symlink-relative", () => symlink("target-file", c.path("rel")));
      await c.step("symlink-absolute", () => symlink(c.path("target-file"), c.path("abs")));
      await c.step("readlink-relative", () => readlink(c.path("rel")));
      await c.step("readlink-absolute", () => readlink(c.path("abs")));
      await c.step("lstat", () => lstat(c.path("rel")));
      await c.step("stat", () => stat(c.path("rel")));
      await c.step("read-through", async () => (await readFile(c.path("abs"))).toString());
      await c.step("symlink-odd-text", () => symlink("../a b/./c//d", c.path("odd")));
      await c.step("readlink-odd-text", () => readlink(c.path("odd")));
      await c.step("lstat-odd-size", async () => (await lstat(c.path("odd"))).size);
    },
  },
  {
    name: "links/symlink-errors",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await c.step("over-existing", () => symlink("anything", c.path("f")));
      await c.step("readlink-regular", () => readlink(c.path("f")));
      await c.step("readlink-missing", () => readlink(c.path("missing")));
      await c.step("loop-a", () => symlink("b", c.path("a")));
      await c.step("loop-b", () => symlink("a", c.path("b")));
      await c.step("stat-loop", () => stat(c.path("a")));
      await c.step("lstat-loop", () => lstat(c.path("a")));
      await c.step("open-loop", () => readFile(c.path("a")));
    },
  },
  {
    name: "links/dangling",
    run: async (c) => {
      await c.step("symlink", () => symlink("nowhere", c.path("l")));
      await c.step("stat", () => stat(c.path("l")));
      await c.step("lstat", () => lstat(c.path("l")));
      await c.step("readFile", () => readFile(c.path("l")));
      // Creating through a dangling link creates its target.
      await c.step("create-through", () => writeFile(c.path("l"), "made"));
      await c.step("target-now", async () => (await readFile(c.path("nowhere"))).toString());
      await c.step("readdir", async () => (await readdir(c.dir)).sort());
    },
  },
  {
    name: "links/symlink-to-dir",
    run: async (c) => {
      await mkdir(c.path("d"));
      await writeFile(c.path("d", "inner"), "i");
      await symlink("d", c.path("l"));
      await c.step("readdir-through", async () => (await readdir(c.path("l"))).sort());
      await c.step("stat-through", () => stat(c.path("l", "inner")));
      await c.step("rmdir-link", () => rmdir(c.path("l")));
      await c.step("unlink-link", () => unlink(c.path("l")));
      await c.step("dir-survives", async () => (await readdir(c.path("d"))).sort());
    },
  },
  {
    name: "links/hardlink-nlink",
    run: async (c) => {
      await writeFile(c.path("f"), "shared");
      await mkdir(c.path("d"));
      await c.step("nlink-1", async () => (await stat(c.path("f"))).nlink);
      await c.step("link-g", () => link(c.path("f"), c.path("g")));
      await c.step("nlink-2-f", async () => (await stat(c.path("f"))).nlink);
      await c.step("nlink-2-g", async () => (await stat(c.path("g"))).nlink);
      await c.step("link-h", () => link(c.path("g"), c.path("d", "h")));
      await c.step("nlink-3", async () => (await stat(c.path("f"))).nlink);
      await writeFile(c.path("d", "h"), "changed");
      await c.step("content-via-f", async () => (await readFile(c.path("f"))).toString());
      await c.step("unlink-f", () => unlink(c.path("f")));
      await c.step("nlink-after-unlink", async () => (await stat(c.path("g"))).nlink);
      await c.step("content-via-g", async () => (await readFile(c.path("g"))).toString());
      await c.step("link-over-existing", () => link(c.path("g"), c.path("d", "h")));
      await c.step("link-dir", () => link(c.path("d"), c.path("d2")));
      await c.step("link-missing", () => link(c.path("missing"), c.path("x")));
      await c.step("link-into-missing-dir", () => link(c.path("g"), c.path("nodir", "x")));
    },
  },
  {
    name: "links/open-unlinked",
    run: async (c) => {
      await writeFile(c.path("f"), "data");
      const h = await open(c.path("f"), "r+");
      try {
        await c.step("unlink", () => unlink(c.path("f")));
        await c.step("stat-name", () => stat(c.path("f")));
        // A server that hides open-unlinked files by renaming them would show up here.
        await c.step("readdir", () => readdir(c.dir));
        await c.step("read-fd", async () => content(await pread(h, 100, 0)));
        await c.step("write-fd", async () => (await h.write("+more", 4)).bytesWritten);
        await c.step("read-fd-again", async () => content(await pread(h, 100, 0)));
        await c.step("fstat", () => h.stat());
        await c.step("recreate-name", () => writeFile(c.path("f"), "new"));
        await c.step("new-content", async () => (await readFile(c.path("f"))).toString());
        await c.step("old-fd-unaffected", async () => content(await pread(h, 100, 0)));
      } finally {
        await h.close();
      }
      await c.step("readdir-after-close", () => readdir(c.dir));
    },
  },
  {
    name: "links/unlink-errors",
    run: async (c) => {
      await mkdir(c.path("d"));
      await c.step("missing", () => unlink(c.path("missing")));
      await c.step("dir", () => unlink(c.path("d")));
      await c.step("through-missing-dir", () => unlink(c.path("nodir", "x")));
    },
  },
];
