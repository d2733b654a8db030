"use strict";
// Loads the CLI bundle (dist/mrc.bundle.cjs, built by scripts/bundle.mjs) with a V8 code cache.
//
// Compiling the ~1 MB bundle, and then each function the command runs, is most of what `mrc`
// costs to start after Node itself (bench/RESULTS.md). V8 can serialize compiled code: the
// first run of each command writes a cache of everything compiled by its exit, later runs hand it
// to the compiler and skip that work. One cache per command (`run` and `target` compile different
// code) and per bundle build (its size and mtime are in the name: V8 checks a cache only against
// the source's length). Caches live next to the bundle, or in ~/.cache/mrc when that is read-only.
// A cache that V8 rejects (another Node, other flags) is rewritten; any failure here only costs
// speed, never correctness: the bundle then loads without a cache.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");
const os = require("node:os");

const DIST = path.join(__dirname, "..", "dist");
const BUNDLE = path.join(DIST, "mrc.bundle.cjs");

/** The directories a cache may live in, most preferred first. */
function cacheDirs() {
  const home = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return [DIST, path.join(home, "mrc")];
}

/**
 * Evaluate the bundle and return its exports, or undefined when there is no bundle (the caller
 * then imports the unbundled dist). `command` (argv[2]) picks the cache.
 */
function loadBundle(command) {
  let fd;
  try {
    fd = fs.openSync(BUNDLE, "r");
  } catch (err) {
    if (err.code === "ENOENT") return undefined;
    throw err;
  }
  let source;
  let st;
  try {
    st = fs.fstatSync(fd); // the same file as the source read below, even across a rebuild
    source = fs.readFileSync(fd, "utf8");
  } finally {
    fs.closeSync(fd);
  }
  const which = /^[a-z]{1,16}$/.test(command ?? "") ? command : "other";
  const name = `mrc.bundle.${which}.${st.size}-${Math.trunc(st.mtimeMs)}.${process.version}.v8cache`;
  let cachedData;
  for (const dir of cacheDirs()) {
    try {
      cachedData = fs.readFileSync(path.join(dir, name));
      break;
    } catch {
      /* not cached there */
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so that the cache holds every function this command compiled.
    process.once("exit", () => saveCache(script, name));
  }
  const mod = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, DIST);
  mod.loaded = true;
  return mod.exports;
}

/** Write the cache atomically into the first directory that takes it. */
function saveCache(script, name) {
  let data;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  for (const dir of cacheDirs()) {
    const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(tmp, data, { mode: 0o644 });
      fs.renameSync(tmp, path.join(dir, name));
      return;
    } catch {
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* never written */
      }
    }
  }
}

module.exports = { loadBundle };
