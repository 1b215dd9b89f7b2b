/**
 * The map of viable texts over worker threads: chunks of blocks (or, when a map has fewer blocks
 * than threads, of cells) on the shared worker pool (pool.ts). Tallies hold whole numbers, so the
 * map is byte-identical whatever the number of workers; the most viable text's pair (two cells)
 * is run in this thread.
 */
import {
  addTally,
  landscapeLeaders,
  passesInRange,
  prepareLandscape,
  runLandscapeBlocks,
  runLandscapePair,
  summarizeLandscape,
  type LandscapeResult,
  type LandscapeSettings,
} from '../../src/index.js';
import { runChunks, type WorkerPool } from './pool.js';

/**
 * A map of viable texts on `workers` threads (in this thread when 1): the same bytes as
 * `landscape(scenario, settings)`.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 * @example
 * const map = await landscapeInParallel(scenario, { passes: 2000, seed: 1, grid: 41 }, { workers: 2 });
 */
export async function landscapeInParallel(
  scenario: unknown,
  settings: LandscapeSettings,
  { workers = 1, onProgress, pool }: { workers?: number; onProgress?: (share: number) => void; pool?: WorkerPool } = {},
): Promise<LandscapeResult> {
  const plan = prepareLandscape(scenario, settings);
  const all = { from: 0, to: plan.blocks };
  let tally: Float64Array;
  if (workers <= 1) tally = runLandscapeBlocks(plan, all, { onProgress: (progress) => onProgress?.(progress.passesDone / progress.passes) });
  else {
    tally = new Float64Array(plan.tallySize);
    const key = `landscape/${plan.manifest.scenarioHash}/${JSON.stringify(settings)}`;
    const byBlocks = plan.blocks >= 2 * workers;
    const count = byBlocks ? plan.blocks : plan.cells;
    const chunk = Math.max(1, Math.ceil(count / (workers * 4)));
    let done = 0;
    await runChunks(
      { from: 0, to: count },
      chunk,
      workers,
      pool,
      (from, to) =>
        byBlocks
          ? { kind: 'landscape', key, scenario: plan.scenario, settings, from, to, cellsFrom: 0, cellsTo: plan.cells }
          : { kind: 'landscape', key, scenario: plan.scenario, settings, from: 0, to: plan.blocks, cellsFrom: from, cellsTo: to },
      (from, to, part) => {
        addTally(tally, part);
        done += byBlocks ? passesInRange({ from, to }, plan.manifest.passes) / plan.manifest.passes : (to - from) / plan.cells;
        onProgress?.(done);
      },
    );
  }
  const leaders = landscapeLeaders(plan, tally)!;
  if (leaders.runnerUp === null) return summarizeLandscape(plan, tally);
  const cells = [leaders.best, leaders.runnerUp] as const;
  return summarizeLandscape(plan, tally, { cells, counts: runLandscapePair(plan, cells, all) });
}
