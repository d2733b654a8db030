import type { ChildProcess } from "node:child_process";

/**
 * Let a helper child (and its stdio pipes) keep the event loop alive, or not: helpers are
 * referenced only while an answer from them is awaited, so an idle one never holds the head open.
 */
export function refChild(proc: ChildProcess, ref: boolean): void {
  for (const s of [proc, proc.stdin, proc.stdout, proc.stderr] as unknown as Array<{ ref?: () => void; unref?: () => void } | null>) {
    if (ref) s?.ref?.();
    else s?.unref?.();
  }
}
