import { spawn } from "node:child_process";
import { errnoName } from "@mrc/protocol";
import { fsError } from "./errors.js";

/**
 * Syscalls Node does not offer (renameat2, mknodat), run by a tiny `perl -e 'syscall(...)'`
 * child. The directory fds are handed to the child as its fds 3 and 4, so the child acts on
 * the very directories the service pinned, with single-component names: the jail holds.
 * perl-base is Essential on Debian, so /usr/bin/perl is always present there.
 */
const NR: Record<string, { renameat2: number; mknodat: number }> = {
  x64: { renameat2: 316, mknodat: 259 },
  arm64: { renameat2: 276, mknodat: 33 },
};

/** Syscall numbers for this CPU, or undefined (callers then fall back or fail with ENOSYS). */
export const syscallNumbers = NR[process.arch];

const PROGRAM =
  'umask 0; my @a = map { substr($_, 0, 2) eq "i:" ? substr($_, 2) + 0 : substr($_, 2) } @ARGV; ' +
  "my $r = syscall(shift(@a), @a); exit($r == -1 ? $! + 0 : 0)";

/** Run syscall(args...) in a perl child with `fds` as its fds 3, 4, ...; throws the errno. */
export function childSyscall(fds: number[], args: Array<string | number>): Promise<void> {
  return new Promise((resolve, reject) => {
    // Tag each argument so numeric-looking names stay strings (perl passes strings as pointers).
    const tagged = args.map((a) => (typeof a === "number" ? `i:${a}` : `s:${a}`));
    const child = spawn("perl", ["-e", PROGRAM, ...tagged], {
      stdio: ["ignore", "ignore", "pipe", ...fds],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err) => reject(err));
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const name = code !== null ? errnoName(code) : undefined;
      reject(fsError(name ?? "EIO", `helper syscall failed (${code}) ${stderr.trim()}`));
    });
  });
}
