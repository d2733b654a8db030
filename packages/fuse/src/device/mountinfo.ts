/** /proc/self/mountinfo parsing (proc(5)). */
import { readFile } from "node:fs/promises";

/** One line of mountinfo. */
export interface MountInfo {
  id: number;
  parentId: number;
  major: number;
  /** For FUSE: the connection number N of /sys/fs/fuse/connections/N. */
  minor: number;
  root: string;
  mountpoint: string;
  options: string;
  fstype: string;
  source: string;
  superOptions: string;
}

/** Undo mountinfo's octal escapes (\040 space, \011 tab, \012 newline, \134 backslash). */
export function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** Parse the text of a mountinfo file; malformed lines are skipped. */
export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    const sep = f.indexOf("-", 6);
    if (f.length < 10 || sep < 0) continue;
    const [major, minor] = (f[2] ?? "").split(":").map(Number);
    out.push({
      id: Number(f[0]), parentId: Number(f[1]), major: major ?? 0, minor: minor ?? 0,
      root: unescapeMountPath(f[3] ?? ""), mountpoint: unescapeMountPath(f[4] ?? ""), options: f[5] ?? "",
      fstype: f[sep + 1] ?? "", source: unescapeMountPath(f[sep + 2] ?? ""), superOptions: f[sep + 3] ?? "",
    });
  }
  return out;
}

/** Current mounts of this process's mount namespace. */
export async function readMountInfo(path = "/proc/self/mountinfo"): Promise<MountInfo[]> {
  return parseMountInfo(await readFile(path, "utf8"));
}
