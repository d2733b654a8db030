export * from "./fs.js";
export * from "./errno.js";
export * from "./job.js";
export * from "./log.js";
