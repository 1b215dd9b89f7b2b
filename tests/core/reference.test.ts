/**
 * The C reference of model 1 (tests/reference/model1.c, docs/REFERENCE.md) against the engine.
 *
 * model1.c is written from docs/MODEL.md in plain C99: its own port of seedrandom's Mash and Alea,
 * its own ziggurat (with the engine's tables, embedded), its own logits and bloc loadings from the
 * scenario's raw numbers, its own world sampling, objection rule, amendments, signal and tally, and
 * the C library's exp, log and pow. Every count it keeps must EQUAL the engine's, entry by entry:
 * consensus, first round, risk, viable, rounds, the fixed-point sums, both 1000-bin histograms,
 * every ally's initial objection, blocker and sole-blocker counts, and the convergence segments.
 *
 * No tolerance is allowed. The C library's exp, log and pow differ from V8's in the last bit for
 * about one argument in ten, so a stance or a signal may differ by an ulp (about 1e-16); that moves
 * a count only when a value lies within an ulp of a threshold, a bin edge or a rounding midpoint.
 * Measured: 1,000,000 passes of each scenario below with each seed (tests/reference/crossCheck.ts),
 * not one count moved. The exception is an exact tie, which the scenarios here avoid: an option
 * placed exactly at the status quo and an ally with solidarityCost 0 make that ally's objection
 * `d^2 > sqrt(d^2)^2` a matter of rounding, and there the last bit of exp does move counts
 * (docs/REFERENCE.md).
 *
 * The test compiles model1.c with the machine's C compiler; without one it fails and says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { blockStream, simulate, streamKey, type Seed } from '../../packages/core/src/index.js';
import {
  ALLY_COUNTS,
  OPTION_COUNTS,
  NO_COMPILER,
  PLAIN_FLAGS,
  compileModel1,
  countDifferences,
  engineCounts,
  referenceCounts,
  runModel1,
  writeModelFile,
  type Model1Binary,
} from '../reference/reference.js';
import { engineZigguratTables } from '../reference/zigguratTables.js';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

const SCENARIOS = {
  'toy-32': read('tests/fixtures/toy-32.json'),
  'nato-russia-2025': read('examples/scenarios/nato-russia-2025.json'),
  // blocs with correlation 0, 0.7 and 1; events that never, sometimes and always occur; fixed
  // parameters (salience 0 and 1 among them); a fixed threshold; 6 rounds; exponent 1.5
  'reference-mix': read('tests/fixtures/reference-mix.json'),
} as const;
const SEEDS: readonly Seed[] = [42, 'cross-check'];
/** 17 blocks, the last one short (37 passes). */
const PASSES = 16 * 250 + 37;

let binary: Model1Binary;
beforeAll(() => {
  binary = compileModel1(PLAIN_FLAGS); // throws "No C compiler found ..." on a machine without one
});
afterAll(() => binary?.remove());

describe('model1.c random streams', () => {
  const seeds: readonly Seed[] = [42, 'cross-check', 'π 🎻 non-ASCII'];

  it('uniforms equal seedrandom.alea of the block key, and the engine stream, bit for bit', () => {
    for (const seed of seeds)
      for (const block of [0, 1, 3999]) {
        const printed = runModel1(binary, ['--stream', String(seed), String(block), '5000']).stdout.split('\n');
        const alea = seedrandom.alea(streamKey(seed, block));
        const stream = blockStream(seed, block);
        for (let k = 0; k < 5000; k++) {
          const expected = alea();
          expect(stream.uniform()).toBe(expected);
          if (Number(printed[k]) !== expected) expect.fail(`seed ${seed} block ${block} uniform ${k}: C ${printed[k]}, seedrandom ${expected}`);
        }
      }
  });

  it('normals equal the engine ziggurat bit for bit; in the tail, to the last bit of log', () => {
    // Inside the layers a normal is `hz * wn[layer]`: no libm, so bit for bit. The base layer's tail
    // (|x| > 3.44, 0.058% of draws) computes `-log(1 - u) / 3.44`: the C library's log and V8's differ
    // in the last bit for about one argument in ten, so a tail normal may differ by an ulp or two.
    // The stream is consumed identically either way: a different draw count would shift every
    // later number, and this test would fail at the next one.
    const count = 200_000;
    for (const seed of seeds) {
      const printed = runModel1(binary, ['--stream', String(seed), '7', String(count)]).stdout.split('\n').slice(count);
      const stream = blockStream(seed, 7);
      let inTail = 0;
      for (let k = 0; k < count; k++) {
        const expected = stream.normal();
        const c = Number(printed[k]);
        if (Math.abs(expected) > 3.442619855899) {
          inTail++;
          if (!(Math.abs(c - expected) <= 4 * Number.EPSILON * Math.abs(expected)))
            expect.fail(`seed ${seed} tail normal ${k}: C ${printed[k]}, engine ${expected}`);
        } else if (c !== expected) expect.fail(`seed ${seed} normal ${k}: C ${printed[k]}, engine ${expected}`);
      }
      expect(inTail).toBeGreaterThan(20); // the tail was reached (P = 0.00058 a draw)
    }
  });

  it('the ziggurat tables are the engine zigset, bit for bit', () => {
    const { kn, wn, fn } = engineZigguratTables();
    const rows = runModel1(binary, ['--tables']).stdout.trim().split('\n').map((line) => line.split(' ').map(Number));
    expect(rows).toEqual(Array.from(kn, (k, i) => [k, wn[i], fn[i]]));
  });
});

describe('model1.c counts against the engine (prepareRun + runPreparedBlocks)', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS))
    for (const seed of SEEDS)
      it(`${name}, seed ${JSON.stringify(seed)}, ${PASSES} passes: every count is equal`, () => {
        const c = referenceCounts(binary, scenario, PASSES, seed);
        const engine = engineCounts(scenario, PASSES, seed);
        expect(countDifferences(c, engine)).toEqual([]);
        // The counts are not trivial: something was counted in every kind of entry.
        expect(c.tally.reduce((sum, x) => sum + x, 0)).toBeGreaterThan(PASSES);
      });

  it('toy-32 over 121 blocks (convergence segments grouped), every count is equal', () => {
    const passes = 120 * 250 + 123;
    const scenario = SCENARIOS['toy-32'];
    expect(countDifferences(referenceCounts(binary, scenario, passes, 7), engineCounts(scenario, passes, 7))).toEqual([]);
  });

  it('reads the tally as the result reports it (guards the counter names this test uses)', () => {
    const scenario = SCENARIOS['reference-mix'];
    const { layout, tally } = engineCounts(scenario, PASSES, 42);
    const result = simulate(scenario, { passes: PASSES, seed: 42 });
    result.options.forEach((option, o) => {
      const count = (name: (typeof OPTION_COUNTS)[number]) => tally[layout.option(o, OPTION_COUNTS.indexOf(name))]!;
      expect(option.consensus.estimate).toBe(count('consensus') / PASSES);
      expect(option.firstRoundConsensus.estimate).toBe(count('firstRound') / PASSES);
      expect(option.risk.estimate).toBe(count('risk') / PASSES);
      expect(option.viability.estimate).toBe(count('viable') / PASSES);
      expect(option.meanRounds).toBe(count('consensus') === 0 ? null : count('rounds') / count('consensus'));
      option.allies.forEach((ally, a) => {
        const allyCount = (name: (typeof ALLY_COUNTS)[number]) => tally[layout.ally(o, a, ALLY_COUNTS.indexOf(name))]!;
        expect(ally.initialObjectionRate.estimate).toBe(allyCount('initialObjection') / PASSES);
        expect(ally.blockerRate.estimate).toBe(allyCount('blocker') / PASSES);
        expect(ally.soleBlockerRate.estimate).toBe(allyCount('soleBlocker') / PASSES);
      });
    });
  });
});

describe('model1.c input', () => {
  it('without a C compiler, building it fails with a sentence that says so', () => {
    const empty = mkdtempSync(join(tmpdir(), 'concert-no-compiler-'));
    try {
      expect(() => compileModel1(PLAIN_FLAGS, { PATH: empty })).toThrow(NO_COMPILER);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a scenario with signal.formula: it implements the default signal only', () => {
    const toy = SCENARIOS['toy-32'] as { signal: object };
    const file = writeModelFile({ ...toy, signal: { ...toy.signal, formula: 'visibility * firmness ^ exponent' } });
    try {
      expect(() => runModel1(binary, [file.path, '100', '1'])).toThrow(
        'model1: this scenario sets signal.formula; the C reference implements only the default signal visibility * firmness ^ exponent, so it cannot check this scenario',
      );
    } finally {
      file.remove();
    }
  });

  it('refuses bad arguments, naming what was expected', () => {
    const file = writeModelFile(SCENARIOS['toy-32']);
    try {
      expect(() => runModel1(binary, [file.path, '0', '1'])).toThrow('PASSES must be a whole number from 1 to 1000000000, found "0"');
      expect(() => runModel1(binary, [`${file.path}.missing`, '10', '1'])).toThrow('cannot read the model file');
      writeFileSync(file.path, readFileSync(file.path, 'utf8').replace('statusQuo 0.55', 'statusQuo 1.55'));
      expect(() => runModel1(binary, [file.path, '10', '1'])).toThrow('statusQuo firmness must be a number from 0 to 1, found "1.55"');
      writeFileSync(file.path, 'concert-model1 1\nallies 32\n');
      expect(() => runModel1(binary, [file.path, '10', '1'])).toThrow('ended where options was expected');
    } finally {
      file.remove();
    }
  });
});
