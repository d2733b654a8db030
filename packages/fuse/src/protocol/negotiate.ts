/** FUSE_INIT negotiation: pure function from the kernel's offer and our wishes to the reply. */
import {
  FUSE_KERNEL_MINOR_VERSION, FUSE_KERNEL_VERSION, FUSE_MIN_MINOR_VERSION,
} from "../wire/constants.js";
import { INIT_FLAGS, type InitFlagName, initFlagBits, initFlagNames } from "../wire/init-flags.js";
import type { InitIn, InitOut } from "../wire/init.js";

/**
 * Flags requested by default (each is documented in docs/fuse.md):
 * ASYNC_READ (parallel reads/readahead), POSIX_LOCKS + FLOCK_LOCKS (locks reach the file system,
 * dropped if it has no `setlk`), ATOMIC_O_TRUNC (O_TRUNC rides on OPEN), BIG_WRITES + MAX_PAGES
 * (1 MiB requests), DO_READDIRPLUS + READDIRPLUS_AUTO (dropped without `readdirplus`),
 * PARALLEL_DIROPS (concurrent lookups/readdirs in one directory), ASYNC_DIO, AUTO_INVAL_DATA
 * (page cache dropped when mtime/size change on an attr refresh: close-to-open for readers).
 * Not requested: WRITEBACK_CACHE (unsafe for a network fs), EXPORT_SUPPORT, SPLICE_*, POSIX_ACL,
 * DONT_MASK, HANDLE_KILLPRIV(_V2), SETXATTR_EXT, CACHE_SYMLINKS, EXPLICIT_INVAL_DATA,
 * NO_OPEN(DIR)_SUPPORT, and everything DAX/passthrough/io_uring.
 */
export const DEFAULT_INIT_FLAGS: readonly InitFlagName[] = Object.freeze([
  "ASYNC_READ", "POSIX_LOCKS", "FLOCK_LOCKS", "ATOMIC_O_TRUNC", "BIG_WRITES", "MAX_PAGES",
  "DO_READDIRPLUS", "READDIRPLUS_AUTO", "PARALLEL_DIROPS", "ASYNC_DIO", "AUTO_INVAL_DATA",
]);

/** Flags the protocol layer knows how to honour; anything else is never sent to the kernel. */
export const SUPPORTED_INIT_FLAGS: readonly InitFlagName[] = Object.freeze([
  ...DEFAULT_INIT_FLAGS, "WRITEBACK_CACHE", "CACHE_SYMLINKS", "EXPLICIT_INVAL_DATA", "DONT_MASK",
  "HANDLE_KILLPRIV_V2", "SETXATTR_EXT", "EXPORT_SUPPORT", "NO_EXPORT_SUPPORT", "POSIX_ACL",
  "HAS_EXPIRE_ONLY", "DIRECT_IO_ALLOW_MMAP", "ABORT_ERROR", "NO_OPEN_SUPPORT",
  "NO_OPENDIR_SUPPORT",
]);

/** Tunables of the INIT reply. */
export interface InitOptions {
  /** Flags to ask for (intersected with the kernel's offer and SUPPORTED_INIT_FLAGS). */
  initFlags?: Iterable<InitFlagName>;
  /** Largest WRITE/READ payload, bytes (default 1 MiB = 256 pages). */
  maxWrite?: number;
  /** Cap on readahead, bytes (default: whatever the kernel offers). */
  maxReadahead?: number;
  /** Max background requests (readahead, async direct I/O) in flight (default 64). */
  maxBackground?: number;
  /** Background requests at which the kernel marks the bdi congested (default 3/4 of max). */
  congestionThreshold?: number;
}

/** Default max_write: 1 MiB. */
export const DEFAULT_MAX_WRITE = 1 << 20;
const PAGE = 4096;
/** Without FUSE_MAX_PAGES the kernel caps requests at 32 pages. */
const LEGACY_MAX_PAGES = 32;

/** What was agreed with the kernel. */
export interface Negotiated {
  major: number;
  minor: number;
  kernelMinor: number;
  /** Offered by the kernel (flags | flags2 << 32). */
  kernelFlags: bigint;
  /** Agreed set, as sent in the reply. */
  flags: bigint;
  flagNames: InitFlagName[];
  maxWrite: number;
  maxPages: number;
  maxReadahead: number;
}

/** Outcome: a reply to send (and what it means), or an errno to fail INIT with. */
export type NegotiateResult = { ok: true; out: InitOut; negotiated: Negotiated } | { ok: false; errno: string };

/**
 * Negotiate: minor = min(kernel, ours); flags = kernel ∩ supported ∩ requested, plus INIT_EXT when
 * the kernel offers it (it gates flags2); max_pages = ceil(max_write / 4096) with MAX_PAGES.
 */
export function negotiate(init: InitIn, opts: InitOptions = {}): NegotiateResult {
  if (init.major !== FUSE_KERNEL_VERSION || init.minor < FUSE_MIN_MINOR_VERSION) {
    return { ok: false, errno: "EPROTO" };
  }
  const minor = Math.min(init.minor, FUSE_KERNEL_MINOR_VERSION);
  const requested = initFlagBits(opts.initFlags ?? DEFAULT_INIT_FLAGS);
  let flags = init.flags & initFlagBits(SUPPORTED_INIT_FLAGS) & requested;
  if ((init.flags & INIT_FLAGS.INIT_EXT) !== 0n) flags |= INIT_FLAGS.INIT_EXT;
  const wantWrite = Math.max(PAGE, opts.maxWrite ?? DEFAULT_MAX_WRITE);
  const hasMaxPages = (flags & INIT_FLAGS.MAX_PAGES) !== 0n;
  const maxPages = hasMaxPages ? Math.min(0xffff, Math.ceil(wantWrite / PAGE)) : LEGACY_MAX_PAGES;
  const maxWrite = Math.min(wantWrite, maxPages * PAGE);
  const maxReadahead = Math.min(init.maxReadahead, opts.maxReadahead ?? init.maxReadahead);
  const maxBackground = opts.maxBackground ?? 64;
  const out: InitOut = {
    major: FUSE_KERNEL_VERSION, minor, maxReadahead, flags, maxBackground,
    congestionThreshold: opts.congestionThreshold ?? Math.floor((maxBackground * 3) / 4),
    maxWrite, timeGran: 1, maxPages: hasMaxPages ? maxPages : 0,
  };
  return {
    ok: true, out,
    negotiated: {
      major: FUSE_KERNEL_VERSION, minor, kernelMinor: init.minor, kernelFlags: init.flags, flags,
      flagNames: initFlagNames(flags), maxWrite, maxPages, maxReadahead,
    },
  };
}
