// Attributes: permission bits, ownership, timestamps, access(2), statfs(2).
import { constants } from "node:fs";
import { access, chmod, chown, lstat, mkdir, stat, statfs, symlink, truncate, lutimes, utimes, writeFile } from "node:fs/promises";
import { perm } from "../normalize.js";
import type { CaseDef, Value } from "../types.js";
import { requireTools, toolStep } from "../tools.js";
import { withHandle } from "./util.js";

const { R_OK, W_OK, X_OK, F_OK } = constants;
const OLD_A = 1_000_000_000; // 2001-09-09, whole seconds
const OLD_M = 1_234_567_890.5; // exactly representable half second

/** Timestamp as "sec.nanoseconds" from a bigint stat, for times that were set explicitly. */
async function times(path: string, follow = true): Promise<Value> {
  const st = follow ? await stat(path, { bigint: true }) : await lstat(path, { bigint: true });
  const fmt = (ns: bigint) => `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, "0")}`;
  return { atime: fmt(st.atimeNs), mtime: fmt(st.mtimeNs) };
}

/** Cases about metadata. */
export const attrCases: CaseDef[] = [
  {
    name: "attrs/chmod",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      for (const m of [0o600, 0o755, 0o000, 0o4755, 0o2750, 0o1644]) {
        await c.step(`chmod-${perm(m)}`, () => chmod(c.path("f"), m));
        await c.step(`perm-${perm(m)}`, async () => perm((await stat(c.path("f"))).mode));
      }
      await c.step("fchmod", () => withHandle(c.path("f"), "r", (h) => h.chmod(0o640)));
      await c.step("perm-after-fchmod", async () => perm((await stat(c.path("f"))).mode));
      await c.step("missing", () => chmod(c.path("missing"), 0o644));
    },
  },
  {
    // As an unprivileged user (no CAP_FSETID) Linux clears S_ISUID on write and truncate, and
    // S_ISGID too when group-execute is set; as root the bits stay. Either way both sides agree
    // (through mrc the head does it: HANDLE_KILLPRIV_V2).
    name: "attrs/unprivileged-write-to-own-setuid-file-clears-setuid",
    run: async (c) => {
      const f = c.path("f");
      const mode = async () => perm((await stat(f)).mode);
      await writeFile(f, "data");
      await c.step("chmod-6755", () => chmod(f, 0o6755));
      await withHandle(f, "r+", async (h) => {
        await c.step("write", async () => (await h.write("x", 0)).bytesWritten);
        await c.step("fstat-after-write", async () => perm((await h.stat()).mode));
      });
      await c.step("after-write", mode);
      await c.step("chmod-2644", () => chmod(f, 0o2644));
      await c.step("write-sgid-no-group-exec", () => withHandle(f, "r+", async (h) => (await h.write("y", 1)).bytesWritten));
      await c.step("sgid-kept", mode);
      await c.step("chmod-4755", () => chmod(f, 0o4755));
      await c.step("truncate", () => truncate(f, 1));
      await c.step("after-truncate", mode);
      await c.step("chmod-4711", () => chmod(f, 0o4711));
      await c.step("open-trunc", () => withHandle(f, "w", async () => "opened"));
      await c.step("after-open-trunc", mode);
      await c.step("chmod-6770", () => chmod(f, 0o6770));
      await c.step("append", () => withHandle(f, "a", async (h) => (await h.write("z")).bytesWritten));
      await c.step("after-append", mode);
    },
  },
  {
    name: "attrs/chmod-through-symlink",
    run: async (c) => {
      await writeFile(c.path("f"), "x", { mode: 0o644 });
      await symlink("f", c.path("l"));
      await c.step("chmod-link", () => chmod(c.path("l"), 0o600));
      await c.step("target", async () => perm((await stat(c.path("f"))).mode));
      await c.step("link-itself", () => lstat(c.path("l")));
    },
  },
  {
    name: "attrs/chmod-dir-and-type-bits",
    run: async (c) => {
      await mkdir(c.path("d"));
      await c.step("chmod-dir", () => chmod(c.path("d"), 0o711));
      await c.step("stat-dir", () => stat(c.path("d")));
      // Only permission bits change; the file type bits passed to chmod are ignored.
      await writeFile(c.path("f"), "");
      await c.step("chmod-with-type-bits", () => chmod(c.path("f"), 0o040644));
      await c.step("still-file", () => stat(c.path("f")));
    },
  },
  {
    name: "attrs/owner",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await mkdir(c.path("d"));
      await c.step("file", () => stat(c.path("f")));
      await c.step("dir", () => stat(c.path("d")));
      const uid = process.getuid?.() ?? 0;
      const gid = process.getgid?.() ?? 0;
      await c.step("chown-to-self", () => chown(c.path("f"), uid, gid));
      await c.step("chown-missing", () => chown(c.path("missing"), uid, gid));
    },
  },
  {
    name: "attrs/utimes-exact",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await mkdir(c.path("d"));
      await symlink("f", c.path("l"));
      await c.step("utimes-file", () => utimes(c.path("f"), OLD_A, OLD_M));
      await c.step("times-file", () => times(c.path("f")));
      await c.step("utimes-dir", () => utimes(c.path("d"), OLD_A, OLD_M));
      await c.step("times-dir", () => times(c.path("d")));
      await c.step("lutimes-link", () => lutimes(c.path("l"), OLD_M, OLD_A));
      await c.step("times-link", () => times(c.path("l"), false));
      await c.step("futimes", () => withHandle(c.path("f"), "r+", (h) => h.utimes(OLD_M, OLD_A)));
      await c.step("times-after-futimes", () => times(c.path("f")));
      await c.step("utimes-missing", () => utimes(c.path("missing"), OLD_A, OLD_M));
    },
  },
  {
    name: "attrs/utimes-now",
    run: async (c) => {
      await requireTools(c, "touch");
      await writeFile(c.path("f"), "x");
      await utimes(c.path("f"), OLD_A, OLD_M);
      // touch(1) uses UTIME_NOW, which Node's utimes cannot express.
      await toolStep(c, "touch", "touch", [c.path("f")]);
      const st = await stat(c.path("f"));
      c.record("mtime-advanced", st.mtimeMs > OLD_M * 1000);
      c.record("atime-advanced", st.atimeMs > OLD_M * 1000);
      // Compares the file system's clock with this process's: differs under clock skew.
      c.record("mtime-near-local-clock", Math.abs(st.mtimeMs - Date.now()) < 120_000);
      c.info("mtime-minus-now-ms", st.mtimeMs - Date.now());
    },
  },
  {
    name: "attrs/mtime-on-change",
    run: async (c) => {
      await writeFile(c.path("f"), "x");
      await mkdir(c.path("d"));
      await utimes(c.path("f"), OLD_A, OLD_A);
      await utimes(c.path("d"), OLD_A, OLD_A);
      await withHandle(c.path("f"), "r+", (h) => h.write("y", 1));
      const f = await stat(c.path("f"));
      c.record("file-mtime-advanced-by-write", f.mtimeMs > OLD_A * 1000);
      c.record("file-ctime-not-before-mtime", f.ctimeMs >= f.mtimeMs);
      await writeFile(c.path("d", "new"), "");
      c.record("dir-mtime-advanced-by-create", (await stat(c.path("d"))).mtimeMs > OLD_A * 1000);
      await utimes(c.path("d"), OLD_A, OLD_A);
      const before = (await stat(c.path("d"))).ctimeMs;
      await chmod(c.path("d"), 0o700);
      c.record("dir-ctime-not-decreased-by-chmod", (await stat(c.path("d"))).ctimeMs >= before);
      c.record("dir-mtime-unchanged-by-chmod", (await stat(c.path("d"))).mtimeMs === OLD_A * 1000);
    },
  },
  {
    name: "attrs/access",
    run: async (c) => {
      const modes = [0o000, 0o400, 0o200, 0o100, 0o444, 0o555, 0o777];
      for (const m of modes) {
        const p = c.path(`f${perm(m)}`);
        await writeFile(p, "x");
        await chmod(p, m);
        for (const [name, bit] of [["F", F_OK], ["R", R_OK], ["W", W_OK], ["X", X_OK], ["RWX", R_OK | W_OK | X_OK]] as const) {
          await c.step(`${perm(m)}-${name}_OK`, () => access(p, bit));
        }
      }
      await c.step("missing", () => access(c.path("missing"), F_OK));
      await mkdir(c.path("d"), 0o755);
      await c.step("dir-X_OK", () => access(c.path("d"), X_OK));
    },
  },
  {
    name: "attrs/statfs",
    run: async (c) => {
      const s = await c.step("statfs", () => statfs(c.dir), () => "done");
      if (!s) return;
      c.record("fields", {
        bsizePositive: s.bsize > 0,
        blocksPositive: s.blocks > 0,
        bfreeLeBlocks: s.bfree <= s.blocks,
        bavailLeBfree: s.bavail <= s.bfree,
        filesNonNegative: s.files >= 0,
        ffreeLeFiles: s.ffree <= s.files,
        typeIsNumber: typeof s.type === "number",
      });
      c.info("statfs", { type: s.type, bsize: s.bsize, blocks: s.blocks, files: s.files });
      await c.step("statfs-missing", () => statfs(c.path("missing")), () => "done");
    },
  },
];
