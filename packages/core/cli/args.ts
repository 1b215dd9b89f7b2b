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
    const message = error instanceof Error ? error.message : String(error);
    // A value starting with "-" reads as an option: say how to write it, with the value given.
    const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec(message);
    if (ambiguous !== null) {
      const given = ambiguous[1]!;
      const option = /use '(--[^=']+)=-XYZ'/.exec(message)?.[1] ?? given;
      const at = argv.findIndex((arg) => arg === given);
      const value = at >= 0 ? argv[at + 1] : undefined;
      throw new UsageError(
        `${option} takes a value, and the next argument${value === undefined ? '' : ` ${JSON.stringify(value)}`} starts with "-", so it reads as an option; write a value starting with "-" as ${option}=${value ?? '-VALUE'}`,
      );
    }
    // parseArgs explains the rest well ("Unknown option '--pases'"); keep its first sentence.
    throw new UsageError(message.split(/\.\s*To specify|\n/)[0]!);
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

/** The option {@link passesOption} reads. */
export const PASSES_OPTION: OptionSpec = { passes: { type: 'string', short: 'n' } };

/**
 * The passes of `--passes N` (checked by {@link parsePasses}), or `fallback` when not given.
 *
 * @throws {UsageError} when N is not a whole number from 1 to 1e9.
 */
export function passesOption(args: ParsedArgs, fallback: number): number {
  const text = stringOption(args, 'passes');
  return text === undefined ? fallback : parsePasses(text);
}

/** `--quiet`: no progress bar. */
export const QUIET_OPTION: OptionSpec = { quiet: { type: 'boolean', short: 'q' } };

/** Whether `--quiet` was given. */
export function quietOption(args: ParsedArgs): boolean {
  return args.values['quiet'] === true;
}

/**
 * `--seed S`: digits only make a whole-number seed, anything else a string seed, so `--seed 42`
 * and a library call with `seed: 42` give the same run. A string seed of digits only is given
 * with `--string-seed` instead ({@link seedOption}).
 *
 * @throws {UsageError} when S is empty, too long, or digits beyond 2^53 - 1 (quoted exactly as
 *   typed, never rounded).
 * @example
 * parseSeed('42'); // => 42
 * parseSeed('nato-2025'); // => 'nato-2025'
 */
export function parseSeed(text: string): Seed {
  if (/^\d+$/.test(text) && !Number.isSafeInteger(Number(text)))
    throw new UsageError(
      `invalid --seed: ${JSON.stringify(text)} is a whole number above 2^53 - 1 (9007199254740991), the largest whole-number seed; use a smaller number, or --string-seed ${text} to use these digits as a string seed`,
    );
  const seed: Seed = /^\d+$/.test(text) ? Number(text) : text;
  const problems = runSettingsProblems({ passes: 1, seed });
  if (problems.length > 0) throw new UsageError(`invalid --seed: ${problems.map(formatProblem).join('; ')}`);
  return seed;
}

/** The options {@link seedOption} reads. */
export const SEED_OPTIONS: OptionSpec = {
  seed: { type: 'string', short: 's' },
  'string-seed': { type: 'string' },
};

/** The help lines of {@link SEED_OPTIONS}; `fallback` is the default seed's text. */
export function seedHelp(fallback: string): string {
  return `  -s, --seed S        seed: digits make a whole-number seed, anything else a string seed
                      (default ${fallback}); write --seed=-x for a seed starting with "-"
      --string-seed S  S as a string seed even when it is all digits ("42" rather than 42)`;
}

/**
 * The seed of `--seed S` or `--string-seed S`, or `fallback` when neither is given.
 *
 * @throws {UsageError} when both are given, or the seed is invalid.
 * @example
 * seedOption(parseCommandLine(['--string-seed', '42'], SEED_OPTIONS), 1); // => '42'
 */
export function seedOption(args: ParsedArgs, fallback: Seed): Seed {
  const text = stringOption(args, 'seed');
  const stringSeed = stringOption(args, 'string-seed');
  if (text !== undefined && stringSeed !== undefined) throw new UsageError('give --seed or --string-seed, not both');
  if (stringSeed !== undefined) {
    const problems = runSettingsProblems({ passes: 1, seed: stringSeed });
    if (problems.length > 0) throw new UsageError(`invalid --string-seed: ${problems.map(formatProblem).join('; ')}`);
    return stringSeed;
  }
  return text === undefined ? fallback : parseSeed(text);
}

/**
 * `--workers K`: a whole number of worker threads from 1 to the machine's cores (`cores`), or
 * `auto` for one per core. More threads than cores only cost memory (each loads its own engine,
 * about 90 MB) and run no faster, so up to 256 are allowed only with `force` (`--force-workers`).
 *
 * @throws {UsageError} otherwise.
 * @example
 * parseWorkers('2'); // => 2 (on a machine of at least 2 cores)
 * parseWorkers('8', { force: true, cores: 2 }); // => 8
 */
export function parseWorkers(text: string, { force = false, cores = availableParallelism() }: { force?: boolean; cores?: number } = {}): number {
  if (text === 'auto') return cores;
  const workers = Number(text);
  if (!/^\d+$/.test(text) || workers < 1 || workers > MAX_WORKERS)
    throw new UsageError(`invalid --workers: ${JSON.stringify(text)} (must be a whole number from 1 to ${cores}, the machine's cores, or "auto")`);
  if (workers > cores && !force)
    throw new UsageError(
      `invalid --workers: ${workers} is more than this machine's ${cores} core${cores === 1 ? '' : 's'}; more threads than cores run no faster and cost about 90 MB each (use --workers auto, or add --force-workers to start ${workers} anyway)`,
    );
  return workers;
}

/** Most worker threads, even with `--force-workers`. */
export const MAX_WORKERS = 256;

/** The options {@link workersOption} reads. */
export const WORKERS_OPTIONS: OptionSpec = {
  workers: { type: 'string', short: 'w' },
  'force-workers': { type: 'boolean' },
};

/** The help lines of {@link WORKERS_OPTIONS}. */
export const WORKERS_HELP = `  -w, --workers K     worker threads, at most one per core, or "auto" for one per core
                      (default 1: this thread)
      --force-workers  allow more workers than cores (up to ${MAX_WORKERS})`;

/**
 * The worker count of `--workers K` (checked by {@link parseWorkers}), or 1.
 *
 * @throws {UsageError} for an invalid count, or more than the cores without `--force-workers`.
 */
export function workersOption(args: ParsedArgs): number {
  const text = stringOption(args, 'workers');
  return text === undefined ? 1 : parseWorkers(text, { force: args.values['force-workers'] === true });
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
