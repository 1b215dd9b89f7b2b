/** `concert landscape`: the map of viable texts over the firmness x engagement plane. */
import type { LandscapeResult, LandscapeSettings } from '../../src/index.js';
import {
  PASSES_OPTION,
  QUIET_OPTION,
  SEED_OPTIONS,
  WORKERS_HELP,
  WORKERS_OPTIONS,
  expectPositionals,
  numberOption,
  parseChoice,
  passesOption,
  quietOption,
  seedHelp,
  seedOption,
  stringOption,
  workersOption,
} from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, UsageError, rethrowAsFailure } from '../exitCodes.js';
import { outputWriter } from '../files.js';
import { LANDSCAPE_MEASURES, landscapeCsv, landscapeTable } from '../formats/landscapeTables.js';
import { prettyJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { readValidScenario, scenarioFileOf } from '../scenarios.js';
import { landscapeInParallel } from '../workers/parallelLandscape.js';

export { landscapeInParallel } from '../workers/parallelLandscape.js';
export { landscapeCsv, landscapeTable } from '../formats/landscapeTables.js';

/** Passes when `--passes` is not given: 2,000 per cell, as the notebook's refined map. */
export const DEFAULT_LANDSCAPE_PASSES = 2000;

const FORMATS = ['json', 'csv', 'table'] as const;

/** `--firmness 0.4:0.8` as a range. */
function parseRange(option: string, text: string): { lower: number; upper: number } {
  const match = /^\s*([^:]+):(.+)$/.exec(text);
  const lower = Number(match?.[1]);
  const upper = Number(match?.[2]);
  if (match === null || !Number.isFinite(lower) || !Number.isFinite(upper))
    throw new UsageError(`invalid --${option}: ${JSON.stringify(text)} (must be lower:upper, e.g. 0.4:0.8)`);
  return { lower, upper };
}

/** The `concert landscape` command. */
export const landscapeCommand: Command = {
  name: 'landscape',
  summary: 'the map of viable texts: consensus, risk and viability over firmness x engagement',
  options: {
    ...PASSES_OPTION,
    ...SEED_OPTIONS,
    ...WORKERS_OPTIONS,
    grid: { type: 'string', short: 'g' },
    visibility: { type: 'string' },
    firmness: { type: 'string' },
    engagement: { type: 'string' },
    'no-blockers': { type: 'boolean' },
    measure: { type: 'string' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    ...QUIET_OPTION,
  },
  help: `Usage: concert landscape <scenario.json> [options]

Judges every text on a grid of the firmness x engagement plane, at one visibility, in the same
sampled worlds (common random numbers): consensus, risk and viability of each, with 95%
intervals and the ally most often in the way, and the most viable text with its paired
advantage over the runner-up. The scenario is a file or the name of a built-in scenario
(\`concert scenarios\`). See docs/LANDSCAPE.md.

Options:
  -g, --grid G          points per side, 2 to 201 (default 41: 1,681 texts)
      --visibility V    visibility of every text, 0 to 1 (default: the status quo's)
      --firmness A:B    firmness range of the grid (default 0:1)
      --engagement A:B  engagement range of the grid (default 0:1)
  -n, --passes N        passes, the same for every text (default ${DEFAULT_LANDSCAPE_PASSES.toLocaleString('en-US')});
                        grid x grid x passes is at most 1e9
${seedHelp('1')}
${WORKERS_HELP}
      --no-blockers     do not count each text's blockers (faster; no top blocker)
  -f, --format F        json (default): the full result; csv: one row per cell;
                        table: the map in shades and the most viable text
      --measure M       with --format table: viability (default), consensus or risk
  -o, --out FILE        write to FILE (via a temporary file) instead of stdout; never the
                        scenario or a read-only file
  -q, --quiet           no progress bar

Exit status: 0 done, 1 invalid scenario or settings (every problem listed), 2 bad usage.

Examples:
  concert landscape nato-russia-2025 --visibility 0.6 --format table
  concert landscape scenario.json --grid 41 --passes 2000 --workers 2 --format csv --out map.csv
  concert landscape scenario.json --firmness 0.5:0.8 --engagement 0.2:0.5 --grid 31 --format table
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the scenario file (concert landscape <scenario.json>)', 1);
    const format = parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
    const measureText = stringOption(args, 'measure');
    if (measureText !== undefined && format !== 'table') throw new UsageError('--measure goes with --format table');
    const measure = parseChoice('measure', measureText ?? 'viability', LANDSCAPE_MEASURES);
    const settings: LandscapeSettings = { passes: passesOption(args, DEFAULT_LANDSCAPE_PASSES), seed: seedOption(args, 1) };
    const grid = numberOption(args, 'grid');
    if (grid !== undefined) settings.grid = grid;
    const visibility = numberOption(args, 'visibility');
    if (visibility !== undefined) settings.visibility = visibility;
    const firmness = stringOption(args, 'firmness');
    if (firmness !== undefined) settings.firmness = parseRange('firmness', firmness);
    const engagement = stringOption(args, 'engagement');
    if (engagement !== undefined) settings.engagement = parseRange('engagement', engagement);
    if (args.values['no-blockers'] === true) settings.blockers = false;
    const workers = workersOption(args);
    const write = outputWriter(stringOption(args, 'out'), context, [scenarioFileOf(file!, context)]);

    const scenario = readValidScenario(file!, context);
    const scale = 1000;
    const progress = progressReporter(scale, context, quietOption(args));
    let result: LandscapeResult;
    try {
      result = await landscapeInParallel(scenario, settings, { workers, onProgress: (share) => progress.update(Math.round(share * scale)) });
    } catch (error) {
      // The scenario's problems are the file's; the settings are the command line's.
      return rethrowAsFailure(error, (what) => (what.startsWith('invalid scenario') || what.startsWith('signal formula') ? `${what} in ${file}` : what));
    } finally {
      progress.finish();
    }
    write(format === 'json' ? prettyJson(result) : format === 'csv' ? landscapeCsv(result) : landscapeTable(result, measure));
    return EXIT_OK;
  },
};
