import type { FsNode } from "./nodes.js";
import type { Fingerprint } from "./attr.js";
import type { FdRef } from "./fd-ref.js";
import { fsError } from "./errors.js";
import type { DirEntry } from "@mrc/protocol";
import type { EarlyWriteback } from "./early-writeback.js";

/** An open regular file: a real fd on the head, opened with the guest's access mode. */
export interface FileHandle {
  kind: "file";
  id: number;
  node: FsNode;
  ref: FdRef;
  readable: boolean;
  writable: boolean;
  append: boolean;
  /** Origin key of the opener (keepCache snapshots and lock owners are per origin). */
  origin: string;
  originValue: unknown;
  /** Background syncs of a handle that keeps writing (early-writeback.ts); made at its first write. */
  writeback?: EarlyWriteback;
}

/** One name in a directory listing snapshot. `ino` is filled lazily. */
export interface ListedName {
  name: string;
  type: number;
  ino?: number;
}

/** An open directory: its listing is snapshotted so offsets stay stable across calls. */
export interface DirHandle {
  kind: "dir";
  id: number;
  node: FsNode;
  origin: string;
  originValue: unknown;
  /** "." and ".." first, then the names; offset of entry i is i + 1. */
  listing: ListedName[] | null;
  /** Offsets served from the current snapshot (offset 0 again means rewinddir: re-snapshot). */
  served: boolean;
  /** The helper was asked for this snapshot's inode numbers (ops-dirs.ts readdir); once per snapshot. */
  direntsAsked?: boolean;
  /** Opened with cacheDir: the kernel behind it keeps listings (ops-dirs.ts listingKept). */
  cacheDir: boolean;
  /** With cacheDir: the directory's state when the current snapshot was taken. */
  before?: { fp: Fingerprint; writes: number };
}

/** Open file and directory handles; ids are never reused. */
export class HandleTable {
  readonly #handles = new Map<number, FileHandle | DirHandle>();
  #next = 1;

  /** Allocate an id and store the handle built from it. */
  add<H extends FileHandle | DirHandle>(make: (id: number) => H): H {
    const h = make(this.#next++);
    this.#handles.set(h.id, h);
    return h;
  }

  /** The fd of some open file handle on `node` (how a lazy node whose name is gone is reached). */
  fileRefOf(node: FsNode): FdRef | undefined {
    for (const h of this.#handles.values()) if (h.kind === "file" && h.node === node && !h.ref.closed) return h.ref;
    return undefined;
  }

  /** The open file handle `fh`, or EBADF. */
  file(fh: number): FileHandle {
    const h = this.#handles.get(fh);
    if (h?.kind !== "file") throw fsError("EBADF", `no open file ${fh}`);
    return h;
  }

  /** The open directory handle `fh`, or EBADF. */
  dir(fh: number): DirHandle {
    const h = this.#handles.get(fh);
    if (h?.kind !== "dir") throw fsError("EBADF", `no open directory ${fh}`);
    return h;
  }

  /** The handle `fh`, if open. */
  peek(fh: number): FileHandle | DirHandle | undefined {
    return this.#handles.get(fh);
  }

  /** Forget a handle (its fd is closed by the caller). */
  delete(fh: number): void {
    this.#handles.delete(fh);
  }

  /** Every open handle. */
  all(): Array<FileHandle | DirHandle> {
    return [...this.#handles.values()];
  }
}

/** DirEntry type (DT_*) from file type bits. */
export function dtype(mode: number): number {
  return (mode >> 12) & 0o17;
}

export type { DirEntry };
