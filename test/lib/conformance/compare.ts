// Compares two transcripts case by case and step by step; `info` fields are never compared.
import { isDeepStrictEqual } from "node:util";
import type { CaseResult, Step, Transcript } from "./types.js";

/** Names for the two sides in difference messages. */
export interface CompareLabels {
  readonly a: string;
  readonly b: string;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

function outcome(s: Step): unknown {
  return "errno" in s ? { errno: s.errno } : { ok: s.ok };
}

function compareCase(x: CaseResult, y: CaseResult, l: CompareLabels, out: string[]): void {
  const where = `case ${x.name}`;
  if (x.status !== y.status || x.reason !== y.reason) {
    out.push(`${where}: ${l.a} ${x.status}${x.reason ? ` (${x.reason})` : ""} but ${l.b} ${y.status}${y.reason ? ` (${y.reason})` : ""}`);
  }
  const ys = new Map(y.steps.map((s) => [s.label, s]));
  const xs = new Set(x.steps.map((s) => s.label));
  for (const s of x.steps) {
    const t = ys.get(s.label);
    if (!t) out.push(`${where}: step "${s.label}" only in ${l.a}: ${show(outcome(s))}`);
    else if (!isDeepStrictEqual(outcome(s), outcome(t))) {
      out.push(`${where}: step "${s.label}": ${l.a} ${show(outcome(s))} but ${l.b} ${show(outcome(t))}`);
    }
  }
  for (const t of y.steps) if (!xs.has(t.label)) out.push(`${where}: step "${t.label}" only in ${l.b}: ${show(outcome(t))}`);
}

/**
 * Lists every human-readable difference between two transcripts; empty means they agree.
 * A skipped case equals only a case skipped for the same reason.
 */
export function compareTranscripts(a: Transcript, b: Transcript, labels: CompareLabels = { a: "A", b: "B" }): string[] {
  const out: string[] = [];
  if (a.format !== b.format) out.push(`format: ${labels.a} ${a.format} but ${labels.b} ${b.format}`);
  const bs = new Map(b.cases.map((c) => [c.name, c]));
  const as = new Set(a.cases.map((c) => c.name));
  for (const c of a.cases) {
    const d = bs.get(c.name);
    if (d) compareCase(c, d, labels, out);
    else out.push(`case ${c.name}: only in ${labels.a}`);
  }
  for (const d of b.cases) if (!as.has(d.name)) out.push(`case ${d.name}: only in ${labels.b}`);
  return out;
}
