/** Turn `HOST:PORT`, `HOST` (default port 7650), or a ws:// / wss:// URL into a URL. */
export const DEFAULT_PORT = 7650;

/** Parse a target address as given with `-r`. Throws with a clear message if malformed. */
export function targetUrl(spec: string): string {
  if (/^wss?:\/\//.test(spec)) return spec;
  const m = /^(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?$/.exec(spec);
  if (!m) throw new Error(`bad target address "${spec}" (expected HOST:PORT or ws://HOST:PORT)`);
  const port = m[2] !== undefined ? Number(m[2]) : DEFAULT_PORT;
  if (port < 1 || port > 65535) throw new Error(`bad port in "${spec}"`);
  return `ws://${m[1]}:${port}`;
}

/** Parse `HOST:PORT` for listening (port 0 allowed). */
export function listenAddress(spec: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:/]*)(?::(\d{1,5}))?$/.exec(spec);
  if (!m) throw new Error(`bad listen address "${spec}" (expected HOST:PORT)`);
  const host = (m[1] ?? "").replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = m[2] !== undefined ? Number(m[2]) : DEFAULT_PORT;
  if (port > 65535) throw new Error(`bad port in "${spec}"`);
  return { host, port };
}
