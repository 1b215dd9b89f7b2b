/** `concert run`: run a scenario, on one thread, on all cores, or one shard of a cluster run. */
import { resultOf, toPartialResult } from '../../src/index.js';
import { SEED_OPTIONS, WORKERS_HELP, WORKERS_OPTIONS, expectPositionals, parsePasses, seedHelp, seedOption, stringOption, workersOption } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_OK, UsageError } from '../exitCodes.js';
import { emit, outputTarget } from '../files.js';
import { OUTPUT_HELP, OUTPUT_OPTIONS, outputSettings, renderResult } from '../output.js';
import { shardFile } from '../partialFile.js';
import { progressReporter } from '../progress.js';
import { scenarioFileOf } from '../scenarios.js';
import { DEFAULT_PASSES, DEFAULT_SEED, prepareRunFromFile } from '../runSettings.js';
import { parseShard, shardRange } from '../shard.js';
import { passesInRange, runBlocksInParallel } from '../workers/parallelRun.js';

export const run: Command = {
  name: 'run',
  summary: 'run a scenario and print its result (JSON, CSV or a table)',
  options: {
    passes: { type: 'string', short: 'n' },
    ...SEED_OPTIONS,
    ...WORKERS_OPTIONS,
    shard: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    ...OUTPUT_OPTIONS,
  },
  help: `Usage: concert run <scenario.json | built-in name> [options]

Runs a scenario's Monte Carlo passes over every strategy option and prints the result.
The scenario is a file, or the name of a built-in scenario (\`concert scenarios\` lists them).
The same scenario, passes and seed always give the same bytes, whatever --workers or --shard.

Options:
  -n, --passes N      Monte Carlo passes, 1 to 1e9 (default ${DEFAULT_PASSES.toLocaleString('en-US')}; 1e6 and 1_000_000 work)
${seedHelp(String(DEFAULT_SEED))}
${WORKERS_HELP}
      --shard I/N     run only shard I of N (numbered from 1) and write its partial result
                      (JSON) for \`concert merge\`; see docs/SCALING.md
${OUTPUT_HELP}
  -q, --quiet         no progress bar (it is drawn only when stderr is a terminal anyway)
  -h, --help          this help

Exit status: 0 done, 1 invalid scenario or unreadable file (every problem listed on stderr),
2 bad usage.

Examples:
  concert run nato-russia-2025 --format table
  concert run scenario.json --passes 1e6 --seed 42 --workers auto --out result.json
  concert run scenario.json --passes 1e6 --seed 42 --format csv --table allies > blockers.csv
  concert run scenario.json --passes 1e8 --seed 42 --shard 3/16 --out shard-03.json
`,

  async execute(args, context) {
    const [file] = expectPositionals(args, 'the scenario file (concert run <scenario.json>)', 1);
    const passesText = stringOption(args, 'passes');
    const shardText = stringOption(args, 'shard');
    const settings = {
      passes: passesText === undefined ? DEFAULT_PASSES : parsePasses(passesText),
      seed: seedOption(args, DEFAULT_SEED),
    };
    const workers = workersOption(args);
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    const output = outputSettings(args);
    if (shard !== undefined && output.format !== 'json')
      throw new UsageError('--shard writes a partial result as JSON; merge the shards with `concert merge`, then choose --format');
    // Refuse a bad --out before the run, not after it.
    const inputs = [scenarioFileOf(file!, context)];
    if (output.out !== undefined) outputTarget(output.out, context, inputs);

    const prepared = prepareRunFromFile(file!, settings, context);
    const range = shard === undefined ? { from: 0, to: prepared.blocks } : shardRange(prepared.blocks, shard);
    const progress = progressReporter(passesInRange(range, settings.passes), context, args.values['quiet'] === true);
    let tally: Float64Array;
    try {
      tally = await runBlocksInParallel(prepared, range, { workers, onProgress: (done) => progress.update(done) });
    } finally {
      progress.finish();
    }
    const text =
      shard === undefined
        ? renderResult(resultOf(prepared, tally), output)
        : JSON.stringify(shardFile(toPartialResult(prepared, range, tally), shard)) + '\n';
    emit(text, output.out, context, inputs);
    return EXIT_OK;
  },
};
