/**
 * Sobol indices: the estimators against the Ishigami function and Sobol's G function, whose
 * indices are known in closed form, within 5 standard errors derived independently here (the
 * delta method over the design's independent rows); the bootstrap intervals against the same
 * errors; and the model analysis: exact inner estimates, split independence, exact indices where
 * the model makes them exact, and bad settings.
 */
import { describe, expect, it } from 'vitest';
import {
  ConcertInputError,
  evaluateSobolPoints,
  prepareSobol,
  saltelliDesign,
  simulate,
  sobol,
  sobolIndices,
  sobolOfFunction,
  sobolPointValues,
} from '../../packages/core/src/index.js';
import { ally, scenarioOf } from '../core/helpers.js';
import { withParameter } from './helpers.js';

// Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3 (Saltelli et al., Global
// Sensitivity Analysis: The Primer, 2008, section 4.7).
const A = 7;
const B = 0.1;
const PI4 = Math.PI ** 4;
const PI8 = Math.PI ** 8;
const ISHIGAMI_V = (A * A) / 8 + (B * PI4) / 5 + (B * B * PI8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * PI4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = ((8 * B * B * PI8) / 225);
const ISHIGAMI = {
  first: [V1 / ISHIGAMI_V, V2 / ISHIGAMI_V, 0],
  total: [(V1 + V13) / ISHIGAMI_V, V2 / ISHIGAMI_V, V13 / ISHIGAMI_V],
};
function ishigami(u: Float64Array): number {
  const x1 = Math.PI * (2 * u[0]! - 1);
  const x2 = Math.PI * (2 * u[1]! - 1);
  const x3 = Math.PI * (2 * u[2]! - 1);
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
}

// Sobol's G function: g = prod (|4 u_i - 2| + a_i) / (1 + a_i); V_i = 1 / (3 (1 + a_i)^2).
const G_A = [0, 1, 4.5, 9, 99, 99];
const G_VI = G_A.map((a) => 1 / (3 * (1 + a) ** 2));
const G_V = G_VI.reduce((product, v) => product * (1 + v), 1) - 1;
const G = {
  first: G_VI.map((v) => v / G_V),
  total: G_VI.map((v, i) => (v * G_VI.reduce((product, w, j) => (j === i ? product : product * (1 + w)), 1)) / G_V),
};
function gFunction(u: Float64Array): number {
  let product = 1;
  for (let i = 0; i < G_A.length; i++) product *= (Math.abs(4 * u[i]! - 2) + G_A[i]!) / (1 + G_A[i]!);
  return product;
}

/**
 * Delta-method standard errors of Jansen's estimators, computed here from the per-row terms: an
 * estimator is a smooth function of means of independent row terms, so its error is the standard
 * deviation of its influence values over the rows divided by sqrt(N).
 */
function deltaStandardErrors(values: Float64Array, k: number, n: number): { first: number[]; total: number[] } {
  const f = (matrix: number, row: number) => values[matrix * n + row]!;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += f(0, j) + f(1, j);
  mean /= 2 * n;
  const v = Array.from({ length: n }, (_, j) => ((f(0, j) - mean) ** 2 + (f(1, j) - mean) ** 2) / 2);
  const variance = v.reduce((s, x) => s + x, 0) / n;
  const sd = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  };
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < k; i++) {
    const u = Array.from({ length: n }, (_, j) => (f(1, j) - f(2 + i, j)) ** 2 / 2);
    const t = Array.from({ length: n }, (_, j) => (f(0, j) - f(2 + i, j)) ** 2 / 2);
    const meanU = u.reduce((s, x) => s + x, 0) / n;
    const meanT = t.reduce((s, x) => s + x, 0) / n;
    // S = 1 - meanU / V and ST = meanT / V: influence of row j on each.
    first.push(sd(u.map((x, j) => -x / variance + (meanU / variance ** 2) * v[j]!)) / Math.sqrt(n));
    total.push(sd(t.map((x, j) => x / variance - (meanT / variance ** 2) * v[j]!)) / Math.sqrt(n));
  }
  return { first, total };
}

function checkAgainstClosedForm(fn: (u: Float64Array) => number, k: number, n: number, exact: { first: number[]; total: number[] }, seed: number) {
  const design = saltelliDesign(k, n, seed);
  const values = new Float64Array((k + 2) * n).map((_, p) => fn(design.points.subarray(p * k, (p + 1) * k)));
  const errors = deltaStandardErrors(values, k, n);
  const indices = sobolOfFunction(fn, k, { samples: n, seed, bootstrap: 400 });
  const report: string[] = [];
  for (const kind of ['first', 'total'] as const)
    for (let i = 0; i < k; i++) {
      const index = indices[kind][i]!;
      const se = errors[kind][i]!;
      const z = Math.abs(index!.estimate - exact[kind][i]!) / se;
      report.push(`${kind}[${i}] ${index!.estimate.toFixed(4)} vs ${exact[kind][i]!.toFixed(4)}: ${z.toFixed(2)} SE (SE ${se.toFixed(4)}, bootstrap SE ${index!.standardError.toFixed(4)}, ratio ${(index!.standardError / se).toFixed(3)})`);
      // Within 5 delta-method standard errors: a correct estimator fails with probability < 6e-7.
      expect(z, report.join('\n')).toBeLessThan(5);
      // The bootstrap's error agrees with the delta method's (400 resamples: within about 10%).
      if (se > 1e-6) {
        expect(index!.standardError / se, report.join('\n')).toBeGreaterThan(0.7);
        expect(index!.standardError / se, report.join('\n')).toBeLessThan(1.4);
      }
      expect(index!.lower).toBeLessThanOrEqual(index!.estimate);
      expect(index!.upper).toBeGreaterThanOrEqual(index!.estimate);
    }
  if (process.env.SOBOL_MARGINS) console.log(report.join('\n'));
  return { errors, report };
}

describe('sobolOfFunction(fn, k, { samples, seed })', () => {
  it('recovers the Ishigami function’s indices within 5 standard errors at N = 8192', () => {
    const { errors } = checkAgainstClosedForm(ishigami, 3, 8192, ISHIGAMI, 7);
    // The test has teeth: at this N the errors are small against the gaps between indices
    // (first and total of x1 differ by 0.24, x3's total is 0.24 while its first order is 0).
    expect(Math.max(...errors.first, ...errors.total)).toBeLessThan(0.03);
  });

  it('recovers the Sobol G function’s indices within 5 standard errors at N = 8192', () => {
    const { errors } = checkAgainstClosedForm(gFunction, 6, 8192, G, 11);
    expect(Math.max(...errors.first, ...errors.total)).toBeLessThan(0.03);
  });

  it('gives the same numbers for the same seed, other numbers for another', () => {
    const a = sobolOfFunction(ishigami, 3, { samples: 256, seed: 3, bootstrap: 50 });
    const b = sobolOfFunction(ishigami, 3, { samples: 256, seed: 3, bootstrap: 50 });
    const c = sobolOfFunction(ishigami, 3, { samples: 256, seed: 4, bootstrap: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });
});

describe('sobolIndices(values, k, N)', () => {
  it('reports null indices, not NaN, for an output that does not vary', () => {
    const result = sobolIndices(new Float64Array(5 * 64).fill(0.25), 3, 64, { bootstrap: 10 });
    expect(result).toEqual({ mean: 0.25, variance: 0, first: [null, null, null], total: [null, null, null] });
  });

  it('refuses values of the wrong length and outputs that are not finite', () => {
    expect(() => sobolIndices(new Float64Array(10), 3, 64)).toThrow(/requires \(k \+ 2\) N = 320 records/);
    expect(() => sobolIndices(new Float64Array(5 * 64).fill(Number.NaN), 3, 64)).toThrow(/finite outputs/);
  });
});

/** One ally X objects to the option iff its hawkishness is below 0.6; Y (fixed, 0.7 to 0.9) never objects. */
function twoAllies() {
  return scenarioOf({
    statusQuo: { firmness: 0.4, engagement: 0.5, visibility: 0 },
    allies: [ally('X', { hawkishness: { center: 0.5, uncertainty: 1 } }), ally('Y', { hawkishness: 0.8 })],
    options: [{ id: 'firm', firmness: 0.8, engagement: 0.5, visibility: 0.5 }],
    signal: { exponent: 2, threshold: { center: 0.3, uncertainty: 0.5 } },
  });
}

describe('sobol(scenario, settings)', () => {
  const settings = {
    parameters: [
      { name: 'allies.X.hawkishness', lower: 0.3, upper: 0.7 },
      { name: 'allies.Y.hawkishness', lower: 0.7, upper: 0.9 },
    ],
    outputs: [{ option: 'firm', measure: 'consensus' as const }, { option: 'firm', measure: 'risk' as const }],
    samples: 64,
    innerPasses: 300,
    seed: 5,
    bootstrap: 200,
  };

  it('runs each design point as simulate() runs the scenario with those values, on the same seed', () => {
    const plan = prepareSobol(twoAllies(), settings);
    for (const point of [0, 70, 200, 255]) {
      const [x, y] = sobolPointValues(plan, point);
      const moved = withParameter(withParameter(twoAllies(), 'allies.X.hawkishness', x!), 'allies.Y.hawkishness', y!);
      const expected = simulate(moved, { passes: 300, seed: 5 }).options[0]!;
      expect(Array.from(evaluateSobolPoints(plan, { from: point, to: point + 1 }))).toEqual([expected.consensus.estimate, expected.risk.estimate]);
    }
  });

  it('gives the same values however the points are split', () => {
    const plan = prepareSobol(twoAllies(), settings);
    const whole = evaluateSobolPoints(plan, { from: 0, to: 20 });
    const parts = [...evaluateSobolPoints(plan, { from: 0, to: 7 }), ...evaluateSobolPoints(plan, { from: 7, to: 20 })];
    expect(parts).toEqual(Array.from(whole));
  });

  it('gives an input the model ignores a total index of exactly 0, and the only input a first-order index of exactly 1', () => {
    // With common random numbers the inner estimate is a function of X's center alone, so
    // f(B) = f(A_B^X) and f(A) = f(A_B^Y) row by row: the estimators are exact here.
    const result = sobol(twoAllies(), settings);
    for (const output of result.outputs) {
      const [x, y] = output.indices;
      expect(x!.first).toEqual({ estimate: 1, lower: 1, upper: 1, standardError: 0 });
      expect(y!.total).toEqual({ estimate: 0, lower: 0, upper: 0, standardError: 0 });
      expect(output.noiseShare).toBeGreaterThan(0);
      expect(output.noiseShare).toBeLessThan(0.2);
    }
    expect(result.manifest.points).toBe(4 * 64);
  });

  it('refuses unknown, repeated and out-of-domain parameters, unknown options and too few samples, naming each setting', () => {
    let problems: { path: string; message: string; value?: unknown }[] = [];
    try {
      sobol(twoAllies(), {
        parameters: [
          { name: 'allies.Z.hawkishness', lower: 0.1, upper: 0.2 },
          { name: 'allies.X.hawkishness', lower: 0, upper: 1 },
          { name: 'allies.X.hawkishness', lower: 0.2, upper: 0.3 },
          { name: 'events.*.probability', lower: 0.2, upper: 0.3 },
        ],
        outputs: [{ option: 'nope', measure: 'consensus' }],
        samples: 40,
        innerPasses: 50,
        seed: 1,
      });
    } catch (error) {
      if (!(error instanceof ConcertInputError)) throw error;
      problems = [...error.problems];
    }
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ['parameters[0].name', 'allies.Z.hawkishness'],
      ['parameters[1].lower', 0],
      ['parameters[1].upper', 1],
      ['parameters[2].name', 'allies.X.hawkishness'],
      ['parameters[3].name', 'events.*.probability'],
      ['outputs[0].option', 'nope'],
      ['samples', 40],
      ['innerPasses', 50],
    ]);
    expect(problems[1]!.message).toBe('must be strictly between 0 and 1 (the domain of allies.X.hawkishness)');
    expect(problems[6]!.message).toMatch(/^must be at least 64 for 4 parameters \(max\(64, 4 k\^2\)/);
    expect(() => sobol(twoAllies(), { ...settings, parameters: [{ name: 'allies.X.hawkishness', lower: 0.5, upper: 0.4 }] })).toThrow(/parameters\[0\]\.upper: lower must be less than upper/);
  });
});
