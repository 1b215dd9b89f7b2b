/**
 * Experiment designs: which scenario fields to vary, over which ranges or levels, how to sample
 * them (full factorial, Latin hypercube, scrambled Sobol' sequence), and how many passes each
 * experiment runs. The zod schema is the single source of the design's type; `concert schema
 * --design` prints it as JSON Schema. See docs/EXPERIMENTS.md.
 */
import { z } from 'zod';
import { MAX_PASSES } from '../../scenario/schema.js';
import { SeedSchema } from '../sensitivity/settings.js';
import { SOBOL_MAX_DIMENSIONS } from './joeKuo.js';

/** Most experiments a design may have (over all its scenarios): its rows are kept in memory. */
export const MAX_EXPERIMENTS = 100_000;
/** Most passes a design may run in all (experiments x passes). */
export const MAX_EXPERIMENT_PASSES = 1e11;
/** Most fields a design may vary. */
export const MAX_FIELDS = SOBOL_MAX_DIMENSIONS;

const wholeNumber = (min: number, max: number) => {
  const what = `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return z.number({ error: what }).int({ error: what }).min(min, { error: what }).max(max, { error: what });
};
const finite = z.number({ error: 'must be a finite number' });

/** A column name: letters, digits, `_` and `.`, starting with a letter or `_`. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * One field a design varies: its path in the scenario and either a range (`lower`, `upper`) or a
 * list of `values`. A range is sampled continuously (Latin hypercube, Sobol') or at
 * `sampling.levels` evenly spaced levels (full factorial); a list is taken as it is (full
 * factorial) or picked from with equal chances (Latin hypercube, Sobol': value `floor(u n)` of
 * `n`).
 */
export const DesignFieldSchema = z
  .object({
    /**
     * The field, e.g. `allies.HUN.hawkishness.center`, `allies[HUN].hawkishness`,
     * `events.eastern-flank-incident.probability`, `options.dual-track.firmness` (see
     * docs/EXPERIMENTS.md for every form).
     */
    path: z.string({ error: 'must be a field path such as allies.HUN.hawkishness.center' }).min(1, { error: 'must be a non-empty field path' }),
    /** The field's column in the output (default: its path). */
    name: z.string({ error: 'must be a string' }).regex(COLUMN_NAME, { error: 'must be a column name of letters, digits, "_" and ".", starting with a letter or "_"' }).optional(),
    lower: finite.optional(),
    upper: finite.optional(),
    values: z.array(finite, { error: 'must be a list of numbers' }).min(1, { error: 'must list at least one value' }).max(10_000, { error: 'must list at most 10,000 values' }).optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    const range = field.lower !== undefined || field.upper !== undefined;
    if (range && field.values !== undefined)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'must not be given with lower and upper: give a range or a list of values, not both', input: field.values });
    else if (!range && field.values === undefined)
      ctx.addIssue({ code: 'custom', path: [], message: 'must give a range (lower and upper) or a list of values', input: field });
    else if (range && field.lower === undefined) ctx.addIssue({ code: 'custom', path: ['lower'], message: 'is required with upper (a range has both ends)' });
    else if (range && field.upper === undefined) ctx.addIssue({ code: 'custom', path: ['upper'], message: 'is required with lower (a range has both ends)' });
    else if (range && !(field.lower! < field.upper!))
      ctx.addIssue({ code: 'custom', path: ['upper'], message: `must be greater than lower (${field.lower})`, input: field.upper });
    if (field.values !== undefined && new Set(field.values).size !== field.values.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'must not repeat a value', input: field.values });
  });
/** A field of a design as written. */
export type DesignField = z.infer<typeof DesignFieldSchema>;

/** The sampling methods. */
export const SAMPLING_METHODS = ['full-factorial', 'latin-hypercube', 'sobol'] as const;
/** A sampling method. */
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];

/** How the design's points are chosen. */
export const SamplingSchema = z.discriminatedUnion(
  'method',
  [
    z
      .object({
        /** Every combination of every field's levels. */
        method: z.literal('full-factorial'),
        /** Evenly spaced levels of each range field, both ends included (a list field has its own). */
        levels: wholeNumber(2, 1000).optional(),
      })
      .strict(),
    z
      .object({
        /** `samples` points, one in each of `samples` equal intervals of every field's range. */
        method: z.literal('latin-hypercube'),
        samples: wholeNumber(1, MAX_EXPERIMENTS),
        /** Seed of the sample (default: the design's seed). */
        seed: SeedSchema.optional(),
      })
      .strict(),
    z
      .object({
        /** The first `samples` points of the Sobol' sequence (Joe and Kuo's direction numbers). */
        method: z.literal('sobol'),
        /** A power of 2 (the sequence's balance holds for 2^m points). */
        samples: wholeNumber(1, MAX_EXPERIMENTS),
        /** Random linear matrix scramble and digital shift (default true); false gives the plain sequence, starting at the origin. */
        scramble: z.boolean({ error: 'must be true or false' }).default(true),
        /** Seed of the scramble (default: the design's seed). */
        seed: SeedSchema.optional(),
      })
      .strict(),
  ],
  { error: `must be an object whose method is one of ${SAMPLING_METHODS.join(', ')}` },
);
/** A sampling as written. */
export type Sampling = z.input<typeof SamplingSchema>;

/**
 * An experiment design. Every experiment runs `passes` passes from `seed`: the same streams for
 * every experiment (common random numbers), so differences between experiments are due to the
 * fields, not to chance draws.
 */
export const ExperimentDesignSchema = z
  .object({
    title: z.string({ error: 'must be a string' }).optional(),
    description: z.string({ error: 'must be a string' }).optional(),
    /** The scenario: a file (relative to the design file) or a built-in scenario's name. */
    scenario: z.string({ error: 'must be a scenario file or a built-in scenario name' }).min(1).optional(),
    /** Several scenarios, each run over the same design points (a batch). */
    scenarios: z
      .array(z.string({ error: 'must be a scenario file or a built-in scenario name' }).min(1), { error: 'must be a list of scenario files or names' })
      .min(1, { error: 'must list at least one scenario' })
      .max(1000, { error: 'must list at most 1,000 scenarios' })
      .optional(),
    fields: z
      .array(DesignFieldSchema, { error: 'must be a list of fields' })
      .min(1, { error: 'must list at least one field to vary' })
      .max(MAX_FIELDS, { error: `must list at most ${MAX_FIELDS} fields` }),
    sampling: SamplingSchema,
    /** Passes per experiment. */
    passes: wholeNumber(1, MAX_PASSES),
    /** The seed of every experiment's passes (and of the sampling unless it has its own). */
    seed: SeedSchema.default(1),
  })
  .strict()
  .superRefine((design, ctx) => {
    if (design.scenario !== undefined && design.scenarios !== undefined)
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'must not be given with scenario: name one scenario, or a list of them', input: design.scenarios });
  });
/** A design as written (defaults may be left out). */
export type ExperimentDesign = z.input<typeof ExperimentDesignSchema>;
/** A design with its defaults filled in. */
export type ResolvedDesign = z.output<typeof ExperimentDesignSchema>;
