import { TargetRunner, type TargetOptions } from "@mrc/target";
import type { Logger } from "@mrc/protocol";

/**
 * Run the target daemon until SIGTERM/SIGINT: then every guest is killed and waited for,
 * links are closed, and the promise resolves (no orphans left behind).
 */
export async function serveTarget(o: TargetOptions & { logger: Logger }): Promise<void> {
  const runner = await TargetRunner.start(o);
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      o.logger.info("shutting down", { signal: sig });
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      runner.close().then(resolve, resolve);
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
  });
}
