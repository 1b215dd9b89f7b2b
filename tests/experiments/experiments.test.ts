/**
 * Experiments in the library: each row equals `simulate` on that experiment's scenario; common
 * random numbers (a field that does not matter changes nothing); splits of the units add up to
 * the same bytes; field paths; bad designs refused before any pass runs, naming path, value and
 * what was expected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  checkExperimentScenarios,
  experimentScenario,
  finalizeExperimentPartial,
  formatProblem,
  mergeExperimentPartials,
  prepareExperiment,
  resolveFieldPath,
  runExperiment,
  runExperimentUnits,
  simulate,
  summarizeExperiment,
  toExperimentPartial,
  validateScenario,
  type ExperimentDesign,
  type ScenarioInput,
} from '../../packages/core/src/index.js';

const TOY = JSON.parse(readFileSync(new URL('../fixtures/toy-32.json', import.meta.url), 'utf8')) as ScenarioInput;
const toy = [{ name: 'toy', scenario: TOY }];

const LHS: ExperimentDesign = {
  fields: [
    { path: 'allies.A01.hawkishness.center', lower: 0.1, upper: 0.6 },
    { path: 'events.escalation.probability', lower: 0, upper: 0.5 },
    { path: 'options[dual-track].firmness', lower: 0.5, upper: 0.9 },
  ],
  sampling: { method: 'latin-hypercube', samples: 6 },
  passes: 1200,
  seed: 'crn',
};

/** The messages of the problems a call throws, one line each. */
function problemsOf(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof ConcertInputError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ConcertInputError');
}

describe('runExperiment(design, scenarios)', () => {
  it("gives each experiment and option exactly simulate's figures for that experiment's scenario", () => {
    const result = runExperiment(LHS, toy);
    const plan = prepareExperiment(LHS, toy);
    expect(result.rows).toHaveLength(6 * 6);
    for (const experiment of [0, 3, 5]) {
      const run = simulate(experimentScenario(plan, experiment), { passes: 1200, seed: 'crn' });
      for (const option of run.options) {
        const row = result.rows.find((r) => r['experiment'] === experiment + 1 && r['option_id'] === option.id)!;
        const top = [...option.allies].sort((a, b) => b.blockerRate.estimate - a.blockerRate.estimate)[0]!;
        expect(row).toMatchObject({
          consensus: option.consensus.estimate,
          consensus_lower: option.consensus.lower,
          consensus_upper: option.consensus.upper,
          first_round_consensus: option.firstRoundConsensus.estimate,
          risk: option.risk.estimate,
          risk_upper: option.risk.upper,
          viability: option.viability.estimate,
          mean_rounds: option.meanRounds,
          adopted_firmness_mean: option.adoptedFirmness.mean,
          adopted_engagement_mean: option.adoptedEngagement.mean,
          dilution: option.dilution,
          signal_mean: option.signal.mean,
          top_blocker_rate: top.blockerRate.estimate > 0 ? top.blockerRate.estimate : null,
        });
      }
      // The inputs are the design point's values.
      const row = result.rows.find((r) => r['experiment'] === experiment + 1)!;
      expect(row['allies.A01.hawkishness.center']).toBe(plan.values[experiment * 3]);
      expect(row['options.dual-track.firmness']).toBe(plan.values[experiment * 3 + 2]);
    }
  });

  it('runs every experiment on common random numbers: a field that does not matter leaves every figure unchanged', () => {
    // An event that shifts nothing: its probability changes which passes it occurs in, and nothing else.
    const scenario = { ...TOY, events: [...(TOY.events ?? []), { id: 'nothing', probability: 0.5, shifts: [] }] };
    const design: ExperimentDesign = { fields: [{ path: 'events.nothing.probability', values: [0.05, 0.95] }], sampling: { method: 'full-factorial' }, passes: 2000, seed: 4 };
    const result = runExperiment(design, [{ name: 'toy', scenario }]);
    const figures = (experiment: number) =>
      result.rows.filter((r) => r['experiment'] === experiment).map(({ experiment: _e, 'events.nothing.probability': _p, ...rest }) => rest);
    expect(figures(1)).toEqual(figures(2));
    // Without common random numbers the same two experiments differ by chance.
    const other = runExperiment({ ...design, seed: 5 }, [{ name: 'toy', scenario }]);
    expect(other.rows.filter((r) => r['experiment'] === 1).map((r) => r['consensus'])).not.toEqual(figures(1).map((r) => r['consensus']));
  });

  it('gives the same bytes however the units are split, and partial results merge into them', () => {
    const plan = prepareExperiment(LHS, toy);
    const whole = JSON.stringify(runExperiment(LHS, toy));
    const cuts = [0, 5, 11, 12, 29, plan.units];
    const parts = cuts.slice(1).map((to, k) => {
      const range = { from: cuts[k]!, to };
      return toExperimentPartial(plan, range, runExperimentUnits(plan, range));
    });
    expect(JSON.stringify(finalizeExperimentPartial(mergeExperimentPartials([...parts].reverse())))).toBe(whole);
    // In stages, too.
    const first = mergeExperimentPartials(parts.slice(0, 2));
    expect(JSON.stringify(finalizeExperimentPartial(mergeExperimentPartials([first, ...parts.slice(2)])))).toBe(whole);
    expect(() => finalizeExperimentPartial(mergeExperimentPartials(parts.slice(1)))).toThrow(/missing 0-4/);
    expect(problemsOf(() => mergeExperimentPartials([parts[0]!, parts[0]!]))[0]).toMatch(/must not overlap parts\[0\]/);
  });

  it('runs a batch of scenarios on the same design points, with the scenario in a column', () => {
    const other = validateScenario({ ...TOY, id: 'toy-b', signal: { exponent: 2, threshold: { center: 0.3, uncertainty: 0.6 } } });
    const batch = runExperiment(LHS, [...toy, { name: 'toy-b', scenario: other }]);
    const single = runExperiment(LHS, toy);
    expect(batch.rows).toHaveLength(2 * 36);
    expect(batch.rows.slice(0, 36)).toEqual(single.rows);
    expect(new Set(batch.rows.slice(36).map((r) => r['scenario']))).toEqual(new Set(['toy-b']));
    expect(batch.rows.slice(36).map((r) => r['allies.A01.hawkishness.center'])).toEqual(single.rows.map((r) => r['allies.A01.hawkishness.center']));
  });

  it('full factorial over explicit levels and a range lists every combination', () => {
    const plan = prepareExperiment(
      { fields: [{ path: 'options.dual-track.firmness', lower: 0.5, upper: 0.9 }, { path: 'options.dual-track.visibility', values: [0.2, 0.8] }], sampling: { method: 'full-factorial', levels: 3 }, passes: 10 },
      toy,
    );
    expect(Array.from(plan.values)).toEqual([0.5, 0.2, 0.5, 0.8, 0.7, 0.2, 0.7, 0.8, 0.9, 0.2, 0.9, 0.8]);
  });
});

describe('resolveFieldPath(scenario, path)', () => {
  const scenario = validateScenario(TOY);
  it('accepts ids with dots or brackets, the sensitivity names and shift indices', () => {
    expect(resolveFieldPath(scenario, 'allies[A01].hawkishness')).toMatchObject({ path: 'allies.A01.hawkishness.center', location: ['allies', 0, 'hawkishness', 'center'] });
    expect(resolveFieldPath(scenario, 'allies.A01.hawkishness.uncertainty')).toMatchObject({ location: ['allies', 0, 'hawkishness', 'uncertainty'] });
    expect(resolveFieldPath(scenario, 'events[escalation].shifts[0].by')).toMatchObject({ path: 'events.escalation.shifts[0].by', location: ['events', 0, 'shifts', 0, 'by'] });
    expect(resolveFieldPath(scenario, 'signal.threshold')).toMatchObject({ path: 'signal.threshold.center' });
    expect(resolveFieldPath(scenario, 'bargaining.maxRounds')).toMatchObject({ integer: true });
    expect(resolveFieldPath(scenario, 'blocs.east.correlation')).toMatchObject({ location: ['blocs', 1, 'correlation'] });
    const dotted = validateScenario({ ...TOY, options: [...TOY.options, { id: 'plan.b', firmness: 0.5, engagement: 0.5, visibility: 0.5 }] });
    expect(resolveFieldPath(dotted, 'options.plan.b.firmness')).toMatchObject({ path: 'options.plan.b.firmness', location: ['options', 6, 'firmness'] });
  });

  it('says what is wrong with a path', () => {
    expect(resolveFieldPath(scenario, 'allies.HU.hawkishness')).toMatch(/^there is no ally "HU" \(allies: A01, A02/);
    expect(resolveFieldPath(scenario, 'options.dual-track.frimness')).toMatch(/"frimness" is not a field of option dual-track: firmness, engagement or visibility/);
    expect(resolveFieldPath(scenario, 'events.escalation.shifts[3].by')).toMatch(/index from 0 to 0/);
    expect(resolveFieldPath(scenario, 'signal.formula')).toMatch(/not a numeric field/);
    expect(resolveFieldPath(scenario, 'alies.A01.salience')).toMatch(/a path starts with allies/);
    expect(resolveFieldPath(scenario, 'allies..salience')).toMatch(/empty part/);
  });
});

describe('prepareExperiment(design, scenarios): bad input is refused before any pass runs', () => {
  const problems = (design: unknown) => problemsOf(() => prepareExperiment(design as ExperimentDesign, toy));
  it('names the path, the value and what was expected', () => {
    expect(problems({ ...LHS, fields: [{ path: 'allies.HU.hawkishness', lower: 0.1, upper: 0.2 }] })).toEqual([
      expect.stringMatching(/^fields\[0\]\.path: must name a numeric field of the scenario: there is no ally "HU" .*, got "allies.HU.hawkishness"$/),
    ]);
    expect(problems({ ...LHS, fields: [{ path: 'allies.A01.hawkishness', lower: 0.1, upper: 1.2 }] })).toEqual([
      'fields[0].upper: must be strictly between 0 and 1 (the domain of allies.A01.hawkishness.center), got 1.2',
    ]);
    expect(problems({ ...LHS, fields: [{ path: 'events.escalation.probability', values: [0.2, -0.1] }] })).toEqual([
      'fields[0].values[1]: must be between 0 and 1 (the domain of events.escalation.probability), got -0.1',
    ]);
    expect(problems({ ...LHS, sampling: { method: 'sobol', samples: 100 } })).toEqual([
      "sampling.samples: must be a power of 2 of at least 2 for a Sobol' sequence (its balance holds for 2^m points), e.g. 64 or 128, got 100",
    ]);
    expect(problems({ ...LHS, sampling: { method: 'latin-hypercube', samples: 1 } })[0]).toMatch(/^sampling.samples: must be at least 2 for a Latin hypercube/);
    expect(problems({ ...LHS, sampling: { method: 'full-factorial', levels: 100 } })[0]).toMatch(
      /^sampling: must make at most 100,000 experiments: a full factorial of 100 x 100 x 100 levels is 1,000,000/,
    );
    expect(problems({ ...LHS, sampling: { method: 'full-factorial' } })[0]).toMatch(/^sampling.levels: is required for a full factorial over a range/);
    expect(problems({ ...LHS, sampling: { method: 'random' } })[0]).toMatch(/^sampling.method: must be an object whose method is one of full-factorial, latin-hypercube, sobol/);
    expect(problems({ ...LHS, passes: 1e9, sampling: { method: 'latin-hypercube', samples: 500 } })[0]).toMatch(/^passes: must keep experiments x passes at most 1e\+11: 500 experiments x 1,000,000,000 passes/);
    expect(problems({ ...LHS, fields: [{ path: 'bargaining.maxRounds', lower: 1, upper: 4 }] })[0]).toMatch(/^fields\[0\]: must list values for bargaining.maxRounds, a whole number/);
    expect(problems({ ...LHS, fields: [{ path: 'allies.A01.salience', lower: 0.5 }] })[0]).toMatch(/^fields\[0\].upper: is required with lower \(a range has both ends\)/);
    expect(problems({ ...LHS, fields: [LHS.fields[0], { ...LHS.fields[0], path: 'allies[A01].hawkishness' }] })[0]).toMatch(/^fields\[1\].path: must not repeat fields\[0\]/);
    expect(problems({ ...LHS, fields: [{ ...LHS.fields[0], name: 'consensus' }] })[0]).toMatch(/^fields\[0\].name: must differ from the other columns/);
    expect(problems({ ...LHS, pases: 10 })).toEqual(['pases: is not a known field (check the spelling)']);
    expect(() => prepareExperiment(LHS, [])).toThrow(/must name a scenario/);
  });

  it('validates every experiment scenario: fields can be invalid together', () => {
    const plan = prepareExperiment(
      { fields: [{ path: 'dimensionWeights.firmness', values: [0, 1] }, { path: 'dimensionWeights.engagement', values: [0, 1] }], sampling: { method: 'full-factorial' }, passes: 10 },
      toy,
    );
    expect(problemsOf(() => checkExperimentScenarios(plan))).toEqual([
      'experiment 1 (dimensionWeights.firmness = 0, dimensionWeights.engagement = 0): gives an invalid scenario: dimensionWeights: firmness and engagement weights must not both be 0, got {"firmness":0,"engagement":0}',
    ]);
    // And summarizing counts that miss passes is refused.
    expect(() => summarizeExperiment(plan, new Float64Array(plan.offsets[plan.offsets.length - 1]!))).toThrow(/must count all 10 passes/);
  });
});
