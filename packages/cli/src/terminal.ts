import { execFileSync } from "node:child_process";

/**
 * The local terminal while a tty job runs: raw mode on, and restored on every way out
 * (normal exit, error, signal, process.exit from anywhere).
 */
export class RawTerminal {
  private active = false;
  private readonly restoreOnExit = () => this.restore();

  /** Put stdin in raw mode if it is a terminal. */
  enter(): void {
    const stdin = process.stdin;
    if (!stdin.isTTY || this.active) return;
    stdin.setRawMode(true);
    // libuv's raw mode keeps output post-processing (ONLCR), so the remote pty's \r\n would
    // show as \r\r\n; clear it like ssh's cfmakeraw. setRawMode(false) restores the original.
    try {
      execFileSync("stty", ["-opost"], { stdio: [0, "ignore", "ignore"] });
    } catch {
      /* no stty: cosmetic only */
    }
    this.active = true;
    process.once("exit", this.restoreOnExit);
  }

  /** Leave raw mode (idempotent). */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      process.stdin.setRawMode(false);
    } catch {
      /* stdin gone */
    }
    process.off("exit", this.restoreOnExit);
  }
}

/** The size of the local terminal (stdout's, else stdin's), or 80x24. */
export function terminalSize(): { cols: number; rows: number } {
  const s = process.stdout.isTTY ? process.stdout : undefined;
  return { cols: s?.columns ?? 80, rows: s?.rows ?? 24 };
}
