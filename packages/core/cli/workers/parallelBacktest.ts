/**
 * Backtest forecasts over worker threads: the issues are handed out in chunks on the shared
 * worker pool (pool.ts). Each issue's forecast depends on its own seed alone, so the samples, and
 * everything scored from them, are the same whatever the number of workers.
 */
import { forecastIssue, type Forecaster, type Issue } from '../../src/index.js';
import { runChunks, type WorkerPool } from './pool.js';

/**
 * A forecaster ({@link Forecaster}) on `workers` threads (in this thread when 1), reporting the
 * issues done to `onIssues`.
 *
 * @example
 * const forecast = parallelForecaster({ workers: 2, pool });
 * const samples = await forecast(issues, calibration.model, 2000, 1);
 */
export function parallelForecaster({
  workers = 1,
  pool,
  onIssues,
}: { workers?: number; pool?: WorkerPool; onIssues?: (done: number) => void } = {}): Forecaster {
  let calls = 0;
  return async (issues: readonly Issue[], model, passes, seed) => {
    if (workers <= 1 || issues.length <= 1)
      return issues.map((issue) => {
        const sample = forecastIssue(issue, model, passes, seed);
        onIssues?.(1);
        return sample;
      });
    const samples: Float64Array[] = new Array(issues.length);
    const key = `forecasts/${calls++}`;
    const chunk = Math.max(1, Math.min(8, Math.ceil(issues.length / (workers * 4))));
    await runChunks(
      { from: 0, to: issues.length },
      chunk,
      workers,
      pool,
      (from, to) => ({ kind: 'forecasts', key, issues: issues.slice(from, to), model, passes, seed, from, to }),
      (from, to, part) => {
        for (let k = from; k < to; k++) samples[k] = part.slice((k - from) * passes, (k - from + 1) * passes);
        onIssues?.(to - from);
      },
    );
    return samples;
  };
}
