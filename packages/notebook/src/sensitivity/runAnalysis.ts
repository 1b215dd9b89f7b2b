/**
 * Runs one sensitivity analysis in chunks (tornado blocks, Sobol design points), yielding between
 * chunks so that a worker can take a cancel or a newer request. The numbers are those of the core
 * run in one go: tornado tallies add exactly and Sobol points do not depend on the split.
 */
import {
  discoverDrivers,
  evaluateSobolPoints,
  prepareSobol,
  prepareTornado,
  runTornadoBlocks,
  summarizeSobol,
  summarizeTornado,
} from '@concert/core';
import type { JobHooks } from '../workers/jobProtocol.js';
import type { SensitivityJob, SensitivityOutcome } from './sensitivityProtocol.js';

/**
 * Runs the analysis a job asks for; null when stopped midway. Progress counts tornado blocks or
 * Sobol design points.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings.
 */
export async function runAnalysis(request: SensitivityJob, hooks: JobHooks): Promise<SensitivityOutcome | null> {
  if (request.type === 'discover') return { type: 'discover', result: discoverDrivers(request.scenario, request.settings) };
  if (request.type === 'tornado') {
    const plan = prepareTornado(request.scenario, request.settings);
    const tally = new Float64Array(plan.tallySize);
    for (let from = 0; from < plan.blocks; from++) {
      const part = runTornadoBlocks(plan, { from, to: from + 1 });
      for (let k = 0; k < tally.length; k++) tally[k]! += part[k]!;
      hooks.onProgress(from + 1, plan.blocks);
      await hooks.yieldToEvents();
      if (hooks.shouldStop()) return null;
    }
    return { type: 'tornado', result: summarizeTornado(plan, tally) };
  }
  const plan = prepareSobol(request.scenario, request.settings);
  const points = plan.manifest.points;
  const stride = plan.outputs.length;
  const values = new Float64Array(points * stride);
  const chunk = 8;
  for (let from = 0; from < points; from += chunk) {
    const to = Math.min(points, from + chunk);
    values.set(evaluateSobolPoints(plan, { from, to }), from * stride);
    hooks.onProgress(to, points);
    await hooks.yieldToEvents();
    if (hooks.shouldStop()) return null;
  }
  return { type: 'sobol', result: summarizeSobol(plan, values) };
}
