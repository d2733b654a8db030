import { mboxRecvMain, mboxSendMain } from "@mrc/mailbox";
import type { CommandModule } from "./common.js";

const SUB: Readonly<Record<string, (argv: string[]) => Promise<number>>> = { send: mboxSendMain, recv: mboxRecvMain };

/** `mrc mbox send ADDR [DATA] [--no-wait]` | `mrc mbox recv [--timeout S] [--count N]` (inside a job). */
export const mboxCli: CommandModule = {
  describe: "send or receive mailbox messages (inside a job: uses $MRC_MAILBOX)",
  async main(argv) {
    const [sub, ...rest] = argv;
    const f = sub === undefined ? undefined : SUB[sub];
    if (!f) {
      process.stderr.write("usage: mrc mbox send ADDR [DATA] [--no-wait] | mrc mbox recv [--timeout S] [--count N] [--from]\n");
      return 2;
    }
    return f(rest);
  },
};
