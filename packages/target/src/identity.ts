import { execFileSync } from "node:child_process";

/** A local user guests run as. */
export interface GuestUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Look a user up in the target's passwd database (getent); throws a clear error if unknown. */
export function lookupUser(name: string): GuestUser {
  let line: string;
  try {
    line = execFileSync("getent", ["passwd", name], { encoding: "utf8" }).trim().split("\n")[0] ?? "";
  } catch {
    throw new Error(`unknown user "${name}" on this target`);
  }
  const f = line.split(":");
  if (f.length < 7) throw new Error(`unknown user "${name}" on this target`);
  return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
}
