// The data model of a conformance run: what a case records and what a transcript holds.
// Everything in a Transcript is plain JSON so it can cross a process boundary on stdout.

/** A normalized JSON value recorded by a step: only what must agree between two directories. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** One recorded observation inside a case: either a success value or the errno name it failed with. */
export type Step =
  | { readonly label: string; readonly ok: Value }
  | { readonly label: string; readonly errno: string };

/** How a case ended: ran to completion, skipped (tool or feature absent), or threw something unexpected. */
export type CaseStatus = "ok" | "skipped" | "crashed";

/** The normalized result of one case. `info` holds raw diagnostics and is never compared. */
export interface CaseResult {
  readonly name: string;
  readonly status: CaseStatus;
  readonly steps: Step[];
  /** Why the case was skipped or how it crashed (paths normalized). Compared. */
  readonly reason?: string;
  /** Raw values useful when reading a diff (times, inode numbers, stderr). Not compared. */
  readonly info?: Record<string, unknown>;
}

/** The output of one run of the suite against one directory. */
export interface Transcript {
  readonly format: "mrc-conformance/1";
  readonly cases: CaseResult[];
  /** Where and how the run happened (real path, uid, node version). Not compared. */
  readonly info: Record<string, unknown>;
}

/** What a case body gets: a fresh empty directory and ways to record observations. */
export interface CaseContext {
  /** Absolute path of this case's own fresh, empty directory. */
  readonly dir: string;
  /** Joins `parts` under the case directory. */
  path(...parts: string[]): string;
  /**
   * Runs `op`; records its normalized result, or the errno name if it fails with one.
   * Returns the raw result, or undefined when it failed with an errno. Errors without an
   * errno propagate and crash the case.
   */
  step<T>(label: string, op: () => Promise<T>, normalize?: (value: T) => Value): Promise<T | undefined>;
  /** Records a value computed by the case itself (a relation, a hash). */
  record(label: string, value: Value): void;
  /** Stores a diagnostic that is shown but never compared. */
  info(label: string, value: unknown): void;
  /** Ends the case as skipped; compares equal only to a skip with the same reason. */
  skip(reason: string): never;
}

/** One named conformance case; `name` is "group/what" and must be unique. */
export interface CaseDef {
  readonly name: string;
  readonly run: (ctx: CaseContext) => Promise<void>;
}
