/**
 * Face validity of the default scenario: what anyone who follows the debate expects, checked as
 * statistical statements. Each check compares two Monte Carlo estimates from the same passes. Their
 * difference has a standard error of at most se(a) + se(b) whatever their correlation (common
 * random numbers make them correlated), so a difference larger than Z * (se(a) + se(b)) with
 * Z = 4.75 (one-sided alpha = 1e-6) cannot come from chance; the expected effects are many times
 * that. An estimate's standard error is its 95% Wilson half-width / 1.96, which stays positive at
 * rates of 0 or 1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, validateScenario, type Estimate, type OptionResult } from '../../packages/core/src/index.js';

const Z = 4.75;
const PASSES = 40_000;
const scenario = validateScenario(JSON.parse(readFileSync('examples/scenarios/nato-russia-2025.json', 'utf8')));
const result = simulate(scenario, { passes: PASSES, seed: 'face-validity' });
const option = (id: string): OptionResult => {
  const found = result.options.find((o) => o.id === id);
  if (!found) throw new Error(`the default scenario has no option ${id}`);
  return found;
};
const se = (e: Estimate) => (e.upper - e.lower) / (2 * 1.96);
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Asserts a > b beyond Z standard errors, with a message that says what and why. */
function expectClearlyGreater(a: Estimate, b: Estimate, what: string): void {
  const tolerance = Z * (se(a) + se(b));
  const margin = (a.estimate - b.estimate) / (se(a) + se(b));
  expect(
    a.estimate - b.estimate,
    `${what}: ${pct(a.estimate)} vs ${pct(b.estimate)}, difference ${margin.toFixed(1)} standard errors (needs > ${Z})`,
  ).toBeGreaterThan(tolerance);
}

const blockers = (o: OptionResult) => new Map(o.allies.map((a) => [a.id, a.blockerRate]));

describe('the default scenario nato-russia-2025 (40,000 passes, seed "face-validity")', () => {
  it('the most confrontational option (terminate the Founding Act, containment) reaches consensus less often than the dual track, because the engagers veto containment but can live with risk-reduction channels', () => {
    expectClearlyGreater(option('dual-track').consensus, option('terminate-contain').consensus, 'consensus of dual-track over terminate-contain');
  });

  it.each(['suspend-restraints', 'terminate-contain'])(
    'Hungary and Slovakia block the confrontational option %s more often than any other ally, because their governments favour ties with the Kremlin',
    (id) => {
      const rates = blockers(option(id));
      for (const engager of ['HUN', 'SVK'])
        for (const [other, rate] of rates)
          if (other !== 'HUN' && other !== 'SVK') expectClearlyGreater(rates.get(engager)!, rate, `${id}: blocker rate of ${engager} over ${other}`);
    },
  );

  it('the Baltic states and Poland block the engagement-first option more often than any other ally, because reopening the Council is what the eastern flank fears most', () => {
    const rates = blockers(option('engagement-first'));
    const flank = ['EST', 'LVA', 'LTU', 'POL'];
    for (const hawk of flank)
      for (const [other, rate] of rates)
        if (!flank.includes(other)) expectClearlyGreater(rates.get(hawk)!, rate, `engagement-first: blocker rate of ${hawk} over ${other}`);
  });

  it('the quiet firm option carries less destabilization risk than the loud one of the same firmness, because the signal scales with visibility', () => {
    const loud = scenario.options.find((o) => o.id === 'suspend-restraints')!;
    const quiet = scenario.options.find((o) => o.id === 'quiet-firm')!;
    expect([quiet.firmness, quiet.engagement], 'the quiet option has the same substance as the loud one').toEqual([loud.firmness, loud.engagement]);
    expect(quiet.visibility).toBeLessThan(loud.visibility);
    expectClearlyGreater(option('suspend-restraints').risk, option('quiet-firm').risk, 'risk of suspend-restraints over quiet-firm');
  });
});
