/**
 * The formula cost probe: before a run, the work its signal formula adds is counted from the
 * formula's expression tree and the run's size, and a formula too slow for the run's passes is
 * refused. The probe counts, it does not time, so the same file and settings are accepted or
 * refused alike on every machine. The cost model and the budget are in `budgets.ts`.
 */
import { FORMULA_COST, FORMULA_ENGINE_RATIO, FORMULA_FREE_SECONDS, estimatedRunSeconds } from '../budgets.js';
import type { CompiledModel } from '../model/compiledModel.js';
import type { SignalFormulaShape } from '../model/signalFormula.js';
import type { Problem } from '../problems.js';

/**
 * Nanoseconds (on the reference machine) one evaluation of a formula of this shape costs, in a
 * model of `allyCount` allies (`unity` goes over them).
 *
 * @example
 * formulaEvaluationNanoseconds({ nodes: 5, calls: 0, depth: 3, usesUnity: false }, 32); // => 400
 */
export function formulaEvaluationNanoseconds(shape: SignalFormulaShape, allyCount: number): number {
  return (
    FORMULA_COST.evaluation +
    shape.nodes * FORMULA_COST.node +
    shape.calls * FORMULA_COST.call +
    (shape.usesUnity ? allyCount * FORMULA_COST.unityPerAlly : 0)
  );
}

/** What the probe found: the seconds the formula adds to the run, the engine's own, and the limit. */
export interface FormulaCost {
  /** Seconds the formula adds, on the reference machine (one evaluation per option and pass). */
  readonly formulaSeconds: number;
  /** Seconds of the engine's own work, on the reference machine. */
  readonly engineSeconds: number;
  /** The most the formula may add: {@link FORMULA_FREE_SECONDS}, or {@link FORMULA_ENGINE_RATIO} times the engine's own work. */
  readonly allowedSeconds: number;
}

/**
 * The cost of a model's signal formula over `passes` passes, or null when the model has none.
 *
 * @example
 * formulaCost(compileModel(scenario), 100_000)!.formulaSeconds; // => 0.24 (6 options, a 5-node formula)
 */
export function formulaCost(model: CompiledModel, passes: number): FormulaCost | null {
  const shape = model.signalFormulaShape;
  if (shape === null) return null;
  const formulaSeconds = (passes * model.optionCount * formulaEvaluationNanoseconds(shape, model.allyCount)) / 1e9;
  const engineSeconds = estimatedRunSeconds({ passes, optionCount: model.optionCount, allyCount: model.allyCount });
  return { formulaSeconds, engineSeconds, allowedSeconds: Math.max(FORMULA_FREE_SECONDS, FORMULA_ENGINE_RATIO * engineSeconds) };
}

const duration = (seconds: number) =>
  seconds < 120 ? `${Math.ceil(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;

/**
 * The problem with a model's signal formula (its text `formula`) for `passes` passes, or null
 * when it is cheap enough: a formula may add {@link FORMULA_FREE_SECONDS} seconds, or up to
 * {@link FORMULA_ENGINE_RATIO} times the engine's own work, whichever is more. `what` names the
 * work in the message (`a run`, `a tornado`).
 *
 * @example
 * formulaCostProblem(model, 1_000_000, scenario.signal.formula);
 * // => { path: 'signal.formula', message: 'would add about 25 min to a run of 1,000,000 passes ...', value: '...' } (a 200-node formula)
 */
export function formulaCostProblem(model: CompiledModel, passes: number, formula: string | undefined, what = 'a run'): Problem | null {
  const cost = formulaCost(model, passes);
  if (cost === null || cost.formulaSeconds <= cost.allowedSeconds) return null;
  const shape = model.signalFormulaShape!;
  return {
    path: 'signal.formula',
    message:
      `would add about ${duration(cost.formulaSeconds)} to ${what} of ${passes.toLocaleString('en-US')} passes ` +
      `(${shape.nodes} parts and ${shape.calls} calls${shape.usesUnity ? ', unity over every ally' : ''}, evaluated for ${model.optionCount} options in every pass), ` +
      `more than the ${duration(cost.allowedSeconds)} a formula may add to it (${FORMULA_FREE_SECONDS} s, or ${FORMULA_ENGINE_RATIO} times the engine's own work); ` +
      'simplify the formula or run fewer passes',
    value: formula,
  };
}
