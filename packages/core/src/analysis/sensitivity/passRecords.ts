/**
 * Per-pass records (opt-in): for every pass, which events occurred, each ally's sampled stance,
 * Russia's sampled threshold, and each option's outcome. Scenario discovery searches them for the
 * conditions under which consensus fails or the threshold is crossed.
 *
 * Passes are the engine's: block `j` draws from `blockStream(seed, j)`, so the records are those
 * of the passes `simulate` counts with the same seed.
 */
import { blockCount } from '../../run/blocks.js';
import { EngineState, evaluateOption } from '../../run/engine.js';
import { forEachPass } from '../../run/passes.js';
import { compileModel } from '../../model/compiledModel.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { ConcertInputError, listForMessage } from '../../problems.js';
import type { Seed } from '../../random/random.js';
import { STANCE_PARAMETERS, type Scenario } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { MAX_RECORDED_PASSES } from './settings.js';

/** One recorded quantity, one value per pass. */
export interface RecordedFeature {
  /** E.g. `events.escalation`, `allies.HU.hawkishness`, `signal.threshold`. */
  readonly name: string;
  /** In words, e.g. `Escalation incident` (an event's name), `Hungary's hawkishness`. */
  readonly label: string;
  /** An event's occurrence (values 0 or 1), a sampled stance, or the sampled threshold (in [0, 1]). */
  readonly kind: 'event' | 'stance' | 'threshold';
  readonly values: Float32Array;
}

/** The outcomes of one option, one entry per pass (1 yes, 0 no). */
export interface RecordedOutcomes {
  readonly id: string;
  readonly name: string;
  readonly consensus: Uint8Array;
  readonly risk: Uint8Array;
}

/** The records of a run's passes. */
export interface PassRecords {
  readonly passes: number;
  readonly seed: Seed;
  readonly scenario: Scenario;
  /** Every event, every uncertain stance parameter of every ally, and the threshold when uncertain; fixed quantities are left out. */
  readonly features: readonly RecordedFeature[];
  readonly options: readonly RecordedOutcomes[];
}

const STANCE_WORDS = ['hawkishness', 'engagement preference', 'salience'] as const;

/**
 * Runs `passes` passes with `seed` and keeps every pass's sampled world and outcomes. Memory grows
 * with passes (4 bytes per feature and pass), so at most 200,000 passes are recorded (80 MB for 100 features).
 *
 * @throws {ConcertInputError} for an invalid scenario, pass count, seed or option id.
 * @example
 * const records = recordPasses(scenario, { passes: 20_000, seed: 1, options: ['dual-track'] });
 * records.features.find((f) => f.name === 'events.escalation').values; // 0 or 1 per pass
 */
export function recordPasses(
  scenarioInput: unknown,
  { passes, seed, options }: { passes: number; seed: Seed; options?: readonly string[] },
): PassRecords {
  if (!Number.isInteger(passes) || passes < 1 || passes > MAX_RECORDED_PASSES)
    throw new ConcertInputError('invalid records settings', [{ path: 'passes', message: `must be a whole number from 1 to ${MAX_RECORDED_PASSES} (records are kept in memory)`, value: passes }], 'analysis-settings');
  const scenario = validateScenario(scenarioInput);
  const model = compileModel(scenario);
  const tooSlow = formulaCostProblem(model, passes, scenario.signal.formula, 'recording passes');
  if (tooSlow !== null) throw new ConcertInputError('signal formula too slow for this analysis', [tooSlow], 'signal-formula');
  const chosen = options === undefined ? scenario.options.map((_, index) => index) : options.map((id) => scenario.options.findIndex((o) => o.id === id));
  const unknown = chosen.flatMap((index, i) => (index < 0 ? [i] : []));
  if (unknown.length > 0)
    throw new ConcertInputError('invalid records settings', unknown.map((i) => ({ path: `options[${i}]`, message: `must be the id of an option of this scenario (${listForMessage(scenario.options.map((o) => o.id))})`, value: options![i] })), 'analysis-settings');

  const features: RecordedFeature[] = [];
  const sources: { kind: 'event' | 'stance' | 'threshold'; index: number }[] = [];
  scenario.events.forEach((event, e) => {
    features.push({ name: `events.${event.id}`, label: event.name ?? event.id, kind: 'event', values: new Float32Array(passes) });
    sources.push({ kind: 'event', index: e });
  });
  scenario.allies.forEach((ally, a) =>
    STANCE_PARAMETERS.forEach((parameter, p) => {
      if (typeof ally[parameter] === 'number') return;
      features.push({ name: `allies.${ally.id}.${parameter}`, label: `${ally.name ?? ally.id}'s ${STANCE_WORDS[p]}`, kind: 'stance', values: new Float32Array(passes) });
      sources.push({ kind: 'stance', index: a * 3 + p });
    }),
  );
  if (!model.thresholdFixed) {
    features.push({ name: 'signal.threshold', label: "Russia's tolerance threshold", kind: 'threshold', values: new Float32Array(passes) });
    sources.push({ kind: 'threshold', index: -1 });
  }
  const outcomes: RecordedOutcomes[] = chosen.map((index) => ({
    id: scenario.options[index]!.id,
    name: scenario.options[index]!.name ?? scenario.options[index]!.id,
    consensus: new Uint8Array(passes),
    risk: new Uint8Array(passes),
  }));

  const state = new EngineState(model);
  const world = state.world;
  forEachPass({
    model,
    seed,
    passes,
    range: { from: 0, to: blockCount(passes) },
    world,
    onPass: (pass) => {
      for (let f = 0; f < features.length; f++) {
        const source = sources[f]!;
        features[f]!.values[pass] =
          source.kind === 'event' ? world.occurred[source.index]! : source.kind === 'stance' ? world.stance[source.index]! : world.threshold;
      }
      chosen.forEach((option, o) => {
        const outcome = evaluateOption(state, option, null);
        outcomes[o]!.consensus[pass] = outcome.consensus ? 1 : 0;
        outcomes[o]!.risk[pass] = outcome.risk ? 1 : 0;
      });
    },
  });
  return { passes, seed, scenario, features, options: outcomes };
}
