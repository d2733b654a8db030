import type { Core } from "./core.js";
import { fsError, mapErrors } from "./errors.js";

/**
 * Extended attributes are not supported: Node has no xattr API and a helper process per call
 * would be far too slow (the kernel asks for security.capability on every write). Every call
 * fails with EOPNOTSUPP after the usual existence and read-only checks, so guests see a file
 * system without xattr support, consistently.
 */

/** getxattr / listxattr: EOPNOTSUPP (after checking the node exists). */
export function noXattrRead(core: Core, p: { node: number }): Promise<never> {
  return mapErrors(async () => {
    core.node(p.node);
    throw fsError("EOPNOTSUPP", "extended attributes are not supported");
  });
}

/** setxattr / removexattr: EROFS on read-only exports, EOPNOTSUPP otherwise. */
export function noXattrWrite(core: Core, p: { node: number }): Promise<never> {
  return mapErrors(async () => {
    core.checkWritable(core.node(p.node));
    throw fsError("EOPNOTSUPP", "extended attributes are not supported");
  });
}
