// Extended attributes through attr's setfattr/getfattr (Node has no xattr API).
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { requireTools, toolStep } from "../tools.js";
import type { CaseDef } from "../types.js";

/** Cases about user.* extended attributes; skipped when the attr package is absent. */
export const xattrCases: CaseDef[] = [
  {
    name: "xattr/set-get-remove",
    run: async (c) => {
      await requireTools(c, "setfattr", "getfattr");
      const f = c.path("f");
      await writeFile(f, "x");
      await toolStep(c, "set", "setfattr", ["-n", "user.mrc", "-v", "hello", f]);
      await toolStep(c, "set-second", "setfattr", ["-n", "user.other", "-v", "0x00ff10", f]);
      await toolStep(c, "get", "getfattr", ["--only-values", "-n", "user.mrc", f], true);
      await toolStep(c, "get-binary-hex", "getfattr", ["--absolute-names", "-e", "hex", "-n", "user.other", f], true);
      await toolStep(c, "dump-user", "getfattr", ["--absolute-names", "-d", f], true);
      await toolStep(c, "get-missing-name", "getfattr", ["-n", "user.missing", f]);
      await toolStep(c, "replace", "setfattr", ["-n", "user.mrc", "-v", "changed", f]);
      await toolStep(c, "get-replaced", "getfattr", ["--only-values", "-n", "user.mrc", f], true);
      await toolStep(c, "remove", "setfattr", ["-x", "user.mrc", f]);
      await toolStep(c, "get-removed", "getfattr", ["-n", "user.mrc", f]);
      await toolStep(c, "remove-missing", "setfattr", ["-x", "user.mrc", f]);
      await toolStep(c, "set-on-missing-file", "setfattr", ["-n", "user.mrc", "-v", "v", c.path("missing")]);
    },
  },
  {
    name: "xattr/dirs-and-symlinks",
    run: async (c) => {
      await requireTools(c, "setfattr", "getfattr");
      await mkdir(c.path("d"));
      await writeFile(c.path("f"), "");
      await symlink("f", c.path("l"));
      await toolStep(c, "set-dir", "setfattr", ["-n", "user.d", "-v", "dv", c.path("d")]);
      await toolStep(c, "get-dir", "getfattr", ["--only-values", "-n", "user.d", c.path("d")], true);
      // user.* is not allowed on symlinks themselves (EPERM); through the link it reaches f.
      await toolStep(c, "set-symlink-nofollow", "setfattr", ["-h", "-n", "user.l", "-v", "lv", c.path("l")]);
      await toolStep(c, "set-through-symlink", "setfattr", ["-n", "user.t", "-v", "tv", c.path("l")]);
      await toolStep(c, "get-on-target", "getfattr", ["--only-values", "-n", "user.t", c.path("f")], true);
    },
  },
  {
    name: "xattr/large-value",
    run: async (c) => {
      await requireTools(c, "setfattr", "getfattr");
      await writeFile(c.path("f"), "");
      const v = "v".repeat(3000);
      await toolStep(c, "set-3000", "setfattr", ["-n", "user.big", "-v", v, c.path("f")]);
      const r = await toolStep(c, "get-3000", "getfattr", ["--only-values", "-n", "user.big", c.path("f")]);
      c.record("roundtrip", r.stdout === v);
    },
  },
];
