import { promises as fsp, type Dirent } from "node:fs";
import { compactDirEntry, type CompactDirEntry, type DirEntry, type DirEntryPlus, type Entry, type OpenDirIn, type OpenDirOut, type ReadDirIn } from "@mrc/protocol";
import type { Core } from "./core.js";
import type { DirHandle, ListedName } from "./handles.js";
import { fsError, isFsError, mapErrors, fromNodeError } from "./errors.js";
import { childInoNow, probeChildNow, procPath } from "./jail.js";
import { MAX_DIR_BATCH, O_DIRECTORY, O_RDONLY } from "./constants.js";
import { closeQuietly, fstat, lstat, open, sync, syncMetadata } from "./sys.js";
import { fingerprint, sameFingerprint } from "./attr.js";
import type { FsNode } from "./nodes.js";
import { direntInodes } from "./xattr-helper.js";
import { enterChild, lookup, lookupInOrNull, lstatChild } from "./ops-names.js";
import { originKey, type OpContext } from "./origin.js";

/** Directory operations: opendir, readdir, readdirplus, releasedir, fsyncdir. */

const DT_DIR = 4;
/** Listings at least this long get their inode numbers from getdents64 (xattr-helper.ts) for plain readdir. */
export const BIG_LISTING = 2048;

function direntType(d: Dirent): number {
  if (d.isFile()) return 8;
  if (d.isDirectory()) return DT_DIR;
  if (d.isSymbolicLink()) return 10;
  if (d.isFIFO()) return 1;
  if (d.isSocket()) return 12;
  if (d.isCharacterDevice()) return 2;
  if (d.isBlockDevice()) return 6;
  return 0;
}

/**
 * opendir: the listing is taken at the first readdir (and again after a rewind to offset 0). With
 * `prefetch` the first readdirplus batch of up to that many entries comes with the answer, and
 * `eof` says whether it holds the rest of the listing: the target then answers the kernel's
 * READDIRPLUS calls of that listing itself.
 */
export function opendir(core: Core, p: OpenDirIn, ctx?: OpContext): Promise<OpenDirOut> {
  return mapErrors(async () => {
    const node = core.dirNode(p.node);
    if (!node.isVirtualRoot) await node.use(async () => undefined); // ESTALE if gone
    const origin = originKey(ctx?.origin);
    const cacheDir = p.cacheDir === true && !node.isVirtualRoot;
    const h = core.handles.add<DirHandle>((id) => ({
      kind: "dir",
      id,
      node,
      origin,
      originValue: ctx?.origin,
      listing: null,
      served: false,
      cacheDir,
    }));
    // The listing this origin's kernel keeps is still the directory's (nothing changed it since
    // that listing was taken): it may serve it again, and nothing needs to be listed now.
    const keep = cacheDir && (await listingKept(node, origin));
    const out: OpenDirOut = { fh: h.id, keepCache: keep };
    const want = typeof p.prefetch === "number" && !keep ? Math.min(p.prefetch, MAX_DIR_BATCH) : 0;
    if (want > 0) {
      // A listing that cannot be read now is left to the first readdir (which reports its error).
      const batch = await plusBatch(core, { fh: h.id, offset: 0, maxEntries: want }, ctx).catch(() => undefined);
      if (batch !== undefined) {
        out.entries = p.compact === true ? batch.entries.map(compactDirEntry) : batch.entries;
        out.eof = batch.eof;
      }
    }
    return out;
  });
}

/**
 * True when `origin` was last served the whole listing of `dir` (through a cacheDir handle) and
 * the directory has not changed since that listing was taken: no entry change through the service
 * (`writes`) and the same size, mtime and ctime (a change by anyone else), like a file's keepCache.
 */
async function listingKept(dir: FsNode, origin: string): Promise<boolean> {
  const snap = dir.listings.get(origin);
  if (snap === undefined || snap.writes !== dir.writes) return false;
  const st = await dir.use((fd) => fstat(fd)).catch(() => undefined);
  return st !== undefined && sameFingerprint(snap.fp, fingerprint(st));
}

/** A cacheDir handle served its listing to the end: the kernel behind it may keep that listing. */
function listedWhole(h: DirHandle): void {
  if (h.before !== undefined) h.node.listings.set(h.origin, h.before);
}

async function snapshot(core: Core, h: DirHandle): Promise<ListedName[]> {
  const node = h.node;
  if (node.isVirtualRoot) {
    return [
      { name: ".", type: DT_DIR, ino: 1 },
      { name: "..", type: DT_DIR, ino: 1 },
      ...core.exports.map((e, i) => ({ name: String(i), type: DT_DIR, ino: Number(e.root.ino) })),
    ];
  }
  return node.use(async (fd) => {
    // The directory's state before its names are read: what a kernel that keeps this listing
    // (cacheDir) is compared with at its next opendir.
    if (h.cacheDir === true) h.before = { fp: fingerprint(await fstat(fd)), writes: node.writes };
    const dirents = await fsp.readdir(procPath(fd), { withFileTypes: true, encoding: "utf8" });
    const dotdot = node.pinned ? 1 : Number((await lstat(`${procPath(fd)}/..`)).ino);
    return [
      { name: ".", type: DT_DIR, ino: Number(node.ino) },
      { name: "..", type: DT_DIR, ino: dotdot },
      ...dirents.map((d) => ({ name: d.name, type: direntType(d) })),
    ];
  });
}

/**
 * The slice of the (possibly fresh) snapshot starting at `offset`, with offsets index + 1; `end`
 * when it reaches the end of the listing.
 */
async function window(core: Core, p: { fh: number; offset: number; maxEntries: number }): Promise<{ h: DirHandle; items: Array<[ListedName, number]>; end: boolean }> {
  const h = core.handles.dir(p.fh);
  if (!Number.isSafeInteger(p.offset) || p.offset < 0) throw fsError("EINVAL", "bad offset");
  const max = Math.max(0, Math.min(Number(p.maxEntries) || 0, MAX_DIR_BATCH));
  if (h.listing === null || (p.offset === 0 && h.served)) {
    h.listing = await snapshot(core, h);
    h.served = false;
    h.direntsAsked = false;
  }
  h.served = true;
  const items: Array<[ListedName, number]> = [];
  let i = p.offset;
  for (; i < h.listing.length && items.length < max; i++) items.push([h.listing[i]!, i + 1]);
  return { h, items, end: i >= h.listing.length };
}

function isGone(err: unknown): boolean {
  const e = isFsError(err) ? err.errno : fromNodeError(err).errno;
  return e === "ENOENT" || e === "ESTALE";
}

/**
 * readdir: names with their inode numbers. Names that vanished since the snapshot are skipped
 * when their inode number is looked up by name; a big listing's numbers come from one getdents64
 * pass (below), which may serve a name removed meanwhile, as POSIX allows.
 */
export function readdir(core: Core, p: { fh: number; offset: number; maxEntries: number }): Promise<DirEntry[]> {
  return mapErrors(async () => {
    const { h, items, end } = await window(core, p);
    const gone = new Set<ListedName>();
    if (!h.node.isVirtualRoot && items.some(([item]) => item.ino === undefined)) {
      await inodesFromDirents(h);
      await inodesByName(h, items, gone);
    }
    const out: DirEntry[] = [];
    for (const [item, off] of items) if (!gone.has(item)) out.push({ name: item.name, ino: item.ino!, type: item.type, off });
    if (end) listedWhole(h);
    return out;
  });
}

/**
 * A big directory read without attributes (`ls`, `find` without stats: the kernel asks for plain
 * READDIR): the inode numbers of all its entries from one getdents64 pass by the helper, once per
 * snapshot, instead of an lstat per name. Names it does not list, or a failure, are left to
 * {@link inodesByName}.
 */
async function inodesFromDirents(h: DirHandle): Promise<void> {
  if (h.listing === null || h.listing.length < BIG_LISTING || h.direntsAsked === true) return;
  h.direntsAsked = true;
  const inos = await h.node.use((fd) => direntInodes(fd)).catch(() => null);
  if (inos === null) return;
  for (const item of h.listing) {
    if (item.ino !== undefined) continue;
    const ino = inos.get(item.name);
    if (ino !== undefined) item.ino = ino;
  }
}

/**
 * The inode numbers `items` still lack, one lstat per name: on the event loop in one loop with
 * the directory pinned once (like readdirplus); should the blocking budget run out meanwhile (or
 * synchronous calls be off), the rest all at once on the threadpool. Vanished names go to `gone`.
 */
async function inodesByName(h: DirHandle, items: Array<[ListedName, number]>, gone: Set<ListedName>): Promise<void> {
  if (syncMetadata()) {
    await h.node.use(async (pfd) => {
      for (const [item] of items) {
        if (!syncMetadata()) break;
        if (item.ino !== undefined) continue;
        const ino = childInoNow(pfd, item.name);
        if (ino === null) gone.add(item);
        else item.ino = ino;
      }
    });
  }
  const missing = items.filter(([item]) => item.ino === undefined && !gone.has(item));
  await Promise.all(
    missing.map(async ([item]) => {
      try {
        item.ino = Number((await lstatChild(h.node, item.name)).ino);
      } catch (err) {
        if (isGone(err)) gone.add(item);
        else throw err;
      }
    }),
  );
}

/** readdirplus: like readdir, plus a counted Entry for every name but "." and ".."; `compact` answers arrays. */
export function readdirplus(core: Core, p: ReadDirIn, ctx?: OpContext): Promise<DirEntryPlus[] | CompactDirEntry[]> {
  return mapErrors(async () => {
    const { entries } = await plusBatch(core, p, ctx);
    return p.compact === true ? entries.map(compactDirEntry) : entries;
  });
}

const isDot = (name: string): boolean => name === "." || name === "..";

/** A readdirplus entry: "." and ".." as listed, any other name with its counted Entry. */
function plusEntry(item: ListedName, off: number, entry?: Entry): DirEntryPlus {
  return entry === undefined
    ? { name: item.name, ino: item.ino ?? 0, type: item.type, off }
    : { name: item.name, ino: entry.attr.ino, type: (entry.attr.mode >> 12) & 0o17, off, entry };
}

/** One readdirplus batch, and whether it reaches the end of the listing. */
async function plusBatch(core: Core, p: { fh: number; offset: number; maxEntries: number }, ctx?: OpContext): Promise<{ entries: DirEntryPlus[]; eof: boolean }> {
  const { h, items, end } = await window(core, p);
  const origin = originKey(ctx?.origin);
  const one = async ([item, off]: [ListedName, number]): Promise<DirEntryPlus | null> => {
    if (isDot(item.name)) return plusEntry(item, off);
    let entry: Entry | null;
    try {
      entry = h.node.isVirtualRoot
        ? await lookup(core, { parent: h.node.id, name: item.name }, ctx)
        : await lookupInOrNull(core, h.node, item.name, origin);
    } catch (err) {
      if (isGone(err)) return null;
      throw err;
    }
    // null: the name vanished since the snapshot.
    return entry === null ? null : plusEntry(item, off, entry);
  };
  const out: DirEntryPlus[] = [];
  let failure: { err: unknown } | undefined;
  let rest = items;
  if (syncMetadata() && !h.node.isVirtualRoot) {
    // Each lookup is an lstat (and for a directory an open) on the event loop: one after the
    // other with the directory pinned once, no promise per entry. Should the blocking budget run
    // out meanwhile (a slow file system), the rest go through the threadpool below.
    const done = await h.node.use(async (pfd) => {
      let i = 0;
      for (; i < items.length && failure === undefined && syncMetadata(); i++) {
        const [item, off] = items[i]!;
        if (isDot(item.name)) {
          out.push(plusEntry(item, off));
          continue;
        }
        try {
          const found = probeChildNow(pfd, item.name);
          if (found === null) continue; // the name vanished since the snapshot
          out.push(plusEntry(item, off, enterChild(core, h.node, item.name, found, origin)));
        } catch (err) {
          if (!isGone(err)) failure = { err };
        }
      }
      return i;
    });
    rest = failure === undefined ? items.slice(done) : [];
  }
  if (rest.length > 0) {
    // On the threadpool: all at once.
    const settled = await Promise.allSettled(rest.map(one));
    for (const r of settled) {
      if (r.status === "rejected") failure ??= { err: r.reason };
      else if (r.value !== null) out.push(r.value);
    }
  }
  if (failure !== undefined) {
    // The reply is not sent, so the lookups it would have carried must not stay counted.
    for (const e of out) if (e.entry) core.table.forget(e.entry.node, 1, origin);
    throw failure.err;
  }
  if (core.delegations.enabled) core.scans.listed(origin, h.node.id, p.offset, out);
  if (end) listedWhole(h);
  return { entries: out, eof: end };
}

/** releasedir. */
export function releasedir(core: Core, p: { fh: number }): Promise<void> {
  return mapErrors(async () => {
    core.handles.dir(p.fh);
    core.handles.delete(p.fh);
  });
}

/** fsyncdir: fsync of the head's directory. */
export function fsyncdir(core: Core, p: { fh: number; datasync: boolean }): Promise<void> {
  return mapErrors(async () => {
    const h = core.handles.dir(p.fh);
    if (h.node.isVirtualRoot) return;
    await h.node.use(async (pfd) => {
      const fd = await open(procPath(pfd), O_RDONLY | O_DIRECTORY);
      try {
        await sync(fd, p.datasync);
      } finally {
        closeQuietly(fd);
      }
    });
  });
}
