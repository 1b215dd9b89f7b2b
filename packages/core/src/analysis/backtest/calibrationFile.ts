/**
 * A backtest's model settings (the global knobs that turn any data set's issue into a Concert
 * scenario) and the calibration file that carries them with how they were fitted. The backtest
 * uses a calibration as it is; it never refits on the file it scores.
 */
import { z } from 'zod';
import { ConcertInputError } from '../../problems.js';
import { problemsFromZod } from '../../scenario/validate.js';

const finite = () => z.number({ error: 'must be a finite number' });

/**
 * The knobs of the issue-to-scenario mapping (docs/VALIDATION.md, "From an issue to a scenario"):
 * - `protocol`: `compromise`, `setter` or `chair`;
 * - `recognition`, `influenceExponent`: the compromise's parameters (docs/MODEL.md);
 * - `positionUncertainty`: the standard deviation of each position (0-1 scale; reflected normal; 0: as recorded);
 * - `salienceUncertainty`: the log-scale standard deviation of each salience (log-normal; 0: as recorded);
 * - `veto`: whether the actors can block (the Council's rule of the issue's date, the Parliament
 *   under co-decision; the Commission never) or no one can (the text bargained is adopted);
 * - `solidarityCost`: what an objection costs (the objection test of model 1), with `veto`;
 * - `chair`: the chair's rounds, step and drift, with protocol `chair`;
 * - `missingStatusQuo`: the status quo (0-100) of an issue that records none.
 */
export const BacktestModelSchema = z
  .object({
    protocol: z.enum(['compromise', 'setter', 'chair'], { error: 'must be compromise, setter or chair' }),
    recognition: finite().min(0).max(1),
    influenceExponent: finite().min(0).max(4),
    positionUncertainty: finite().min(0).max(10),
    salienceUncertainty: finite().min(0).max(10),
    veto: z.boolean({ error: 'must be true or false' }),
    solidarityCost: finite().min(0).max(10),
    chair: z
      .object({
        maxRounds: z.number().int().min(0).max(50),
        step: finite().min(0).max(1),
        maxDrift: finite().min(0).max(2),
      })
      .strict(),
    missingStatusQuo: finite().min(0).max(100),
  })
  .strict();
/** The knobs of the issue-to-scenario mapping. */
export type BacktestModel = z.infer<typeof BacktestModelSchema>;

/** The scores a calibration reports (a {@link ScoreSummary} in short). */
const FitScoresSchema = z.record(z.string(), z.unknown());

/** A calibration file: the model settings, and how and on what they were fitted. */
export const CalibrationSchema = z
  .object({
    format: z.literal('concert-calibration', { error: 'must be "concert-calibration"' }),
    version: z.literal(1, { error: 'must be 1' }),
    model: BacktestModelSchema,
    fitted: z
      .object({
        dataset: z.string(),
        sha256: z.string(),
        issues: z.number(),
        proposals: z.number(),
        seed: z.union([z.string(), z.number()]),
        passes: z.number(),
        evaluationPasses: z.number(),
        folds: z.number(),
        selection: z.string(),
        candidates: z.number(),
        outOfFold: FitScoresSchema,
        inSample: FitScoresSchema,
      })
      .passthrough()
      .optional(),
  })
  .strict();
/** A calibration file. */
export type Calibration = z.infer<typeof CalibrationSchema>;

/**
 * Validates a calibration (parsed JSON).
 *
 * @throws {ConcertInputError} (kind `data`) listing every problem with its path.
 */
export function parseCalibration(input: unknown): Calibration {
  const result = CalibrationSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ConcertInputError('invalid calibration', problemsFromZod(result.error.issues), 'data');
  return result.data;
}
