/**
 * Settings of the sensitivity analyses (tornado, Sobol indices, scenario discovery): zod schemas
 * that are the single source of their types, and the checks against a scenario (parameter names,
 * ranges inside a parameter's domain, sample sizes large enough for the requested indices).
 */
import { z } from 'zod';
import { ConcertInputError, type Problem, listForMessage } from '../../problems.js';
import { MAX_PASSES, type Scenario } from '../../scenario/schema.js';
import { problemsFromZod } from '../../scenario/validate.js';
import {
  DEFAULT_TORNADO_PARAMETERS,
  describeDomain,
  inDomain,
  selectParameters,
  type SensitivityParameter,
} from './parameters.js';

/** A seed as settings and designs take it: a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1. */
export const SeedSchema = z.union(
  [
    z.string().min(1).max(200),
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ],
  { error: 'must be a non-empty string (at most 200 characters) or a whole number from 0 to 2^53 - 1' },
);
/** A run's seed as a setting (the same schema as {@link SeedSchema}). */
export const seed = SeedSchema;
/** A whole number from `min` to `max` as a setting, with one message for every way of missing it. */
export const wholeNumber = (min: number, max: number, what = `a whole number from ${min} to ${max}`) =>
  z
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(min, { error: `must be ${what}` })
    .max(max, { error: `must be ${what}` });
const name = z.string({ error: 'must be a string' }).min(1, { error: 'must be a non-empty string' });

/** The outputs an analysis can explain. */
export const SENSITIVITY_MEASURES = ['consensus', 'risk', 'viability'] as const;
/** An output an analysis explains: `consensus`, `risk` or `viability` (consensus without risk). */
export type SensitivityMeasure = (typeof SENSITIVITY_MEASURES)[number];

/**
 * Settings of {@link tornado}. Defaults: no `step`, so each parameter moves on its own scale
 * (the `scaled` rule of `tornadoSteps.ts`: centers by half their uncertainty on the logit scale,
 * costs by a quarter of their value, probabilities by 0.1); a `step` moves every parameter by
 * that absolute amount instead. `parameters` every ally's stance centers and solidarity cost and every event's probability
 * ({@link DEFAULT_TORNADO_PARAMETERS}), `options` every option.
 */
export const TornadoSettingsSchema = z
  .object({
    /** Passes per point (the base and each moved parameter all run on the same passes). */
    passes: wholeNumber(1, MAX_PASSES),
    seed,
    /**
     * One absolute step for every parameter, on its own value scale; when left out, each
     * parameter moves by a step of its own scale (the `scaled` rule).
     */
    step: z
      .number({ error: 'must be a number greater than 0 and at most 1' })
      .gt(0, { error: 'must be greater than 0' })
      .max(1, { error: 'must be at most 1' })
      .optional(),
    /** Parameter names or selectors with `*` for every ally or event. */
    parameters: z.array(name).min(1, { error: 'must name at least one parameter' }).default([...DEFAULT_TORNADO_PARAMETERS]),
    /** Ids of the options to report; every option when left out. */
    options: z.array(name).min(1, { error: 'must list at least one option id' }).optional(),
  })
  .strict();
/** Tornado settings as written (defaults may be left out). */
export type TornadoSettings = z.input<typeof TornadoSettingsSchema>;
/** Tornado settings with their defaults filled in. */
export type ResolvedTornadoSettings = z.output<typeof TornadoSettingsSchema>;

/** A parameter's range in a Sobol analysis: it is drawn uniformly from `[lower, upper]`. */
export const SobolRangeSchema = z
  .object({
    name,
    lower: z.number({ error: 'must be a finite number' }),
    upper: z.number({ error: 'must be a finite number' }),
  })
  .strict()
  .refine((range) => range.lower < range.upper, { error: 'lower must be less than upper', path: ['upper'] });

/** One output of a Sobol analysis: a measure of one option. */
export const SobolOutputSchema = z
  .object({
    option: name,
    measure: z.enum(SENSITIVITY_MEASURES, { error: `must be one of ${SENSITIVITY_MEASURES.join(', ')}` }),
  })
  .strict();

/**
 * Settings of {@link sobol}. Defaults: `outputs` every option's consensus and risk, `samples`
 * 256 base rows, `innerPasses` 2000, `bootstrap` 1000 resamples, `confidence` 0.95.
 */
export const SobolSettingsSchema = z
  .object({
    /** The uncertain inputs and their ranges. */
    parameters: z.array(SobolRangeSchema).min(1, { error: 'must list at least one parameter range' }).max(50, { error: 'must list at most 50 parameters' }),
    outputs: z.array(SobolOutputSchema).min(1, { error: 'must list at least one output' }).optional(),
    /** Base rows N of the Saltelli design; the model is run at N * (k + 2) points. */
    samples: wholeNumber(1, 1_000_000).default(256),
    /** Monte Carlo passes per design point (the inner model), all from the same inner seed. */
    innerPasses: wholeNumber(1, 10_000_000).default(2000),
    seed,
    /** Bootstrap resamples of the design rows for the confidence intervals. */
    bootstrap: wholeNumber(0, 100_000).default(1000),
    confidence: z
      .number({ error: 'must be a number strictly between 0 and 1' })
      .gt(0, { error: 'must be strictly between 0 and 1' })
      .lt(1, { error: 'must be strictly between 0 and 1' })
      .default(0.95),
  })
  .strict();
/** Sobol settings as written (defaults may be left out). */
export type SobolSettings = z.input<typeof SobolSettingsSchema>;
/** Sobol settings with their defaults filled in. */
export type ResolvedSobolSettings = z.output<typeof SobolSettingsSchema>;

/** What a scenario discovery explains: the option failing to reach consensus, risk, or either. */
export const DISCOVERY_TARGETS = ['failure', 'risk', 'notViable'] as const;
/** The case a discovery explains. */
export type DiscoveryTarget = (typeof DISCOVERY_TARGETS)[number];

/** Largest number of passes whose records scenario discovery keeps. */
export const MAX_RECORDED_PASSES = 200_000;

/**
 * Settings of {@link discoverDrivers}. Defaults: `target` failure, `holdoutPasses` as many as
 * `passes` (fresh passes on which the box found is checked), `alpha` 0.05 (share peeled per step),
 * `minMass` 0.05 (smallest share of passes a box keeps, and a tree leaf holds), `maxConditions` 3,
 * `minCoverage` 0.5 (the box reported is the densest one that still covers half of the cases),
 * `treeDepth` 2 (the shallow decision tree reported beside the box).
 */
export const DiscoverySettingsSchema = z
  .object({
    /** Passes the box is found on. */
    passes: wholeNumber(1, MAX_RECORDED_PASSES),
    /** Further passes (the next ones of the same run) on which the box is checked; 0 for none. */
    holdoutPasses: wholeNumber(0, MAX_RECORDED_PASSES).optional(),
    seed,
    /** The option whose outcome is explained. */
    option: name,
    target: z.enum(DISCOVERY_TARGETS, { error: `must be one of ${DISCOVERY_TARGETS.join(', ')}` }).default('failure'),
    alpha: z
      .number({ error: 'must be a number greater than 0 and at most 0.5' })
      .gt(0, { error: 'must be greater than 0' })
      .max(0.5, { error: 'must be at most 0.5' })
      .default(0.05),
    minMass: z
      .number({ error: 'must be a number strictly between 0 and 1' })
      .gt(0, { error: 'must be strictly between 0 and 1' })
      .lt(1, { error: 'must be strictly between 0 and 1' })
      .default(0.05),
    maxConditions: wholeNumber(1, 10).default(3),
    /** Depth of the shallow decision tree reported beside the box (0 for none). */
    treeDepth: wholeNumber(0, 4).default(2),
    minCoverage: z
      .number({ error: 'must be a number from 0 to 1' })
      .min(0, { error: 'must be from 0 to 1' })
      .max(1, { error: 'must be from 0 to 1' })
      .default(0.5),
  })
  .strict()
  .refine((settings) => settings.passes + (settings.holdoutPasses ?? settings.passes) <= MAX_RECORDED_PASSES, {
    error: `passes and holdoutPasses (by default as many as passes) must add up to at most ${MAX_RECORDED_PASSES} (records are kept in memory)`,
    path: ['holdoutPasses'],
  });
/** Discovery settings as written (defaults may be left out). */
export type DiscoverySettings = z.input<typeof DiscoverySettingsSchema>;
/** Discovery settings with their defaults filled in. */
export type ResolvedDiscoverySettings = z.output<typeof DiscoverySettingsSchema>;

/**
 * Parses settings with a schema, throwing every problem at once.
 *
 * @throws {ConcertInputError} naming each setting's path, its value and what was expected.
 */
export function parseSettings<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ConcertInputError(`invalid ${what} settings`, problemsFromZod(parsed.error.issues), 'analysis-settings');
  return parsed.data;
}

const KNOWN_NAMES =
  'allies.<id>.hawkishness, allies.<id>.engagementPreference, allies.<id>.salience, allies.<id>.solidarityCost, events.<id>.probability, bargaining.step, bargaining.maxDrift or signal.threshold.center (<id> may be *)';

/**
 * The parameters a list of names and selectors picks, without repeats, in catalog order. An
 * exact name that matches nothing, or a selector of an unknown form, is a problem at
 * `path[i]`; a `*` selector that matches nothing (events when the scenario has none) is not.
 */
export function resolveParameterNames(
  catalog: readonly SensitivityParameter[],
  names: readonly string[],
  path: string,
  problems: Problem[],
): SensitivityParameter[] {
  const chosen = new Set<SensitivityParameter>();
  names.forEach((selector, i) => {
    const matches = selectParameters(catalog, selector);
    const wellFormed = /^(allies\.[^.]+\.(hawkishness|engagementPreference|salience|solidarityCost)|events\.[^.]+\.probability|bargaining\.(step|maxDrift)|signal\.threshold\.center)$/.test(selector);
    if (matches.length === 0 && (!wellFormed || !selector.includes('*')))
      problems.push({ path: `${path}[${i}]`, message: `must name a parameter of this scenario: ${KNOWN_NAMES}`, value: selector });
    for (const match of matches) chosen.add(match);
  });
  return catalog.filter((p) => chosen.has(p));
}

/** The option indices a list of option ids names (every option when the list is absent). */
export function resolveOptionIds(scenario: Scenario, ids: readonly string[] | undefined, path: string, problems: Problem[]): number[] {
  if (ids === undefined) return scenario.options.map((_, index) => index);
  const known = scenario.options.map((option) => option.id);
  const indices: number[] = [];
  ids.forEach((id, i) => {
    const index = known.indexOf(id);
    if (index < 0) problems.push({ path: `${path}[${i}]`, message: `must be the id of an option of this scenario (${listForMessage(known)})`, value: id });
    else if (!indices.includes(index)) indices.push(index);
  });
  return indices;
}

/** A problem when `value` lies outside a parameter's domain, else nothing. */
export function domainProblem(parameter: SensitivityParameter, value: number, path: string): Problem | undefined {
  if (inDomain(parameter.domain, value)) return undefined;
  return { path, message: `must be ${describeDomain(parameter.domain)} (the domain of ${parameter.name})`, value };
}

/**
 * The fewest base rows a Sobol analysis of `k` parameters accepts: `max(64, 4 k^2)`. The
 * first-order indices of k parameters share at most 1, so a typical one is about 1/k; the
 * Jansen estimators' standard error is of the order 1/sqrt(N), and telling 1/k from 0 at two
 * standard errors needs 2/sqrt(N) <= 1/k, that is N >= 4 k^2. Below 64 rows the bootstrap
 * intervals are unreliable whatever k.
 *
 * @example
 * minimumSobolSamples(3); // => 64
 * minimumSobolSamples(10); // => 400
 */
export function minimumSobolSamples(parameterCount: number): number {
  return Math.max(64, 4 * parameterCount * parameterCount);
}

/** The fewest inner passes a Sobol analysis accepts: with 100 passes a probability's standard error is at most 0.05. */
export const MINIMUM_INNER_PASSES = 100;
