// Operations reached through coreutils/util-linux or libuv helpers: fifos, copy_file_range,
// fallocate, truncate(1) and stat(1).
import { constants } from "node:fs";
import { copyFile, lstat, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { digest } from "../normalize.js";
import { requireTools, toolStep } from "../tools.js";
import type { CaseDef } from "../types.js";
import { pattern, pread, withHandle } from "./util.js";

const MiB = 1024 * 1024;

/** Cases that need a helper beyond plain fs/promises calls. */
export const specialCases: CaseDef[] = [
  {
    name: "special/mkfifo",
    run: async (c) => {
      await requireTools(c, "mkfifo");
      await toolStep(c, "mkfifo", "mkfifo", [c.path("p")]);
      await c.step("lstat", () => lstat(c.path("p")));
      await toolStep(c, "mkfifo-existing", "mkfifo", [c.path("p")]);
      await toolStep(c, "mkfifo-missing-dir", "mkfifo", [c.path("nodir", "p")]);
      // O_RDWR on a fifo never blocks on Linux, so one handle can both write and read.
      await c.step("fifo-io", () =>
        withHandle(c.path("p"), constants.O_RDWR | constants.O_NONBLOCK, async (h) => {
          await h.write("ping");
          const b = Buffer.alloc(16);
          const { bytesRead } = await h.read(b, 0, 16, null);
          return b.toString("latin1", 0, bytesRead);
        }),
      );
      await c.step("size-after-io", async () => (await stat(c.path("p"))).size);
    },
  },
  {
    name: "special/copy-file",
    run: async (c) => {
      const data = pattern(3 * MiB + 17, 4);
      await writeFile(c.path("src"), data);
      await mkdir(c.path("d"));
      await c.step("copy", () => copyFile(c.path("src"), c.path("dst")));
      await c.step("copy-content", async () => digest(await readFile(c.path("dst"))));
      await c.step("copy-over-existing", () => copyFile(c.path("src"), c.path("dst")));
      await c.step("copy-excl-existing", () => copyFile(c.path("src"), c.path("dst"), constants.COPYFILE_EXCL));
      await c.step("copy-missing", () => copyFile(c.path("missing"), c.path("x")));
      await c.step("copy-onto-dir", () => copyFile(c.path("src"), c.path("d")));
      await c.step("copy-from-dir", () => copyFile(c.path("d"), c.path("y")));
      await c.step("copy-empty", async () => {
        await writeFile(c.path("empty"), "");
        await copyFile(c.path("empty"), c.path("empty2"));
        return (await stat(c.path("empty2"))).size;
      });
    },
  },
  {
    name: "special/fallocate",
    run: async (c) => {
      await requireTools(c, "fallocate");
      await toolStep(c, "allocate-1MiB", "fallocate", ["-l", "1048576", c.path("f")]);
      await c.step("size", async () => (await stat(c.path("f"))).size);
      await c.step("reads-zero", async () => (await readFile(c.path("f"))).every((x) => x === 0));
      await toolStep(c, "keep-size", "fallocate", ["-n", "-o", "1048576", "-l", "65536", c.path("f")]);
      await c.step("size-kept", async () => (await stat(c.path("f"))).size);
      await writeFile(c.path("g"), pattern(65536, 5));
      await toolStep(c, "punch-hole", "fallocate", ["-p", "-o", "4096", "-l", "8192", c.path("g")]);
      await c.step("punched", () =>
        withHandle(c.path("g"), "r", async (h) => ({ size: (await h.stat()).size, zeroed: (await pread(h, 8192, 4096)).every((x) => x === 0) })),
      );
      await toolStep(c, "on-missing-dir", "fallocate", ["-l", "4096", c.path("nodir", "f")]);
    },
  },
  {
    name: "special/truncate-tool",
    run: async (c) => {
      await requireTools(c, "truncate");
      await writeFile(c.path("f"), "0123456789");
      await toolStep(c, "extend-relative", "truncate", ["-s", "+100", c.path("f")]);
      await c.step("size-110", async () => (await stat(c.path("f"))).size);
      await toolStep(c, "round-up", "truncate", ["-s", "%4096", c.path("f")]);
      await c.step("size-4096", async () => (await stat(c.path("f"))).size);
      await toolStep(c, "create", "truncate", ["-s", "1M", c.path("new")]);
      await c.step("new-size", async () => (await stat(c.path("new"))).size);
      await toolStep(c, "no-create", "truncate", ["-c", "-s", "5", c.path("absent")]);
      await c.step("absent", () => stat(c.path("absent")));
      await toolStep(c, "missing-dir", "truncate", ["-s", "5", c.path("nodir", "f")]);
    },
  },
  {
    name: "special/stat-tool",
    run: async (c) => {
      await requireTools(c, "stat");
      await writeFile(c.path("f"), "12345", { mode: 0o640 });
      await mkdir(c.path("d"));
      // %F type text, %a octal perms, %s size, %h nlink, %N quoted name (paths normalized).
      await toolStep(c, "file", "stat", ["-c", "%F|%a|%s|%h|%N", c.path("f")], true);
      await toolStep(c, "dir", "stat", ["-c", "%F|%a|%h", c.path("d")], true);
      await toolStep(c, "missing", "stat", [c.path("missing")]);
      await toolStep(c, "fs-fields", "stat", ["-f", "-c", "%l", c.path("f")], true);
    },
  },
];
