import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** A target as the config file names it. */
export interface TargetConfig {
  name: string;
  /** ws://HOST:PORT or wss://HOST:PORT ("HOST:PORT" in the file means ws://). Absent: a dial-in target. */
  url?: string;
  tokenFile?: string;
  labels?: string[];
  /** Jobs this head runs there at once (default: what the target reports). */
  slots?: number;
  /** Expected TLS certificate fingerprint (wss://); else pinned on first use. */
  fingerprint?: string;
}

/** The head daemon's own settings. */
export interface HeadConfig {
  listen?: string;
  tokenFile?: string;
  cert?: string;
  key?: string;
}

/** Everything the config files say. */
export interface ClusterConfig {
  targets: TargetConfig[];
  head?: HeadConfig;
  /** Files read, most specific last. */
  sources: string[];
}

/** A config file is wrong: the message names the file and the field. */
export class ConfigError extends Error {
  readonly code = "BAD_CONFIG";
}

const TARGET_KEYS = new Set(["name", "url", "tokenFile", "labels", "slots", "fingerprint"]);
const HEAD_KEYS = new Set(["listen", "tokenFile", "cert", "key"]);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Load the targets: `~/.config/mrc/config.json` (or `$XDG_CONFIG_HOME/mrc/config.json`), then
 * the nearest `mrc.config.json` from the cwd upwards, whose entries override same-named ones.
 * Missing files are fine; a malformed one is an error naming the file and field.
 */
export async function loadConfig(o: { cwd?: string; home?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ClusterConfig> {
  const env = o.env ?? process.env;
  const home = o.home ?? homedir();
  const userFile = join(env.XDG_CONFIG_HOME ?? join(home, ".config"), "mrc", "config.json");
  const files = [userFile];
  let dir = resolve(o.cwd ?? process.cwd());
  for (;;) {
    const f = join(dir, "mrc.config.json");
    if (existsSync(f)) {
      if (f !== userFile) files.push(f);
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const byName = new Map<string, TargetConfig>();
  let head: HeadConfig | undefined;
  const sources: string[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    const c = parseConfig(readFileSync(f, "utf8"), f, home);
    sources.push(f);
    for (const t of c.targets) byName.set(t.name, t);
    if (c.head) head = { ...head, ...c.head };
  }
  return { targets: [...byName.values()], ...(head ? { head } : {}), sources };
}

/** Parse and validate one config file's text. */
export function parseConfig(text: string, file: string, home = homedir()): { targets: TargetConfig[]; head?: HeadConfig } {
  const bad = (msg: string): never => {
    throw new ConfigError(`${file}: ${msg}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return bad(`not valid JSON (${(err as Error).message})`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return bad("must hold a JSON object");
  const top = raw as Record<string, unknown>;
  for (const k of Object.keys(top)) if (k !== "targets" && k !== "head") bad(`unknown key "${k}" (expected targets, head)`);
  const path = (p: unknown, field: string): string => {
    if (typeof p !== "string" || p === "") return bad(`${field} must be a non-empty string`);
    const x = p.startsWith("~/") ? join(home, p.slice(2)) : p;
    return isAbsolute(x) ? x : resolve(dirname(file), x);
  };
  const targets: TargetConfig[] = [];
  const list = top.targets ?? [];
  if (!Array.isArray(list)) bad("targets must be a list");
  const seen = new Set<string>();
  (list as unknown[]).forEach((t, i) => {
    const f = `targets[${i}]`;
    if (t === null || typeof t !== "object" || Array.isArray(t)) return bad(`${f} must be an object`);
    const o = t as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!TARGET_KEYS.has(k)) bad(`${f}: unknown key "${k}"`);
    if (typeof o.name !== "string" || !NAME.test(o.name)) return bad(`${f}.name must be a name of letters, digits, ".", "_" or "-"`);
    if (seen.has(o.name)) bad(`${f}.name "${o.name}" is used twice`);
    seen.add(o.name);
    const tc: TargetConfig = { name: o.name };
    if (o.url !== undefined) {
      if (typeof o.url !== "string" || o.url === "") return bad(`${f}.url must be a string`);
      tc.url = normalizeUrl(o.url) ?? bad(`${f}.url must be HOST:PORT, ws://HOST:PORT or wss://HOST:PORT`);
    }
    if (o.tokenFile !== undefined) tc.tokenFile = path(o.tokenFile, `${f}.tokenFile`);
    if (o.labels !== undefined) {
      if (!Array.isArray(o.labels) || !o.labels.every((l) => typeof l === "string" && NAME.test(l))) return bad(`${f}.labels must be a list of names`);
      tc.labels = o.labels as string[];
    }
    if (o.slots !== undefined) {
      if (typeof o.slots !== "number" || !Number.isInteger(o.slots) || o.slots < 1) return bad(`${f}.slots must be a positive integer`);
      tc.slots = o.slots;
    }
    if (o.fingerprint !== undefined) {
      if (typeof o.fingerprint !== "string" || !o.fingerprint.startsWith("SHA256:")) return bad(`${f}.fingerprint must look like SHA256:...`);
      tc.fingerprint = o.fingerprint;
    }
    targets.push(tc);
  });
  let head: HeadConfig | undefined;
  if (top.head !== undefined) {
    if (top.head === null || typeof top.head !== "object" || Array.isArray(top.head)) return bad("head must be an object");
    const h = top.head as Record<string, unknown>;
    head = {};
    for (const k of Object.keys(h)) if (!HEAD_KEYS.has(k)) bad(`head: unknown key "${k}"`);
    if (h.listen !== undefined) {
      if (typeof h.listen !== "string") return bad("head.listen must be HOST:PORT");
      head.listen = h.listen;
    }
    if (h.tokenFile !== undefined) head.tokenFile = path(h.tokenFile, "head.tokenFile");
    if (h.cert !== undefined) head.cert = path(h.cert, "head.cert");
    if (h.key !== undefined) head.key = path(h.key, "head.key");
  }
  return { targets, ...(head ? { head } : {}) };
}

/** ws://HOST:PORT for "HOST:PORT"; ws(s) URLs as given (without a trailing slash); undefined if neither. */
export function normalizeUrl(spec: string): string | undefined {
  if (/^wss?:\/\/[^/\s]+\/?$/.test(spec)) return spec.replace(/\/$/, "");
  if (/^(\[[0-9a-fA-F:]+\]|[^:/\s,@]+):\d{1,5}$/.test(spec)) return `ws://${spec}`;
  return undefined;
}
