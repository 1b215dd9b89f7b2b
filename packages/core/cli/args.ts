/** Parsing a command line and the values of the options commands share. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { MAX_PASSES, formatProblem, runSettingsProblems, type Seed } from '../src/index.js';
import type { OptionSpec, ParsedArgs } from './command.js';
import { UsageError } from './exitCodes.js';

/**
 * Parses `argv` against a command's options; unknown options and missing values are usage errors.
 *
 * @throws {UsageError} naming the offending argument.
 */
export function parseCommandLine(argv: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    // parseArgs explains the problem well ("Unknown option '--pases'"); keep its first sentence.
    const message = error instanceof Error ? error.message.split('. To specify')[0]! : String(error);
    throw new UsageError(message);
  }
}

/** A string option's value, or undefined when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `--passes N`: a whole number from 1 to 1e9. Accepts `1e6` and `1_000_000` for readability.
 *
 * @throws {UsageError} when N is not such a number.
 * @example
 * parsePasses('1e6'); // => 1000000
 */
export function parsePasses(text: string): number {
  const passes = Number(text.replaceAll('_', ''));
  const problems = runSettingsProblems({ passes, seed: 1 });
  if (text.trim() === '' || problems.length > 0)
    throw new UsageError(`invalid --passes: ${JSON.stringify(text)} (must be a whole number from 1 to ${MAX_PASSES.toLocaleString('en-US')})`);
  return passes;
}

/**
 * `--seed S`: digits only make a whole-number seed, anything else a string seed, so `--seed 42`
 * and a library call with `seed: 42` give the same run.
 *
 * @throws {UsageError} when S is empty, too long, or digits beyond 2^53 - 1.
 * @example
 * parseSeed('42'); // => 42
 * parseSeed('nato-2025'); // => 'nato-2025'
 */
export function parseSeed(text: string): Seed {
  const seed: Seed = /^\d+$/.test(text) ? Number(text) : text;
  const problems = runSettingsProblems({ passes: 1, seed });
  if (problems.length > 0) throw new UsageError(`invalid --seed: ${problems.map(formatProblem).join('; ')}`);
  return seed;
}

/**
 * `--workers K`: a whole number of worker threads from 1 to 256, or `auto` for one per core.
 *
 * @throws {UsageError} otherwise.
 * @example
 * parseWorkers('2'); // => 2
 */
export function parseWorkers(text: string): number {
  if (text === 'auto') return availableParallelism();
  const workers = Number(text);
  if (!/^\d+$/.test(text) || workers < 1 || workers > 256)
    throw new UsageError(`invalid --workers: ${JSON.stringify(text)} (must be a whole number from 1 to 256, or "auto")`);
  return workers;
}

/**
 * One of a fixed set of words.
 *
 * @throws {UsageError} naming the option and the allowed words.
 */
export function parseChoice<T extends string>(option: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`invalid --${option}: ${JSON.stringify(text)} (must be one of ${choices.join(', ')})`);
  return text as T;
}

/**
 * Exactly `count` positional arguments (or at least `count` when `orMore`).
 *
 * @throws {UsageError} saying what is missing or extra.
 */
export function expectPositionals(args: ParsedArgs, names: string, count: number, orMore = false): readonly string[] {
  const got = args.positionals.length;
  if (got < count) throw new UsageError(`missing ${names}`);
  if (!orMore && got > count) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[count])}`);
  return args.positionals;
}

/**
 * A numeric option's value (`_` allowed as a digit separator), or undefined when absent.
 *
 * @throws {UsageError} when the value is not a finite number.
 * @example
 * numberOption({ values: { visibility: '0.5' }, positionals: [] }, 'visibility'); // => 0.5
 */
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`invalid --${name}: ${JSON.stringify(text)} (must be a number)`);
  return value;
}
