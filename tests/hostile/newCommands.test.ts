/**
 * Issue 13's classes of hostile input for the five commands added after it: `experiment`,
 * `landscape`, `compare`, `backtest` and `calibrate`. Each refusal is checked for its text (the
 * argument or path, the value, what was expected), and a normal run of every command afterwards,
 * in the same process, must give the bytes it gave before any hostile input.
 */
import { chmodSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, temporaryDirectory, type CliOutcome } from '../cli/helpers.js';
import { expectNormalRuns, toy, withFormula } from './helpers.js';

/** A tidy data file of `issues` issues of three actors each, with outcomes. */
function tidyData(issues: number, { actor = (k: number) => `a${k}`, procedure = 'COD', id = (i: number) => `i${i}` } = {}): string {
  const lines = ['issue,actor,position,salience,procedure,outcome'];
  for (let i = 0; i < issues; i++) for (let k = 0; k < 3; k++) lines.push(`${id(i)},${actor(k)},${k * 40},50,${procedure},${30 + (i % 20)}`);
  return lines.join('\n') + '\n';
}

const design = (scenario: string, passes = 100) => ({
  scenario,
  fields: [{ path: 'allies.A01.hawkishness.center', lower: 0.1, upper: 0.9 }],
  sampling: { method: 'latin-hypercube', samples: 4 },
  passes,
  seed: 1,
});

/** The 40-call formula of formula.test.ts: about as slow as the size budget allows. */
const SLOW_FORMULA = Array.from({ length: 40 }, () => 'min(e,1)').join('*');

let dir = '';

/** The normal command lines of the five commands, run in `dir`. */
const NORMAL: Record<string, readonly string[]> = {
  experiment: ['experiment', 'design.json', '--format', 'csv'],
  landscape: ['landscape', 'x.json', '-g', '3', '-n', '100'],
  compare: ['compare', 'x.json', 'y.json', '-n', '200'],
  backtest: ['backtest', 'data.csv', '-n', '100', '--bootstrap', '10', '--format', 'csv'],
  calibrate: ['calibrate', 'small.csv', '-n', '10', '--evaluation-passes', '10', '--folds', '2'],
};
const normalBytes: Record<string, string> = {};

const run = (argv: readonly string[]): Promise<CliOutcome> => runCli(argv, { cwd: dir });

/** Asserts that every command's normal run still gives the bytes it gave first (and the engine its pinned bytes). */
async function expectNormalOutputs(commands: readonly string[] = Object.keys(NORMAL)): Promise<void> {
  for (const name of commands) {
    const outcome = await run(NORMAL[name]!);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout, `${name} after the hostile input`).toBe(normalBytes[name]);
  }
  expectNormalRuns([0, 1]);
}

/** Asserts an outcome is a refusal in sentences: its status, no stack frame, no raw control character. */
function expectSentences(outcome: CliOutcome, status: number): void {
  expect(outcome.status, outcome.stderr).toBe(status);
  expect(outcome.stderr).not.toMatch(/\n\s+at |node:internal|Node\.js v\d|unexpected error/);
  expect(outcome.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

beforeAll(async () => {
  dir = temporaryDirectory();
  writeFileSync(join(dir, 'x.json'), JSON.stringify(toy()));
  writeFileSync(join(dir, 'y.json'), JSON.stringify({ ...toy(), statusQuo: { ...toy().statusQuo, visibility: 0.4 } }));
  writeFileSync(join(dir, 'design.json'), JSON.stringify(design('x.json')));
  writeFileSync(join(dir, 'data.csv'), tidyData(30));
  writeFileSync(join(dir, 'small.csv'), tidyData(6));
  writeFileSync(join(dir, 'cal.json'), readFileSync(join(ROOT, 'examples/calibration/deu3.json')));
  for (const [name, argv] of Object.entries(NORMAL)) {
    const outcome = await run(argv);
    expect(outcome.status, outcome.stderr).toBe(0);
    normalBytes[name] = outcome.stdout;
  }
}, 120_000);

/** Each command with each input it reads, as `--out` must never replace it. */
const INPUTS: readonly (readonly [string, readonly string[], string])[] = [
  ['experiment', NORMAL['experiment']!, 'design.json'],
  ['experiment', NORMAL['experiment']!, 'x.json'], // named by the design, not on the command line
  ['landscape', NORMAL['landscape']!, 'x.json'],
  ['compare', NORMAL['compare']!, 'x.json'],
  ['compare', NORMAL['compare']!, 'y.json'],
  ['backtest', NORMAL['backtest']!, 'data.csv'],
  ['backtest', [...NORMAL['backtest']!, '--calibration', 'cal.json'], 'cal.json'],
  ['calibrate', NORMAL['calibrate']!, 'small.csv'],
];

describe('--out never destroys, for every new command', () => {
  it.each(INPUTS)('%s %j --out <%s> is refused before the run and the input is untouched', async (_name, argv, input) => {
    const before = readFileSync(join(dir, input));
    const outcome = await run([...argv, '--out', input]);
    expectSentences(outcome, 2);
    expect(outcome.stderr).toMatch(
      new RegExp(`^concert ${argv[0]}: --out "${input.replace('.', '\\.')}" is also an input of this command; writing there would destroy it \\(choose another output file\\)\\n`),
    );
    expect(readFileSync(join(dir, input))).toEqual(before);
  });

  it.each([
    ['landscape', ['landscape', 'nato-russia-2025', '-g', '3', '-n', '100'], 'examples/scenarios/nato-russia-2025.json'],
    ['compare', ['compare', 'x.json', 'nato-russia-2025', '-n', '100'], 'examples/scenarios/nato-russia-2025.json'],
    ['backtest', ['backtest', 'deu3-train', '-n', '100'], 'examples/data/deu3/deu3-train.tsv'],
    ['experiment', ['experiment', 'hawks-latin-hypercube', '-n', '100'], 'examples/experiments/hawks-latin-hypercube.json'],
  ])('%s refuses --out onto the built-in file it reads by name', async (_name, argv, builtIn) => {
    const path = join(ROOT, builtIn);
    const before = readFileSync(path);
    const outcome = await run([...argv, '--out', path]);
    expectSentences(outcome, 2);
    expect(outcome.stderr).toContain(`--out ${JSON.stringify(path)} is also an input of this command; writing there would destroy it`);
    expect(readFileSync(path)).toEqual(before);
  });

  it.each(Object.keys(NORMAL))('%s refuses a read-only --out, keeps a replaced file\'s mode, and writes through a link', async (name) => {
    const argv = NORMAL[name]!;
    writeFileSync(join(dir, `${name}-kept.txt`), 'precious');
    chmodSync(join(dir, `${name}-kept.txt`), 0o444);
    const refused = await run([...argv, '--out', `${name}-kept.txt`]);
    expectSentences(refused, 1);
    expect(refused.stderr).toBe(
      `concert ${name}: cannot write the output (1 problem):\n  ${name}-kept.txt: is read-only; concert does not replace a read-only file (make it writable, or choose another name)\n`,
    );
    expect(readFileSync(join(dir, `${name}-kept.txt`), 'utf8')).toBe('precious');

    writeFileSync(join(dir, `${name}-private.txt`), 'old', { mode: 0o600 });
    symlinkSync(`${name}-private.txt`, join(dir, `${name}-link.txt`));
    const written = await run([...argv, '--out', `${name}-link.txt`]);
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(join(dir, `${name}-private.txt`), 'utf8')).toBe(normalBytes[name]);
    expect(statSync(join(dir, `${name}-private.txt`)).mode & 0o777).toBe(0o600);
    expect(readlinkSync(join(dir, `${name}-link.txt`))).toBe(`${name}-private.txt`);
  }, 60_000);
});

describe('one workers option and one seed option', () => {
  const cores = availableParallelism();

  it.each(['experiment', 'landscape', 'backtest', 'calibrate'])('%s caps --workers at the cores unless --force-workers', async (name) => {
    const outcome = await run([...NORMAL[name]!, '--workers', String(cores + 1)]);
    expectSentences(outcome, 2);
    expect(outcome.stderr).toBe(
      `concert ${name}: invalid --workers: ${cores + 1} is more than this machine's ${cores} core${cores === 1 ? '' : 's'}; more threads than cores run no faster and cost about 90 MB each (use --workers auto, or add --force-workers to start ${cores + 1} anyway)\nRun \`concert ${name} --help\` for usage.\n`,
    );
  });

  it.each(Object.keys(NORMAL))('%s quotes a huge --seed exactly and takes --string-seed', async (name) => {
    const huge = await run([...NORMAL[name]!, '--seed', '99999999999999999999']);
    expectSentences(huge, 2);
    expect(huge.stderr).toContain(
      `concert ${name}: invalid --seed: "99999999999999999999" is a whole number above 2^53 - 1 (9007199254740991), the largest whole-number seed; use a smaller number, or --string-seed 99999999999999999999`,
    );
    const both = await run([...NORMAL[name]!, '--seed', '1', '--string-seed', '1']);
    expectSentences(both, 2);
    expect(both.stderr).toContain(`concert ${name}: give --seed or --string-seed, not both`);
  });

  it('--string-seed 42 is the string "42", not the number 42', async () => {
    const asString = await run([...NORMAL['landscape']!, '--string-seed', '42']);
    const asNumber = await run([...NORMAL['landscape']!, '--seed', '42']);
    expect(JSON.parse(asString.stdout).manifest.seed).toBe('42');
    expect(JSON.parse(asNumber.stdout).manifest.seed).toBe(42);
    const experiment = await run(['experiment', 'design.json', '--string-seed', '42']);
    expect(JSON.parse(experiment.stdout).manifest.seed).toBe('42');
    await expectNormalOutputs(['landscape', 'experiment']);
  });
});

describe('output that cannot attack its reader', () => {
  beforeAll(() => {
    const scenario = toy();
    const hostile = {
      ...scenario,
      options: scenario.options.map((option, k) => (k === 0 ? { ...option, name: '=HYPERLINK("http://x")\u001b[2J\nfake line' } : option)),
      allies: scenario.allies.map((ally) => ({ ...ally, name: '@SUM(A1)\u001b[31m\u202e' })),
    };
    writeFileSync(join(dir, 'hostile.json'), JSON.stringify(hostile));
    writeFileSync(join(dir, 'hostile-design.json'), JSON.stringify(design('hostile.json')));
    writeFileSync(join(dir, 'hostile.csv'), tidyData(30, { procedure: '"\u001b[2J-1+1"', id: (i) => (i === 0 ? '=cmd|x' : `i${i}`) }));
  });

  const noRawControls = (text: string) => expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);

  it('experiment CSV neutralises formulas and escapes control characters', async () => {
    const outcome = await run(['experiment', 'hostile-design.json', '--format', 'csv']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain(`"'=HYPERLINK(""http://x"")\\u001b[2J\nfake line"`);
    expect(outcome.stdout).not.toMatch(/(^|,)[=@]/m);
    expect(outcome.stdout).not.toMatch(/[\u001b\u202e]/);
  });

  it('landscape CSV and table: the top blocker\'s name neutralised and escaped', async () => {
    const csv = await run(['landscape', 'hostile.json', '-g', '3', '-n', '100', '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toContain(`,'@SUM(A1)\\u001b[31m\\u202e,`);
    noRawControls(csv.stdout.replaceAll('\n', ''));
    const table = await run(['landscape', 'hostile.json', '-g', '3', '-n', '100', '--format', 'table']);
    expect(table.status, table.stderr).toBe(0);
    noRawControls(table.stdout.replaceAll('\n', ''));
  });

  it('compare CSV and table: names and the pairing reason escaped', async () => {
    const table = await run(['compare', 'x.json', 'hostile.json', '-n', '200', '--format', 'table']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('=HYPERLINK("http://x")\\u001b[2J\\u000afake line (');
    noRawControls(table.stdout.replaceAll('\n', ''));
    expect(table.stdout.split('\n')).not.toContain('fake line');
    const csv = await run(['compare', 'x.json', 'hostile.json', '-n', '200', '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    noRawControls(csv.stdout.replaceAll('\n', ''));
  });

  it('backtest CSV and table: issue ids and procedures from the data file neutralised and escaped', async () => {
    const csv = await run(['backtest', 'hostile.csv', '-n', '100', '--bootstrap', '10', '--format', 'csv']);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toContain(`\n'=cmd|x,'=cmd|x,\\u001b[2J-1+1,`);
    noRawControls(csv.stdout.replaceAll('\n', ''));
    const table = await run(['backtest', 'hostile.csv', '-n', '100', '--bootstrap', '10', '--format', 'table']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('\\u001b[2J-1+1');
    noRawControls(table.stdout.replaceAll('\n', ''));
  });

  it('JSON output escapes what JSON.stringify leaves raw', async () => {
    const outcome = await run(['landscape', 'hostile.json', '-g', '3', '-n', '100']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toContain('\\u202e');
    noRawControls(outcome.stdout.replaceAll('\n', ''));
    await expectNormalOutputs(['experiment', 'landscape', 'compare', 'backtest']);
  });
});

describe('budgets on data files, design files, grids and passes', () => {
  it('a data file larger than 16 MB is refused unread', async () => {
    writeFileSync(join(dir, 'big.csv'), Buffer.alloc(16 * 1024 * 1024 + 1, 'a'));
    for (const name of ['backtest', 'calibrate']) {
      const outcome = await run([name, 'big.csv']);
      expectSentences(outcome, 1);
      expect(outcome.stderr).toBe(`concert ${name}: cannot read the data set (1 problem):\n  big.csv: is larger than 16 MB, the most the data set may be\n`);
    }
  });

  it('a huge cell is named by row and column, not quoted; too many rows are counted', async () => {
    writeFileSync(join(dir, 'wide.csv'), tidyData(3, { actor: (k) => (k === 1 ? 'A'.repeat(5_000_000) : `a${k}`) }));
    const wide = await run(['backtest', 'wide.csv']);
    expectSentences(wide, 1);
    expect(wide.stderr).toBe(
      'concert backtest: invalid data set wide.csv (3 problems):\n' +
        [3, 6, 9].map((row) => `  wide.csv, row ${row}, column actor: is 5,000,000 characters long, more than the 1,000 a cell may have`).join('\n') +
        '\n',
    );
    writeFileSync(join(dir, 'long.csv'), 'issue,actor,position,salience\n' + 'x,a,0,50\n'.repeat(200_000));
    const long = await run(['calibrate', 'long.csv']);
    expectSentences(long, 1);
    expect(long.stderr).toBe('concert calibrate: invalid data set long.csv (1 problem):\n  long.csv: has 200,001 rows, more than the 200,000 a data file may have\n');
  });

  it('a byte order mark before the header is skipped: the same rows as without it', async () => {
    writeFileSync(join(dir, 'bom.csv'), '\ufeff' + tidyData(30));
    const outcome = await run(['backtest', 'bom.csv', '-n', '100', '--bootstrap', '10', '--format', 'csv']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toBe(normalBytes['backtest']);
  });

  it('issues x passes beyond the forecast budget are refused before any sample is drawn', async () => {
    const backtest = await run(['backtest', 'data.csv', '--passes', '1e9']);
    expectSentences(backtest, 1);
    expect(backtest.stderr).toBe(
      'concert backtest: too many passes for the data set data.csv (1 problem):\n  --passes: must be at most 1,666,666 for 30 issues (issues x passes, the forecast samples held at once, is at most 50,000,000: run fewer passes or a smaller data set), got 1000000000\n',
    );
    writeFileSync(join(dir, 'hundred.csv'), tidyData(100));
    const calibrate = await run(['calibrate', 'hundred.csv', '--evaluation-passes', '1e6']);
    expectSentences(calibrate, 1);
    expect(calibrate.stderr).toBe(
      'concert calibrate: invalid calibration settings (1 problem):\n  evaluationPasses: must be at most 500,000 for 100 issues (issues x passes, the forecast samples held at once, is at most 50,000,000: run fewer passes or a smaller data set), got 1000000\n',
    );
    const folds = await run(['calibrate', 'small.csv', '--folds', '1e400']);
    expectSentences(folds, 2);
    expect(folds.stderr).toContain('concert calibrate: invalid --folds: "1e400" (must be a whole number)');
  });

  it('a design file larger than 16 MB is refused unread; a landscape grid beyond its budget is named', async () => {
    writeFileSync(join(dir, 'big-design.json'), JSON.stringify({ ...design('x.json'), title: 'x'.repeat(16 * 1024 * 1024) }));
    const big = await run(['experiment', 'big-design.json']);
    expectSentences(big, 1);
    expect(big.stderr).toBe('concert experiment: cannot read the experiment design (1 problem):\n  big-design.json: is larger than 16 MB, the most the experiment design may be\n');
    const grid = await run(['landscape', 'x.json', '-g', '201', '-n', '1e6']);
    expectSentences(grid, 1);
    expect(grid.stderr).toContain('  passes: must be at most 24,751 for a grid of 201 (grid x grid x passes, the texts to judge, is at most 1,000,000,000: lower the grid or the passes), got 1000000\n');
  });

  it('the formula cost probe runs before a map, a comparison and an experiment, counting every text and experiment', async () => {
    writeFileSync(join(dir, 'slow.json'), JSON.stringify(withFormula(SLOW_FORMULA)));
    writeFileSync(join(dir, 'slow-design.json'), JSON.stringify(design('slow.json', 1_000_000)));
    // 1,681 texts x 2,000 passes: about 67 s of formula, beyond the 60 s and 10 times the engine.
    const map = await run(['landscape', 'slow.json']);
    expectSentences(map, 1);
    expect(map.stderr).toMatch(
      /^concert landscape: signal formula too slow for this map in slow\.json \(1 problem\):\n {2}signal\.formula: would add about \d+ s to a map of 1,681 texts of 2,000 passes \(199 parts and 40 calls, evaluated for 1681 options in every pass\)/,
    );
    const comparison = await run(['compare', 'x.json', 'slow.json', '-n', '2e6']);
    expectSentences(comparison, 1);
    expect(comparison.stderr).toMatch(/^concert compare: signal formula of the current scenario too slow for this comparison in slow\.json \(1 problem\):\n {2}current\.signal\.formula: would add about \d+ min to a comparison of 2,000,000 passes/);
    const experiment = await run(['experiment', 'slow-design.json']);
    expectSentences(experiment, 1);
    expect(experiment.stderr).toMatch(/^concert experiment: invalid experiment design in slow-design\.json \(1 problem\):\n {2}scenario slow: signal\.formula: would add about \d+ min to 4 experiments of 4,000,000 passes/);
    // The same formula on a small map runs.
    const small = await run(['landscape', 'slow.json', '-g', '3', '-n', '100']);
    expect(small.status, small.stderr).toBe(0);
    await expectNormalOutputs(['experiment', 'landscape', 'compare']);
  });
});

describe('no stack trace: malformed designs, data files, calibrations and failing workers are sentences', () => {
  it('random bytes as a data file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('tidy', 'deu3', undefined), async (text, layout) => {
        writeFileSync(join(dir, 'random.tsv'), text);
        const outcome = await run(['backtest', 'random.tsv', '-n', '10', '--bootstrap', '0', ...(layout === undefined ? [] : ['--layout', layout])]);
        if (outcome.status === 0) return;
        expectSentences(outcome, 1);
        expect(outcome.stderr).toMatch(/^concert backtest: (invalid data set|cannot read) /);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('random rows with control characters in actor names', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '"', ',', '\t', '\r', '\u001b', '\u0000', '\u202e', '1', '-', '='), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        writeFileSync(join(dir, 'rows.csv'), 'issue,actor,position,salience,outcome\n' + rows.map(([issue, actor, position]) => `${issue},${actor},${position},50,30`).join('\n') + '\n');
        const outcome = await run(['backtest', 'rows.csv', '-n', '10', '--bootstrap', '0', '--format', 'table']);
        if (outcome.status === 0) {
          expect(outcome.stdout.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u202e]/);
          return;
        }
        expectSentences(outcome, 1);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('random JSON as a design, a calibration, and a scenario of landscape and compare', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        writeFileSync(join(dir, 'random.json'), JSON.stringify(value));
        for (const argv of [
          ['experiment', 'random.json'],
          ['backtest', 'data.csv', '-n', '10', '--calibration', 'random.json'],
          ['landscape', 'random.json', '-g', '3', '-n', '10'],
          ['compare', 'random.json', 'x.json', '-n', '10'],
        ]) {
          const outcome = await run(argv);
          expectSentences(outcome, 1);
        }
      }),
      { numRuns: 25, seed: 13 },
    );
  });

  it('another Concert file given as a scenario is named for what it is', async () => {
    writeFileSync(join(dir, 'map.json'), normalBytes['landscape']!);
    const outcome = await run(['landscape', 'map.json']);
    expectSentences(outcome, 1);
    expect(outcome.stderr).toBe(
      'concert landscape: invalid scenario in map.json (1 problem):\n  (input): is a map of viable texts ("format": "concert-landscape", written by `concert landscape`), not a scenario\n',
    );
  });

  it('a corrupt Arrow file and a null result are refused by replay in a sentence', async () => {
    writeFileSync(join(dir, 'bad.arrow'), Buffer.concat([Buffer.from('ARROW1\0\0'), Buffer.alloc(64, 0xff)]));
    const arrow = await run(['replay', 'bad.arrow']);
    expectSentences(arrow, 1);
    expect(arrow.stderr).toMatch(/^concert replay: cannot replay bad\.arrow \(1 problem\):\n {2}bad\.arrow: is not a readable Arrow file \(/);
  });

  it('a formula leaving [0, 1] mid-map in a worker thread reads as in one thread', async () => {
    // Within [0, 1] on the probe grid (firmness 0, 1/2, 1), above 1 for firmness in (0.55, 0.7): the map's 0.6 column.
    writeFileSync(join(dir, 'mid.json'), JSON.stringify(withFormula('visibility * firmness ^ exponent + (firmness > 0.55 and firmness < 0.7 ? 2 : 0)')));
    for (const workers of ['1', '2']) {
      const outcome = await run(['landscape', 'mid.json', '-g', '11', '-n', '200', '--workers', workers, '--force-workers']);
      expectSentences(outcome, 1);
      expect(outcome.stderr).toMatch(/^concert landscape: signal formula out of range (in mid\.json )?\(1 problem\):\n {2}signal\.formula: must give a number in \[0, 1\], but gave [\d.]+ at \{"firmness":0\.[56]/);
    }
    await expectNormalOutputs();
  }, 120_000);
});
