/**
 * `concert sensitivity`: the same bytes as the library, whatever the number of worker threads;
 * bad settings exit 1 naming each setting, bad usage exits 2. The table texts are regression
 * guards (snapshots of the first lines).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverDrivers, sobol, tornado } from '../../packages/core/src/index.js';
import { runCli, TOY } from '../cli/helpers.js';

const toy = () => JSON.parse(readFileSync(TOY, 'utf8')) as unknown;

describe('concert sensitivity tornado <scenario>', () => {
  it('prints the library result, byte for byte, on 1 and on 2 worker threads', async () => {
    const argv = ['sensitivity', 'tornado', TOY, '--passes', '1000', '--seed', '3', '--parameters', 'allies.*.hawkishness,events.*.probability', '--options', 'dual-track,suspend'];
    const expected = JSON.stringify(tornado(toy(), { passes: 1000, seed: 3, parameters: ['allies.*.hawkishness', 'events.*.probability'], options: ['dual-track', 'suspend'] }), null, 2) + '\n';
    const one = await runCli(argv);
    const two = await runCli([...argv, '--workers', '2']);
    expect(one).toMatchObject({ status: 0, stderr: '' });
    expect(one.stdout).toBe(expected);
    expect(two.stdout).toBe(expected);
  });

  it('prints a table of the largest bars (regression guard)', async () => {
    const { status, stdout } = await runCli(['sensitivity', 'tornado', TOY, '--passes', '500', '--parameters', 'allies.*.solidarityCost', '--options', 'dual-track', '--format', 'table', '--top', '2']);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 6).map((line) => line.replace(/[+-]\d\.\d{4} ± \d\.\d{4}/g, 'Δ'))).toMatchInlineSnapshot(`
      [
        "Tornado: each parameter moved down and up by a step of its own scale (centers by half their uncertainty on the logit scale, costs by a quarter of their value, probabilities by 0.1) on 500 paired passes (seed 1); change in consensus ± standard error; * = clamped",
        "",
        "Dual track (dual-track): consensus 0.784 [0.746, 0.818]",
        "  parameter                   base    step     low             change    high             change",
        "  Ally 19's solidarity cost   0.05  ±0.013  0.038    Δ  0.063    Δ",
        "  Ally 20's solidarity cost   0.05  ±0.013  0.038    Δ  0.063    Δ",
      ]
    `);
  });

  it('exits 1 naming unknown parameters and options, and 2 for bad usage', async () => {
    const bad = await runCli(['sensitivity', 'tornado', TOY, '--passes', '100', '--parameters', 'allies.XX.hawkishness', '--options', 'nope']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('parameters[0]: must name a parameter of this scenario');
    expect(bad.stderr).toContain('options[0]: must be the id of an option of this scenario');
    expect((await runCli(['sensitivity', 'tornado', TOY, '--step', '2'])).stderr).toContain('step: must be at most 1, got 2');
    expect((await runCli(['sensitivity', 'sideways', TOY])).status).toBe(2);
    expect((await runCli(['sensitivity', 'tornado'])).status).toBe(2);
  });
});

describe('concert sensitivity sobol <scenario>', () => {
  it('prints the library result on 1 and 2 worker threads, and names bad ranges', async () => {
    const settings = {
      parameters: [
        { name: 'allies.A31.hawkishness', lower: 0.6, upper: 0.9 },
        { name: 'events.escalation.probability', lower: 0, upper: 0.4 },
      ],
      outputs: [{ option: 'dual-track', measure: 'consensus' as const }],
      samples: 64,
      innerPasses: 100,
      bootstrap: 100,
      seed: 1,
    };
    const argv = ['sensitivity', 'sobol', TOY, '--ranges', 'allies.A31.hawkishness=0.6:0.9,events.escalation.probability=0:0.4', '--outputs', 'dual-track:consensus', '--samples', '64', '--inner-passes', '100', '--bootstrap', '100'];
    const expected = JSON.stringify(sobol(toy(), settings), null, 2) + '\n';
    expect((await runCli(argv)).stdout).toBe(expected);
    expect((await runCli([...argv, '--workers', '2'])).stdout).toBe(expected);
    const bad = await runCli(['sensitivity', 'sobol', TOY, '--ranges', 'allies.A31.hawkishness=0.6:1.2', '--samples', '10']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('parameters[0].upper: must be strictly between 0 and 1 (the domain of allies.A31.hawkishness), got 1.2');
    expect(bad.stderr).toContain('samples: must be at least 64 for 1 parameter');
    expect((await runCli(['sensitivity', 'sobol', TOY])).status).toBe(2);
  });
});

describe('concert sensitivity discover <scenario>', () => {
  it('prints the library result, and the conditions in words with --format table', async () => {
    const json = await runCli(['sensitivity', 'discover', TOY, '--option', 'dual-track', '--passes', '2000']);
    expect(json.stdout).toBe(JSON.stringify(discoverDrivers(toy(), { passes: 2000, seed: 1, option: 'dual-track' }), null, 2) + '\n');
    const text = await runCli(['sensitivity', 'discover', TOY, '--option', 'dual-track', '--passes', '2000', '--format', 'table']);
    expect(text.stdout).toMatch(/^Consensus on Dual track fails in \d+% of passes; /);
    expect(text.stdout).toMatch(/\nConditions:\n {2}- /);
    expect((await runCli(['sensitivity', 'discover', TOY])).status).toBe(2);
    expect((await runCli(['sensitivity', 'discover', TOY, '--option', 'nope'])).stderr).toContain('option: must be the id of an option of this scenario');
  });
});
