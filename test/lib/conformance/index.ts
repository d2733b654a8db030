// Public face of the POSIX conformance suite (modelled on go-fuse's posixtest.All).
export type { CaseContext, CaseDef, CaseResult, CaseStatus, Step, Transcript, Value } from "./types.js";
export { runConformance, type RunOptions } from "./runner.js";
export { compareTranscripts, type CompareLabels } from "./compare.js";
export { runConformanceInChild, conformanceScript, type ChildRunOptions } from "./child.js";
export { allCases } from "./cases/index.js";
