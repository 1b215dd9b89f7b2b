/**
 * The scenario format: zod schemas that are the single source of truth for the input types.
 *
 * A scenario describes the allies (their uncertain stances), the blocs that move together, the
 * events that may shift stances, the strategy options on the table, the bargaining procedure and
 * the signal model. See docs/MODEL.md for what each field means in the model.
 */
import { z } from 'zod';
import {
  MAX_ALLIES,
  MAX_BLOCS,
  MAX_DESCRIPTION_LENGTH,
  MAX_EVENTS,
  MAX_EXPANDED_SHIFTS,
  MAX_FORMULA_LENGTH,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_OPTIONS,
  MAX_SHIFTS_PER_EVENT,
  MAX_SHIFT_TARGETS,
} from '../budgets.js';
import { listForMessage } from '../problems.js';

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

const count = (n: number) => n.toLocaleString('en-US');

const id = () =>
  z
    .string({ error: 'must be a string id' })
    .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` })
    .regex(ID_PATTERN, { error: ID_EXPECTED });

/** An optional name or title of at most {@link MAX_NAME_LENGTH} characters. */
const nameText = () => z.string({ error: 'must be a string' }).max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` });
/** A description of at most {@link MAX_DESCRIPTION_LENGTH} characters. */
const descriptionText = () =>
  z.string({ error: 'must be a string' }).max(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${count(MAX_DESCRIPTION_LENGTH)} characters` });

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

/**
 * How an uncertain stance parameter other than model 1's logit-normal one is drawn (opt-in, model
 * 2; docs/MODEL.md, "Stances at the ends of the scale"): from one standard normal `latent`, like
 * every stance,
 * - `reflectedNormal`: `center + shifts + uncertainty * latent` folded back into [0, 1] at its
 *   ends (reflected, not clamped), so a center may sit at 0 or 1;
 * - `logNormal` (salience only): `center * exp(shifts + uncertainty * latent)`, a multiplicative
 *   intensity with median `center`; it may exceed 1, and a center of 0 (no stake) stays 0.
 */
export const STANCE_DISTRIBUTIONS = ['reflectedNormal', 'logNormal'] as const;
export type StanceDistribution = (typeof STANCE_DISTRIBUTIONS)[number];

// A string checked against the list rather than a zod enum: a failed check does not end the
// union's other branches, so a misspelt name is reported as such (validate.ts picks the branch).
const distributionName = z
  .string({ error: `must be one of ${STANCE_DISTRIBUTIONS.join(', ')}` })
  .refine((name) => (STANCE_DISTRIBUTIONS as readonly string[]).includes(name), {
    error: `must be one of ${STANCE_DISTRIBUTIONS.join(', ')}`,
  }) as unknown as z.ZodType<StanceDistribution, string>;

/**
 * An ally's stance parameter: a plain number in [0, 1]; model 1's `{ center, uncertainty }`
 * (logit-normal, center strictly inside (0, 1)); or `{ center, uncertainty, distribution }` with a
 * center anywhere in [0, 1] (see {@link STANCE_DISTRIBUTIONS}).
 */
export const StanceSchema = z.union([
  unitInterval(),
  z
    .object({
      center: openUnitInterval(),
      uncertainty: finite('must be a number of at least 0 (the logit-scale standard deviation)')
        .min(0, { error: 'must be at least 0' })
        .max(10, { error: 'must be at most 10 on the logit scale' }),
    })
    .strict(),
  z
    .object({
      center: unitInterval(),
      uncertainty: finite('must be a number of at least 0 (the standard deviation of the normal draw)')
        .min(0, { error: 'must be at least 0' })
        .max(10, { error: 'must be at most 10' }),
      distribution: distributionName,
    })
    .strict(),
]);
export type Stance = z.infer<typeof StanceSchema>;

/** One ally: its stance parameters, influence on the chair, and cost of breaking consensus. */
export const AllySchema = z
  .object({
    id: id(),
    name: nameText().min(1, { error: 'must be a non-empty name' }).optional(),
    hawkishness: StanceSchema,
    engagementPreference: StanceSchema,
    salience: StanceSchema,
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
    name: nameText().optional(),
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
        .array(
          z
            .string({ error: 'must be an ally id or "bloc:<id>"' })
            .max(MAX_ID_LENGTH + 5, { error: `must be at most ${MAX_ID_LENGTH + 5} characters (an ally id or "bloc:<id>")` }),
          { error: 'must be "*" or a list of ally ids and "bloc:<id>" references' },
        )
        .min(1, { error: 'must name at least one ally or bloc' })
        .max(MAX_SHIFT_TARGETS, { error: `must list at most ${count(MAX_SHIFT_TARGETS)} allies and blocs` }),
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
    name: nameText().optional(),
    description: descriptionText().optional(),
    probability: unitInterval(),
    shifts: z.array(ShiftSchema).max(MAX_SHIFTS_PER_EVENT, { error: `must list at most ${count(MAX_SHIFTS_PER_EVENT)} shifts` }),
  })
  .strict();
export type ScenarioEvent = z.infer<typeof EventSchema>;

/** A proposed strategy text. */
export const OptionSchema = z
  .object({
    id: id(),
    name: nameText().optional(),
    description: descriptionText().optional(),
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

const idList = (what: string) =>
  z.array(id(), { error: `must be a list of ally ids (${what})` }).max(1000);

/**
 * One condition of a qualified majority (model 2): the members who accept a text must together
 * weigh at least `atLeast`, and at least `share` of the total weight of all members (either or
 * both). `weights` gives every member's weight by ally id; without it each member weighs 1.
 */
export const QuotaSchema = z
  .object({
    weights: z.record(id(), finite().min(0, { error: 'must be at least 0' }).max(1e12)).optional(),
    share: finite().gt(0, { error: 'must be greater than 0' }).max(1, { error: 'must be at most 1' }).optional(),
    atLeast: finite().min(0, { error: 'must be at least 0' }).max(1e12).optional(),
  })
  .strict()
  .refine((quota) => quota.share !== undefined || quota.atLeast !== undefined, {
    error: 'must give share, atLeast or both (what the accepting members must reach)',
  });
export type Quota = z.infer<typeof QuotaSchema>;

const roleFields = {
  /** Allies that take part in bargaining but cannot block (a proposer such as the Commission). */
  nonBlocking: idList('allies that bargain but cannot block').optional(),
  /** Allies whose agreement is required besides the members' (a co-legislator such as the European Parliament). */
  coLegislators: idList('allies whose agreement is also required').optional(),
};

/**
 * The decision rule (opt-in, model 2; without it, model 1's unanimity of all allies). The members
 * are the allies not listed in `nonBlocking` or `coLegislators`.
 * - `unanimity`: a text is adopted unless a member or a co-legislator objects;
 * - `qualifiedMajority`: adopted when no co-legislator objects and the members who do not object
 *   meet every quota, or (with `blockingMinority`) when fewer than `blockingMinority` members object.
 */
export const DecisionRuleSchema = z.discriminatedUnion(
  'rule',
  [
    z.object({ rule: z.literal('unanimity'), ...roleFields }).strict(),
    z
      .object({
        rule: z.literal('qualifiedMajority'),
        quotas: z.array(QuotaSchema).min(1, { error: 'must list at least one quota' }).max(10, { error: 'must list at most 10 quotas' }),
        blockingMinority: z
          .number({ error: 'must be a whole number' })
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(1000)
          .optional(),
        ...roleFields,
      })
      .strict(),
  ],
  { error: 'must be an object with rule "unanimity" or "qualifiedMajority"' },
);
export type DecisionRuleSettings = z.infer<typeof DecisionRuleSchema>;

/** The names of the bargaining protocols. */
export const PROTOCOL_NAMES = ['chair', 'compromise', 'setter'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

const influenceExponent = () =>
  finite().min(0, { error: 'must be at least 0' }).max(4, { error: 'must be at most 4' });

/**
 * The bargaining protocol (opt-in, model 2; without it, model 1's chair). docs/MODEL.md gives the
 * formulas.
 * - `chair`: model 1's amendment rounds (`bargaining` sets them), named explicitly;
 * - `compromise`: the text put to the rule is the mean of the allies' ideal points weighted by
 *   `influence ^ influenceExponent * salience` (default exponent 1); with probability `recognition`
 *   (default 0) it is instead the ideal point of one ally, recognized with probability proportional
 *   to the same weights;
 * - `setter`: the option's text is its sponsor's ideal; the sponsor concedes toward the status quo
 *   just as far as the rule requires, and that text is adopted.
 */
export const ProtocolSchema = z.discriminatedUnion(
  'name',
  [
    z.object({ name: z.literal('chair') }).strict(),
    z
      .object({
        name: z.literal('compromise'),
        influenceExponent: influenceExponent().optional(),
        recognition: unitInterval().optional(),
      })
      .strict(),
    z.object({ name: z.literal('setter') }).strict(),
  ],
  { error: `must be an object with name ${PROTOCOL_NAMES.map((n) => `"${n}"`).join(', ')}` },
);
export type ProtocolSettings = z.infer<typeof ProtocolSchema>;

/** The signal model: how strong the adopted text's signal is, and Russia's uncertain tolerance. */
export const SignalSchema = z
  .object({
    exponent: finite().gt(0, { error: 'must be greater than 0' }).max(10, { error: 'must be at most 10' }),
    threshold: UncertainSchema,
    formula: z
      .string({ error: 'must be a string (a mathjs expression)' })
      .min(1, { error: 'must be a non-empty mathjs expression' })
      .max(MAX_FORMULA_LENGTH, { error: `must be at most ${MAX_FORMULA_LENGTH} characters` })
      .optional(),
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
    title: nameText(),
    description: descriptionText().optional(),
    statusQuo: PositionSchema,
    dimensionWeights: DimensionWeightsSchema.default({ firmness: 1, engagement: 1 }),
    allies: z
      .array(AllySchema)
      .min(1, { error: 'must list at least one ally' })
      .max(MAX_ALLIES, { error: `must list at most ${count(MAX_ALLIES)} allies` }),
    blocs: z.array(BlocSchema).max(MAX_BLOCS, { error: `must list at most ${count(MAX_BLOCS)} blocs` }).default([]),
    events: z.array(EventSchema).max(MAX_EVENTS, { error: `must list at most ${count(MAX_EVENTS)} events` }).default([]),
    options: z
      .array(OptionSchema)
      .min(1, { error: 'must list at least one strategy option' })
      .max(MAX_OPTIONS, { error: `must list at most ${count(MAX_OPTIONS)} strategy options` }),
    bargaining: BargainingSchema.default(DEFAULT_BARGAINING),
    signal: SignalSchema.default(DEFAULT_SIGNAL),
    // Model 2, opt-in: no default is filled in, so a scenario without them validates to the same
    // object, hash and bytes as before.
    decisionRule: DecisionRuleSchema.optional(),
    protocol: ProtocolSchema.optional(),
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
      message: `must be the id of a bloc listed in blocs (known: ${listForMessage([...blocIds])})`,
      input: ally.bloc,
    });
  });
  decisionRuleReferenceProblems(input, allyIds, issues);
  listOf(input.allies).forEach((ally, index) => {
    if (!isRecord(ally)) return;
    for (const parameter of ['hawkishness', 'engagementPreference'] as const) {
      const value = ally[parameter];
      if (isRecord(value) && value.distribution === 'logNormal')
        issues.push({
          path: ['allies', index, parameter, 'distribution'],
          message: 'must not be logNormal, which is for salience only (an ideal point stays in [0, 1]: use reflectedNormal)',
          input: value.distribution,
        });
    }
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

/**
 * The decision rule's references: every ally it names exists, no ally is both non-blocking and a
 * co-legislator, some member remains, each quota with weights gives one to every member (and to
 * members only), and a blocking minority is not larger than the members.
 */
function decisionRuleReferenceProblems(input: Record<string, unknown>, allyIds: Set<string>, issues: ReferenceIssue[]): void {
  const rule = input.decisionRule;
  if (!isRecord(rule)) return;
  const roles = new Map<string, string>();
  for (const field of ['nonBlocking', 'coLegislators'] as const)
    listOf(rule[field]).forEach((target, t) => {
      if (typeof target !== 'string') return;
      if (!allyIds.has(target))
        issues.push({ path: ['decisionRule', field, t], message: 'must be the id of an ally listed in allies', input: target });
      else if (roles.has(target))
        issues.push({ path: ['decisionRule', field, t], message: `must be listed once (already in decisionRule.${roles.get(target)})`, input: target });
      else roles.set(target, field);
    });
  const members = [...allyIds].filter((ally) => !roles.has(ally));
  if (allyIds.size > 0 && members.length === 0)
    issues.push({ path: ['decisionRule'], message: 'must leave at least one member (an ally neither nonBlocking nor a co-legislator)', input: undefined });
  listOf(rule.quotas).forEach((quota, q) => {
    if (!isRecord(quota) || !isRecord(quota.weights)) return;
    const weights = quota.weights;
    for (const key of Object.keys(weights))
      if (!allyIds.has(key) || roles.has(key))
        issues.push({
          path: ['decisionRule', 'quotas', q, 'weights', key],
          message: roles.has(key) ? `must weigh members only (${key} is in decisionRule.${roles.get(key)})` : 'must be the id of an ally listed in allies',
          input: weights[key],
        });
    const missing = members.filter((member) => !(member in weights));
    if (missing.length > 0)
      issues.push({
        path: ['decisionRule', 'quotas', q, 'weights'],
        message: `must give a weight to every member (missing: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''})`,
        input: undefined,
      });
  });
  if (typeof rule.blockingMinority === 'number' && allyIds.size > 0 && rule.blockingMinority > members.length)
    issues.push({
      path: ['decisionRule', 'blockingMinority'],
      message: `must be at most the number of members (${members.length})`,
      input: rule.blockingMinority,
    });
}

/**
 * The number of shifts a scenario's events expand to (see {@link MAX_EXPANDED_SHIFTS}): `"*"`
 * counts every ally, `bloc:<id>` every member of the bloc (at least 1), an ally id 1; a list's
 * repeated entries count once. Works on any input, counting what it can.
 *
 * @example
 * expandedShiftCount({ allies: [{ id: 'A' }, { id: 'B' }], events: [{ shifts: [{ allies: '*' }, { allies: ['A'] }] }] }); // => 3
 */
export function expandedShiftCount(input: unknown): number {
  if (!isRecord(input)) return 0;
  const allies = listOf(input.allies);
  const members = new Map<string, number>();
  for (const ally of allies)
    if (isRecord(ally) && typeof ally.bloc === 'string') members.set(ally.bloc, (members.get(ally.bloc) ?? 0) + 1);
  let total = 0;
  for (const event of listOf(input.events)) {
    if (!isRecord(event)) continue;
    for (const shift of listOf(event.shifts)) {
      if (!isRecord(shift)) continue;
      if (shift.allies === '*') total += allies.length;
      else
        for (const target of new Set(listOf(shift.allies)))
          total += typeof target === 'string' && target.startsWith('bloc:') ? Math.max(1, members.get(target.slice(5)) ?? 0) : 1;
    }
  }
  return total;
}

/**
 * Checks the budgets that span several fields of a scenario: the shifts its events expand to
 * ({@link MAX_EXPANDED_SHIFTS}). Counts and lengths of single fields are checked by the schema.
 */
export function scenarioBudgetProblems(input: unknown): ReferenceIssue[] {
  const expanded = expandedShiftCount(input);
  if (expanded <= MAX_EXPANDED_SHIFTS) return [];
  return [
    {
      path: ['events'],
      message: `must expand to at most ${count(MAX_EXPANDED_SHIFTS)} shifts ("*" counts every ally, "bloc:<id>" every member), but expand to ${count(expanded)}; target fewer allies or use fewer events`,
      input: `${count(listOf(isRecord(input) ? input.events : undefined).length)} events`,
    },
  ];
}

/** The scenario's shape, without the cross-reference checks. */
export const ScenarioShapeSchema = ScenarioShape;

/**
 * The scenario schema. Parsing fills the documented defaults (dimension weights 1 and 1, no blocs,
 * no events, {@link DEFAULT_BARGAINING}, {@link DEFAULT_SIGNAL}) and checks every cross-reference
 * ({@link scenarioReferenceProblems}) and budget ({@link scenarioBudgetProblems}). Prefer
 * `parseScenario`, which also refuses inputs nested too deep before zod walks them.
 */
export const ScenarioSchema = ScenarioShape.superRefine((scenario, ctx) => {
  for (const issue of [...scenarioReferenceProblems(scenario), ...scenarioBudgetProblems(scenario)]) ctx.addIssue({ code: 'custom', ...issue });
});

/** A validated scenario, with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as written by hand or in JSON: defaults may be left out. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
