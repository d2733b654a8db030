// The fixed, ordered list of cases. Order only affects the transcript layout; cases are independent.
import type { CaseDef } from "../types.js";
import { attrCases } from "./attrs.js";
import { dirCases } from "./dirs.js";
import { ioCases } from "./io.js";
import { linkCases } from "./links.js";
import { lockCases } from "./locks.js";
import { lookupCases } from "./lookup.js";
import { openCases } from "./open.js";
import { readdirCases } from "./readdir.js";
import { renameCases } from "./rename.js";
import { seekCases } from "./seek.js";
import { specialCases } from "./special.js";
import { xattrCases } from "./xattr.js";

/** Every built-in conformance case, grouped by concept. */
export const allCases: readonly CaseDef[] = [
  ...lookupCases,
  ...dirCases,
  ...openCases,
  ...ioCases,
  ...attrCases,
  ...linkCases,
  ...renameCases,
  ...readdirCases,
  ...specialCases,
  ...lockCases,
  ...xattrCases,
  ...seekCases,
];

const names = new Set<string>();
for (const c of allCases) {
  if (names.has(c.name)) throw new Error(`duplicate conformance case name ${c.name}`);
  names.add(c.name);
}
