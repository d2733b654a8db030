import type { Core } from "./core.js";
import type { FsNode } from "./nodes.js";
import { fsError, mapErrors } from "./errors.js";
import type { OpContext } from "./origin.js";
import * as helper from "./xattr-helper.js";

/**
 * Extended attributes, through the xattr helper (xattr-helper.ts): each call is one syscall on
 * the node's own inode via its pinned fd's magic link, so symlinks are never followed and no
 * name is resolved.
 *
 * Namespaces: `user.*`, `trusted.*` and `security.*` are served; the head's kernel applies its
 * own rules (trusted.* needs CAP_SYS_ADMIN, user.* is refused on symlinks and special files).
 * Writing `security.*` (file capabilities, LSM labels) is refused with EPERM: a guest must not
 * set head-side security policy such as `security.capability` on a binary. Removing
 * `security.capability` is allowed (it only drops privilege, and the guest kernel's kill-priv on
 * write/chown asks for it). `system.*` (POSIX
 * ACLs, whose raw form carries head uids/gids) and unknown namespaces → EOPNOTSUPP, and they are
 * left out of listings.
 */

const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;
/** XATTR_NAME_MAX */
const NAME_MAX = 255;

/** Namespaces served (prefix → writable by guests). */
const NAMESPACES: ReadonlyArray<[prefix: string, writable: boolean]> = [
  ["user.", true],
  ["trusted.", true],
  ["security.", false],
];

function served(name: string): boolean {
  return NAMESPACES.some(([p]) => name.startsWith(p) && name.length > p.length);
}

/** Validate a name as Linux does: empty or longer than 255 bytes → ERANGE. */
function checkXattrName(name: unknown): string {
  if (typeof name !== "string" || name.includes("\0")) throw fsError("EINVAL", "bad xattr name");
  const len = Buffer.byteLength(name);
  if (len === 0 || len > NAME_MAX) throw fsError("ERANGE", "xattr name empty or longer than 255 bytes");
  if (NAMESPACES.some(([p]) => name === p)) throw fsError("EINVAL", "xattr name without a suffix");
  return name;
}

/** A requested buffer size: a non-negative integer, clamped to 64 KiB as Linux does. */
function checkSize(size: unknown): number {
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) throw fsError("EINVAL", "bad xattr size");
  return Math.min(size, helper.XATTR_SIZE_MAX);
}

/** Run `fn` on the magic path of the node's pinned fd. */
function onNode<T>(node: FsNode, fn: (path: string) => Promise<T>): Promise<T> {
  return node.use((fd) => fn(helper.headFdPath(fd)));
}

/** getxattr: the value, or its length when size is 0; ERANGE if longer than size; ENODATA if absent. */
export function getxattr(core: Core, p: { node: number; name: string; size: number }): Promise<Uint8Array | number> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    const size = checkSize(p.size);
    if (!served(name)) throw fsError("EOPNOTSUPP", `xattr namespace of ${name} not supported`);
    if (node.isVirtualRoot) throw fsError("ENODATA", "the virtual root has no xattrs");
    return onNode(node, (path) => helper.getxattr(path, name, size));
  });
}

/** listxattr: the served names, NUL-terminated; their length when size is 0; ERANGE if longer than size. */
export function listxattr(core: Core, p: { node: number; size: number }): Promise<Uint8Array | number> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const size = checkSize(p.size);
    if (node.isVirtualRoot) return size === 0 ? 0 : new Uint8Array(0);
    // Always read the whole list: names outside the served namespaces are filtered out, which
    // changes the length. Retry if it grew between asking for the length and reading it.
    let all: Buffer | undefined;
    for (let attempt = 0; all === undefined; attempt++) {
      const len = (await onNode(node, (path) => helper.listxattr(path, 0))) as number;
      if (len === 0) return size === 0 ? 0 : new Uint8Array(0);
      try {
        all = (await onNode(node, (path) => helper.listxattr(path, Math.min(len, helper.XATTR_SIZE_MAX)))) as Buffer;
      } catch (err) {
        if ((err as { errno?: string }).errno !== "ERANGE" || attempt >= 3) throw err;
      }
    }
    const names = all.toString("latin1").split("\0").filter((n) => n !== "" && served(n));
    const out = Buffer.from(names.map((n) => `${n}\0`).join(""), "latin1");
    if (size === 0) return out.length;
    if (out.length > size) throw fsError("ERANGE", "xattr list longer than the buffer");
    return out;
  });
}

/** setxattr with XATTR_CREATE / XATTR_REPLACE; values up to 64 KiB (E2BIG beyond). */
export function setxattr(
  core: Core,
  p: { node: number; name: string; value: Uint8Array; flags: number },
  ctx?: OpContext,
): Promise<void> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    const flags = p.flags ?? 0;
    if (!Number.isInteger(flags) || (flags & ~(XATTR_CREATE | XATTR_REPLACE)) !== 0) throw fsError("EINVAL", `bad xattr flags ${flags}`);
    if (!(p.value instanceof Uint8Array)) throw fsError("EINVAL", "xattr value must be bytes");
    if (p.value.length > helper.XATTR_SIZE_MAX) throw fsError("E2BIG", "xattr value longer than 64 KiB");
    core.checkWritable(node);
    checkWritableNamespace(name);
    await onNode(node, (path) => helper.setxattr(path, name, p.value, flags));
    core.inodeChanged(node, ctx?.origin); // ctime moved
  });
}

/** removexattr: ENODATA if absent. */
export function removexattr(core: Core, p: { node: number; name: string }, ctx?: OpContext): Promise<void> {
  return mapErrors(async () => {
    const node = core.node(p.node);
    const name = checkXattrName(p.name);
    core.checkWritable(node);
    // Removing file capabilities only drops privilege, and the guest's kernel does it when a
    // guest writes or chowns a file that has them (kill-priv): that must not fail.
    if (name !== "security.capability") checkWritableNamespace(name);
    await onNode(node, (path) => helper.removexattr(path, name));
    core.inodeChanged(node, ctx?.origin);
  });
}

function checkWritableNamespace(name: string): void {
  const ns = NAMESPACES.find(([p]) => name.startsWith(p) && name.length > p.length);
  if (ns === undefined) throw fsError("EOPNOTSUPP", `xattr namespace of ${name} not supported`);
  if (!ns[1]) throw fsError("EPERM", `${name}: security.* attributes cannot be set by guests`);
}
