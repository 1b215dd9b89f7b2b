/**
 * Variance-based global sensitivity of the simulation: Sobol first-order and total indices of an
 * option's consensus, risk or viability over ranges of ally centers, event probabilities, the
 * bargaining step, the threshold center and the other sensitivity parameters.
 *
 * The inner model at a design point is the Monte Carlo estimate of the measure with the
 * parameters set to that point, from `innerPasses` passes on the streams of the run's seed
 * (the same streams at every point: common random numbers). That estimate carries binomial
 * noise of variance about p(1 - p) / innerPasses; the result reports it beside the output
 * variance (`noiseShare`), see docs/SENSITIVITY.md for what it does to the indices.
 */
import { checkRange, throwIfAborted } from '../../run/blocks.js';
import { EngineState, evaluateOption } from '../../run/engine.js';
import { forEachPass } from '../../run/passes.js';
import { compileModel, type CompiledModel } from '../../model/compiledModel.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { MAX_SOBOL_VALUES } from '../../budgets.js';
import { ConcertInputError, type Problem, listForMessage } from '../../problems.js';
import type { Seed } from '../../random/random.js';
import { blockCount } from '../../run/blocks.js';
import { scenarioHash } from '../../run/prepare.js';
import type { Scenario } from '../../scenario/schema.js';
import { validateScenario } from '../../scenario/validate.js';
import { ENGINE_VERSION, modelVersionOf } from '../../version.js';
import { sensitivityParameters, withParameterValues, type SensitivityParameter } from './parameters.js';
import { saltelliDesign, type SaltelliDesign } from './saltelliDesign.js';
import {
  MINIMUM_INNER_PASSES,
  SobolSettingsSchema,
  domainProblem,
  minimumSobolSamples,
  parseSettings,
  type SensitivityMeasure,
  type SobolSettings,
} from './settings.js';
import { sobolIndices, type SobolIndex } from './sobolIndices.js';
import type { AbortSignalLike } from '../../host.js';

/** One output of a Sobol analysis: a measure of one option. */
export interface SobolOutput {
  readonly option: number;
  readonly measure: SensitivityMeasure;
}

/** What identifies a Sobol analysis: same manifest, same bytes. */
export interface SobolManifest {
  readonly seed: Seed;
  readonly samples: number;
  readonly innerPasses: number;
  readonly bootstrap: number;
  readonly confidence: number;
  readonly parameters: readonly { readonly name: string; readonly lower: number; readonly upper: number }[];
  readonly outputs: readonly { readonly option: string; readonly measure: SensitivityMeasure }[];
  /** Design points, `(k + 2) samples`, each run for `innerPasses` passes. */
  readonly points: number;
  readonly scenarioHash: string;
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** A validated Sobol analysis, ready to evaluate ranges of design points (also in workers). */
export interface SobolPlan {
  readonly scenario: Scenario;
  readonly model: CompiledModel;
  readonly parameters: readonly SensitivityParameter[];
  readonly ranges: readonly { readonly lower: number; readonly upper: number }[];
  readonly outputs: readonly SobolOutput[];
  readonly design: SaltelliDesign;
  readonly manifest: SobolManifest;
}

/** The indices of one parameter for one output. */
export interface SobolParameterIndices {
  readonly parameter: string;
  readonly label: string;
  /** Null when the output does not vary over the ranges (its indices are undefined). */
  readonly first: SobolIndex | null;
  readonly total: SobolIndex | null;
}

/** The analysis of one output. */
export interface SobolOutputResult {
  readonly option: string;
  readonly measure: SensitivityMeasure;
  /** Mean and variance of the inner estimates over the A and B points. */
  readonly mean: number;
  readonly variance: number;
  /** Mean binomial variance p (1 - p) / innerPasses of the inner estimates over the A and B points. */
  readonly noiseVariance: number;
  /** `noiseVariance / variance` (null when the output does not vary): the share of the variance that may be inner noise. */
  readonly noiseShare: number | null;
  readonly indices: readonly SobolParameterIndices[];
}

/** The result of {@link sobol}. */
export interface SobolResult {
  readonly format: 'concert-sobol';
  readonly formatVersion: 1;
  readonly manifest: SobolManifest;
  readonly outputs: readonly SobolOutputResult[];
}

/**
 * Validates a scenario and Sobol settings and builds the design.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings: an unknown or repeated
 *   parameter name, a range outside the parameter's domain, an unknown option, too few samples
 *   for the number of parameters ({@link minimumSobolSamples}) or inner passes (at least 100).
 */
export function prepareSobol(scenarioInput: unknown, settingsInput: SobolSettings): SobolPlan {
  const settings = parseSettings(SobolSettingsSchema, settingsInput, 'Sobol');
  const scenario = validateScenario(scenarioInput);
  const catalog = sensitivityParameters(scenario);
  const problems: Problem[] = [];
  const parameters: SensitivityParameter[] = [];
  settings.parameters.forEach((range, i) => {
    const parameter = catalog.find((p) => p.name === range.name);
    if (parameter === undefined) {
      problems.push({
        path: `parameters[${i}].name`,
        message: 'must be the name of a parameter of this scenario, e.g. allies.<id>.hawkishness, events.<id>.probability, bargaining.step or signal.threshold.center (no "*" in a Sobol range)',
        value: range.name,
      });
      return;
    }
    const earlier = settings.parameters.findIndex((other) => other.name === range.name);
    if (earlier < i) problems.push({ path: `parameters[${i}].name`, message: `must not repeat parameters[${earlier}]`, value: range.name });
    for (const end of ['lower', 'upper'] as const) {
      const problem = domainProblem(parameter, range[end], `parameters[${i}].${end}`);
      if (problem !== undefined) problems.push(problem);
    }
    parameters.push(parameter);
  });
  const outputs: SobolOutput[] = [];
  if (settings.outputs === undefined) {
    for (let option = 0; option < scenario.options.length; option++)
      outputs.push({ option, measure: 'consensus' }, { option, measure: 'risk' });
  } else
    settings.outputs.forEach((output, i) => {
      const option = scenario.options.findIndex((o) => o.id === output.option);
      if (option >= 0) outputs.push({ option, measure: output.measure });
      else
        problems.push({
          path: `outputs[${i}].option`,
          message: `must be the id of an option of this scenario (${listForMessage(scenario.options.map((o) => o.id))})`,
          value: output.option,
        });
    });
  const k = settings.parameters.length;
  const minimum = minimumSobolSamples(k);
  if (settings.samples < minimum)
    problems.push({
      path: 'samples',
      message: `must be at least ${minimum} for ${k} parameter${k === 1 ? '' : 's'} (max(64, 4 k^2): the Jansen estimators' error, about 1/sqrt(samples), must be well below a typical index 1/k)`,
      value: settings.samples,
    });
  if (settings.innerPasses < MINIMUM_INNER_PASSES)
    problems.push({
      path: 'innerPasses',
      message: `must be at least ${MINIMUM_INNER_PASSES} (the inner estimate of a probability then has a standard error of at most 0.05)`,
      value: settings.innerPasses,
    });
  const values = (k + 2) * settings.samples * (k + Math.max(1, outputs.length));
  if (values > MAX_SOBOL_VALUES)
    problems.push({
      path: 'samples',
      message: `must keep the analysis within ${MAX_SOBOL_VALUES.toLocaleString('en-US')} numbers in memory: ${(k + 2).toLocaleString('en-US')} x samples design points, each with ${k} parameters and ${outputs.length} outputs, hold ${values.toLocaleString('en-US')}; use fewer samples, parameters or outputs`,
      value: settings.samples,
    });
  if (problems.length > 0) throw new ConcertInputError('invalid Sobol settings', problems, 'analysis-settings');

  const design = saltelliDesign(k, settings.samples, settings.seed);
  const model = compileModel(scenario);
  const tooSlow = formulaCostProblem(model, (k + 2) * settings.samples * settings.innerPasses, scenario.signal.formula, 'a Sobol analysis');
  if (tooSlow !== null) throw new ConcertInputError('signal formula too slow for this analysis', [tooSlow], 'signal-formula');
  return {
    scenario,
    model,
    parameters,
    ranges: settings.parameters.map(({ lower, upper }) => ({ lower, upper })),
    outputs,
    design,
    manifest: {
      seed: settings.seed,
      samples: settings.samples,
      innerPasses: settings.innerPasses,
      bootstrap: settings.bootstrap,
      confidence: settings.confidence,
      parameters: settings.parameters.map(({ name, lower, upper }) => ({ name, lower, upper })),
      outputs: outputs.map(({ option, measure }) => ({ option: scenario.options[option]!.id, measure })),
      points: (k + 2) * settings.samples,
      scenarioHash: scenarioHash(scenario),
      engineVersion: ENGINE_VERSION,
      modelVersion: modelVersionOf(scenario),
    },
  };
}

/**
 * The parameter values of design point `point`: each coordinate in [0, 1) mapped onto its range.
 */
export function sobolPointValues(plan: SobolPlan, point: number): Float64Array {
  const k = plan.parameters.length;
  return Float64Array.from(plan.ranges, ({ lower, upper }, i) => lower + plan.design.points[point * k + i]! * (upper - lower));
}

/**
 * Runs the inner model at design points `[from, to)`: per point and output, the share of
 * `innerPasses` passes (run in the engine's blocks on the streams of the seed) with the outcome.
 * Returns `(to - from) * outputs` numbers, point by point; the numbers of a point do not depend
 * on how the points are split.
 *
 * @throws {ConcertInputError} for a point range outside the design.
 */
export function evaluateSobolPoints(
  plan: SobolPlan,
  range: { from: number; to: number },
  options: { onPoint?: (pointsDone: number) => void; abortSignal?: AbortSignalLike } = {},
): Float64Array {
  const { from, to } = range;
  checkRange(range, plan.manifest.points, 'points');
  const { outputs, manifest } = plan;
  const { innerPasses, seed } = manifest;
  const optionsUsed = [...new Set(outputs.map((o) => o.option))].sort((a, b) => a - b);
  const column = outputs.map((o) => optionsUsed.indexOf(o.option));
  const consensus = new Float64Array(optionsUsed.length);
  const risk = new Float64Array(optionsUsed.length);
  const viable = new Float64Array(optionsUsed.length);
  const values = new Float64Array((to - from) * outputs.length);
  const allBlocks = { from: 0, to: blockCount(innerPasses) };
  for (let point = from; point < to; point++) {
    const model = withParameterValues(plan.model, plan.parameters, sobolPointValues(plan, point));
    const state = new EngineState(model);
    consensus.fill(0);
    risk.fill(0);
    viable.fill(0);
    forEachPass({
      model,
      seed,
      passes: innerPasses,
      range: allBlocks,
      world: state.world,
      onPass: () => {
        for (let u = 0; u < optionsUsed.length; u++) {
          const outcome = evaluateOption(state, optionsUsed[u]!, null);
          if (outcome.consensus) consensus[u]! += 1;
          if (outcome.risk) risk[u]! += 1;
          if (outcome.consensus && !outcome.risk) viable[u]! += 1;
        }
      },
    });
    outputs.forEach((output, o) => {
      const counts = output.measure === 'consensus' ? consensus : output.measure === 'risk' ? risk : viable;
      values[(point - from) * outputs.length + o] = counts[column[o]!]! / innerPasses;
    });
    options.onPoint?.(point - from + 1);
    throwIfAborted(options.abortSignal, 'The Sobol analysis');
  }
  return values;
}

/**
 * Turns the inner estimates of every design point (as {@link evaluateSobolPoints} returns them,
 * for all points in order) into indices with bootstrap intervals.
 *
 * @throws {ConcertInputError} when the values do not cover every point.
 */
export function summarizeSobol(plan: SobolPlan, values: ArrayLike<number>): SobolResult {
  const { manifest, outputs } = plan;
  const k = plan.parameters.length;
  const n = manifest.samples;
  const stride = outputs.length;
  if (values.length !== manifest.points * stride)
    throw new ConcertInputError('incomplete Sobol analysis', [
      { path: 'values', message: `must hold ${manifest.points * stride} numbers (${manifest.points} points of ${stride} outputs); is a range of points missing?`, value: `${values.length} numbers` },
    ], 'partial');
  return {
    format: 'concert-sobol',
    formatVersion: 1,
    manifest,
    outputs: outputs.map((output, o) => {
      const indices = sobolIndices(values, k, n, {
        bootstrap: manifest.bootstrap,
        confidence: manifest.confidence,
        seed: manifest.seed,
        output: o,
        stride,
      });
      let noise = 0;
      for (let p = 0; p < 2 * n; p++) {
        const share = values[p * stride + o]!;
        noise += (share * (1 - share)) / manifest.innerPasses;
      }
      const noiseVariance = noise / (2 * n);
      return {
        option: plan.scenario.options[output.option]!.id,
        measure: output.measure,
        mean: indices.mean,
        variance: indices.variance,
        noiseVariance,
        noiseShare: indices.variance > 0 ? noiseVariance / indices.variance : null,
        indices: plan.parameters.map((parameter, i) => ({
          parameter: parameter.name,
          label: parameter.label,
          first: indices.first[i]!,
          total: indices.total[i]!,
        })),
      };
    }),
  };
}

/**
 * Sobol first-order and total indices of options' consensus, risk or viability over parameter
 * ranges: a Saltelli design of `samples` base rows, `innerPasses` passes per point on common
 * random numbers, Jansen's estimators and bootstrap intervals.
 *
 * @throws {ConcertInputError} for an invalid scenario or settings, naming each setting.
 * @example
 * const result = sobol(scenario, {
 *   parameters: [{ name: 'allies.HU.hawkishness', lower: 0.1, upper: 0.5 }, { name: 'events.escalation.probability', lower: 0, upper: 0.4 }],
 *   outputs: [{ option: 'dual-track', measure: 'consensus' }],
 *   samples: 256, innerPasses: 2000, seed: 1,
 * });
 * result.outputs[0].indices[0].total; // => { estimate, lower, upper, standardError }
 */
export function sobol(scenario: unknown, settings: SobolSettings & { onPoint?: (pointsDone: number) => void; abortSignal?: AbortSignalLike }): SobolResult {
  const { onPoint, abortSignal, ...rest } = settings;
  const plan = prepareSobol(scenario, rest);
  const options: { onPoint?: (pointsDone: number) => void; abortSignal?: AbortSignalLike } = {};
  if (onPoint !== undefined) options.onPoint = onPoint;
  if (abortSignal !== undefined) options.abortSignal = abortSignal;
  return summarizeSobol(plan, evaluateSobolPoints(plan, { from: 0, to: plan.manifest.points }, options));
}

