import { RpcError } from "@mrc/rpc";
import type { FsAttachIn, JobStartIn } from "@mrc/protocol";

const bad = (m: string): never => {
  throw new RpcError("BAD_PARAMS", `job.start: ${m}`);
};
const isSid = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/** Check the shape of job.start params coming off the wire; throw BAD_PARAMS with the reason. */
export function checkStartParams(p: unknown): JobStartIn {
  if (p === null || typeof p !== "object") bad("params must be an object");
  const o = p as Record<string, unknown>;
  if (!Array.isArray(o.argv) || o.argv.length === 0 || o.argv.length > 65536 || !o.argv.every((a) => typeof a === "string" && !a.includes("\0"))) {
    bad("argv must be a non-empty list of strings without NUL");
  }
  if (o.env === null || typeof o.env !== "object" || Array.isArray(o.env)) bad("env must be an object");
  for (const [k, v] of Object.entries(o.env as object)) {
    if (typeof v !== "string" || k.includes("=") || k.includes("\0") || v.includes("\0")) bad(`bad environment variable ${k}`);
  }
  if (typeof o.cwd !== "string" || !o.cwd.startsWith("/")) bad("cwd must be an absolute path");
  if (o.addr !== undefined && typeof o.addr !== "string") bad("addr must be a string (HOME/JOB)");
  if (!isSid(o.stdin) || !isSid(o.stdout) || (o.stderr !== undefined && !isSid(o.stderr))) bad("stdin/stdout/stderr must be stream ids");
  if (o.tty !== undefined) {
    const t = o.tty as Record<string, unknown>;
    if (t === null || typeof t !== "object" || typeof t.cols !== "number" || typeof t.rows !== "number" || typeof t.term !== "string") bad("tty must be {cols, rows, term}");
  }
  if (o.exports !== undefined) {
    if (!Array.isArray(o.exports) || !o.exports.every((e) => e && typeof e.path === "string" && e.path.startsWith("/") && typeof e.readOnly === "boolean")) bad("exports must be [{path, readOnly}]");
  }
  return o as unknown as JobStartIn;
}

/** Check fs.attach params: a list of absolute export paths and the head's ids. */
export function checkAttachParams(p: unknown): FsAttachIn {
  const o = p as Record<string, unknown> | null;
  if (o === null || typeof o !== "object") bad("fs.attach params must be an object");
  const ex = o!.exports;
  if (!Array.isArray(ex) || ex.length === 0 || ex.length > 256) bad("fs.attach: exports must be a list of 1..256");
  for (const e of ex as Array<Record<string, unknown>>) {
    if (!e || typeof e.path !== "string" || !e.path.startsWith("/") || e.path === "/" || e.path.includes("\0") || e.path.split("/").includes("..") || typeof e.readOnly !== "boolean") {
      bad("fs.attach: each export needs an absolute path other than / and readOnly");
    }
  }
  if (!Number.isSafeInteger(o!.headUid) || !Number.isSafeInteger(o!.headGid)) bad("fs.attach: headUid/headGid must be integers");
  return o as unknown as FsAttachIn;
}
