/**
 * Preparing an experiment: validate the design and its scenarios, resolve every field in every
 * scenario, check that every value the design can set lies in the field's domain, and lay out
 * the design points and the work (units of one block of one experiment) before any pass runs.
 */
import { ConcertInputError, formatPath, type Problem } from '../../problems.js';
import type { Seed } from '../../random/random.js';
import { BLOCK_SIZE, blockCount, type BlockRange } from '../../run/blocks.js';
import { scenarioHash } from '../../run/prepare.js';
import { formulaCostProblem } from '../../run/formulaCost.js';
import { compileModel } from '../../model/compiledModel.js';
import { canonicalJson, sha256Hex } from '../../scenario/canonicalJson.js';
import type { Scenario } from '../../scenario/schema.js';
import { parseScenario, problemsFromZod, validateScenario } from '../../scenario/validate.js';
import { ENGINE_VERSION, MODEL_VERSION } from '../../version.js';
import {
  ExperimentDesignSchema,
  MAX_EXPERIMENTS,
  MAX_EXPERIMENT_PASSES,
  type ExperimentDesign,
  type ResolvedDesign,
  type SamplingMethod,
} from './design.js';
import { resolveFieldPath, withValueAt, type ExperimentField } from './fieldPath.js';
import { evenLevels, fullFactorial } from './fullFactorial.js';
import { latinHypercube } from './latinHypercube.js';
import { sobolSequence } from './sobolSequence.js';
import { FIXED_COLUMNS } from './experimentColumns.js';

/** A scenario an experiment runs on: its name (a file or a built-in name, as the design gave it) and its contents. */
export interface ExperimentScenario {
  readonly name: string;
  readonly scenario: unknown;
}

/** One varied field, as a column of the output. */
export interface ExperimentInput {
  /** The column name (the field's `name`, or its canonical path). */
  readonly name: string;
  /** The canonical path, e.g. `allies.HUN.hawkishness.center`. */
  readonly path: string;
  /** In words (in the first scenario), e.g. `Hungary's hawkishness (center)`. */
  readonly label: string;
}

/** What identifies an experiment: same manifest, same bytes. */
export interface ExperimentManifest {
  /** SHA-256 of the design's canonical JSON (with its defaults and its scenario names). */
  readonly designHash: string;
  readonly seed: Seed;
  /** Passes per experiment. */
  readonly passes: number;
  readonly blockSize: number;
  readonly sampling: SamplingMethod;
  /** Design points (experiments per scenario). */
  readonly experiments: number;
  readonly scenarios: readonly { readonly name: string; readonly id: string; readonly scenarioHash: string }[];
  readonly engineVersion: string;
  readonly modelVersion: string;
}

/** A validated experiment, ready to run units of (also in workers: build it once per worker). */
export interface ExperimentPlan {
  /** The design with its defaults filled in and `scenarios` naming the scenarios run. */
  readonly design: ResolvedDesign;
  readonly scenarios: readonly { readonly name: string; readonly scenario: Scenario }[];
  /** Per scenario, the resolved fields (ids may sit at other indices in other scenarios). */
  readonly fields: readonly (readonly ExperimentField[])[];
  readonly inputs: readonly ExperimentInput[];
  /** Design points per scenario. */
  readonly experiments: number;
  /** The field values of each design point, row-major (`experiments` x fields). */
  readonly values: Float64Array;
  /** Blocks of passes per experiment. */
  readonly blocks: number;
  /** Units of work: scenarios x experiments x blocks; unit `u` is block `u % blocks` of experiment `floor(u / blocks)`. */
  readonly units: number;
  /** Where each experiment's counts start in the experiment tally (one entry more than experiments, for the end). */
  readonly offsets: Float64Array;
  readonly manifest: ExperimentManifest;
}

/** Counts kept per option of an experiment, in order (the engine's first eight option counters). */
export const EXPERIMENT_OPTION_COUNTERS = 8;

/** The entries one experiment of a scenario keeps: its pass count, then per option 8 counters and each ally's blocker count. */
export function experimentStride(scenario: Scenario): number {
  return 1 + scenario.options.length * (EXPERIMENT_OPTION_COUNTERS + scenario.allies.length);
}

/** The values a field takes at the design's levels or range ends, each with the design path it came from. */
function valuesToCheck(field: ResolvedDesign['fields'][number], index: number): { value: number; path: string }[] {
  if (field.values !== undefined) return field.values.map((value, k) => ({ value, path: `fields[${index}].values[${k}]` }));
  return [
    { value: field.lower!, path: `fields[${index}].lower` },
    { value: field.upper!, path: `fields[${index}].upper` },
  ];
}

/** A field's value at each design point's unit coordinate: a range is stretched, a list picked from. */
function fieldValue(field: ResolvedDesign['fields'][number], u: number): number {
  if (field.values !== undefined) return field.values[Math.min(field.values.length - 1, Math.floor(u * field.values.length))]!;
  return field.lower! + u * (field.upper! - field.lower!);
}

const count = (n: number) => n.toLocaleString('en-US');

/** The design points (field values), or the problems that prevent them. */
function designPoints(design: ResolvedDesign, problems: Problem[]): { experiments: number; values: Float64Array } | undefined {
  const { sampling, fields } = design;
  const k = fields.length;
  const samplingSeed = 'seed' in sampling && sampling.seed !== undefined ? sampling.seed : design.seed;
  if (sampling.method === 'full-factorial') {
    const missing = fields.map((field, i) => (field.values === undefined ? i : -1)).filter((i) => i >= 0);
    if (missing.length > 0 && sampling.levels === undefined) {
      problems.push({
        path: 'sampling.levels',
        message: `is required for a full factorial over a range (${missing.map((i) => `fields[${i}]`).join(', ')}): the number of evenly spaced levels of each range, e.g. 3`,
      });
      return undefined;
    }
    const levels = fields.map((field) => field.values ?? evenLevels(field.lower!, field.upper!, sampling.levels!));
    const experiments = levels.reduce((product, list) => product * list.length, 1);
    if (experiments > MAX_EXPERIMENTS) {
      problems.push({
        path: 'sampling',
        message: `must make at most ${count(MAX_EXPERIMENTS)} experiments: a full factorial of ${levels.map((list) => list.length).join(' x ')} levels is ${count(experiments)} (use fewer levels, or a Latin hypercube)`,
        value: sampling,
      });
      return undefined;
    }
    const indices = fullFactorial(levels.map((list) => list.length));
    return { experiments, values: Float64Array.from(indices, (level, at) => levels[at % k]![level]!) };
  }
  const samples = sampling.samples;
  if (sampling.method === 'latin-hypercube') {
    if (samples < 2) {
      problems.push({ path: 'sampling.samples', message: 'must be at least 2 for a Latin hypercube (its strata spread the points over each range)', value: samples });
      return undefined;
    }
    const units = latinHypercube(k, samples, samplingSeed);
    return { experiments: samples, values: Float64Array.from(units, (u, at) => fieldValue(fields[at % k]!, u)) };
  }
  if (samples < 2 || (samples & (samples - 1)) !== 0) {
    const below = 2 ** Math.floor(Math.log2(Math.max(2, samples)));
    problems.push({
      path: 'sampling.samples',
      message: `must be a power of 2 of at least 2 for a Sobol' sequence (its balance holds for 2^m points), e.g. ${below === samples ? below * 2 : below} or ${below * 2}`,
      value: samples,
    });
    return undefined;
  }
  const units = sobolSequence(k, samples, sampling.scramble ? { seed: samplingSeed } : {});
  return { experiments: samples, values: Float64Array.from(units, (u, at) => fieldValue(fields[at % k]!, u)) };
}

/**
 * Validates a design and its scenarios and lays out the experiment. Every value the design can
 * give a field (a range's ends, each listed value) is checked against the field's domain in each
 * scenario, by the scenario schema itself.
 *
 * @throws {ConcertInputError} (kind `analysis-settings`) listing every problem with the design,
 *   each with its path (`fields[1].upper`, `sampling.samples`), the value and what was expected;
 *   (kind `scenario`) for an invalid scenario.
 * @example
 * const plan = prepareExperiment(design, [{ name: 'nato-russia-2025', scenario }]);
 * plan.experiments; // => the design points, e.g. 200 for a Latin hypercube of 200 samples
 */
export function prepareExperiment(designInput: ExperimentDesign, scenarioInputs: readonly ExperimentScenario[]): ExperimentPlan {
  const checked = ExperimentDesignSchema.safeParse(designInput, { reportInput: true });
  if (!checked.success) throw new ConcertInputError('invalid experiment design', problemsFromZod(checked.error.issues), 'analysis-settings');
  const parsed = checked.data;
  const problems: Problem[] = [];
  if (scenarioInputs.length === 0)
    throw new ConcertInputError('invalid experiment design', [{ path: 'scenario', message: 'must name a scenario (a file or a built-in name), or scenarios a list of them' }], 'analysis-settings');
  const scenarios = scenarioInputs.map(({ name, scenario }) => {
    const checked = parseScenario(scenario);
    if (!checked.success) throw new ConcertInputError(`invalid scenario ${name}`, checked.problems, 'scenario');
    return { name, scenario: checked.data };
  });
  // In a fixed key order, so that a design prepared again (from a result or a shard) gives the same bytes.
  const design: ResolvedDesign = {
    ...(parsed.title === undefined ? {} : { title: parsed.title }),
    ...(parsed.description === undefined ? {} : { description: parsed.description }),
    scenarios: scenarios.map((s) => s.name),
    fields: parsed.fields,
    sampling: parsed.sampling,
    passes: parsed.passes,
    seed: parsed.seed,
  };

  // Resolve every field in every scenario, and check the values it can take.
  const fields = scenarios.map(({ name, scenario }) =>
    design.fields.map((field, i): ExperimentField | undefined => {
      const resolved = resolveFieldPath(scenario, field.path);
      const where = scenarios.length > 1 ? ` in scenario ${name}` : '';
      if (typeof resolved === 'string') {
        problems.push({ path: `fields[${i}].path`, message: `must name a numeric field of the scenario${where}: ${resolved}`, value: field.path });
        return undefined;
      }
      if (resolved.integer && field.values === undefined) {
        problems.push({ path: `fields[${i}]`, message: `must list values for ${resolved.path}, a whole number (e.g. "values": [1, 2, 3]), not a range` });
        return resolved;
      }
      const location = formatPath(resolved.location);
      for (const { value, path } of valuesToCheck(field, i)) {
        const moved = parseScenario(withValueAt(scenario, resolved.location, value));
        if (moved.success) continue;
        for (const problem of moved.problems)
          problems.push(
            problem.path === location
              ? { path, message: `${problem.message} (the domain of ${resolved.path}${where})`, value }
              : { path, message: `gives an invalid scenario${where}: ${problem.path}: ${problem.message}`, value },
          );
      }
      return resolved;
    }),
  );
  // Fields must be distinct, and so must the columns.
  const first = fields[0]!;
  const columns = new Set<string>(FIXED_COLUMNS);
  design.fields.forEach((field, i) => {
    const resolved = first[i];
    if (resolved === undefined) return;
    const earlier = first.findIndex((other, j) => j < i && other?.path === resolved.path);
    if (earlier >= 0) problems.push({ path: `fields[${i}].path`, message: `must not repeat fields[${earlier}] (both name ${resolved.path})`, value: field.path });
    const name = field.name ?? resolved.path;
    if (earlier < 0 && columns.has(name))
      problems.push({ path: `fields[${i}].name`, message: `must differ from the other columns (${name} is already one); give the field another name`, value: name });
    columns.add(name);
  });

  const points = designPoints(design, problems);
  const experiments = points?.experiments ?? 0;
  const total = experiments * scenarios.length;
  if (points !== undefined && total > MAX_EXPERIMENTS)
    problems.push({
      path: 'scenarios',
      message: `must make at most ${count(MAX_EXPERIMENTS)} experiments in all: ${count(experiments)} design points x ${scenarios.length} scenarios is ${count(total)}`,
      value: design.scenarios,
    });
  else if (points !== undefined && total * design.passes > MAX_EXPERIMENT_PASSES)
    problems.push({
      path: 'passes',
      message: `must keep experiments x passes at most ${MAX_EXPERIMENT_PASSES.toExponential(0)}: ${count(total)} experiments x ${count(design.passes)} passes is ${(total * design.passes).toExponential(2)} (lower passes or the sample size, or split the design)`,
      value: design.passes,
    });
  // Every experiment evaluates its scenario's signal formula in every pass: probe it as a run of all of them.
  if (points !== undefined && problems.length === 0)
    for (const { name, scenario } of scenarios) {
      const tooSlow = formulaCostProblem(compileModel(scenario), experiments * design.passes, scenario.signal.formula, `${count(experiments)} experiments`);
      if (tooSlow !== null) problems.push({ ...tooSlow, path: `scenario ${name}: ${tooSlow.path}` });
    }
  if (problems.length > 0) throw new ConcertInputError('invalid experiment design', problems, 'analysis-settings');

  const blocks = blockCount(design.passes);
  const offsets = new Float64Array(total + 1);
  scenarios.forEach(({ scenario }, s) => {
    const stride = experimentStride(scenario);
    for (let e = 0; e < experiments; e++) offsets[s * experiments + e + 1] = offsets[s * experiments + e]! + stride;
  });
  return {
    design,
    scenarios,
    fields: fields as ExperimentField[][],
    inputs: design.fields.map((field, i) => ({ name: field.name ?? first[i]!.path, path: first[i]!.path, label: first[i]!.label })),
    experiments,
    values: points!.values,
    blocks,
    units: total * blocks,
    offsets,
    manifest: {
      designHash: sha256Hex(canonicalJson(design)),
      seed: design.seed,
      passes: design.passes,
      blockSize: BLOCK_SIZE,
      sampling: design.sampling.method,
      experiments,
      scenarios: scenarios.map(({ name, scenario }) => ({ name, id: scenario.id, scenarioHash: scenarioHash(scenario) })),
      engineVersion: ENGINE_VERSION,
      modelVersion: MODEL_VERSION,
    },
  };
}

/** The scenario of experiment `experiment` (over all scenarios, from 0): its base scenario with the design point's fields set, not yet validated. */
export function experimentScenario(plan: ExperimentPlan, experiment: number): unknown {
  const s = Math.floor(experiment / plan.experiments);
  const point = experiment % plan.experiments;
  const k = plan.inputs.length;
  let scenario: unknown = plan.scenarios[s]!.scenario;
  plan.fields[s]!.forEach((field, j) => {
    scenario = withValueAt(scenario, field.location, plan.values[point * k + j]!);
  });
  return scenario;
}

/** The experiments (over all scenarios, from 0) that units `range` touch. */
export function experimentsOfUnits(plan: ExperimentPlan, range: BlockRange): BlockRange {
  return { from: Math.floor(range.from / plan.blocks), to: Math.floor((range.to - 1) / plan.blocks) + 1 };
}

/** Experiment `experiment` in words for a message: `experiment 3 (allies.HUN.hawkishness.center = 0.3, ...)`, with its scenario when there are several. */
export function describeExperiment(plan: ExperimentPlan, experiment: number): string {
  const s = Math.floor(experiment / plan.experiments);
  const point = experiment % plan.experiments;
  const k = plan.inputs.length;
  const settings = plan.inputs.map((input, j) => `${input.name} = ${plan.values[point * k + j]}`).join(', ');
  return `experiment ${point + 1}${plan.scenarios.length > 1 ? ` of scenario ${plan.scenarios[s]!.name}` : ''} (${settings})`;
}

/**
 * Validates the scenario of every experiment that units `range` touch, before any of their
 * passes run: each is its base scenario with the fields set, and fields can be invalid together
 * (dimension weights that are both 0) even when each value is in its domain.
 *
 * @throws {ConcertInputError} (kind `analysis-settings`) naming each invalid experiment and what is wrong.
 */
export function checkExperimentScenarios(plan: ExperimentPlan, range: BlockRange = { from: 0, to: plan.units }): void {
  const problems: Problem[] = [];
  const { from, to } = experimentsOfUnits(plan, range);
  for (let experiment = from; experiment < to && problems.length < 20; experiment++) {
    const parsed = parseScenario(experimentScenario(plan, experiment));
    if (!parsed.success)
      for (const problem of parsed.problems)
        problems.push({ path: describeExperiment(plan, experiment), message: `gives an invalid scenario: ${problem.path}: ${problem.message}`, value: problem.value });
  }
  if (problems.length > 0) throw new ConcertInputError('invalid experiment design', problems, 'analysis-settings');
}

/** The validated scenario of an experiment. */
export function validatedExperimentScenario(plan: ExperimentPlan, experiment: number): Scenario {
  return validateScenario(experimentScenario(plan, experiment));
}
