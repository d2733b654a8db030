// The per-case recorder: runs steps, turns their outcomes into normalized Steps, and strips the
// case's absolute paths from anything recorded.
import { join } from "node:path";
import { errnoOf, normStat, replacePaths } from "./normalize.js";
import type { CaseContext, Step, Value } from "./types.js";

/** Thrown by `ctx.skip()` to end a case early as skipped. */
export class SkipSignal extends Error {
  constructor(readonly reason: string) {
    super(`skipped: ${reason}`);
    this.name = "SkipSignal";
  }
}

function isStats(v: unknown): v is import("node:fs").Stats {
  return typeof v === "object" && v !== null && typeof (v as { isFile?: unknown }).isFile === "function" && "nlink" in v;
}

/** Default step normalization: Stats → normStat, undefined → "done", everything else as JSON. */
function defaultNormalize(v: unknown): Value {
  if (v === undefined) return "done";
  if (isStats(v)) return normStat(v);
  if (Buffer.isBuffer(v)) return { bytes: v.byteLength };
  return v as Value;
}

/** Recorder behind one case; `steps`/`infos` are read by the runner when the case ends. */
export class Recorder implements CaseContext {
  readonly steps: Step[] = [];
  readonly infos: Record<string, unknown> = {};
  private readonly subs: ReadonlyArray<readonly [string, string]>;
  private readonly labels = new Set<string>();

  constructor(
    readonly dir: string,
    root: string,
  ) {
    this.subs = [
      [dir, "<case>"],
      [root, "<root>"],
    ];
  }

  /** Replaces this case's and the run's absolute paths in a value. */
  strip(v: unknown): Value {
    return replacePaths(v, this.subs);
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  async step<T>(label: string, op: () => Promise<T>, normalize?: (value: T) => Value): Promise<T | undefined> {
    let value: T;
    try {
      value = await op();
    } catch (err) {
      const errno = errnoOf(err);
      if (errno === undefined) throw err;
      this.push({ label, errno });
      return undefined;
    }
    this.push({ label, ok: this.strip(normalize ? normalize(value) : defaultNormalize(value)) });
    return value;
  }

  record(label: string, value: Value): void {
    this.push({ label, ok: this.strip(value) });
  }

  info(label: string, value: unknown): void {
    this.infos[label] = this.strip(value);
  }

  skip(reason: string): never {
    throw new SkipSignal(reason);
  }

  private push(s: Step): void {
    // Duplicate labels would make a diff ambiguous; they are a bug in the case, so crash it.
    if (this.labels.has(s.label)) throw new Error(`duplicate step label ${JSON.stringify(s.label)}`);
    this.labels.add(s.label);
    this.steps.push(s);
  }
}
