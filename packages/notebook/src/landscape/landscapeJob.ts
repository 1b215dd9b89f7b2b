/**
 * Runs one piece of a map in a worker, in chunks of cells of about 20 ms, giving the event loop
 * a turn between chunks so a cancel or a newer map is heard at once. The chunks add up exactly
 * (the core's tallies are whole numbers, zero outside their cells), so the piece's tally is the
 * same whatever the chunk sizes.
 */
import { prepareLandscape, runLandscapeBlocks, runLandscapePair, summarizeLandscape, type LandscapePlan } from '@concert/core';
import type { JobHooks } from '../workers/jobProtocol.js';
import type { LandscapeJob, LandscapeOutcome } from './landscapeProtocol.js';

/** Target time of a chunk, in milliseconds. */
const CHUNK_MS = 20;

/** The map this worker prepared last (validating and compiling once per map, not once per piece). */
let prepared: { key: string; plan: LandscapePlan } | null = null;

function planOf(job: LandscapeJob): LandscapePlan {
  if (prepared?.key !== job.key) prepared = { key: job.key, plan: prepareLandscape(job.scenario, job.settings) };
  return prepared.plan;
}

/**
 * Computes a piece of a map; null when told to stop midway.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings, or a range outside the map.
 * @example
 * await landscapeJob({ type: 'blocks', key: 'a', scenario, settings: { passes: 2000, seed: 1, grid: 41 }, blocks: { from: 0, to: 1 }, cells: { from: 0, to: 861 } }, hooks);
 * // => { type: 'blocks', tally }: runLandscapeBlocks(plan, { from: 0, to: 1 }, { cells: { from: 0, to: 861 } })
 */
export async function landscapeJob(job: LandscapeJob, hooks: JobHooks): Promise<LandscapeOutcome | null> {
  const plan = planOf(job);
  if (job.type === 'pair') return { type: 'pair', tally: runLandscapePair(plan, job.pair, { from: 0, to: plan.blocks }) };
  if (job.type === 'blockers') {
    // One text in every pass: a few milliseconds. Its figures are those of the full map's cell.
    const tally = runLandscapeBlocks(plan, { from: 0, to: plan.blocks }, { cells: { from: job.cell, to: job.cell + 1 } });
    return { type: 'blockers', cell: job.cell, topBlocker: summarizeLandscape(plan, tally).cells[job.cell]!.topBlocker };
  }
  const { blocks, cells } = job;
  const tally = new Float64Array(plan.tallySize);
  let from = cells.from;
  let cellsPerChunk = 16;
  while (from < cells.to) {
    if (hooks.shouldStop()) return null;
    const to = Math.min(cells.to, from + cellsPerChunk);
    const started = performance.now();
    const part = runLandscapeBlocks(plan, blocks, { cells: { from, to } });
    const msPerCell = Math.max((performance.now() - started) / (to - from), 0.001);
    for (let k = from * plan.cellStride; k < to * plan.cellStride; k++) tally[k] = part[k]!;
    cellsPerChunk = Math.max(1, Math.floor(CHUNK_MS / msPerCell));
    from = to;
    hooks.onProgress(from - cells.from, cells.to - cells.from);
    if (from < cells.to) await hooks.yieldToEvents();
  }
  return hooks.shouldStop() ? null : { type: 'blocks', tally };
}
