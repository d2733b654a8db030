import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import type { Grant } from "./delegations.js";
import type { Listed } from "./scans.js";
import { childPath } from "./jail.js";
import { closeQuietly, fstat, open, pread } from "./sys.js";
import { O_NOCTTY, O_NOFOLLOW, O_NONBLOCK, O_RDONLY, S_IFREG } from "./constants.js";

/** Bytes of contents one batch of delegations ahead may bring. */
export const MAX_AHEAD_BYTES = 1 << 20;

/** A file delegated ahead of its open, and its contents. */
export interface AheadFile {
  grant: Grant;
  node: number;
  data: Buffer;
}

/**
 * Delegate files of directory `dir` that its listing showed to `origin` (scans.ts), with their
 * contents. Each must still be the file the listing showed (same inode, size and mtime), known
 * to the origin (it holds a lookup, so its kernel can open it by that node id), small (≤ `limit`
 * bytes) and not being changed. The lease is taken before the contents are read; the caller
 * checks each grant again ({@link Delegations.valid}) when its answer leaves.
 */
export async function delegateFiles(core: Core, dir: number, list: Listed[], origin: string, originValue: unknown, limit: number): Promise<AheadFile[]> {
  if (list.length === 0) return [];
  const parent = core.table.peek(dir);
  if (parent === undefined || parent.ref === null || parent.ref.closed) return [];
  let budget = MAX_AHEAD_BYTES;
  const wanted: Array<{ n: FsNode; size: number; mtimeNs: bigint }> = [];
  for (const l of list) {
    const n = core.table.peek(l.id);
    if (n === undefined || n.type !== S_IFREG || n.parent !== parent.id || !n.byOrigin.has(origin)) continue;
    if (l.size > limit || l.size > budget) continue;
    budget -= l.size;
    wanted.push({ n, size: l.size, mtimeNs: BigInt(l.mtimeSec) * 1_000_000_000n + BigInt(l.mtimeNsec) });
  }
  if (wanted.length === 0) return [];
  return parent
    .use(async (pfd) => {
      const opened: Array<{ n: FsNode; size: number; fd: number; uid: number }> = [];
      for (const w of wanted) {
        // O_NONBLOCK: should the name now hold a FIFO, the open must not wait for a writer (on the
        // event loop); it has no effect on a regular file's reads.
        const fd = await open(childPath(pfd, w.n.name), O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK).catch(() => -1);
        if (fd < 0) continue;
        const st = await fstat(fd).catch(() => null);
        if (st === null || !w.n.isInode(st) || st.size !== BigInt(w.size) || st.mtimeNs !== w.mtimeNs) closeQuietly(fd);
        else opened.push({ n: w.n, size: w.size, fd, uid: Number(st.uid) });
      }
      // The leases go to the helper together (one exchange for the batch); each file is read as
      // soon as its lease is held, all of them at once on the threadpool.
      const done = await Promise.all(
        opened.map(async ({ n, size, fd, uid }): Promise<AheadFile | null> => {
          try {
            const grant = await core.delegations.grant(n, fd, origin, originValue, uid);
            if (grant === null) return null;
            const data = size === 0 ? Buffer.alloc(0) : await pread(fd, size + 1, 0).catch(() => null);
            const after = data === null ? null : await fstat(fd).catch(() => null);
            if (data !== null && after !== null && data.length === size && after.size === BigInt(size)) return { grant, node: n.id, data };
            core.delegations.drop(grant);
            return null;
          } finally {
            closeQuietly(fd);
          }
        }),
      );
      return done.filter((a): a is AheadFile => a !== null);
    })
    .catch(() => []);
}

/** The grants of `files` that still hold, as sent (the others are given up). */
export function stillHeld(core: Core, files: AheadFile[]): Array<{ node: number; data: Uint8Array }> {
  const out: Array<{ node: number; data: Uint8Array }> = [];
  for (const a of files) {
    if (core.delegations.valid(a.grant)) out.push({ node: a.node, data: a.data });
    else core.delegations.drop(a.grant);
  }
  return out;
}
