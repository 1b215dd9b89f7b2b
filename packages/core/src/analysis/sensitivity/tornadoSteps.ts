/**
 * How far a tornado moves each parameter. By default each parameter moves on its own scale
 * (`scaled`): an uncertain center by half its uncertainty on the logit scale, a solidarity cost
 * or the maximum drift by a quarter of its value, a probability (and any other parameter without
 * a scale of its own) by 0.1. A step given explicitly (`absolute`) moves every parameter by the
 * same amount on its own value scale (every tornado did so in 0.1.0, with 0.1).
 *
 * Why: solidarity costs are about 0.1, so one absolute step of 0.1 moved every cost to zero (an
 * ally that never breaks silence) and every bar of the default tornado was a cost. A step
 * proportional to a parameter's own scale asks the same question of every parameter: "what if
 * our estimate of it is off by a modest share of its size, or of our uncertainty about it?".
 */
import type { Scenario } from '../../scenario/schema.js';
import { STANCE_PARAMETERS } from '../../scenario/schema.js';
import type { SensitivityParameter } from './parameters.js';

/** The step rules: each parameter on its own scale (the default), or one absolute step for all. */
export const STEP_RULES = ['scaled', 'absolute'] as const;
/** How a tornado chooses each parameter's step. */
export type StepRule = (typeof STEP_RULES)[number];

/** The scale a step is taken on: the logit of the value (centers), or the value itself. */
export type StepScale = 'logit' | 'value';

/** The step one parameter moved by, down and up. */
export interface ParameterStep {
  /** The size of the step on `scale`. */
  readonly size: number;
  /** `logit`: the value moves to `sigmoid(logit(value) -/+ size)`; `value`: to `value -/+ size`. */
  readonly scale: StepScale;
}

/** The constants of the `scaled` rule. */
export const SCALED_STEPS = {
  /** An uncertain center moves by this share of its uncertainty (a logit-scale standard deviation), on the logit scale. */
  uncertaintyShare: 0.5,
  /** An uncertain center whose uncertainty is 0 moves by this much on the logit scale (half a typical uncertainty of 0.5). */
  logitWithoutUncertainty: 0.25,
  /** A solidarity cost or the maximum drift moves by this share of its value. */
  valueShare: 0.25,
  /** A probability, the bargaining step, a plain-number stance or threshold moves by this much. */
  absolute: 0.1,
} as const;

/** The uncertainty (logit-scale standard deviation) of an uncertain center, or null for a plain number or another kind. */
function uncertaintyOf(scenario: Scenario, parameter: SensitivityParameter): number | null {
  if (parameter.fixed) return null;
  if (parameter.kind === 'stance') {
    const setting = scenario.allies[parameter.index]![STANCE_PARAMETERS[parameter.stance]!];
    return typeof setting === 'number' ? null : setting.uncertainty;
  }
  if (parameter.kind === 'thresholdCenter') {
    const threshold = scenario.signal.threshold;
    return typeof threshold === 'number' ? null : threshold.uncertainty;
  }
  return null;
}

/**
 * The step of the `scaled` rule for one parameter of a scenario (see {@link SCALED_STEPS}). A
 * cost of 0 moves by a quarter of the scenario's mean solidarity cost (or by 0.025 when every
 * cost is 0); a maximum drift of 0 by 0.1.
 *
 * @example
 * scaledStep(scenario, hungaryHawkishness); // => { size: 0.25, scale: 'logit' } (uncertainty 0.5)
 * scaledStep(scenario, hungarySolidarityCost); // => { size: 0.0075, scale: 'value' } (cost 0.03)
 */
export function scaledStep(scenario: Scenario, parameter: SensitivityParameter): ParameterStep {
  switch (parameter.kind) {
    case 'stance':
    case 'thresholdCenter': {
      const uncertainty = uncertaintyOf(scenario, parameter);
      if (uncertainty === null) return { size: SCALED_STEPS.absolute, scale: 'value' };
      return { size: uncertainty > 0 ? SCALED_STEPS.uncertaintyShare * uncertainty : SCALED_STEPS.logitWithoutUncertainty, scale: 'logit' };
    }
    case 'solidarityCost': {
      if (parameter.value > 0) return { size: SCALED_STEPS.valueShare * parameter.value, scale: 'value' };
      const costs = scenario.allies.map((ally) => ally.solidarityCost);
      const mean = costs.reduce((sum, cost) => sum + cost, 0) / costs.length;
      return { size: SCALED_STEPS.valueShare * (mean > 0 ? mean : 0.1), scale: 'value' };
    }
    case 'maxDrift':
      return { size: parameter.value > 0 ? SCALED_STEPS.valueShare * parameter.value : SCALED_STEPS.absolute, scale: 'value' };
    case 'eventProbability':
    case 'bargainingStep':
      return { size: SCALED_STEPS.absolute, scale: 'value' };
  }
}

/**
 * The value a parameter moves to, before it is kept inside its domain: `value -/+ size`, or
 * `sigmoid(logit(value) -/+ size)` on the logit scale.
 *
 * @example
 * steppedValue(0.5, { size: 0.1, scale: 'value' }, 'high'); // => 0.6
 * steppedValue(0.5, { size: Math.log(3), scale: 'logit' }, 'high'); // => 0.75
 */
export function steppedValue(value: number, step: ParameterStep, direction: 'low' | 'high'): number {
  const signed = direction === 'low' ? -step.size : step.size;
  if (step.scale === 'value') return value + signed;
  return 1 / (1 + Math.exp(-(Math.log(value / (1 - value)) + signed)));
}
