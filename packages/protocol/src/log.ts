/** Log levels in increasing severity. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
/** A log level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

/** Make a JSON-lines logger writing to `out` (stderr by default) at `level` and above. */
export function jsonLogger(level: LogLevel = "info", out: { write(s: string): unknown } = process.stderr, base: Record<string, unknown> = {}): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(lvl) < min) return;
    out.write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields }) + "\n");
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (f) => jsonLogger(level, out, { ...base, ...f }),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = jsonLogger("silent");
