/** What a subcommand of `concert` is: its name, help and what it does. */
import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context.js';

/** The option definitions of a command, in `node:util` `parseArgs` form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A parsed command line: option values by name, and the positional arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** One subcommand (`run`, `merge`, ...). Register it in `commands/index.ts`. */
export interface Command {
  /** The word typed after `concert`. */
  readonly name: string;
  /** One line for `concert --help`. */
  readonly summary: string;
  /** The full text of `concert <name> --help`: usage, options with defaults, examples. */
  readonly help: string;
  /** Its options (`--help` is added for every command). */
  readonly options: OptionSpec;
  /**
   * Does the work and returns the exit status. Throws `UsageError` (status 2) or `InputFailure`
   * (status 1); `main` prints those.
   */
  execute(args: ParsedArgs, context: CliContext): Promise<number>;
}
