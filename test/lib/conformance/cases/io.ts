// Reading and writing: append, positional I/O, holes, truncation, sync, large files.
import { open, readFile, stat, truncate, utimes, writeFile } from "node:fs/promises";
import { digest } from "../normalize.js";
import type { CaseDef } from "../types.js";
import { content, pattern, pread, withHandle } from "./util.js";

const MiB = 1024 * 1024;

/** Cases about data I/O. */
export const ioCases: CaseDef[] = [
  {
    name: "io/append-two-handles",
    run: async (c) => {
      await writeFile(c.path("f"), "start\n");
      const a = await open(c.path("f"), "a");
      const b = await open(c.path("f"), "a");
      try {
        await c.step("a1", async () => (await a.write("one\n")).bytesWritten);
        await c.step("b1", async () => (await b.write("two\n")).bytesWritten);
        await c.step("a2", async () => (await a.write("three\n")).bytesWritten);
        // A position is ignored for O_APPEND on Linux: data still goes to the end.
        await c.step("b2-positioned", async () => (await b.write("four\n", 0)).bytesWritten);
      } finally {
        await a.close();
        await b.close();
      }
      await c.step("content", async () => content(await readFile(c.path("f"))));
    },
  },
  {
    name: "io/pwrite-pread",
    run: async (c) => {
      await withHandle(c.path("f"), "w+", async (h) => {
        await c.step("write", async () => (await h.write("hello", 0)).bytesWritten);
        await c.step("pwrite-middle", async () => (await h.write("X", 2)).bytesWritten);
        await c.step("pread-all", async () => content(await pread(h, 5, 0)));
        await c.step("pread-offset", async () => content(await pread(h, 2, 3)));
        await c.step("pread-at-eof", async () => (await pread(h, 10, 5)).byteLength);
        await c.step("pread-beyond-eof", async () => (await pread(h, 10, 1000)).byteLength);
        await c.step("pwrite-beyond-eof", async () => (await h.write("tail", 10000)).bytesWritten);
        await c.step("fstat-size", async () => (await h.stat()).size);
        await c.step("hole-is-zero", async () => (await pread(h, 10000 - 5, 5)).every((x) => x === 0));
        await c.step("read-tail", async () => content(await pread(h, 100, 9998)));
      });
      await c.step("stat-size", async () => (await stat(c.path("f"))).size);
      await c.step("content", async () => digest(await readFile(c.path("f"))));
    },
  },
  {
    name: "io/sequential-position",
    run: async (c) => {
      await writeFile(c.path("f"), "abcdefghij");
      await withHandle(c.path("f"), "r+", async (h) => {
        const buf = Buffer.alloc(3);
        await c.step("read1", async () => buf.toString("latin1", 0, (await h.read(buf, 0, 3, null)).bytesRead));
        await c.step("read2", async () => buf.toString("latin1", 0, (await h.read(buf, 0, 3, null)).bytesRead));
        await c.step("write-at-position", async () => (await h.write("XY", null)).bytesWritten);
        await c.step("read3", async () => buf.toString("latin1", 0, (await h.read(buf, 0, 3, null)).bytesRead));
      });
      await c.step("content", async () => (await readFile(c.path("f"))).toString());
    },
  },
  {
    name: "io/truncate",
    run: async (c) => {
      await writeFile(c.path("f"), "0123456789");
      await c.step("grow", () => truncate(c.path("f"), 5000));
      await c.step("size-grown", async () => (await stat(c.path("f"))).size);
      await c.step("grown-content", async () => digest(await readFile(c.path("f"))));
      await c.step("shrink", () => truncate(c.path("f"), 3));
      await c.step("shrunk-content", async () => (await readFile(c.path("f"))).toString());
      await c.step("ftruncate", () => withHandle(c.path("f"), "r+", (h) => h.truncate(1)));
      await c.step("ftruncate-content", async () => (await readFile(c.path("f"))).toString());
      await c.step("ftruncate-rdonly", () => withHandle(c.path("f"), "r", (h) => h.truncate(0)));
      await c.step("regrow-zeroes", async () => {
        await truncate(c.path("f"), 4);
        return content(await readFile(c.path("f")));
      });
      await c.step("missing", () => truncate(c.path("missing"), 0));
      await c.step("dir", () => truncate(c.dir, 0));
    },
  },
  {
    name: "io/truncate-updates-mtime",
    run: async (c) => {
      await writeFile(c.path("f"), "0123456789");
      await utimes(c.path("f"), 1_000_000_000, 1_000_000_000);
      await truncate(c.path("f"), 5);
      c.record("mtime-advanced", (await stat(c.path("f"))).mtimeMs > 1_000_000_000_000);
      await utimes(c.path("f"), 1_000_000_000, 1_000_000_000);
      await truncate(c.path("f"), 5);
      // POSIX: truncate to the same size need not update times; Linux ext4/tmpfs do not, so record it.
      c.info("same-size-truncate-mtime-advanced", (await stat(c.path("f"))).mtimeMs > 1_000_000_000_000);
    },
  },
  {
    name: "io/fsync",
    run: async (c) => {
      await withHandle(c.path("f"), "w", async (h) => {
        await h.write("data");
        await c.step("fsync", () => h.sync());
        await c.step("fdatasync", () => h.datasync());
      });
      await c.step("fsync-rdonly", () => withHandle(c.path("f"), "r", (h) => h.sync()));
      await c.step("fsync-dir", () => withHandle(c.dir, "r", (h) => h.sync()));
      await c.step("content", async () => (await readFile(c.path("f"))).toString());
    },
  },
  {
    name: "io/large-8mib",
    run: async (c) => {
      const data = pattern(8 * MiB, 1);
      await c.step("writeFile", () => writeFile(c.path("big"), data));
      await c.step("stat", () => stat(c.path("big")));
      await c.step("readFile", async () => digest(await readFile(c.path("big"))));
      await c.step("chunked-read", () =>
        withHandle(c.path("big"), "r", async (h) => {
          const parts: Buffer[] = [];
          for (let off = 0; ; off += 65536) {
            const b = await pread(h, 65536, off);
            if (b.byteLength === 0) break;
            parts.push(b);
          }
          return digest(Buffer.concat(parts));
        }),
      );
      await c.step("odd-offset-read", () => withHandle(c.path("big"), "r", async (h) => digest(await pread(h, 300_001, 4 * MiB - 7))));
    },
  },
  {
    name: "io/mib-boundaries",
    run: async (c) => {
      await writeFile(c.path("f"), pattern(4 * MiB + 100, 2));
      await withHandle(c.path("f"), "r+", async (h) => {
        for (const k of [1, 2, 3, 4]) {
          const patch = pattern(4096, 10 + k);
          await c.step(`write-across-${k}MiB`, async () => (await h.write(patch, 0, patch.byteLength, k * MiB - 2048)).bytesWritten);
          await c.step(`read-across-${k}MiB`, async () => (await pread(h, 4096, k * MiB - 2048)).equals(patch));
        }
        await c.step("fstat-size", async () => (await h.stat()).size);
      });
      await c.step("content", async () => digest(await readFile(c.path("f"))));
    },
  },
  {
    name: "io/allocation-relations",
    run: async (c) => {
      await writeFile(c.path("dense"), pattern(MiB, 3));
      await withHandle(c.path("sparse"), "w", (h) => h.write(Buffer.from("x"), 0, 1, 64 * MiB));
      const d = await stat(c.path("dense"));
      const s = await stat(c.path("sparse"));
      c.record("dense-blocks-cover-size", d.blocks * 512 >= d.size);
      c.record("sparse-size", s.size);
      c.record("sparse-blocks-below-size", s.blocks * 512 < s.size);
      c.record("blksize-positive", d.blksize > 0);
      c.info("blocks", { dense: d.blocks, sparse: s.blocks, blksize: d.blksize });
    },
  },
];
