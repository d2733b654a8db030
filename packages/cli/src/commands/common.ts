/** A subcommand of `mrc`: parses its own argv and returns an exit status. */
export interface CommandModule {
  describe: string;
  main(argv: string[]): Promise<number>;
}

/** Print `mrc: MSG` and exit 255 (mrc's own failure status). */
export function fail(msg: string): never {
  process.stderr.write(`mrc: ${msg}\n`);
  process.exit(255);
}
