/** The wire layer: pure codecs for the kernel FUSE protocol. No I/O. */
export * from "./constants.js";
export * from "./init-flags.js";
export * from "./cursor.js";
export * from "./header.js";
export * from "./attr.js";
export * from "./init.js";
export * from "./node-ops.js";
export * from "./io.js";
export * from "./xattr.js";
export * from "./lock.js";
export * from "./statfs.js";
export * from "./dirent.js";
export * from "./notify.js";
export * from "./opcodes.js";
