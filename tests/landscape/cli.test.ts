/**
 * `concert landscape` and `concert compare`: the library's bytes (on 1 and 2 worker threads for
 * the map), CSV with one row per cell, text tables and help as regression guards (snapshots),
 * and errors: exit 1 naming the setting, its value and what was expected; exit 2 for bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareScenarios, landscape } from '../../packages/core/src/index.js';
import { runCli, temporaryDirectory, TOY } from '../cli/helpers.js';

const toy = () => JSON.parse(readFileSync(TOY, 'utf8')) as { allies: { solidarityCost: number }[]; events: unknown[] };

describe('concert landscape <scenario>', () => {
  it('prints the library result, byte for byte, on 1 and on 2 worker threads', async () => {
    const argv = ['landscape', TOY, '--grid', '9', '--passes', '1200', '--seed', '3', '--visibility', '0.6', '-q'];
    const expected = JSON.stringify(landscape(toy(), { grid: 9, passes: 1200, seed: 3, visibility: 0.6 }), null, 2) + '\n';
    const one = await runCli(argv);
    const two = await runCli([...argv, '--workers', '2']);
    expect(one).toMatchObject({ status: 0, stderr: '' });
    expect(one.stdout).toBe(expected);
    expect(two.stdout).toBe(expected);
    // Fewer blocks than threads: the map is split by cells instead, with the same bytes.
    const small = ['landscape', TOY, '--grid', '9', '--passes', '200', '--seed', '3', '--no-blockers', '-q'];
    expect((await runCli([...small, '--workers', '2'])).stdout).toBe(JSON.stringify(landscape(toy(), { grid: 9, passes: 200, seed: 3, blockers: false }), null, 2) + '\n');
  });

  it('writes CSV with one row per cell, and a table with the map and the most viable text (regression guards)', async () => {
    const csv = await runCli(['landscape', TOY, '--grid', '5', '--passes', '300', '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 25);
    expect(lines[0]).toBe('firmness,engagement,visibility,passes,consensus,consensus_lower,consensus_upper,risk,risk_lower,risk_upper,viability,viability_lower,viability_upper,top_blocker,top_blocker_name,top_blocker_rate');
    expect(lines.slice(1, 3)).toMatchSnapshot('landscape csv rows');
    const table = await runCli(['landscape', TOY, '--grid', '11', '--passes', '500', '--visibility', '0.6', '--format', 'table']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatchSnapshot('landscape table');
  });

  it('refuses bad settings with path, value and expectation (exit 1), and bad usage (exit 2)', async () => {
    const bad = await runCli(['landscape', TOY, '--grid', '500', '--visibility', '1.5', '--firmness', '0.8:0.2']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatchInlineSnapshot(`
      "concert landscape: invalid landscape settings (3 problems):
        grid: must be a whole number from 2 to 201 (points per side), got 500
        visibility: must be from 0 to 1 (the visibility of every text on the map), got 1.5
        firmness.upper: must be greater than lower (0.8), got 0.2
      "
    `);
    const budget = await runCli(['landscape', TOY, '--grid', '201', '--passes', '1e6']);
    expect(budget.status).toBe(1);
    expect(budget.stderr).toContain('passes: must be at most 24,751 for a grid of 201');
    expect((await runCli(['landscape', TOY, '--measure', 'risk'])).status).toBe(2);
    expect((await runCli(['landscape', TOY, '--visibility', 'high'])).stderr).toContain('invalid --visibility: "high" (must be a number)');
    expect((await runCli(['landscape', TOY, '--firmness', '0.5'])).status).toBe(2);
    expect((await runCli(['landscape'])).status).toBe(2);
    const missing = await runCli(['landscape', 'nope.json']);
    expect(missing).toMatchObject({ status: 1, stderr: expect.stringContaining('nope.json: no such file') });
  });

  it('--help (regression guard)', async () => {
    const help = await runCli(['landscape', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatchSnapshot('landscape help');
  });
});

describe('concert compare <baseline> <current>', () => {
  const directory = temporaryDirectory();
  const current = join(directory, 'current.json');
  const unpaired = join(directory, 'unpaired.json');
  const edited = toy();
  edited.allies[30]!.solidarityCost = 0.3;
  writeFileSync(current, JSON.stringify(edited));
  const fewer = toy();
  fewer.events = fewer.events.slice(1);
  writeFileSync(unpaired, JSON.stringify(fewer));

  it('prints the library result; csv has a row per option and measure and per ally; the table is a regression guard', async () => {
    const json = await runCli(['compare', TOY, current, '--passes', '1000', '--seed', '4']);
    expect(json).toMatchObject({ status: 0, stderr: '' });
    expect(json.stdout).toBe(JSON.stringify(compareScenarios(toy(), edited, { passes: 1000, seed: 4 }), null, 2) + '\n');
    const csv = await runCli(['compare', TOY, current, '--passes', '1000', '--seed', '4', '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6 * (3 + 32));
    expect(lines[0]).toBe('option,measure,ally,baseline,baseline_lower,baseline_upper,current,current_lower,current_upper,change,change_se,change_lower,change_upper,up,down,paired');
    const table = await runCli(['compare', TOY, current, '--passes', '1000', '--seed', '4', '--format', 'table']);
    expect(table.stdout).toMatchSnapshot('compare table');
  });

  it('says on stderr when the runs cannot be paired, and flags the result', async () => {
    const outcome = await runCli(['compare', TOY, unpaired, '--passes', '500', '--format', 'csv']);
    expect(outcome.status).toBe(0);
    expect(outcome.stderr).toContain('concert compare: the runs cannot be paired (the events differ (baseline: ');
    expect(outcome.stdout.split('\n')[1]).toMatch(/,,no$/);
  });

  it('names the file of an invalid scenario (exit 1), and bad usage (exit 2)', async () => {
    const bad = join(directory, 'bad.json');
    const scenario = toy() as unknown as { allies: { salience: unknown }[] };
    scenario.allies[2]!.salience = 'loud';
    writeFileSync(bad, JSON.stringify(scenario));
    const outcome = await runCli(['compare', TOY, bad, '--passes', '100']);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain(`invalid current scenario in ${bad}`);
    expect(outcome.stderr).toContain('current.allies[2].salience');
    expect((await runCli(['compare', TOY])).status).toBe(2);
    expect((await runCli(['compare', TOY, current, '--format', 'xml'])).status).toBe(2);
  });

  it('--help (regression guard)', async () => {
    expect((await runCli(['compare', '--help'])).stdout).toMatchSnapshot('compare help');
  });
});
