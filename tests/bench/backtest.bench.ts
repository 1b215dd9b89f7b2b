/**
 * Backtest speed: forecasting all 188 issues of the DEU III training half at 2,000 passes each
 * (376,000 passes) with the default calibration, on 1 and 2 worker threads, as `concert backtest
 * --workers K` does (`parallelForecaster`; 2 workers includes starting the threads), and the
 * scoring of the 180 issues with an outcome (quantiles, CRPS, PIT, the baselines, 2,000 bootstrap
 * resamples per subset). Issue 9 asks for "seconds on 2 cores".
 */
import { readFileSync } from 'node:fs';
import { DEU3_CALIBRATION, readDeu3, scoreBacktest, scoredIssues } from '../../packages/core/src/index.js';
import { parallelForecaster } from '../../packages/core/cli/workers/parallelBacktest.js';

const PASSES = 2000;

export default async function bench(): Promise<void> {
  const dataset = readDeu3(readFileSync('examples/data/deu3/deu3-train.tsv', 'utf8'), 'deu3-train.tsv');
  const issues = dataset.issues.map((entry) => entry.issue);
  const model = DEU3_CALIBRATION.model;
  await parallelForecaster({ workers: 1 })(issues.slice(0, 20), model, PASSES, 'warm-up');
  // 2 workers twice: the first includes bundling the worker module once per process (under tsx).
  for (const [workers, note] of [[1, ''], [2, ' (first: bundles the worker module)'], [2, '']] as const) {
    const start = performance.now();
    await parallelForecaster({ workers })(issues, model, PASSES, 1);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `forecast ${issues.length} issues x ${PASSES.toLocaleString('en-US')} passes, ${workers} worker${workers === 1 ? '' : 's'}${note}: ${seconds.toFixed(2)} s (${Math.round((issues.length * PASSES) / seconds).toLocaleString('en-US')} passes/s)`,
    );
  }
  const scoredSamples = await parallelForecaster({ workers: 1 })(scoredIssues(dataset).map((entry) => entry.issue), model, PASSES, 1);
  const start = performance.now();
  scoreBacktest(dataset, scoredSamples, { calibration: DEU3_CALIBRATION, passes: PASSES, seed: 1 });
  console.log(`score ${scoredSamples.length} issues (quantiles, CRPS, PIT, 6 baselines, bootstrap 2,000 x 5 tables): ${((performance.now() - start) / 1000).toFixed(2)} s`);
}
