import { constants } from "node:os";
import { FORWARDED_SIGNALS, type SignalName } from "@mrc/protocol";

/** Signal number for a forwarded signal name, or undefined if it is not one we forward. */
export function signalNumber(name: string): number | undefined {
  if (!(FORWARDED_SIGNALS as readonly string[]).includes(name)) return undefined;
  return (constants.signals as Record<string, number>)[name];
}

const byNumber = new Map<number, string>(Object.entries(constants.signals).map(([k, v]) => [v as number, k]));

/** Signal name ("SIGKILL") for a number, or `SIG<n>` when unknown. */
export function signalName(n: number): string {
  return byNumber.get(n) ?? `SIG${n}`;
}

/** Type guard for names of forwarded signals. */
export function isForwardedSignal(name: unknown): name is SignalName {
  return typeof name === "string" && (FORWARDED_SIGNALS as readonly string[]).includes(name);
}
