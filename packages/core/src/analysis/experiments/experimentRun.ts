/**
 * Running an experiment's units: block `b` of experiment `g` runs the engine on that
 * experiment's scenario over the passes of block `b` of the seed's streams. Every experiment uses
 * the same seed, so pass `k` of every experiment sees the same random numbers (common random
 * numbers); the counts kept are whole numbers, so any split of the units over workers and shards
 * adds up to the same counts.
 */
import { compileModel, type CompiledModel } from '../../model/compiledModel.js';
import type { AbortSignalLike } from '../../host.js';
import { checkRange, passesInRange, type BlockRange } from '../../run/blocks.js';
import { EngineState, runBlocks } from '../../run/engine.js';
import { ALLY_COUNTER } from '../../run/tally.js';
import {
  EXPERIMENT_OPTION_COUNTERS,
  experimentsOfUnits,
  validatedExperimentScenario,
  type ExperimentPlan,
} from './experimentPlan.js';

/** The counts of some experiments: `counts` starts at experiment `experiments.from`'s offset. */
export interface ExperimentCounts {
  readonly experiments: BlockRange;
  readonly counts: Float64Array;
}

/** The compiled model of the experiment a plan ran last, so that consecutive chunks of one experiment compile it once. */
const lastModel = new WeakMap<ExperimentPlan, { experiment: number; model: CompiledModel }>();

function modelOf(plan: ExperimentPlan, experiment: number): CompiledModel {
  const cached = lastModel.get(plan);
  if (cached?.experiment === experiment) return cached.model;
  const model = compileModel(validatedExperimentScenario(plan, experiment));
  lastModel.set(plan, { experiment, model });
  return model;
}

/**
 * Runs units `range` of an experiment (unit `u` is block `u % plan.blocks` of experiment
 * `floor(u / plan.blocks)`) and returns the counts of the experiments they touch. Add the counts
 * of disjoint ranges at their offsets to combine them, in any order.
 *
 * @throws {ConcertInputError} for a range outside the experiment, or an experiment whose
 *   scenario is invalid; the abort reason when aborted.
 */
export function runExperimentUnits(
  plan: ExperimentPlan,
  range: BlockRange,
  options: { onProgress?: (passesDone: number) => void; abortSignal?: AbortSignalLike } = {},
): ExperimentCounts {
  checkRange(range, plan.units, 'units');
  const experiments = experimentsOfUnits(plan, range);
  const start = plan.offsets[experiments.from]!;
  const counts = new Float64Array(plan.offsets[experiments.to]! - start);
  const { passes, seed } = plan.design;
  let passesDone = 0;
  for (let experiment = experiments.from; experiment < experiments.to; experiment++) {
    const blocks = {
      from: Math.max(range.from, experiment * plan.blocks) - experiment * plan.blocks,
      to: Math.min(range.to, (experiment + 1) * plan.blocks) - experiment * plan.blocks,
    };
    const model = modelOf(plan, experiment);
    const state = new EngineState(model);
    const tally = new Float64Array(state.layout.size);
    runBlocks(
      state,
      seed,
      passes,
      blocks.from,
      blocks.to,
      tally,
      (_, blockPasses) => {
        passesDone += blockPasses;
        options.onProgress?.(passesDone);
      },
      options.abortSignal,
    );
    // Keep the figures the tidy rows need: the pass count, per option its counters and each ally's blockers.
    const { layout } = state;
    let at = plan.offsets[experiment]! - start;
    counts[at++] = passesInRange(blocks, passes);
    for (let option = 0; option < model.optionCount; option++) {
      for (let counter = 0; counter < EXPERIMENT_OPTION_COUNTERS; counter++) counts[at++] = tally[layout.option(option, counter)]!;
      for (let ally = 0; ally < model.allyCount; ally++) counts[at++] = tally[layout.ally(option, ally, ALLY_COUNTER.blocker)]!;
    }
  }
  return { experiments, counts };
}
