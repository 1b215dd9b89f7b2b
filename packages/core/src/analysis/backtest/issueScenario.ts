/**
 * From a data set's issue to a Concert scenario (model 2), and from the scenario's passes to a
 * forecast of the outcome. The issue is one-dimensional: positions go on the firmness axis (0-100
 * becomes 0-1) and the engagement axis has weight 0. docs/VALIDATION.md, "From an issue to a
 * scenario", lists every choice.
 *
 * Only an {@link Issue} comes in: the outcome is not part of it, so no forecast can look at it.
 */
import { type ScenarioInput, type Stance } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { compileModel } from '../../model/compiledModel.js';
import { EngineState, evaluateOption } from '../../run/engine.js';
import { forEachPass } from '../../run/passes.js';
import { blockCount } from '../../run/blocks.js';
import type { Seed } from '../../random/random.js';
import type { BacktestModel } from './calibrationFile.js';
import { proposerPosition } from './baselines.js';
import { SCALE_MAX, type Issue } from './dataset.js';

/** Ally ids must be scenario ids: letters, digits, `_`, `.`, `-`. */
function allyId(actorId: string): string {
  const cleaned = actorId.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `a${cleaned}`;
}

/**
 * The scenario of an issue under a model's settings:
 * - one ally per actor; its hawkishness is its position / 100 (a plain number, or with
 *   `positionUncertainty` a reflected normal around it), its salience the salience / 100 (plain,
 *   or with `salienceUncertainty` a log-normal with that median; 0 stays 0), its influence the
 *   actor's weight divided by the largest of the issue (only ratios matter), its solidarity cost
 *   the model's; a member without a position has salience 0
 *   and its ideal point at the status quo (it accepts any text and weighs nothing);
 * - the status quo is the issue's (or `missingStatusQuo`), the one option the proposer's position
 *   (or the status quo when there is none);
 * - dimension weights 1 (firmness) and 0 (engagement); engagement 0.5 everywhere; visibility 0;
 * - with `veto`, the issue's rule (members vote; the proposer and non-voting actors cannot block;
 *   co-legislators must accept); without, a qualified majority of zero, which no one can block;
 * - the model's protocol.
 *
 * @example
 * issueScenario(issue, calibration.model).allies.length; // => the issue's actors
 */
export function issueScenario(issue: Issue, model: BacktestModel): ScenarioInput {
  const statusQuo = (issue.statusQuo ?? model.missingStatusQuo) / SCALE_MAX;
  const proposal = proposerPosition(issue);
  const ids = new Map<string, string>();
  // Influence is relative (a compromise's weights, the chair's pull): the weights are divided by the largest.
  const largestWeight = Math.max(...issue.actors.map((actor) => actor.weight));
  const allies = issue.actors.map((actor, index) => {
    let id = allyId(actor.id);
    if ([...ids.values()].includes(id)) id = `${id}_${index}`;
    ids.set(actor.id, id);
    const position = actor.position === null ? statusQuo : actor.position / SCALE_MAX;
    const salience = actor.position === null ? 0 : actor.salience / SCALE_MAX;
    const hawkishness: Stance =
      model.positionUncertainty > 0 && actor.position !== null
        ? { center: position, uncertainty: model.positionUncertainty, distribution: 'reflectedNormal' }
        : position;
    const salienceStance: Stance =
      model.salienceUncertainty > 0 && salience > 0
        ? { center: salience, uncertainty: model.salienceUncertainty, distribution: 'logNormal' }
        : salience;
    return {
      id,
      hawkishness,
      engagementPreference: 0.5,
      salience: salienceStance,
      influence: actor.weight / largestWeight,
      solidarityCost: model.solidarityCost,
    };
  });
  const nonBlocking = issue.actors.filter((a) => a.role === 'proposer' || a.role === 'nonVoting').map((a) => ids.get(a.id)!);
  const coLegislators = issue.actors.filter((a) => a.role === 'coLegislator').map((a) => ids.get(a.id)!);
  const roles = {
    ...(nonBlocking.length > 0 ? { nonBlocking } : {}),
    ...(coLegislators.length > 0 ? { coLegislators } : {}),
  };
  const rename = (weights: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(weights).map(([actor, weight]) => [ids.get(actor) ?? allyId(actor), weight]));
  const decisionRule = !model.veto
    ? { rule: 'qualifiedMajority' as const, quotas: [{ atLeast: 0 }], ...(nonBlocking.length > 0 ? { nonBlocking } : {}) }
    : issue.rule.kind === 'unanimity'
      ? { rule: 'unanimity' as const, ...roles }
      : {
          rule: 'qualifiedMajority' as const,
          quotas: issue.rule.quotas.map((quota) => ({ ...quota, ...(quota.weights === undefined ? {} : { weights: rename(quota.weights) }) })),
          ...(issue.rule.blockingMinority === undefined ? {} : { blockingMinority: issue.rule.blockingMinority }),
          ...roles,
        };
  const protocol =
    model.protocol === 'compromise'
      ? { name: 'compromise' as const, influenceExponent: model.influenceExponent, recognition: model.recognition }
      : { name: model.protocol };
  return {
    schemaVersion: 1,
    id: allyId(`issue-${issue.id}`),
    title: `Issue ${issue.id}`,
    statusQuo: { firmness: statusQuo, engagement: 0.5, visibility: 0 },
    dimensionWeights: { firmness: 1, engagement: 0 },
    allies,
    options: [{ id: 'proposal', firmness: proposal === null ? statusQuo : proposal / SCALE_MAX, engagement: 0.5, visibility: 0 }],
    bargaining: model.chair,
    signal: { exponent: 1, threshold: 1 },
    decisionRule,
    protocol,
  };
}

/** The seed of an issue's passes: the run's seed and the issue's id, so each issue has its own streams. */
export function issueSeed(seed: Seed, issueId: string): string {
  return `${String(seed)}/${issueId}`;
}

/**
 * Forecasts an issue: `passes` passes of its scenario from the issue's own seed, each giving the
 * outcome on the data set's scale (the adopted text, or the status quo when nothing is adopted).
 * Same issue, model, passes and seed: the same numbers, on any machine.
 *
 * @throws {ConcertInputError} when the issue's scenario is invalid (e.g. a weight out of range).
 * @example
 * const sample = forecastIssue(issue, calibration.model, 2000, 1); // 2000 outcomes on 0-100
 */
export function forecastIssue(issue: Issue, model: BacktestModel, passes: number, seed: Seed): Float64Array {
  const scenario = validateScenario(issueScenario(issue, model));
  const compiled = compileModel(scenario);
  const state = new EngineState(compiled);
  const outcomes = new Float64Array(passes);
  const statusQuo = compiled.statusQuoFirmness * SCALE_MAX;
  forEachPass({
    model: compiled,
    seed: issueSeed(seed, issue.id),
    passes,
    range: { from: 0, to: blockCount(passes) },
    world: state.world,
    onPass: (pass) => {
      const outcome = evaluateOption(state, 0, null);
      outcomes[pass] = outcome.consensus ? outcome.adoptedFirmness * SCALE_MAX : statusQuo;
    },
  });
  return outcomes;
}
