/** Shared inputs of the notebook tests: the 32-ally fixture and fixed results from it. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate, validateScenario, type Scenario, type SimulationResult } from '../../packages/core/src/index.js';

/** The 32-ally, 6-option test fixture, validated. */
export const TOY: Scenario = validateScenario(JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/toy-32.json'), 'utf8')));

/** The default scenario of the notebook (examples/scenarios/nato-russia-2025.json), validated. */
export const NATO: Scenario = validateScenario(JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../examples/scenarios/nato-russia-2025.json'), 'utf8')));

/** A fixed result: the fixture, 2,000 passes, seed 7. */
export const TOY_RESULT: SimulationResult = simulate(TOY, { passes: 2_000, seed: 7 });

/** A second fixed result to pin as a baseline: the same fixture with a different seed. */
export const TOY_BASELINE: SimulationResult = simulate(TOY, { passes: 1_000, seed: 8 });
