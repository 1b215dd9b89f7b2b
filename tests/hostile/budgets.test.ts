/**
 * Hostile scenarios: every budget (counts, expanded shifts, string lengths, nesting depth, file
 * size, passes of a notebook link, worker threads) is enforced before any pass runs, with a problem
 * naming the path, the value and the budget; lists in messages and problem lists are cut; and
 * nothing else changes (the normal runs keep their pinned bytes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ALLIES,
  MAX_BLOCS,
  MAX_DESCRIPTION_LENGTH,
  MAX_EVENTS,
  MAX_EXPANDED_SHIFTS,
  MAX_ID_LENGTH,
  MAX_LINK_PASSES,
  MAX_NAME_LENGTH,
  MAX_OPTIONS,
  MAX_PROBLEMS_LISTED,
  MAX_SHIFTS_PER_EVENT,
  MAX_SHIFT_TARGETS,
  MAX_SOBOL_VALUES,
  ConcertInputError,
  expandedShiftCount,
  prepareSobol,
  formatProblem,
  hasControlCharacters,
  linkRunClickReason,
  linkRunNeedsClick,
  parseScenario,
  type Problem,
  type ScenarioInput,
} from '../../packages/core/src/index.js';
import { runCli, temporaryDirectory } from '../cli/helpers.js';
import { expectNormalRuns, toy } from './helpers.js';

/** The problems of a scenario that must fail validation. */
function problemsOf(input: unknown): readonly Problem[] {
  const parsed = parseScenario(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.problems;
}

const ally = (k: number, extra: Record<string, unknown> = {}) => ({ ...toy().allies[0]!, id: `X${k}`, name: `Ally ${k}`, bloc: undefined, ...extra });
const many = <T>(n: number, make: (k: number) => T) => Array.from({ length: n }, (_, k) => make(k));

describe('counts', () => {
  it.each([
    ['allies', MAX_ALLIES, 'allies', (n: number) => ({ allies: many(n, (k) => ally(k)) })],
    ['options', MAX_OPTIONS, 'strategy options', (n: number) => ({ options: many(n, (k) => ({ ...toy().options[0]!, id: `o${k}` })) })],
    ['events', MAX_EVENTS, 'events', (n: number) => ({ events: many(n, (k) => ({ id: `e${k}`, probability: 0.1, shifts: [] })) })],
    ['blocs', MAX_BLOCS, 'blocs', (n: number) => ({ blocs: many(n, (k) => ({ id: `b${k}`, correlation: 0.5 })) })],
  ] as const)('refuses more %s than %i before the schema walks them', (path, max, what, make) => {
    const problems = problemsOf({ ...toy(), ...make(max + 1) });
    expect(problems).toEqual([{ path, message: `must list at most ${max.toLocaleString('en-US')} ${what}`, value: `${(max + 1).toLocaleString('en-US')} entries` }]);
    expect(parseScenario({ ...toy(), ...make(max) }).success || path === 'allies' || path === 'blocs').toBe(true);
  });

  it('refuses an event with too many shifts and a shift naming too many targets', () => {
    const shift = { allies: '*', parameter: 'hawkishness', by: 0.1 };
    const problems = problemsOf({
      ...toy(),
      events: [
        { id: 'flood', probability: 0.5, shifts: many(MAX_SHIFTS_PER_EVENT + 1, () => shift) },
        { id: 'wide', probability: 0.5, shifts: [{ ...shift, allies: many(MAX_SHIFT_TARGETS + 1, () => 'A01') }] },
      ],
    });
    expect(problems.map(formatProblem)).toEqual([
      `events[0].shifts: must list at most ${MAX_SHIFTS_PER_EVENT.toLocaleString('en-US')} shifts, got "3,001 entries"`,
      `events[1].shifts[0].allies: must list at most ${MAX_SHIFT_TARGETS.toLocaleString('en-US')} allies and blocs, got "2,001 entries"`,
    ]);
  });

  it('refuses the issue\'s 20,000 "*" shifts over 1,000 allies (40 s and 870 MB before) by the expanded-shift budget, at once', () => {
    const allies = many(1000, (k) => ally(k));
    const events = many(100, (e) => ({ id: `e${e}`, probability: 0.5, shifts: many(200, () => ({ allies: '*', parameter: 'salience', by: 0.1 })) }));
    const scenario = { ...toy(), allies, events };
    expect(expandedShiftCount(scenario)).toBe(20_000_000);
    const start = performance.now();
    const problems = problemsOf(scenario);
    expect(performance.now() - start).toBeLessThan(20_000); // a guard against a hang, not a speed test
    expect(problems).toEqual([
      {
        path: 'events',
        message: `must expand to at most ${MAX_EXPANDED_SHIFTS.toLocaleString('en-US')} shifts ("*" counts every ally, "bloc:<id>" every member), but expand to 20,000,000; target fewer allies or use fewer events`,
        value: '100 events',
      },
    ]);
    expectNormalRuns([0]);
  });

  it('counts a bloc reference by its members and a repeated target once', () => {
    const scenario = toy();
    const blocked = scenario.allies.filter((a) => a.bloc === scenario.blocs![0]!.id).length;
    expect(expandedShiftCount({ ...scenario, events: [{ id: 'e', probability: 1, shifts: [{ allies: [`bloc:${scenario.blocs![0]!.id}`, 'A01', 'A01'], parameter: 'salience', by: 1 }] }] })).toBe(blocked + 1);
  });
});

describe('strings and nesting', () => {
  it('refuses ids, names, titles, descriptions and formulas over their lengths, naming each', () => {
    const scenario = toy();
    const problems = problemsOf({
      ...scenario,
      id: 'x'.repeat(MAX_ID_LENGTH + 1),
      title: 't'.repeat(MAX_NAME_LENGTH + 1),
      description: 'd'.repeat(MAX_DESCRIPTION_LENGTH + 1),
      allies: [{ ...scenario.allies[0]!, name: 'n'.repeat(MAX_NAME_LENGTH + 1) }, ...scenario.allies.slice(1)],
      signal: { ...scenario.signal!, formula: 'firmness+'.repeat(60) + '0' },
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `id: must be at most ${MAX_ID_LENGTH} characters`,
      `title: must be at most ${MAX_NAME_LENGTH} characters`,
      `description: must be at most ${MAX_DESCRIPTION_LENGTH.toLocaleString('en-US')} characters`,
      `allies[0].name: must be at most ${MAX_NAME_LENGTH} characters`,
      'signal.formula: must be at most 500 characters',
    ]);
  });

  it('refuses 100,000-deep nesting with one problem, without recursion (no stack overflow)', () => {
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const where = [
      { ...toy(), title: deep },
      { ...toy(), extra: deep },
      { ...toy(), allies: [{ ...toy().allies[0]!, hawkishness: deep }] },
    ];
    const paths = where.map((scenario) => {
      const problems = problemsOf(scenario);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toBe('is nested too deep: a scenario nests at most 16 levels of lists and objects (a valid one nests 6)');
      return problems[0]!.path;
    });
    expect(paths).toEqual(['title[0][0][0][0][0][0][0]...', 'extra[0][0][0][0][0][0][0]...', 'allies[0].hawkishness[0][0][0][0][0]...']);
    expectNormalRuns([0]);
  });

  it('cuts a list of 2,000 problems to 100 and says how many more there are', () => {
    const allies = many(MAX_ALLIES, (k) => ally(k, { hawkishness: 2, salience: -1 }));
    const problems = problemsOf({ ...toy(), allies });
    expect(problems).toHaveLength(MAX_PROBLEMS_LISTED + 1);
    // 2,000 stance problems, and the fixture's events now name allies that are gone.
    expect(formatProblem(problems.at(-1)!)).toMatch(/^\.\.\.: and 1,9\d\d more problems, not listed \(fix the ones above first\)$/);
  });

  it('lists at most ten known bloc ids when an ally names an unknown bloc (not all 1,000)', () => {
    const blocs = many(MAX_BLOCS, (k) => ({ id: `bloc-${k}`, correlation: 0.2 }));
    const scenario = toy();
    const problems = problemsOf({ ...scenario, blocs, allies: [{ ...scenario.allies[0]!, bloc: 'nowhere' }, ...scenario.allies.slice(1).map((a) => ({ ...a, bloc: undefined }))] });
    expect(formatProblem(problems[0]!)).toBe(
      'allies[0].bloc: must be the id of a bloc listed in blocs (known: bloc-0, bloc-1, bloc-2, bloc-3, bloc-4, bloc-5, bloc-6, bloc-7, bloc-8, bloc-9 and 990 more), got "nowhere"',
    );
  });
});

describe('files, links and workers', () => {
  it('refuses a scenario file over 16 MB without reading it into a string', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'huge.json'), JSON.stringify(toy()) + ' '.repeat(17 * 1024 * 1024));
    const outcome = await runCli(['validate', 'huge.json'], { cwd: dir });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe('concert validate: cannot read the scenario (1 problem):\n  huge.json: is larger than 16 MB, the most the scenario may be\n');
  });

  it('says when a notebook link must wait for a click: 1e9 passes, or a huge scenario', () => {
    expect(linkRunNeedsClick({ passes: 20_000, optionCount: 6, allyCount: 32 })).toBe(false);
    expect(linkRunNeedsClick({ passes: MAX_LINK_PASSES, optionCount: 6, allyCount: 32 })).toBe(false);
    expect(linkRunClickReason({ passes: 1e9, optionCount: 6, allyCount: 32 })).toBe('the link asks for 1,000,000,000 passes (a link starts at most 100,000 by itself)');
    expect(linkRunClickReason({ passes: 20_000, optionCount: 200, allyCount: 1000 })).toBe('the run would take about 240 s (200 options, 1,000 allies; a link starts at most 10 s by itself)');
    expect(linkRunNeedsClick({ passes: Number.NaN, optionCount: 6, allyCount: 32 })).toBe(true);
  });

  it('refuses a Sobol design that would not fit in memory, before allocating it', () => {
    const parameters = toy().allies.slice(0, 30).map((a) => ({ name: `allies.${a.id}.hawkishness`, lower: 0.2, upper: 0.8 }));
    const error = (() => {
      try {
        prepareSobol(toy(), { parameters, samples: 1_000_000, innerPasses: 100, seed: 1 });
      } catch (caught) {
        return caught as ConcertInputError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(ConcertInputError);
    expect(error.problems.map(formatProblem)).toContain(
      `samples: must keep the analysis within ${MAX_SOBOL_VALUES.toLocaleString('en-US')} numbers in memory: 32 x samples design points, each with 30 parameters and 12 outputs, hold 1,344,000,000; use fewer samples, parameters or outputs, got 1000000`,
    );
  });

  it('refuses --workers above the cores before starting any thread, unless forced', async () => {
    const outcome = await runCli(['run', 'tests/fixtures/toy-32.json', '-n', '250', '--workers', '256']);
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^concert run: invalid --workers: 256 is more than this machine's \d+ cores?; more threads than cores run no faster and cost about 90 MB each \(use --workers auto, or add --force-workers to start 256 anyway\)\n/);
  });
});

describe('hostile scenarios at random (property)', () => {
  const hostileValues = fc.oneof(
    fc.constant(null),
    fc.constant(Number.MAX_VALUE),
    fc.constant(-0),
    fc.constant('\u001b[2J\u001b[H0 problems\u202e'),
    fc.string({ maxLength: 20 }),
    fc.constant('x'.repeat(100_000)),
    fc.constant(Array.from({ length: 5000 }, () => 0)),
    fc.constant({ format: 'concert-result' }),
    fc.integer({ min: 18, max: 400 }).map((depth) => {
      let deep: unknown = 0;
      for (let k = 0; k < depth; k++) deep = { a: deep };
      return deep;
    }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.integer()),
  );
  const paths: readonly (readonly (string | number)[])[] = [
    ['title'], ['id'], ['allies'], ['allies', 0], ['allies', 0, 'hawkishness'], ['allies', 3, 'bloc'], ['blocs'], ['events', 0, 'shifts'],
    ['events', 0, 'shifts', 0, 'allies'], ['options', 1, 'name'], ['signal', 'formula'], ['signal', 'threshold'], ['bargaining'], ['\u001b[2Jkey'], [''],
  ];

  it('parseScenario never throws, and reports every problem with its path and no raw control characters', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), hostileValues), { minLength: 1, maxLength: 4 }), (edits) => {
        const scenario = toy() as unknown as Record<string, unknown>;
        for (const [path, value] of edits) {
          let at: Record<string | number, unknown> = scenario;
          for (const key of path.slice(0, -1)) {
            if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
            at = at[key] as Record<string | number, unknown>;
          }
          at[path.at(-1)!] = value;
        }
        const parsed = parseScenario(scenario as ScenarioInput);
        if (parsed.success) return;
        expect(parsed.problems.length).toBeGreaterThan(0);
        expect(parsed.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS_LISTED + 1);
        for (const problem of parsed.problems) {
          const line = formatProblem(problem);
          expect(hasControlCharacters(line), line).toBe(false);
          expect(line.length).toBeLessThan(2000);
        }
      }),
      { numRuns: 300, seed: 21 },
    );
    expectNormalRuns([0, 1]);
  });
});
