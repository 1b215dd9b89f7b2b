/**
 * Command lines: quoting a word for a POSIX shell, and the `concert run` command that reproduces a
 * run, for pages and messages that tell a reader what to type.
 */
import type { Seed } from '../random/random.js';

/**
 * A word quoted for a POSIX shell (sh, bash, zsh): as it is when it holds only letters, digits and
 * `_ . , : / = @ % + -`, else in single quotes (a `'` inside written as `'\''`).
 *
 * @example
 * shellQuote('scenario.json'); // => 'scenario.json'
 * shellQuote('my run'); // => "'my run'"
 * shellQuote("it's"); // => "'it'\\''s'"
 */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_.,:/=@%+-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** What {@link reproduceCommand} writes. */
export interface ReproduceCommandOptions {
  readonly passes: number;
  readonly seed: Seed;
  /** The scenario file (default `scenario.json`). */
  readonly file?: string;
  /** The command that runs concert (default `pnpm concert`; `concert` for an installed package). */
  readonly program?: string;
}

/**
 * The command line that reruns a run, seed and all, exactly. A number seed is written as digits
 * (`--seed 42`); a string seed of digits only as `--string-seed 42`, since `--seed 42` would be
 * the number 42, another run; a string seed starting with `-` as `--seed=-x`, since a separate
 * word starting with `-` reads as an option; every other seed and the file are shell-quoted.
 *
 * @example
 * reproduceCommand({ passes: 50_000, seed: 42 }); // => 'pnpm concert run scenario.json --passes 50000 --seed 42'
 * reproduceCommand({ passes: 50_000, seed: '42' }); // => 'pnpm concert run scenario.json --passes 50000 --string-seed 42'
 * reproduceCommand({ passes: 50_000, seed: '-7 a' }); // => "pnpm concert run scenario.json --passes 50000 --seed='-7 a'"
 */
export function reproduceCommand({ passes, seed, file = 'scenario.json', program = 'pnpm concert' }: ReproduceCommandOptions): string {
  const seedArgument =
    typeof seed === 'number'
      ? `--seed ${seed}`
      : /^\d+$/.test(seed)
        ? `--string-seed ${seed}`
        : seed.startsWith('-')
          ? `--seed=${shellQuote(seed)}`
          : `--seed ${shellQuote(seed)}`;
  return `${program} run ${shellQuote(file)} --passes ${passes} ${seedArgument}`;
}
