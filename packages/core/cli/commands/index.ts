/**
 * The registry of `concert` subcommands, in the order `concert --help` lists them.
 *
 * To add a command, e.g. `concert sensitivity`:
 *   1. write `commands/sensitivity.ts` exporting `export const sensitivity: Command = { name,
 *      summary, help, options, execute }` (see `../command.ts`; `run.ts` is a complete example:
 *      throw `UsageError` for exit status 2, `InputFailure` for 1, write results to
 *      `context.stdout` or through `emit` for `--out`);
 *   2. import it below and add it to `COMMANDS` (the one-line registration);
 *   3. add its tests under tests/cli/.
 * `--help` (and `-h`) is added to every command's options by `main`.
 */
import type { Command } from '../command.js';
import { experiment } from './experiment.js';
import { compare } from './compare.js';
import { landscapeCommand } from './landscape.js';
import { backtest } from './backtest.js';
import { calibrate } from './calibrate.js';
import { merge } from './merge.js';
import { replay } from './replay.js';
import { run } from './run.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';
import { sensitivity } from './sensitivity.js';
import { validate } from './validate.js';

/** Every subcommand of `concert`. */
export const COMMANDS: readonly Command[] = [run, merge, replay, validate, schema, scenarios, sensitivity, experiment, landscapeCommand, compare, backtest, calibrate];
