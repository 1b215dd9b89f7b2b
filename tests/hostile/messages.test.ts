/**
 * Clear messages for the cases that were unclear: a UTF-8 BOM (accepted), a result or shard given
 * as a scenario (one line saying which command to use), a seed beyond 2^53 (quoted exactly, never
 * rounded), a seed starting with "-" or of digits meant as a string (a way to write each), and the
 * command line that reproduces a run (quoting that really reproduces it, run through a shell).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reproduceCommand, shellQuote } from '../../packages/core/src/index.js';
import { ENTRY, TOY, TSX_LOADER, runCli, temporaryDirectory } from '../cli/helpers.js';
import { expectNormalRuns, toy } from './helpers.js';

describe('files that are not what the command expects', () => {
  it('a scenario saved with a UTF-8 byte order mark is read as without one', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'bom.json'), '\ufeff' + JSON.stringify(toy()));
    const withBom = await runCli(['run', 'bom.json', '-n', '250'], { cwd: dir });
    expect(withBom.status, withBom.stderr).toBe(0);
    expect(withBom.stdout).toBe((await runCli(['run', TOY, '-n', '250'])).stdout);
    expect((await runCli(['validate', 'bom.json'], { cwd: dir })).stdout).toContain('bom.json: valid scenario "toy-32"');
  });

  it('a result or a shard given to run says which command reads it, in one line', async () => {
    const dir = temporaryDirectory();
    expect((await runCli(['run', TOY, '-n', '250', '--out', 'result.json'], { cwd: dir })).status).toBe(0);
    expect((await runCli(['run', TOY, '-n', '500', '--shard', '1/2', '--out', 'shard.json'], { cwd: dir })).status).toBe(0);
    const result = await runCli(['run', 'result.json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'concert run: invalid scenario in result.json (1 problem):\n' +
        '  (input): is a result ("format": "concert-result"), not a scenario: rerun it with `concert replay`, or take the scenario it holds in its "scenario" field\n',
    );
    const shard = await runCli(['validate', 'shard.json'], { cwd: dir });
    expect(shard.status).toBe(1);
    expect(shard.stderr).toContain('(input): is a shard\'s partial result ("format": "concert-partial"), not a scenario: add the shards up with `concert merge`');
    expect(shard.stderr.trim().split('\n')).toHaveLength(2);
  });
});

describe('seeds', () => {
  it('a whole-number seed beyond 2^53 - 1 is refused quoting the digits as typed', async () => {
    const outcome = await runCli(['run', TOY, '-n', '250', '--seed', '123456789012345678901234567890']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain(
      'invalid --seed: "123456789012345678901234567890" is a whole number above 2^53 - 1 (9007199254740991), the largest whole-number seed; use a smaller number, or --string-seed 123456789012345678901234567890 to use these digits as a string seed',
    );
    expect(outcome.stderr).not.toContain('e+');
  });

  it('--seed -5 says how to write a seed starting with "-", and --seed=-5 runs with the string seed "-5"', async () => {
    const ambiguous = await runCli(['run', TOY, '-n', '250', '--seed', '-5']);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('--seed takes a value, and the next argument "-5" starts with "-", so it reads as an option; write a value starting with "-" as --seed=-5');
    const short = await runCli(['run', TOY, '-n', '250', '-s', '-5']);
    expect(short.stderr).toContain('write a value starting with "-" as --seed=-5');
    const written = await runCli(['run', TOY, '-n', '250', '--seed=-5']);
    expect(written.status, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout).manifest.seed).toBe('-5');
  });

  it('--string-seed 42 is the string seed "42", another run than --seed 42; both at once is bad usage', async () => {
    const asString = await runCli(['run', TOY, '-n', '250', '--string-seed', '42']);
    const asNumber = await runCli(['run', TOY, '-n', '250', '--seed', '42']);
    expect(JSON.parse(asString.stdout).manifest.seed).toBe('42');
    expect(JSON.parse(asNumber.stdout).manifest.seed).toBe(42);
    expect(asString.stdout).not.toBe(asNumber.stdout);
    const both = await runCli(['run', TOY, '--seed', '1', '--string-seed', '1']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give --seed or --string-seed, not both');
    expectNormalRuns([0, 1]);
  });
});

describe('the command that reproduces a run', () => {
  it('reproduceCommand(...) writes each kind of seed so the CLI reads it back as the same seed', () => {
    expect(reproduceCommand({ passes: 50_000, seed: 42 })).toBe('pnpm concert run scenario.json --passes 50000 --seed 42');
    expect(reproduceCommand({ passes: 50_000, seed: 'hague-2025' })).toBe('pnpm concert run scenario.json --passes 50000 --seed hague-2025');
    expect(reproduceCommand({ passes: 50_000, seed: '42' })).toBe('pnpm concert run scenario.json --passes 50000 --string-seed 42');
    expect(reproduceCommand({ passes: 50_000, seed: '-7' })).toBe('pnpm concert run scenario.json --passes 50000 --seed=-7');
    expect(reproduceCommand({ passes: 9, seed: "it's $HOME `x`", file: 'my scenario.json', program: 'concert' })).toBe(
      "concert run 'my scenario.json' --passes 9 --seed 'it'\\''s $HOME `x`'",
    );
    expect(shellQuote('')).toBe("''");
  });

  it('run through a POSIX shell, each command reruns its seed exactly (the manifest shows it)', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'my scenario.json'), readFileSync(TOY));
    const seeds = [42, '42', '-7 a', "it's $HOME `x` \\ \"q\"", 'hague-2025'] as const;
    const script = [
      `concert() { "${process.execPath}" --import "${TSX_LOADER}" "${ENTRY}" "$@"; }`,
      ...seeds.map((seed) => `${reproduceCommand({ passes: 250, seed, file: 'my scenario.json', program: 'concert' })} --quiet | head -c 300 | tr -d '\\n'; echo`),
    ].join('\n');
    const shell = spawnSync('/bin/sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(shell.status, shell.stderr).toBe(0);
    const lines = shell.stdout.trim().split('\n');
    seeds.forEach((seed, k) => expect(lines[k], String(seed)).toContain(`"seed": ${JSON.stringify(seed)},`));
  });
});

describe('file names that hold line breaks or other control characters', () => {
  const forged = 'x\nconcert run: 0 problems, all good';

  it('an error about such a file shows the name escaped, on the message\'s own line: it cannot forge a line', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, forged), '{ "not": "a scenario" }');
    for (const args of [['run', forged, '-n', '250'], ['validate', forged]]) {
      const outcome = await runCli(args, { cwd: dir });
      expect(outcome.status).toBe(1);
      expect(outcome.stderr).toContain('x\\u000aconcert run: 0 problems, all good');
      expect(outcome.stderr.split('\n').some((line) => line.startsWith('concert run: 0 problems'))).toBe(false);
    }
    const missing = await runCli(['run', `${forged}-missing`], { cwd: dir });
    expect(missing.status).toBe(1);
    expect(missing.stderr.split('\n').some((line) => line.startsWith('concert run: 0 problems'))).toBe(false);
  });

  it('a note that quotes such a file (replay of a result from another engine version) shows the name escaped', async () => {
    const dir = temporaryDirectory();
    expect((await runCli(['run', TOY, '-n', '250', '--out', 'result.json'], { cwd: dir })).status).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as { manifest: { engineVersion: string } };
    result.manifest.engineVersion = '0.0.1';
    writeFileSync(join(dir, forged), JSON.stringify(result));
    const outcome = await runCli(['replay', forged], { cwd: dir });
    expect(outcome.stderr).toContain('concert replay: note: x\\u000aconcert run: 0 problems, all good was made by engine 0.0.1');
    expect(outcome.stderr.split('\n').some((line) => line.startsWith('concert run: 0 problems'))).toBe(false);
    expect(outcome.stdout.split('\n').some((line) => line.startsWith('concert run: 0 problems'))).toBe(false);
  });

  it('validate\'s report of such a valid file shows the name escaped on stdout', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, forged), JSON.stringify(toy()));
    const outcome = await runCli(['validate', forged], { cwd: dir });
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout.startsWith('x\\u000aconcert run: 0 problems, all good: valid scenario "toy-32" (')).toBe(true);
    expect(outcome.stdout.split('\n')).toHaveLength(2);
  });
});
