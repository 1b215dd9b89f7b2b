/**
 * Settings of the map of viable texts (`landscape`): a zod schema that is the single source of
 * their type, and the work budget a map may take.
 */
import { z } from 'zod';
import { MAX_PASSES } from '../../scenario/schema.js';
import { seed, wholeNumber } from '../sensitivity/settings.js';

/** Most grid points per side of a map (201 x 201 = 40,401 texts). */
export const MAX_LANDSCAPE_GRID = 201;
/**
 * Most texts judged in all, cells times passes (1e9: about a quarter of an hour on one core of
 * the project's machine). A map past it is refused rather than left running.
 */
export const MAX_LANDSCAPE_WORK = 1_000_000_000;

const unit = (what: string) =>
  z
    .number({ error: `must be a number from 0 to 1 (${what})` })
    .min(0, { error: `must be from 0 to 1 (${what})` })
    .max(1, { error: `must be from 0 to 1 (${what})` });

/** A range of one dimension of the plane: the map's first and last grid points. */
export const LandscapeRangeSchema = z
  .object({
    lower: unit('the first grid point'),
    upper: unit('the last grid point'),
  })
  .strict()
  .superRefine((range, context) => {
    if (!(range.lower < range.upper)) context.addIssue({ code: 'custom', path: ['upper'], message: `must be greater than lower (${range.lower})`, input: range.upper });
  });

/**
 * Settings of {@link landscape} (the work budget, {@link MAX_LANDSCAPE_WORK}, is checked by
 * `prepareLandscape`). Defaults: `grid` 41 points per side, `visibility` the status
 * quo's, `blockers` true, `firmness` and `engagement` each the whole of [0, 1].
 */
export const LandscapeSettingsSchema = z
  .object({
    /** Passes: every cell is judged in the same passes (common random numbers). */
    passes: wholeNumber(1, MAX_PASSES),
    seed,
    /** Grid points per side: the map has grid x grid cells, on both ends of each range. */
    grid: wholeNumber(2, MAX_LANDSCAPE_GRID, `a whole number from 2 to ${MAX_LANDSCAPE_GRID} (points per side)`).default(41),
    /** The visibility every text of the map is published with; the status quo's when left out. */
    visibility: unit('the visibility of every text on the map').optional(),
    /** Count each cell's blockers (for its top blocker); false is faster. */
    blockers: z.boolean({ error: 'must be true or false' }).default(true),
    firmness: LandscapeRangeSchema.default({ lower: 0, upper: 1 }),
    engagement: LandscapeRangeSchema.default({ lower: 0, upper: 1 }),
  })
  .strict();
/** Landscape settings as written (defaults may be left out). */
export type LandscapeSettings = z.input<typeof LandscapeSettingsSchema>;
/** Landscape settings with their defaults filled in. */
export type ResolvedLandscapeSettings = z.output<typeof LandscapeSettingsSchema>;
