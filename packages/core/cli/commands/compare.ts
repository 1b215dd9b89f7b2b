/** `concert compare`: a current scenario against a baseline, paired pass by pass. */
import { compareScenarios, escapeControlCharacters, type ComparisonResult } from '../../src/index.js';
import { PASSES_OPTION, SEED_OPTIONS, expectPositionals, parseChoice, passesOption, seedHelp, seedOption, stringOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, rethrowAsFailure } from '../exitCodes.js';
import { outputWriter } from '../files.js';
import { comparisonCsv, comparisonTable } from '../formats/landscapeTables.js';
import { prettyJson } from '../output.js';
import { DEFAULT_PASSES, DEFAULT_SEED } from '../runSettings.js';
import { readScenarioArgument, scenarioFileOf } from '../scenarios.js';

export { comparisonCsv, comparisonTable } from '../formats/landscapeTables.js';

const FORMATS = ['json', 'csv', 'table'] as const;

/** The `concert compare` command. */
export const compare: Command = {
  name: 'compare',
  summary: 'a scenario against a baseline: paired changes with standard errors and intervals',
  options: {
    ...PASSES_OPTION,
    ...SEED_OPTIONS,
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
  },
  help: `Usage: concert compare <baseline.json> <current.json> [options]

Runs both scenarios with the same seed and passes and reports, per option (matched by id), the
change in consensus, risk, viability and each ally's blocker rate, with its standard error and
95% interval, beside both estimates. When the two have the same allies, blocs and events (in
the same order) every pass draws the same numbers in both, so the change is paired (a mean of
per-pass differences) and noise the two share cancels; otherwise the comparison says why it
cannot be paired and reports unpaired changes (Newcombe intervals). Options in one scenario only
are listed as added or removed. Each scenario is a file or the name of a built-in scenario
(\`concert scenarios\`). See docs/LANDSCAPE.md.

Options:
  -n, --passes N      passes for each scenario (default ${DEFAULT_PASSES.toLocaleString('en-US')})
${seedHelp(String(DEFAULT_SEED))}
  -f, --format F      json (default); csv: one row per option and measure (and per ally's
                      blocker rate); table: the changes in words
  -o, --out FILE      write to FILE (via a temporary file) instead of stdout; never one of
                      the two scenarios or a read-only file

Exit status: 0 done (an unpaired comparison is reported on stderr), 1 invalid scenario or
settings (every problem listed), 2 bad usage.

Examples:
  concert compare baseline.json current.json --format table
  concert compare nato-russia-2025 us-disengagement --passes 20000 --format csv
`,

  async execute(args, context) {
    const [baselineFile, currentFile] = expectPositionals(args, 'the baseline and the current scenario files (concert compare <baseline.json> <current.json>)', 2);
    const format = parseChoice('format', stringOption(args, 'format') ?? 'json', FORMATS);
    const settings = { passes: passesOption(args, DEFAULT_PASSES), seed: seedOption(args, DEFAULT_SEED) };
    const write = outputWriter(stringOption(args, 'out'), context, [scenarioFileOf(baselineFile!, context), scenarioFileOf(currentFile!, context)]);
    const baseline = readScenarioArgument(baselineFile!, context, 'the baseline scenario');
    const current = readScenarioArgument(currentFile!, context, 'the current scenario');
    let result: ComparisonResult;
    try {
      result = compareScenarios(baseline, current, settings);
    } catch (error) {
      return rethrowAsFailure(error, (what) =>
        /\bbaseline\b/.test(what) ? `${what} in ${baselineFile}` : /\bcurrent\b/.test(what) ? `${what} in ${currentFile}` : what,
      );
    }
    if (!result.pairing.paired)
      context.stderr.write(
        `concert compare: the runs cannot be paired (${escapeControlCharacters(result.pairing.reason ?? '')}); the changes are unpaired, from two independent runs, with wider intervals.\n`,
      );
    write(format === 'json' ? prettyJson(result) : format === 'csv' ? comparisonCsv(result) : comparisonTable(result));
    return EXIT_OK;
  },
};
