/** The protocol layer: INIT, dispatch, interrupts. No I/O. */
export * from "./session.js";
export * from "./negotiate.js";
export * from "./setattr.js";
export * from "./readdir.js";
export * from "./replies.js";
export * from "./ops.js";
export * from "./interrupts.js";
export * from "./stats.js";
