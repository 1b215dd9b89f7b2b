/**
 * Writes a validated scenario as the model file that the C reference (`model1.c`) reads.
 *
 * The file carries the scenario's own numbers (centers, uncertainties, correlations, ...); the C
 * program derives the rest itself (logits, bloc loadings, objection radii, the status quo's
 * signal), so the engine's `compileModel` is checked too, not copied. The only thing resolved here
 * is which allies an event shift targets (`"*"`, ally ids, `"bloc:<id>"`), written as slots
 * `ally * 3 + parameter` in ally order. Numbers are written with `String(number)`, the shortest
 * text that reads back as the same double (C's `strtod` reads it exactly).
 *
 * Format (whitespace-separated words, one record a line):
 *
 *     concert-model1 1
 *     allies A  options O  blocs B  events E       (one line each)
 *     weights <wF> <wE>
 *     statusQuo <firmness> <engagement> <visibility>
 *     bargaining <maxRounds> <step> <maxDrift>
 *     signal <exponent> threshold <uncertain>      (or: signal <exponent> formula, refused by model1)
 *     bloc <correlation>                           (B lines)
 *     ally <bloc index or -1> <influence> <solidarityCost> <uncertain> <uncertain> <uncertain>
 *                                                  (A lines: hawkishness, engagementPreference, salience)
 *     event <probability> <shift count> (<slot> <by>)*   (E lines)
 *     option <firmness> <engagement> <visibility>  (O lines)
 *     end
 *
 * where `<uncertain>` is `fixed <value>` or `uncertain <center> <uncertainty>`.
 *
 * Run as a script: `pnpm exec tsx tests/reference/modelFile.ts scenario.json > scenario.model1`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STANCE_PARAMETERS, validateScenario, type Scenario, type Uncertain } from '../../packages/core/src/index.js';

const number = (value: number): string => String(value);

function uncertain(value: Uncertain): string {
  return typeof value === 'number' ? `fixed ${number(value)}` : `uncertain ${number(value.center)} ${number(value.uncertainty)}`;
}

/** The allies an event shift targets, in ally order. */
function shiftTargets(scenario: Scenario, allies: '*' | readonly string[]): number[] {
  const targets: number[] = [];
  scenario.allies.forEach((ally, index) => {
    if (allies === '*' || allies.includes(ally.id) || (ally.bloc !== undefined && allies.includes(`bloc:${ally.bloc}`))) targets.push(index);
  });
  return targets;
}

/**
 * The model file of a validated scenario, for `model1.c`.
 *
 * @example
 * model1File(validateScenario(json)).split('\n')[0]; // => 'concert-model1 1'
 */
export function model1File(scenario: Scenario): string {
  const lines = [
    'concert-model1 1',
    `allies ${scenario.allies.length}`,
    `options ${scenario.options.length}`,
    `blocs ${scenario.blocs.length}`,
    `events ${scenario.events.length}`,
    `weights ${number(scenario.dimensionWeights.firmness)} ${number(scenario.dimensionWeights.engagement)}`,
    `statusQuo ${number(scenario.statusQuo.firmness)} ${number(scenario.statusQuo.engagement)} ${number(scenario.statusQuo.visibility)}`,
    `bargaining ${scenario.bargaining.maxRounds} ${number(scenario.bargaining.step)} ${number(scenario.bargaining.maxDrift)}`,
    scenario.signal.formula === undefined
      ? `signal ${number(scenario.signal.exponent)} threshold ${uncertain(scenario.signal.threshold)}`
      : `signal ${number(scenario.signal.exponent)} formula`,
  ];
  const blocIndex = new Map(scenario.blocs.map((bloc, index) => [bloc.id, index]));
  for (const bloc of scenario.blocs) lines.push(`bloc ${number(bloc.correlation)}`);
  for (const ally of scenario.allies) {
    const bloc = ally.bloc === undefined ? -1 : blocIndex.get(ally.bloc)!;
    const stance = STANCE_PARAMETERS.map((parameter) => uncertain(ally[parameter])).join(' ');
    lines.push(`ally ${bloc} ${number(ally.influence)} ${number(ally.solidarityCost)} ${stance}`);
  }
  for (const event of scenario.events) {
    const shifts: string[] = [];
    for (const shift of event.shifts) {
      const parameter = STANCE_PARAMETERS.indexOf(shift.parameter);
      for (const ally of shiftTargets(scenario, shift.allies)) shifts.push(`${ally * STANCE_PARAMETERS.length + parameter} ${number(shift.by)}`);
    }
    lines.push([`event ${number(event.probability)} ${shifts.length}`, ...shifts].join(' '));
  }
  for (const option of scenario.options)
    lines.push(`option ${number(option.firmness)} ${number(option.engagement)} ${number(option.visibility)}`);
  lines.push('end', '');
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2];
  if (path === undefined) {
    process.stderr.write('usage: tsx tests/reference/modelFile.ts SCENARIO.json > SCENARIO.model1\n');
    process.exit(2);
  }
  try {
    process.stdout.write(model1File(validateScenario(JSON.parse(readFileSync(path, 'utf8')))));
  } catch (error) {
    process.stderr.write(`${path}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
