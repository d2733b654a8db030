import { fsError } from "./errors.js";
import { NAME_MAX } from "./constants.js";

/**
 * Check that `name` is one path component a local file system would accept, so it can be
 * appended to a pinned directory path without changing which directory it is resolved in.
 */
export function checkName(name: unknown): string {
  if (typeof name !== "string") throw fsError("EINVAL", "name is not a string");
  if (name === "") throw fsError("ENOENT", "empty name");
  if (name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
    throw fsError("EINVAL", `invalid name component ${JSON.stringify(name)}`);
  }
  if (Buffer.byteLength(name, "utf8") > NAME_MAX) throw fsError("ENAMETOOLONG", "name longer than NAME_MAX");
  return name;
}
