import type { BigIntStats } from "node:fs";
import type { Attr } from "@mrc/protocol";
import { S_IFDIR } from "./constants.js";

const NS = 1_000_000_000n;

function split(ns: bigint): [number, number] {
  let sec = ns / NS;
  let nsec = ns % NS;
  if (nsec < 0n) {
    sec -= 1n;
    nsec += NS;
  }
  return [Number(sec), Number(nsec)];
}

/** Attributes of a real inode, from a nanosecond-precision stat. */
export function toAttr(st: BigIntStats): Attr {
  const [atimeSec, atimeNsec] = split(st.atimeNs);
  const [mtimeSec, mtimeNsec] = split(st.mtimeNs);
  const [ctimeSec, ctimeNsec] = split(st.ctimeNs);
  return {
    ino: Number(st.ino),
    size: Number(st.size),
    blocks: Number(st.blocks),
    atimeSec,
    atimeNsec,
    mtimeSec,
    mtimeNsec,
    ctimeSec,
    ctimeNsec,
    mode: Number(st.mode),
    nlink: Number(st.nlink),
    uid: Number(st.uid),
    gid: Number(st.gid),
    rdev: Number(st.rdev),
    blksize: Number(st.blksize),
  };
}

/** Attributes of the virtual root: a read-only directory owned by the head's user. */
export function rootAttr(exportCount: number, bornMs: number): Attr {
  const sec = Math.floor(bornMs / 1000);
  const nsec = (bornMs % 1000) * 1_000_000;
  return {
    ino: 1,
    size: 4096,
    blocks: 0,
    atimeSec: sec,
    atimeNsec: nsec,
    mtimeSec: sec,
    mtimeNsec: nsec,
    ctimeSec: sec,
    ctimeNsec: nsec,
    mode: S_IFDIR | 0o555,
    nlink: 2 + exportCount,
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
    rdev: 0,
    blksize: 4096,
  };
}

/** What keepCache and echo suppression compare: size, mtime and ctime in ns. */
export interface Fingerprint {
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** The fingerprint of a stat. */
export function fingerprint(st: BigIntStats): Fingerprint {
  return { size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
}

/** True if two fingerprints are equal. */
export function sameFingerprint(a: Fingerprint | undefined, b: Fingerprint): boolean {
  return a !== undefined && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
