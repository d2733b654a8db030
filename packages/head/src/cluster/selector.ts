import type { ClusterConfig } from "./config.js";
import { normalizeUrl } from "./config.js";

/** A target the selector may name. */
export interface KnownTarget {
  name: string;
  labels: string[];
  url?: string;
}

/** What a `-r` argument selects. */
export interface Selection {
  /** Target names, deduplicated, in the order given. */
  names: string[];
  /** Addresses given directly, to add as ad-hoc targets (named by the address). */
  adHoc: Array<{ name: string; url: string }>;
}

/** A selector names nothing usable. */
export class SelectorError extends Error {
  readonly code = "NO_SUCH_TARGET";
}

/**
 * Parse `-r`: comma-separated target names, `@label` (every target with that label; `@all`:
 * every target), or addresses (HOST:PORT, ws://…, wss://…) of ad-hoc targets.
 */
export function parseSelector(spec: string, ctx: { config: ClusterConfig; known: KnownTarget[] }): Selection {
  const known = new Map<string, KnownTarget>();
  for (const t of ctx.config.targets) known.set(t.name, { name: t.name, labels: t.labels ?? [], ...(t.url ? { url: t.url } : {}) });
  for (const t of ctx.known) if (!known.has(t.name)) known.set(t.name, t);
  const names: string[] = [];
  const adHoc: Selection["adHoc"] = [];
  const add = (n: string) => void (names.includes(n) || names.push(n));
  const list = () => [...known.keys()].join(", ") || "none configured";
  for (const raw of spec.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    if (item.startsWith("@")) {
      const label = item.slice(1);
      const hits = [...known.values()].filter((t) => label === "all" || t.labels.includes(label));
      if (hits.length === 0) throw new SelectorError(`no target has the label ${label} (targets: ${list()})`);
      hits.forEach((t) => add(t.name));
      continue;
    }
    if (known.has(item)) {
      add(item);
      continue;
    }
    const url = normalizeUrl(item);
    if (url !== undefined) {
      const same = [...known.values()].find((t) => t.url === url);
      if (same) add(same.name);
      else {
        add(item);
        if (!adHoc.some((a) => a.name === item)) adHoc.push({ name: item, url });
      }
      continue;
    }
    throw new SelectorError(`no target named ${item} (targets: ${list()})`);
  }
  if (names.length === 0) throw new SelectorError(`no target selected by "${spec}" (targets: ${list()})`);
  return { names, adHoc };
}
