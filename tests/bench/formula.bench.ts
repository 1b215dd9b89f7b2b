/**
 * The formula probe's cost model against the clock: for formulas of several shapes, the measured
 * extra time a formula adds per option and pass (a run with the formula minus the same run with
 * the default signal) beside what the probe counts (`formulaEvaluationNanoseconds`). Both are
 * given in units of the engine's own work per option, ally and pass, measured in the same process
 * (the probe counts `FORMULA_COST.engineOptionAlly` ns for it), so the comparison holds on a busy
 * machine too. The probe counts rather than times; these figures calibrate it.
 */
import { readFileSync } from 'node:fs';
import {
  FORMULA_COST,
  formulaEvaluationNanoseconds,
  prepareRun,
  runPreparedBlocks,
  type ScenarioInput,
} from '../../packages/core/src/index.js';

const FIXTURE = 'tests/fixtures/toy-32.json';

const FORMULAS = [
  'visibility * firmness ^ exponent',
  'visibility * firmness ^ exponent * (0.5 + 0.5 * unity) * (1 - rounds / 10)',
  'min(1, max(0, visibility * sin(firmness * pi / 2) ^ exponent - 0.01 * rounds))',
  `min(1, ${Array.from({ length: 20 }, (_, k) => `abs(firmness - ${(k / 20).toFixed(2)})`).join(' * ')})`,
  Array.from({ length: 60 }, () => 'unity').join('*'),
];

/** Median nanoseconds per pass of `passes` passes, over 5 runs. */
function nanosecondsPerPass(scenario: ScenarioInput, passes: number): number {
  const run = prepareRun(scenario, { passes, seed: 'bench' });
  runPreparedBlocks(run, { from: 0, to: Math.min(run.blocks, 8) });
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    runPreparedBlocks(run, { from: 0, to: run.blocks });
    times.push(((performance.now() - start) * 1e6) / passes);
  }
  return times.sort((a, b) => a - b)[2]!;
}

export default async function bench(): Promise<void> {
  const base = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ScenarioInput;
  const passes = 20_000;
  const options = base.options.length;
  const allies = base.allies.length;
  const plain = nanosecondsPerPass(base, passes);
  console.log(`engine, default signal: ${Math.round(plain).toLocaleString('en-US')} ns per pass = ${(plain / (options * allies)).toFixed(0)} ns per option and ally (the probe counts ${FORMULA_COST.engineOptionAlly})`);
  for (const formula of FORMULAS) {
    const scenario = { ...base, signal: { ...base.signal!, formula } };
    const run = prepareRun(scenario, { passes: 1, seed: 1 });
    const shape = run.model.signalFormulaShape!;
    const measured = (nanosecondsPerPass(scenario, passes) - plain) / options / (plain / (options * allies));
    const counted = formulaEvaluationNanoseconds(shape, allies) / FORMULA_COST.engineOptionAlly;
    console.log(
      `${shape.nodes} nodes, ${shape.calls} calls${shape.usesUnity ? ', unity' : ''}: an evaluation costs ${measured.toFixed(1)} engine units, the probe counts ${counted.toFixed(1)} (ratio ${(measured / counted).toFixed(2)})  ${formula.length > 60 ? `${formula.slice(0, 57)}...` : formula}`,
    );
  }
}
