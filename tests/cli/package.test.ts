/**
 * The package as users get it: packed by the release steps of docs/RELEASING.md (which build
 * dist/ through `prepack`), checked with `npm publish --dry-run`, installed with plain npm into an
 * empty folder, and used there: the library imports by its name, the `concert` bin runs with
 * worker threads, and every example of every command's `--help` works.
 *
 * The pack runs in a copy of the package's sources (node_modules linked), so that it never
 * rebuilds packages/core/dist, which a developer or another test may be using.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../packages/core/src/index.js';
import { ROOT, TOY, runCli, temporaryDirectory } from './helpers.js';

const CORE = join(ROOT, 'packages/core');
const manifest = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  type: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  files: string[];
  publishConfig?: { access?: string };
};
/** The tidy-format sample of docs/VALIDATION.md: one issue, a proposer, two members, a co-legislator. */
const TIDY_SAMPLE = `issue,proposal,actor,position,salience,weight,role,votes,rule,quota,procedure,statusQuo,outcome
i1,p1,chair,80,60,1,proposer,,qualifiedMajority,0.7,COD,0,70
i1,p1,a,0,50,2,member,3,qualifiedMajority,0.7,COD,0,70
i1,p1,b,100,50,1,member,2,qualifiedMajority,0.7,COD,0,70
i1,p1,parl,60,40,1,coLegislator,,qualifiedMajority,0.7,COD,0,70
`;
const SCENARIOS = readdirSync(join(ROOT, 'examples/scenarios')).filter((file) => file.endsWith('.json')).sort();

/** The environment of a user's shell: without the npm_* and pnpm variables a `pnpm test` run sets. */
function userEnvironment(extraPath?: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)));
  return { ...env, NO_COLOR: '1', ...(extraPath === undefined ? {} : { PATH: `${extraPath}:${process.env['PATH']}` }) };
}

function sh(script: string, cwd: string, env = userEnvironment()): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

/** The shell block under `<!-- release-pack -->` in docs/RELEASING.md. */
export function releasePackBlock(): string {
  const doc = readFileSync(join(ROOT, 'docs/RELEASING.md'), 'utf8');
  const match = /<!-- release-pack -->\n```sh\n([\s\S]*?)\n```/.exec(doc);
  if (match === null) throw new Error('docs/RELEASING.md has no ```sh block under <!-- release-pack -->');
  return match[1]!;
}

/** A copy of what `pnpm pack` of @concert/core reads, with the repository's node_modules linked in. */
function copyOfSources(into: string): void {
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'LICENSE']) cpSync(join(ROOT, file), join(into, file));
  for (const folder of ['examples/scenarios', 'examples/experiments', 'examples/data/deu3']) cpSync(join(ROOT, folder), join(into, folder), { recursive: true });
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'src', 'cli', 'scripts'])
    cpSync(join(CORE, entry), join(into, 'packages/core', entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(into, 'node_modules'), 'dir');
  symlinkSync(join(CORE, 'node_modules'), join(into, 'packages/core/node_modules'), 'dir');
}

/** The larger sizes in help examples, lowered so the suite stays quick (`--passes 1e8` takes minutes). */
export const TEST_SIZES = {
  maxPasses: 5000,
  tornadoPasses: 500,
  discoverPasses: 2000,
  sobol: '--samples 64 --inner-passes 200',
  experimentPasses: 200,
  landscapeGrid: 11,
  comparePasses: 5000,
  backtest: '--passes 200 --bootstrap 100',
  calibrate: '--passes 20 --evaluation-passes 50 --folds 2',
} as const;

/**
 * An example line at test size: `--passes N` above 5,000 becomes 5,000; a sensitivity example gets
 * small pass counts (tornado `--passes 500`, discover `--passes 2000`, sobol `--samples 64
 * --inner-passes 200`); an experiment runs 200 passes per point, a landscape an 11 x 11 grid, a
 * comparison at most 5,000 passes, a backtest 200 passes and 100 resamples, a calibration 20
 * passes per candidate, 50 per scored forecast and 2 folds (each added right after the command's
 * files, so that a line with several commands keeps them apart). Commands, files, options and
 * formats stay as written.
 */
export function atTestSize(example: string): string {
  let line = example.replace(/--passes (\S+)/g, (whole, text: string) => {
    const passes = Number(text.replace(/_/g, ''));
    return Number.isFinite(passes) && passes > TEST_SIZES.maxPasses ? `--passes ${TEST_SIZES.maxPasses}` : whole;
  });
  const append = (words: string) => {
    const redirect = line.indexOf(' > ');
    line = redirect < 0 ? `${line} ${words}` : `${line.slice(0, redirect)} ${words}${line.slice(redirect)}`;
  };
  if (/^concert sensitivity tornado /.test(line) && !line.includes('--passes')) append(`--passes ${TEST_SIZES.tornadoPasses}`);
  if (/^concert sensitivity discover /.test(line) && !line.includes('--passes')) append(`--passes ${TEST_SIZES.discoverPasses}`);
  if (/^concert sensitivity sobol /.test(line)) {
    line = line.replace(/ --samples \S+/, '');
    append(TEST_SIZES.sobol);
  }
  line = line.replace(/ --grid \S+/g, '');
  const sizes: [RegExp, string][] = [
    [/\bconcert experiment \S+/g, `--passes ${TEST_SIZES.experimentPasses}`],
    [/\bconcert landscape \S+/g, `--grid ${TEST_SIZES.landscapeGrid}`],
    [/\bconcert compare \S+ \S+/g, line.includes('--passes') ? '' : `--passes ${TEST_SIZES.comparePasses}`],
    [/\bconcert backtest \S+/g, TEST_SIZES.backtest],
    [/\bconcert calibrate \S+/g, TEST_SIZES.calibrate],
  ];
  for (const [command, words] of sizes) if (words !== '') line = line.replace(command, (whole) => `${whole} ${words}`);
  return line;
}

/** The `Examples:` lines of a help text (comment lines left out). */
export function helpExamples(help: string): string[] {
  const start = help.indexOf('\nExamples:\n');
  if (start < 0) return [];
  const lines: string[] = [];
  for (const line of help.slice(start + '\nExamples:\n'.length).split('\n')) {
    if (!line.startsWith('  ')) break;
    if (!line.trim().startsWith('#')) lines.push(line.trim());
  }
  return lines;
}

let work: string;
let app: string;
let installed: string;
let tarball: string;
let release: SpawnSyncReturns<string>;
let tarList: string[];

/** Runs a shell script with the installed `concert` (plain node, no tsx) on PATH, in the app folder by default. */
function withConcert(script: string, cwd = app): SpawnSyncReturns<string> {
  return sh(script, cwd, userEnvironment(join(app, 'node_modules/.bin')));
}

const concert = (args: string, cwd = app) => withConcert(`concert ${args}`, cwd);

describe('the @concert/core package, packed and installed with plain npm', () => {
  beforeAll(() => {
    work = temporaryDirectory();
    const sources = join(work, 'repository');
    copyOfSources(sources);
    // The release steps of docs/RELEASING.md as written, with the tarball folder in the temporary folder.
    const [first, ...rest] = releasePackBlock().split('\n');
    expect(first).toMatch(/^out=/);
    release = sh([`out="${join(work, 'release')}"`, ...rest].join('\n'), sources);
    tarball = join(work, 'release', `concert-core-${manifest.version}.tgz`);
    if (release.status !== 0 || !existsSync(tarball)) throw new Error(`the release steps failed:\n${release.stdout}\n${release.stderr}`);
    tarList = sh(`tar tzf "${tarball}"`, work).stdout.trim().split('\n');
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'trying-concert', private: true, type: 'module' }));
    const npm = sh(`npm install --no-audit --no-fund "${tarball}"`, app);
    if (npm.status !== 0) throw new Error(`npm install of the tarball failed:\n${npm.stdout}\n${npm.stderr}`);
    installed = join(app, 'node_modules', manifest.name);
  }, 300_000);
  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('is an ESM package, MIT, public, whose build compiles tsconfig.build.json into dist and ships the scenarios', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.license).toBe('MIT');
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.scripts['build']).toContain('tsc -p tsconfig.build.json');
    expect(manifest.scripts['prepack']).toBe('pnpm run build');
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
  });

  it('the release steps of docs/RELEASING.md pack it and npm publish --dry-run accepts it (nothing is published)', () => {
    const output = release.stdout + release.stderr;
    expect(output).toContain(`+ ${manifest.name}@${manifest.version}`);
    expect(output).toMatch(/\(dry-run\)/);
    expect(output).toMatch(/with tag latest and public access/);
  });

  it('the tarball holds the LICENSE (MIT, "the Concert authors", the same as the repository\'s), README, the build, every built-in scenario and design, and the DEU III training data with its licence', () => {
    for (const file of ['package/LICENSE', 'package/README.md', 'package/package.json', 'package/dist/src/index.js', 'package/dist/cli/concert.js'])
      expect(tarList, file).toContain(file);
    for (const file of SCENARIOS) expect(tarList).toContain(`package/dist/scenarios/${file}`);
    const license = readFileSync(join(installed, 'LICENSE'), 'utf8');
    expect(license).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    expect(readFileSync(join(CORE, 'LICENSE'), 'utf8')).toBe(license);
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the Concert authors\n/);
    for (const file of SCENARIOS)
      expect(readFileSync(join(installed, 'dist/scenarios', file), 'utf8'), file).toBe(readFileSync(join(ROOT, 'examples/scenarios', file), 'utf8'));
     // The built-in designs, and the DEU III training data with the README that carries its citation and licence.
    const shipped = [
      ...readdirSync(join(ROOT, 'examples/experiments')).map((file) => [`dist/experiments/${file}`, `examples/experiments/${file}`]),
      ['dist/data/deu3/deu3-train.tsv', 'examples/data/deu3/deu3-train.tsv'],
      ['dist/data/deu3/README.md', 'examples/data/deu3/README.md'],
    ];
    for (const [inPackage, inRepository] of shipped) {
      expect(tarList).toContain(`package/${inPackage!}`);
      expect(readFileSync(join(installed, inPackage!), 'utf8'), inPackage).toBe(readFileSync(join(ROOT, inRepository!), 'utf8'));
    }
    expect(readFileSync(join(installed, 'dist/data/deu3/README.md'), 'utf8')).toMatch(/CC BY 4\.0/);
  });

  it('has every file its exports map, main, types and bin name', () => {
    const paths = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
    for (const entry of Object.values(manifest.exports)) paths.push(...(typeof entry === 'string' ? [] : Object.values(entry)));
    for (const path of paths) expect(existsSync(join(installed, path)), path).toBe(true);
    expect(readFileSync(join(installed, manifest.bin['concert']!), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('imports by its name and gives the same result as the sources', () => {
    const script = `import { simulate } from '${manifest.name}'; import { readFileSync } from 'node:fs';
      process.stdout.write(JSON.stringify(simulate(JSON.parse(readFileSync(${JSON.stringify(TOY)}, 'utf8')), { passes: 500, seed: 2 })));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', env: userEnvironment() });
    expect(child.stderr).toBe('');
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as unknown;
    expect(child.stdout).toBe(JSON.stringify(simulate(scenario, { passes: 500, seed: 2 })));
  });

  it('runs the installed command with worker threads (plain node, no tsx), giving the same bytes as the sources, a built-in scenario by name', async () => {
    const two = concert('run nato-russia-2025 --passes 1500 --format csv --workers 2');
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe((await runCli(['run', join(ROOT, 'examples/scenarios/nato-russia-2025.json'), '--passes', '1500', '--format', 'csv'])).stdout);
    const listed = JSON.parse(concert('scenarios --format json').stdout) as { name: string; file: string }[];
    expect(listed.map((entry) => `${entry.name}.json`)).toEqual(SCENARIOS);
    for (const entry of listed) expect(entry.file).toBe(join(installed, 'dist/scenarios', `${entry.name}.json`));
  });

  it("every example of every command's --help works there (placeholder files made first, sizes lowered)", () => {
    const overall = concert('--help');
    expect(overall.status).toBe(0);
    const commands = overall.stdout
      .slice(overall.stdout.indexOf('Commands:\n') + 'Commands:\n'.length)
      .split('\n\n')[0]!
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0]!);
    expect(commands).toEqual(['run', 'merge', 'replay', 'validate', 'schema', 'scenarios', 'sensitivity', 'experiment', 'landscape', 'compare', 'backtest', 'calibrate']);
    const examples = [...helpExamples(overall.stdout)];
    for (const command of commands) {
      const help = concert(`${command} --help`);
      expect(help.status, command).toBe(0);
      const lines = helpExamples(help.stdout);
      expect(lines.length, `${command} --help has examples`).toBeGreaterThan(0);
      examples.push(...lines);
    }

    // The files the examples name, made once with the installed command as a user would: the
    // default scenario copied from where `concert scenarios` says it is, a result, a run in 3 shards.
    const fixtures = join(work, 'fixtures');
    mkdirSync(join(fixtures, 'shards'), { recursive: true });
    const made = withConcert(
      [
        `cp "$(concert scenarios --format json | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0, 'utf8')).find((s) => s.name === 'nato-russia-2025').file)")" scenario.json`,
        'concert run scenario.json --passes 2000 --seed 42 --quiet --out result.json',
        'for i in 1 2 3; do concert run scenario.json --passes 3000 --seed 42 --shard "$i/3" --quiet --out "shards/shard-$i.json"; done',
        `concert calibrate deu3-train ${TEST_SIZES.calibrate} --quiet --out my-calibration.json`,
        `for i in 1 2; do concert experiment hawks-latin-hypercube --passes ${TEST_SIZES.experimentPasses} --shard "$i/2" --quiet --out "experiment-part-$i.json"; done`,
        `concert experiment hawks-latin-hypercube --passes ${TEST_SIZES.experimentPasses} --quiet --out hawks.feather`,
        `for i in 1 2; do concert sensitivity tornado nato-russia-2025 --passes ${TEST_SIZES.tornadoPasses} --shard "$i/2" --quiet --out "tornado-part-$i.json"; done`,
      ].join('\n'),
      fixtures,
    );
    expect({ status: made.status, stderr: made.stderr }).toEqual({ status: 0, stderr: '' });
    const shards = (dir: string, name: (i: number) => string) => {
      mkdirSync(join(dir, dirname(name(1))), { recursive: true });
      for (const i of [1, 2, 3]) cpSync(join(fixtures, `shards/shard-${i}.json`), join(dir, name(i)));
    };

    // Placeholder file names in the examples, and what each is given.
    const placeholders: [RegExp, (dir: string) => void][] = [
      [/\bscenario\.json\b/, (dir) => cpSync(join(fixtures, 'scenario.json'), join(dir, 'scenario.json'))],
      [/\bmy-scenarios\/\*\.json\b/, (dir) => {
        cpSync(join(fixtures, 'scenario.json'), join(dir, 'my-scenarios/default.json'));
        cpSync(join(installed, 'dist/scenarios/us-disengagement.json'), join(dir, 'my-scenarios/us-disengagement.json'));
      }],
      [/^concert replay result\.json\b/, (dir) => cpSync(join(fixtures, 'result.json'), join(dir, 'result.json'))],
      [/\bpublished\/figure-3\.json\b/, (dir) => cpSync(join(fixtures, 'result.json'), join(dir, 'published/figure-3.json'))],
      [/\bshards\/\*\.json\b/, (dir) => shards(dir, (i) => `shards/shard-${i}.json`)],
      [/\bshard-1\.json shard-2\.json shard-3\.json\b/, (dir) => shards(dir, (i) => `shard-${i}.json`)],
      [/\bshards\/part-0\*\.json\b/, (dir) => shards(dir, (i) => `shards/part-0${i}.json`)],
      [/\bbaseline\.json current\.json\b/, (dir) => {
        cpSync(join(fixtures, 'scenario.json'), join(dir, 'baseline.json'));
        cpSync(join(installed, 'dist/scenarios/us-disengagement.json'), join(dir, 'current.json'));
      }],
      // A design of one's own, naming a built-in scenario by name.
      [/\bdesign\.json\b/, (dir) => {
        const design = JSON.parse(readFileSync(join(installed, 'dist/experiments/hawks-latin-hypercube.json'), 'utf8')) as Record<string, unknown>;
        writeFileSync(join(dir, 'design.json'), JSON.stringify({ ...design, scenario: 'nato-russia-2025' }));
      }],
      [/\bheld-out\.tsv\b/, (dir) => cpSync(join(installed, 'dist/data/deu3/deu3-train.tsv'), join(dir, 'held-out.tsv'))],
      [/\bmy-negotiations\.csv\b/, (dir) => writeFileSync(join(dir, 'my-negotiations.csv'), TIDY_SAMPLE)],
      [/\bexperiment-part-\*\.json\b/, (dir) => {
        for (const i of [1, 2]) cpSync(join(fixtures, `experiment-part-${i}.json`), join(dir, `experiment-part-${i}.json`));
      }],
      [/^concert replay hawks\.feather\b/, (dir) => cpSync(join(fixtures, 'hawks.feather'), join(dir, 'hawks.feather'))],
      [/\btornado-part-\*\.json\b/, (dir) => {
        for (const i of [1, 2]) cpSync(join(fixtures, `tornado-part-${i}.json`), join(dir, `tornado-part-${i}.json`));
      }],
      [/--calibration my-calibration\.json\b/, (dir) => cpSync(join(fixtures, 'my-calibration.json'), join(dir, 'my-calibration.json'))],
    ];

    expect(examples.length).toBeGreaterThanOrEqual(15);
    examples.forEach((example, index) => {
      const dir = join(work, `example-${index}`);
      for (const folder of ['published', 'my-scenarios']) mkdirSync(join(dir, folder), { recursive: true });
      for (const [pattern, make] of placeholders) if (pattern.test(example)) make(dir);
      const before = new Set(readdirSync(dir));
      const line = atTestSize(example);
      const outcome = withConcert(line, dir);
      expect({ example: line, status: outcome.status, stderr: outcome.stderr }).toEqual({ example: line, status: 0, stderr: '' });
      const wrote = readdirSync(dir).some((file) => !before.has(file));
      expect(outcome.stdout.length > 0 || wrote, `${line} printed or wrote something`).toBe(true);
    });
  }, 300_000);
});
