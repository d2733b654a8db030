import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { errnoName } from "@mrc/protocol";
import { fsError, log } from "./errors.js";
import { refChild } from "./child-ref.js";

/**
 * getxattr/setxattr/listxattr/removexattr, which Node lacks, run by long-lived
 * `perl -e 'syscall(...)'` children (perl-base is Essential on Debian).
 *
 * The children cannot be handed new fds, so they address the head's pinned O_PATH fds as
 * `/proc/<head pid>/fd/<fd>` and use the *following* calls (getxattr, not lgetxattr): the kernel
 * jumps through the magic link to exactly the inode the fd pins and does not follow it further,
 * even when that inode is a symlink (an O_PATH|O_NOFOLLOW fd). No name is resolved at all, so
 * the jail holds and there is no rename race. The caller keeps the fd pinned (FdRef.use) until
 * the child has answered, so the number cannot be reused under the call. (The `l*` calls would
 * act on the /proc link itself.) Needs /proc/<pid>/fd of the head to be readable by its own
 * children: same user, head dumpable (the default).
 *
 * Calls are spread over up to {@link MAX_CHILDREN} children, one call in flight per child, so a
 * slow call (a hung network file system) holds one child, not the others; nothing else in the
 * service waits for them. Idle children do not keep the event loop alive and exit when the head
 * does (EOF on stdin).
 */

/** Syscall numbers of the path-based (following) xattr calls, per CPU. */
const NR: Record<string, { get: number; set: number; list: number; remove: number }> = {
  // /usr/include/x86_64-linux-gnu/asm/unistd_64.h
  x64: { get: 191, set: 188, list: 194, remove: 197 },
  // /usr/include/asm-generic/unistd.h
  arm64: { get: 8, set: 5, list: 11, remove: 14 },
};

export const xattrSyscalls = NR[process.arch];

/** Longest xattr value and list Linux handles (XATTR_SIZE_MAX, XATTR_LIST_MAX). */
export const XATTR_SIZE_MAX = 65536;

const MAX_CHILDREN = 4;

// One request per line: op nr path name size flags value (strings hex-encoded);
// one reply per line: result errno data(hex).
const PROGRAM = `
$| = 1;
while (my $l = <STDIN>) {
  chomp $l;
  my ($op, $nr, $p, $n, $size, $flags, $v) = split / /, $l, -1;
  $nr += 0; $size += 0; $flags += 0;
  $p = pack("H*", $p); $n = pack("H*", $n); $v = pack("H*", $v);
  my $buf = "\\0" x ($size > 0 ? $size : 1);
  my $r = -1; $! = 22;
  if ($op eq "g") { $r = syscall($nr, $p, $n, $buf, $size); }
  elsif ($op eq "l") { $r = syscall($nr, $p, $buf, $size); }
  elsif ($op eq "s") { $r = syscall($nr, $p, $n, $v, length($v), $flags); }
  elsif ($op eq "r") { $r = syscall($nr, $p, $n); }
  elsif ($op eq "f") {
    # fallocate(fd, mode=flags, offset=size, len=name) on our own descriptor of the same file
    if (open(my $fh, "+<", $p)) { $r = syscall($nr, fileno($fh), $flags, $size, $n + 0); $r = -1 if $r == -1; close($fh); }
  }
  elsif ($op eq "w") {
    # sync_file_range(fd, 0, 0, flags) on our own read-only descriptor of the same file
    if (open(my $fh, "<", $p)) { $r = syscall($nr, fileno($fh), 0, 0, $flags); close($fh); }
  }
  my $data;
  if ($op eq "d") {
    # getdents64 on our own descriptor of the directory: each entry as (d_ino u64 little-endian,
    # name length u16 big-endian, name); more than $size entries: E2BIG
    if (open(my $fh, "<", $p)) {
      my $fd = fileno($fh); $data = ""; $r = 0;
      while (1) {
        my $dbuf = "\\0" x 65536;
        my $k = syscall($nr, $fd, $dbuf, 65536);
        if ($k < 0) { $r = -1; last; }
        last if $k == 0;
        my $pos = 0;
        while ($pos < $k) {
          my ($ino, $off, $reclen) = unpack("Q< q< S<", substr($dbuf, $pos, 18));
          $data .= pack("Q< n/a*", $ino, unpack("Z*", substr($dbuf, $pos + 19, $reclen - 19)));
          $pos += $reclen;
          $r++;
        }
        if ($r > $size) { $r = -1; $! = 7; last; }
      }
      close($fh);
    }
  }
  my $e = $r == -1 ? $! + 0 : 0;
  my $out = defined($data) ? ($r >= 0 ? unpack("H*", $data) : "") : ($r > 0 && $size > 0) ? unpack("H*", substr($buf, 0, $r)) : "";
  print "$r $e $out\\n";
}`;

interface Pending {
  line: string;
  resolve: (r: { result: number; data: Buffer }) => void;
  reject: (err: Error) => void;
}

interface Child {
  proc: ChildProcessWithoutNullStreams;
  current: Pending | null;
}

const children = new Set<Child>();
const queue: Pending[] = [];

function startChild(): Child {
  const proc = spawn("perl", ["-e", PROGRAM], { stdio: ["pipe", "pipe", "pipe"] });
  const c: Child = { proc, current: null };
  children.add(c);
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  proc.stdin.on("error", () => undefined); // reported through "close"
  createInterface({ input: proc.stdout }).on("line", (line) => {
    const p = c.current;
    c.current = null;
    if (p === null) return;
    const [r, e, hex] = line.split(" ");
    const result = Number(r);
    if (result === -1) {
      const n = Number(e);
      const name = n === 95 ? "EOPNOTSUPP" : errnoName(n);
      p.reject(fsError(name ?? "EIO", `xattr syscall failed (${n})`));
    } else {
      p.resolve({ result, data: Buffer.from(hex ?? "", "hex") });
    }
    dispatch();
  });
  const gone = (why: string): void => {
    if (!children.delete(c)) return;
    const p = c.current;
    c.current = null;
    if (p !== null) p.reject(fsError("EIO", `xattr helper ${why} ${stderr.trim()}`));
    else if (stderr !== "") log.warn(`xattr helper ${why}: ${stderr.trim()}`);
    dispatch();
  };
  proc.on("error", (err) => gone(`failed: ${err.message}`));
  proc.on("close", (code, sig) => gone(`exited (${code ?? sig})`));
  return c;
}

function dispatch(): void {
  while (queue.length > 0) {
    let idle: Child | undefined;
    for (const c of children) if (c.current === null) idle = c;
    if (idle === undefined) {
      if (children.size >= MAX_CHILDREN) break;
      idle = startChild();
    }
    const p = queue.shift()!;
    idle.current = p;
    refChild(idle.proc, true);
    idle.proc.stdin.write(p.line);
  }
  for (const c of children) if (c.current === null) refChild(c.proc, false);
}

function hex(s: string | Uint8Array): string {
  return (typeof s === "string" ? Buffer.from(s, "utf8") : Buffer.from(s.buffer, s.byteOffset, s.byteLength)).toString("hex");
}

function run(op: string, nr: number, path: string, name: string, size: number, flags: number, value: Uint8Array | string): Promise<{ result: number; data: Buffer }> {
  return new Promise((resolve, reject) => {
    queue.push({ line: `${op} ${nr} ${hex(path)} ${hex(name)} ${size} ${flags} ${hex(value)}\n`, resolve, reject });
    dispatch();
  });
}

/** The magic link of one of the head's fds, as its children can reach it. */
export function headFdPath(fd: number): string {
  return `/proc/${process.pid}/fd/${fd}`;
}

function nr(): { get: number; set: number; list: number; remove: number } {
  if (xattrSyscalls === undefined) throw fsError("EOPNOTSUPP", "extended attributes unsupported on this CPU");
  return xattrSyscalls;
}

/** getxattr(path, name, size): the value (size > 0) or its length (size 0). */
export async function getxattr(path: string, name: string, size: number): Promise<Buffer | number> {
  const { result, data } = await run("g", nr().get, path, name, size, 0, "");
  return size === 0 ? result : data;
}

/** listxattr(path, size): the NUL-terminated names (size > 0) or their length (size 0). */
export async function listxattr(path: string, size: number): Promise<Buffer | number> {
  const { result, data } = await run("l", nr().list, path, "", size, 0, "");
  return size === 0 ? result : data;
}

/** setxattr(path, name, value, flags). */
export async function setxattr(path: string, name: string, value: Uint8Array, flags: number): Promise<void> {
  await run("s", nr().set, path, name, 0, flags, value);
}

/** removexattr(path, name). */
export async function removexattr(path: string, name: string): Promise<void> {
  await run("r", nr().remove, path, name, 0, 0, "");
}

/** The number of syscall `what` on this CPU (from its per-CPU table), or EOPNOTSUPP. */
function nrOn(table: Record<string, number>, what: string): number {
  const n = table[process.arch];
  if (n === undefined) throw fsError("EOPNOTSUPP", `${what} unsupported on this CPU`);
  return n;
}

/** fallocate(2) syscall numbers per CPU. */
const NR_FALLOCATE: Record<string, number> = { x64: 285, arm64: 47 };

/**
 * fallocate(fd, mode, offset, len) on the file behind one of the head's open descriptors (the
 * child opens `/proc/<pid>/fd/<fd>` read-write and calls it on that: same open file, same inode).
 */
export async function fallocate(fd: number, mode: number, offset: number, len: number): Promise<void> {
  await run("f", nrOn(NR_FALLOCATE, "fallocate"), headFdPath(fd), String(len), offset, mode, "");
}

/** sync_file_range(2) syscall numbers per CPU, and its flag that starts writeback without waiting. */
const NR_SYNC_FILE_RANGE: Record<string, number> = { x64: 277, arm64: 84 };
const SYNC_FILE_RANGE_WRITE = 2;

/**
 * Start writeback of every dirty page of the file behind one of the head's descriptors, without
 * waiting for it (sync_file_range(SYNC_FILE_RANGE_WRITE) on the child's own read-only descriptor
 * of the same inode). Resolves once the writeback is submitted. A write error it leads to is
 * recorded on the inode, so the head's own next fsync of its descriptor still reports it.
 */
export async function startWriteback(fd: number): Promise<void> {
  await run("w", nrOn(NR_SYNC_FILE_RANGE, "sync_file_range"), headFdPath(fd), "", 0, SYNC_FILE_RANGE_WRITE, "");
}

/** getdents64(2) syscall numbers per CPU. */
const NR_GETDENTS64: Record<string, number> = { x64: 217, arm64: 61 };

/**
 * Most entries {@link direntInodes} lists: the answer is one line of hex (about 60 bytes an
 * entry); a larger directory gets E2BIG, and its caller stats instead.
 */
export const MAX_DIRENT_LISTING = 1 << 18;

/** Listings of inode numbers the helper made (tests). */
export const direntListings = { count: 0 };

/**
 * The inode number of every entry of the directory behind one of the head's descriptors, by
 * name, as getdents64 reports it (`d_ino`; "." and ".." included): what a plain READDIR needs,
 * without an lstat per name. The child opens `/proc/<pid>/fd/<fd>` for reading (a directory the
 * head user cannot read: EACCES). Names are decoded as UTF-8, as the head's own listings are.
 */
export async function direntInodes(fd: number, limit = MAX_DIRENT_LISTING): Promise<Map<string, number>> {
  const { result, data } = await run("d", nrOn(NR_GETDENTS64, "getdents64"), headFdPath(fd), "", limit, 0, "");
  direntListings.count++;
  const out = new Map<string, number>();
  let pos = 0;
  for (let i = 0; i < result; i++) {
    if (pos + 10 > data.length) throw fsError("EIO", "truncated directory listing from the helper");
    const ino = Number(data.readBigUInt64LE(pos));
    const len = data.readUInt16BE(pos + 8);
    if (pos + 10 + len > data.length) throw fsError("EIO", "truncated directory listing from the helper");
    out.set(data.toString("utf8", pos + 10, pos + 10 + len), ino);
    pos += 10 + len;
  }
  return out;
}

/** Children currently running (for tests). */
export function helperCount(): number {
  return children.size;
}
