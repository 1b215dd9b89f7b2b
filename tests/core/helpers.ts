/** Small scenarios built in code for the core's tests. */
import { readFileSync } from 'node:fs';
import type { ScenarioInput } from '../../packages/core/src/index.js';

/** The 32-ally, 6-option fixture (a toy, not the real default scenario). */
export function toyScenario(): ScenarioInput {
  return JSON.parse(readFileSync(new URL('../fixtures/toy-32.json', import.meta.url), 'utf8')) as ScenarioInput;
}

type AllyInput = ScenarioInput['allies'][number];

/** An ally with fixed (certain) stance unless told otherwise. */
export function ally(id: string, overrides: Partial<AllyInput> = {}): AllyInput {
  return {
    id,
    hawkishness: 0.5,
    engagementPreference: 0.5,
    salience: 1,
    influence: 1,
    solidarityCost: 0,
    ...overrides,
  };
}

/** A scenario with the given allies and options and no events or blocs. */
export function scenarioOf(parts: Partial<ScenarioInput> & Pick<ScenarioInput, 'allies'>): ScenarioInput {
  return {
    schemaVersion: 1,
    id: 'test',
    title: 'test scenario',
    statusQuo: { firmness: 0.5, engagement: 0.5, visibility: 0.5 },
    options: [{ id: 'option', firmness: 0.5, engagement: 0.5, visibility: 0.5 }],
    bargaining: { maxRounds: 0, step: 0.5, maxDrift: 0.15 },
    ...parts,
  };
}

/**
 * Asserts that an estimate of a probability from `trials` independent passes is within `z`
 * standard errors of the exact value. With z = 5 a correct engine fails with probability below
 * 6e-7 for a given seed, and the seeds are fixed, so the outcome is deterministic.
 */
export function withinMonteCarloError(estimate: number, exact: number, trials: number, z = 5): { ok: boolean; message: string } {
  const se = Math.sqrt(Math.max(exact * (1 - exact), 1 / trials) / trials);
  const ok = Math.abs(estimate - exact) <= z * se;
  return { ok, message: `estimate ${estimate} vs exact ${exact}: ${(Math.abs(estimate - exact) / se).toFixed(2)} SE (limit ${z})` };
}
