/**
 * The scenario format: zod schemas that are the single source of truth for the input types.
 *
 * A scenario describes the allies (their uncertain stances), the blocs that move together, the
 * events that may shift stances, the strategy options on the table, the bargaining procedure and
 * the signal model. See docs/MODEL.md for what each field means in the model.
 */
import { z } from 'zod';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ID_EXPECTED = 'must be an id of letters, digits, "_", "." or "-", starting with a letter or digit';

/** The current scenario format version. */
export const SCENARIO_SCHEMA_VERSION = 1;

/** Largest pass count a run accepts (integer accumulators stay exact far beyond it). */
export const MAX_PASSES = 1_000_000_000;

const finite = (what = 'must be a finite number') => z.number({ error: what });

/** A number in the closed interval [0, 1]. */
const unitInterval = () =>
  finite('must be a number between 0 and 1')
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' });

/** A number strictly inside (0, 1): a center on the logit scale must not be 0 or 1. */
const openUnitInterval = () =>
  finite('must be a number strictly between 0 and 1')
    .gt(0, { error: 'must be strictly between 0 and 1' })
    .lt(1, { error: 'must be strictly between 0 and 1' });

const id = () => z.string({ error: 'must be a string id' }).regex(ID_PATTERN, { error: ID_EXPECTED });

/**
 * An uncertain parameter: a center in (0, 1) and an uncertainty (the standard deviation of its
 * normal perturbation on the logit scale), or a plain number in [0, 1] that is used as is.
 */
export const UncertainSchema = z.union([
  unitInterval(),
  z
    .object({
      center: openUnitInterval(),
      uncertainty: finite('must be a number of at least 0 (the logit-scale standard deviation)')
        .min(0, { error: 'must be at least 0' })
        .max(10, { error: 'must be at most 10 on the logit scale' }),
    })
    .strict(),
]);
export type Uncertain = z.infer<typeof UncertainSchema>;

/** A point in the policy plane, with how visible (public, loud) the text is. */
export const PositionSchema = z
  .object({
    firmness: unitInterval(),
    engagement: unitInterval(),
    visibility: unitInterval(),
  })
  .strict();
export type Position = z.infer<typeof PositionSchema>;

/** One ally: its stance parameters, influence on the chair, and cost of breaking consensus. */
export const AllySchema = z
  .object({
    id: id(),
    name: z.string().min(1, { error: 'must be a non-empty name' }).optional(),
    hawkishness: UncertainSchema,
    engagementPreference: UncertainSchema,
    salience: UncertainSchema,
    influence: finite().gt(0, { error: 'must be greater than 0' }).max(1000, { error: 'must be at most 1000' }),
    solidarityCost: finite().min(0, { error: 'must be at least 0' }).max(10, { error: 'must be at most 10' }),
    bloc: id().optional(),
  })
  .strict();
export type Ally = z.infer<typeof AllySchema>;

/** A bloc of allies whose stances move together with the given correlation. */
export const BlocSchema = z
  .object({
    id: id(),
    name: z.string().optional(),
    correlation: unitInterval(),
  })
  .strict();
export type Bloc = z.infer<typeof BlocSchema>;

/** The three sampled stance parameters of an ally, in the order the engine draws them. */
export const STANCE_PARAMETERS = ['hawkishness', 'engagementPreference', 'salience'] as const;
export type StanceParameter = (typeof STANCE_PARAMETERS)[number];

/** A shift of one stance parameter (on the logit scale) for the allies it targets. */
export const ShiftSchema = z
  .object({
    allies: z.union([
      z.literal('*'),
      z
        .array(z.string({ error: 'must be an ally id or "bloc:<id>"' }), {
          error: 'must be "*" or a list of ally ids and "bloc:<id>" references',
        })
        .min(1, { error: 'must name at least one ally or bloc' }),
    ]),
    parameter: z.enum(STANCE_PARAMETERS, {
      error: `must be one of ${STANCE_PARAMETERS.join(', ')}`,
    }),
    by: finite().min(-20, { error: 'must be at least -20 on the logit scale' }).max(20, {
      error: 'must be at most 20 on the logit scale',
    }),
  })
  .strict();
export type Shift = z.infer<typeof ShiftSchema>;

/** An event that occurs in a pass with its probability and then shifts stances. */
export const EventSchema = z
  .object({
    id: id(),
    name: z.string().optional(),
    description: z.string().optional(),
    probability: unitInterval(),
    shifts: z.array(ShiftSchema),
  })
  .strict();
export type ScenarioEvent = z.infer<typeof EventSchema>;

/** A proposed strategy text. */
export const OptionSchema = z
  .object({
    id: id(),
    name: z.string().optional(),
    description: z.string().optional(),
    firmness: unitInterval(),
    engagement: unitInterval(),
    visibility: unitInterval(),
  })
  .strict();
export type StrategyOption = z.infer<typeof OptionSchema>;

/** How the chair amends a text that meets objections. */
export const BargainingSchema = z
  .object({
    maxRounds: z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be at least 0' })
      .max(50, { error: 'must be at most 50' }),
    step: unitInterval(),
    maxDrift: finite().min(0, { error: 'must be at least 0' }).max(2, { error: 'must be at most 2' }),
  })
  .strict();
export type Bargaining = z.infer<typeof BargainingSchema>;

/** Default bargaining procedure: three amendment rounds, half-way steps, drift at most 0.15. */
export const DEFAULT_BARGAINING: Bargaining = { maxRounds: 3, step: 0.5, maxDrift: 0.15 };

/** The signal model: how strong the adopted text's signal is, and Russia's uncertain tolerance. */
export const SignalSchema = z
  .object({
    exponent: finite().gt(0, { error: 'must be greater than 0' }).max(10, { error: 'must be at most 10' }),
    threshold: UncertainSchema,
    formula: z.string().min(1, { error: 'must be a non-empty mathjs expression' }).max(500).optional(),
  })
  .strict();
export type Signal = z.infer<typeof SignalSchema>;

/** Default signal model: S = visibility * firmness^2 against a threshold centred on 0.45. */
export const DEFAULT_SIGNAL: Signal = { exponent: 2, threshold: { center: 0.45, uncertainty: 0.6 } };

/** Weights of the two policy dimensions in an ally's distance to a text. */
export const DimensionWeightsSchema = z
  .object({
    firmness: finite().min(0, { error: 'must be at least 0' }).max(100),
    engagement: finite().min(0, { error: 'must be at least 0' }).max(100),
  })
  .strict()
  .refine((w) => w.firmness + w.engagement > 0, { error: 'firmness and engagement weights must not both be 0' });

const ScenarioShape = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, {
      error: `must be ${SCENARIO_SCHEMA_VERSION} (the only scenario format version this engine reads)`,
    }),
    id: id(),
    title: z.string({ error: 'must be a string' }),
    description: z.string().optional(),
    statusQuo: PositionSchema,
    dimensionWeights: DimensionWeightsSchema.default({ firmness: 1, engagement: 1 }),
    allies: z.array(AllySchema).min(1, { error: 'must list at least one ally' }).max(1000),
    blocs: z.array(BlocSchema).default([]),
    events: z.array(EventSchema).max(200).default([]),
    options: z.array(OptionSchema).min(1, { error: 'must list at least one strategy option' }).max(200),
    bargaining: BargainingSchema.default(DEFAULT_BARGAINING),
    signal: SignalSchema.default(DEFAULT_SIGNAL),
  })
  .strict();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const idOf = (value: unknown): string | undefined =>
  isRecord(value) && typeof value.id === 'string' ? value.id : undefined;

/** A problem found by {@link scenarioReferenceProblems}. */
export interface ReferenceIssue {
  readonly path: (string | number)[];
  readonly message: string;
  readonly input: unknown;
}

/**
 * Checks a scenario's cross-references: duplicate ids, an ally's unknown bloc, an event shift's
 * unknown ally or bloc. Works on any input, even one with other problems, so that a scenario's
 * problems are all reported at once.
 */
export function scenarioReferenceProblems(input: unknown): ReferenceIssue[] {
  if (!isRecord(input)) return [];
  const issues: ReferenceIssue[] = [];
  for (const collection of ['allies', 'blocs', 'events', 'options'] as const) {
    const seen = new Map<string, number>();
    listOf(input[collection]).forEach((item, index) => {
      const itemId = idOf(item);
      if (itemId === undefined) return;
      const first = seen.get(itemId);
      if (first === undefined) seen.set(itemId, index);
      else
        issues.push({
          path: [collection, index, 'id'],
          message: `must be unique (already used by ${collection}[${first}])`,
          input: itemId,
        });
    });
  }
  const blocIds = new Set(listOf(input.blocs).map(idOf).filter((x) => x !== undefined));
  const allyIds = new Set(listOf(input.allies).map(idOf).filter((x) => x !== undefined));
  listOf(input.allies).forEach((ally, index) => {
    if (!isRecord(ally) || typeof ally.bloc !== 'string' || blocIds.has(ally.bloc)) return;
    issues.push({
      path: ['allies', index, 'bloc'],
      message: `must be the id of a bloc listed in blocs (known: ${[...blocIds].join(', ') || 'none'})`,
      input: ally.bloc,
    });
  });
  listOf(input.events).forEach((event, e) => {
    if (!isRecord(event)) return;
    listOf(event.shifts).forEach((shift, s) => {
      if (!isRecord(shift)) return;
      listOf(shift.allies).forEach((target, t) => {
        if (typeof target !== 'string') return;
        const isBloc = target.startsWith('bloc:');
        if (isBloc ? blocIds.has(target.slice(5)) : allyIds.has(target)) return;
        issues.push({
          path: ['events', e, 'shifts', s, 'allies', t],
          message: isBloc ? 'must name a bloc listed in blocs' : 'must be the id of an ally listed in allies, or "bloc:<id>"',
          input: target,
        });
      });
    });
  });
  return issues;
}

/** The scenario's shape, without the cross-reference checks. */
export const ScenarioShapeSchema = ScenarioShape;

/**
 * The scenario schema. Parsing fills the documented defaults (dimension weights 1 and 1, no blocs,
 * no events, {@link DEFAULT_BARGAINING}, {@link DEFAULT_SIGNAL}) and checks every cross-reference
 * ({@link scenarioReferenceProblems}).
 */
export const ScenarioSchema = ScenarioShape.superRefine((scenario, ctx) => {
  for (const issue of scenarioReferenceProblems(scenario)) ctx.addIssue({ code: 'custom', ...issue });
});

/** A validated scenario, with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as written by hand or in JSON: defaults may be left out. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
