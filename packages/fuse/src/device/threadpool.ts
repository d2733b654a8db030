/**
 * Reads of /dev/fuse block a libuv threadpool thread until the kernel has a request. The pool is
 * shared with every other fs call, dns.lookup, crypto and zlib of the process, and with our own
 * notification writes, so outstanding reads must leave threads free: a pool fully parked in
 * read(2) would starve the very writes that unblock the kernel.
 */

/** Size of libuv's threadpool for this process (UV_THREADPOOL_SIZE, default 4, max 1024). */
export function threadpoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.UV_THREADPOOL_SIZE ?? "", 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1024) : 4;
}

/** Threads kept free of /dev/fuse reads per pool. */
export const RESERVED_THREADS = 2;

/**
 * How many reads to keep outstanding: the wish (default 4) capped so that RESERVED_THREADS stay
 * free; at least 1. With the default pool of 4 this is 2; set UV_THREADPOOL_SIZE=8 (in the
 * environment, before the process starts) for 4 parallel reads per mount.
 */
export function outstandingReads(wish = 4, pool = threadpoolSize()): number {
  return Math.max(1, Math.min(wish, pool - RESERVED_THREADS));
}
