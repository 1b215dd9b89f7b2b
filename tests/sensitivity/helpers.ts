/** Helpers of the sensitivity tests: scenarios with one parameter moved, written independently of the library's own code. */
import type { ScenarioInput } from '../../packages/core/src/index.js';

/**
 * A copy of a scenario with the parameter `name` (`allies.<id>.<field>`, `events.<id>.probability`,
 * `bargaining.step|maxDrift`, `signal.threshold.center`) set to `value`, edited in the JSON.
 */
export function withParameter(scenario: ScenarioInput, name: string, value: number): ScenarioInput {
  const copy = structuredClone(scenario) as ScenarioInput & Record<string, unknown>;
  const [kind, id, field] = name.split('.') as [string, string, string];
  if (kind === 'allies') {
    const ally = copy.allies.find((a) => a.id === id) as unknown as Record<string, unknown>;
    if (field === 'solidarityCost' || typeof ally[field] === 'number') ally[field] = value;
    else (ally[field] as { center: number }).center = value;
  } else if (kind === 'events') {
    copy.events!.find((e) => e.id === id)!.probability = value;
  } else if (kind === 'bargaining') {
    copy.bargaining = { maxRounds: 3, step: 0.5, maxDrift: 0.15, ...copy.bargaining, [id]: value };
  } else if (name === 'signal.threshold.center') {
    const signal = copy.signal ?? { exponent: 2, threshold: { center: 0.45, uncertainty: 0.6 } };
    const threshold = signal.threshold;
    copy.signal = { ...signal, threshold: typeof threshold === 'number' ? value : { ...threshold, center: value } };
  } else throw new Error(`withParameter: unknown parameter ${name}`);
  return copy;
}
