/**
 * The hostile-input suite's yardstick: normal runs whose bytes are pinned (SHA-256 of the result
 * JSON, computed by the engine before the suite existed), so that after each hostile input a test
 * can show that nothing else changed: a second, normal run in the same process gives its normal
 * bytes. The formulas cover comparisons (which mathjs's config tolerances would move), functions
 * and unity.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { sha256Hex, simulate, type ScenarioInput } from '../../packages/core/src/index.js';

/** The 32-ally, 6-option fixture. */
export function toy(): ScenarioInput {
  return JSON.parse(readFileSync(new URL('../fixtures/toy-32.json', import.meta.url), 'utf8')) as ScenarioInput;
}

/** The fixture with a signal formula. */
export function withFormula(formula: string): ScenarioInput {
  const scenario = toy();
  return { ...scenario, signal: { ...scenario.signal!, formula } };
}

/** Normal runs (toy fixture, 750 passes, seed "hostile") and the SHA-256 of their result JSON. */
export const NORMAL_RUNS: readonly { readonly name: string; readonly scenario: () => ScenarioInput; readonly sha256: string }[] = [
  { name: 'default signal', scenario: toy, sha256: '1a2a1877815d4a4338a3deb615b486ebdf086f0beb112d70e834a3f0efa724c4' },
  {
    name: 'a formula with a comparison',
    scenario: () => withFormula('firmness > 0.5 ? visibility * firmness : visibility * firmness ^ 2'),
    sha256: '94378bf1403936a570a069eca54ab0cfde5a1f418ffb5d259bf728014688125e',
  },
  {
    name: 'a formula with functions',
    scenario: () => withFormula('min(1, max(0, visibility * sin(firmness * pi / 2) ^ exponent - 0.01 * rounds))'),
    sha256: '4216f59aec49db165106027be334630cce85ee54e4e6348f8b6d96e13682334c',
  },
  {
    name: 'a formula with unity',
    scenario: () => withFormula('visibility * firmness ^ exponent * (0.5 + 0.5 * unity)'),
    sha256: '8150e167ac9d6ab75a97b9c4f3cdacbb98c2a7f4d21651cca0adb6a81f332c30',
  },
];

/** The SHA-256 of a normal run's result JSON, run now in this process. */
export function normalRunSha256(run: (typeof NORMAL_RUNS)[number]): string {
  return sha256Hex(JSON.stringify(simulate(run.scenario(), { passes: 750, seed: 'hostile' })));
}

/** Asserts that every normal run still gives its pinned bytes in this process (`which` picks some). */
export function expectNormalRuns(which: readonly number[] = [0, 1, 2, 3]): void {
  for (const k of which) {
    const run = NORMAL_RUNS[k]!;
    expect(normalRunSha256(run), `${run.name} after the hostile input`).toBe(run.sha256);
  }
}

/** Runs `action`, which must throw; returns what it threw. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}
