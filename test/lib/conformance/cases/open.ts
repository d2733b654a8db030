// open(2) flags: O_CREAT|O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, access modes, create modes.
import { constants } from "node:fs";
import { mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import type { CaseDef } from "../types.js";
import { openClose, withHandle } from "./util.js";

const { O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW } = constants;

/** Cases about opening and creating files. */
export const openCases: CaseDef[] = [
  {
    name: "open/create-excl",
    run: async (c) => {
      await symlink("dangling-target", c.path("l"));
      await c.step("new", () => openClose(c.path("f"), "wx"));
      await c.step("existing", () => openClose(c.path("f"), "wx"));
      await c.step("existing-rdwr", () => openClose(c.path("f"), O_RDWR | O_CREAT | O_EXCL));
      await c.step("dangling-symlink", () => openClose(c.path("l"), "wx"));
      await c.step("dangling-target-absent", () => stat(c.path("dangling-target")));
      await c.step("stat", () => stat(c.path("f")));
    },
  },
  {
    name: "open/missing",
    run: async (c) => {
      await c.step("rdonly", () => openClose(c.path("m"), "r"));
      await c.step("rdwr", () => openClose(c.path("m"), "r+"));
      await c.step("wronly-no-creat", () => openClose(c.path("m"), O_WRONLY));
    },
  },
  {
    name: "open/truncate",
    run: async (c) => {
      await writeFile(c.path("f"), "0123456789".repeat(10));
      await c.step("size-before", async () => (await stat(c.path("f"))).size);
      await c.step("open-rdwr-trunc", () => openClose(c.path("f"), O_RDWR | O_TRUNC));
      await c.step("size-after", async () => (await stat(c.path("f"))).size);
      await writeFile(c.path("g"), "abcdef");
      await c.step("open-w", () => openClose(c.path("g"), "w"));
      await c.step("content-after-w", async () => (await readFile(c.path("g"))).toString());
      await c.step("open-no-trunc", () => openClose(c.path("f"), O_RDWR));
    },
  },
  {
    name: "open/o-directory",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await mkdir(c.path("d"));
      await c.step("file", () => openClose(c.path("f"), O_RDONLY | O_DIRECTORY));
      await c.step("dir", () => openClose(c.path("d"), O_RDONLY | O_DIRECTORY));
      await c.step("dir-for-write", () => openClose(c.path("d"), "w"));
      await c.step("dir-rdwr", () => openClose(c.path("d"), O_RDWR));
      await c.step("read-dir-fd", () => withHandle(c.path("d"), "r", (h) => h.read(Buffer.alloc(10), 0, 10, 0).then((r) => r.bytesRead)));
      await c.step("readFile-dir", () => readFile(c.path("d")));
      await c.step("writeFile-dir", () => writeFile(c.path("d"), "x"));
    },
  },
  {
    name: "open/nofollow",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await symlink("f", c.path("l"));
      await c.step("symlink", () => openClose(c.path("l"), O_RDONLY | O_NOFOLLOW));
      await c.step("file", () => openClose(c.path("f"), O_RDONLY | O_NOFOLLOW));
    },
  },
  {
    name: "open/create-mode",
    run: async (c) => {
      await c.step("create-0640", () => openClose(c.path("a"), "wx", 0o640));
      await c.step("stat-0640", () => stat(c.path("a")));
      await c.step("create-0777-umask", () => openClose(c.path("b"), "wx", 0o777));
      await c.step("stat-0777-umask", () => stat(c.path("b")));
      await c.step("create-0000", () => openClose(c.path("z"), O_RDWR | O_CREAT | O_EXCL, 0o000));
      await c.step("stat-0000", () => stat(c.path("z")));
    },
  },
  {
    name: "open/access-mode-mismatch",
    run: async (c) => {
      await writeFile(c.path("f"), "hello");
      await c.step("read-wronly", () => withHandle(c.path("f"), O_WRONLY, (h) => h.read(Buffer.alloc(5), 0, 5, 0).then((r) => r.bytesRead)));
      await c.step("write-rdonly", () => withHandle(c.path("f"), O_RDONLY, (h) => h.write("x", 0).then((r) => r.bytesWritten)));
      await c.step("content", async () => (await readFile(c.path("f"))).toString());
    },
  },
];
