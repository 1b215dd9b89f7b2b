import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../packages/core/src/index.js';
import { resultJson } from '../../packages/core/cli/output.js';
import { TOY, runCli, spawnCli, temporaryDirectory } from './helpers.js';

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') (field += '"'), k++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

const toy = () => JSON.parse(readFileSync(TOY, 'utf8')) as Record<string, unknown>;

describe('concert run', () => {
  it('run <scenario> --passes N --seed S prints the same JSON as simulate(scenario, { passes, seed })', async () => {
    const outcome = await runCli(['run', TOY, '--passes', '1000', '--seed', '7']);
    expect(outcome.status).toBe(0);
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toBe(resultJson(simulate(toy(), { passes: 1000, seed: 7 })));
  });

  it('run --seed reads digits as a number seed and other text as a string seed', async () => {
    const numeric = JSON.parse((await runCli(['run', TOY, '-n', '250', '-s', '42'])).stdout) as { manifest: { seed: unknown } };
    const text = JSON.parse((await runCli(['run', TOY, '-n', '250', '-s', 'nato'])).stdout) as { manifest: { seed: unknown } };
    expect(numeric.manifest.seed).toBe(42);
    expect(text.manifest.seed).toBe('nato');
  });

  it('run --format csv prints one row per option, and --table allies one row per (option, ally)', async () => {
    const options = (await runCli(['run', TOY, '-n', '500', '--format', 'csv'])).stdout.trimEnd().split('\n');
    expect(options).toHaveLength(1 + 6);
    expect(options[0]).toMatch(/^scenario_id,seed,passes,option_id,option,proposed_firmness,/);
    expect(options[0]).toContain(',consensus_without_risk,consensus_without_risk_lower,consensus_without_risk_upper,');
    expect(options[0]).toContain(',signal_strength_mean,signal_strength_p05,');
    expect(options[1]).toMatch(/^toy-32,1,500,engage,Engagement first,/);
    const allies = (await runCli(['run', TOY, '-n', '500', '--format', 'csv', '--table', 'allies'])).stdout.trimEnd().split('\n');
    expect(allies).toHaveLength(1 + 6 * 32);
    expect(allies[0]).toBe(
      'scenario_id,seed,passes,option_id,option,ally_id,ally,initial_objection_rate,initial_objection_rate_lower,initial_objection_rate_upper,blocker_rate,blocker_rate_lower,blocker_rate_upper,sole_blocker_rate,sole_blocker_rate_lower,sole_blocker_rate_upper',
    );
    expect(allies[1]).toMatch(/^toy-32,1,500,engage,Engagement first,A01,Ally 1,/);
    const widths = new Set(parseCsv(allies.join('\n') + '\n').map((row) => row.length));
    expect(widths).toEqual(new Set([16]));
  });

  it('run --format csv matches the result JSON figure for figure, to 4 decimals', async () => {
    const result = simulate(toy(), { passes: 500, seed: 1 });
    const rows = parseCsv((await runCli(['run', TOY, '-n', '500', '--format', 'csv'])).stdout);
    expect(rows).toHaveLength(7);
    const header = rows[0]!;
    const column = (name: string) => header.indexOf(name);
    const four = (value: number) => Number(value.toFixed(4));
    result.options.forEach((option, k) => {
      const row = rows[k + 1]!;
      expect(Number(row[column('consensus')])).toBe(four(option.consensus.estimate));
      expect(Number(row[column('risk_upper')])).toBe(four(option.risk.upper));
      expect(Number(row[column('consensus_without_risk')])).toBe(four(option.viability.estimate));
      expect(row[column('option')]).toBe(option.name);
      expect(row[column('mean_rounds')]).toBe(option.meanRounds === null ? '' : String(four(option.meanRounds)));
    });
    for (const row of rows.slice(1)) for (const field of row.slice(5)) expect(field).toMatch(/^(-?\d+(\.\d{1,4})?)?$/);
  });

  // Regression guard: pins the table's layout; update the snapshot when the layout changes on purpose.
  it('run --format table prints an aligned table of consensus, risk and viability with intervals and top blockers', async () => {
    const outcome = await runCli(['run', TOY, '-n', '2000', '-s', '3', '--format', 'table']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toMatchSnapshot();
  });

  it('run --out FILE writes the result there through a temporary file and prints nothing', async () => {
    const dir = temporaryDirectory();
    const outcome = await runCli(['run', TOY, '-n', '500', '--out', 'result.json'], { cwd: dir });
    expect(outcome).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readdirSync(dir)).toEqual(['result.json']);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe(resultJson(simulate(toy(), { passes: 500, seed: 1 })));
  });

  it('run --out FILE into a missing directory fails with status 1 and leaves nothing behind', async () => {
    const dir = temporaryDirectory();
    const outcome = await runCli(['run', TOY, '-n', '250', '--out', 'missing/result.json'], { cwd: dir });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain('missing/result.json: cannot be created: the directory missing does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('run --out /dev/null writes to the device instead of renaming over it', async () => {
    const outcome = await runCli(['run', TOY, '-n', '250', '--out', '/dev/null']);
    expect(outcome).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('run with an invalid scenario exits 1 and lists every problem with its path, expectation and value', async () => {
    const dir = temporaryDirectory();
    const scenario = toy() as { allies: Record<string, unknown>[]; options: Record<string, unknown>[] };
    scenario.allies[12]!['hawkishness'] = { center: 1.2, uncertainty: 0.4 };
    scenario.allies[3]!['bloc'] = 'nobody';
    scenario.options[0]!['firmness'] = -1;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(scenario));
    const outcome = await runCli(['run', 'bad.json', '--out', 'result.json'], { cwd: dir });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('concert run: invalid scenario in bad.json (3 problems):');
    expect(outcome.stderr).toContain('  allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2');
    expect(outcome.stderr).toContain('  allies[3].bloc: ');
    expect(outcome.stderr).toContain('  options[0].firmness: must be between 0 and 1, got -1');
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
  });

  it('run with a missing or malformed file exits 1 naming the file', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'broken.json'), '{ "allies": [');
    const missing = await runCli(['run', 'nowhere.json'], { cwd: dir });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nowhere.json: no such file');
    const broken = await runCli(['run', 'broken.json'], { cwd: dir });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: is not valid JSON/);
  });

  it('run with bad usage exits 2 and points to --help', async () => {
    for (const argv of [
      ['run'],
      ['run', TOY, '--pases', '10'],
      ['run', TOY, '--passes', '0'],
      ['run', TOY, '--format', 'xml'],
      ['run', TOY, '--table', 'allies'],
      ['run', TOY, '--shard', '5/4'],
      ['run', TOY, '--shard', '1/2', '--format', 'csv'],
      ['run', TOY, 'extra.json'],
    ]) {
      const outcome = await runCli(argv);
      expect(outcome.status, argv.join(' ')).toBe(2);
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr, argv.join(' ')).toMatch(/^concert run: .+\nRun `concert run --help` for usage.\n$/);
    }
  });

  it('run --help prints usage with examples on stdout', async () => {
    const outcome = await runCli(['run', '--help']);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toMatch(/^Usage: concert run <scenario.json \| built-in name> \[options\]/);
    expect(outcome.stdout).toContain('Examples:');
  });

  it('run draws a progress bar on a terminal and nothing with --quiet or when piped', async () => {
    const tty = await runCli(['run', TOY, '-n', '5000'], { isTTY: true });
    expect(tty.stderr).toMatch(/\r\[#+\] 100%  5,000\/5,000 passes  [\d,]+ passes\/s  0s left/);
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect((await runCli(['run', TOY, '-n', '5000', '--quiet'], { isTTY: true })).stderr).toBe('');
    expect((await runCli(['run', TOY, '-n', '5000'], { isTTY: false })).stderr).toBe('');
  });
});

describe('concert run (the real command)', () => {
  it('puts the result on stdout, problems on stderr, and exits 0, 1 and 2', () => {
    const ok = spawnCli(['run', 'tests/fixtures/toy-32.json', '--passes', '250', '--format', 'csv']);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.split('\n')[0]).toMatch(/^scenario_id,/);
    const invalid = spawnCli(['validate', 'package.json']);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('invalid scenario package.json');
    const usage = spawnCli(['run', '--passes']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('Run `concert run --help` for usage.');
  });
});
