export * from "./fs.js";
export * from "./errno.js";
