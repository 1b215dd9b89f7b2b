/**
 * Sensitivity at scale: `--format csv` (tidy rows) and `--shard I/N` with `concert merge`.
 * Tornado tallies are whole numbers (shards add up), Sobol points are independent (shards
 * concatenate): the merged output is byte-identical to the unsharded one, in JSON and CSV.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverDrivers, sobol, tornado } from '../../packages/core/src/index.js';
import { discoveryCsv, sobolCsv, tornadoCsv } from '../../packages/core/cli/commands/sensitivity.js';
import { TOY, runCli, temporaryDirectory } from '../cli/helpers.js';

const toy = () => JSON.parse(readFileSync(TOY, 'utf8')) as unknown;
const dir = temporaryDirectory();

const TORNADO = ['sensitivity', 'tornado', TOY, '--passes', '1500', '--seed', '8', '--parameters', 'allies.A2*.hawkishness,events.*.probability', '--options', 'dual-track,suspend'];
const SOBOL = ['sensitivity', 'sobol', TOY, '--ranges', 'allies.A31.hawkishness=0.6:0.9,events.escalation.probability=0:0.4', '--outputs', 'dual-track:consensus,suspend:risk', '--samples', '64', '--inner-passes', '100', '--bootstrap', '50', '--seed', '2'];

async function shardsMerged(argv: readonly string[], name: string, count: number, format: string): Promise<string> {
  const files: string[] = [];
  for (let k = 1; k <= count; k++) {
    const file = join(dir, `${name}-${k}.json`);
    const shard = await runCli([...argv, '--shard', `${k}/${count}`, '--workers', k === 2 ? '2' : '1', '--out', file]);
    expect(shard).toMatchObject({ status: 0, stderr: '' });
    files.push(file);
  }
  const merged = await runCli(['merge', ...files.reverse(), '--format', format]);
  expect(merged.stderr).toBe('');
  expect(merged.status).toBe(0);
  return merged.stdout;
}

describe('concert sensitivity --format csv', () => {
  it('tornado: one row per option, parameter and direction, with the paired changes', async () => {
    const run = await runCli([...TORNADO, '--format', 'csv']);
    expect(run.status).toBe(0);
    const result = tornado(toy(), { passes: 1500, seed: 8, parameters: ['allies.A2*.hawkishness', 'events.*.probability'], options: ['dual-track', 'suspend'] });
    expect(run.stdout).toBe(tornadoCsv(result, 'toy-32'));
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'scenario_id,seed,passes,step,option_id,option_name,parameter,label,direction,base_value,value,clamped,consensus_base,risk_base,viability_base,' +
        'consensus_change,consensus_change_se,consensus_change_lower,consensus_change_upper,risk_change,risk_change_se,risk_change_lower,risk_change_upper,' +
        'viability_change,viability_change_se,viability_change_lower,viability_change_upper',
    );
    expect(lines).toHaveLength(1 + result.effects.length * 2);
    const first = lines[1]!.split(',');
    expect(first.slice(0, 9)).toEqual(['toy-32', '8', '1500', '0.1', 'dual-track', 'Dual track', result.effects[0]!.parameter, `${result.effects[0]!.label}`, 'low']);
    expect(Number(first[15])).toBe(result.effects[0]!.low.consensus.estimate);
  });

  it('sobol: one row per output and parameter; discover: one row per condition of the box', async () => {
    const run = await runCli([...SOBOL, '--format', 'csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 2 * 2);
    expect(lines[0]).toMatch(/^scenario_id,seed,samples,inner_passes,option_id,measure,parameter,label,lower,upper,first,first_lower,first_upper,first_se,total,/);
    expect(lines[1]).toMatch(/^toy-32,2,64,100,dual-track,consensus,allies.A31.hawkishness,/);
    const discover = await runCli(['sensitivity', 'discover', TOY, '--option', 'dual-track', '--passes', '4000', '--format', 'csv']);
    expect(discover.status).toBe(0);
    const found = discoverDrivers(toy(), { passes: 4000, seed: 1, option: 'dual-track' });
    expect(discover.stdout).toBe(discoveryCsv(found, 'toy-32'));
    expect(discover.stdout.trim().split('\n')).toHaveLength(1 + Math.max(1, found.box.conditions.length));
  });
});

describe('concert sensitivity --shard I/N, then concert merge', () => {
  it('tornado shards add up to the unsharded result, byte for byte, in JSON and CSV', async () => {
    const whole = await runCli(TORNADO);
    expect(await shardsMerged(TORNADO, 'tornado', 3, 'json')).toBe(whole.stdout);
    expect(await shardsMerged(TORNADO, 'tornado', 3, 'csv')).toBe((await runCli([...TORNADO, '--format', 'csv'])).stdout);
    // A missing shard is named.
    const partial = await runCli(['merge', join(dir, 'tornado-1.json'), join(dir, 'tornado-3.json')]);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(/blocks: must cover blocks 0-5; missing 2-3 \(is a shard missing\?\)/);
  });

  it('Sobol shards concatenate to the unsharded result, byte for byte', async () => {
    const whole = await runCli(SOBOL);
    expect(whole.status).toBe(0);
    const settings = {
      parameters: [
        { name: 'allies.A31.hawkishness', lower: 0.6, upper: 0.9 },
        { name: 'events.escalation.probability', lower: 0, upper: 0.4 },
      ],
      outputs: [{ option: 'dual-track', measure: 'consensus' as const }, { option: 'suspend', measure: 'risk' as const }],
      samples: 64,
      innerPasses: 100,
      bootstrap: 50,
      seed: 2,
    };
    expect(whole.stdout).toBe(JSON.stringify(sobol(toy(), settings), null, 2) + '\n');
    expect(await shardsMerged(SOBOL, 'sobol', 4, 'json')).toBe(whole.stdout);
    expect(await shardsMerged(SOBOL, 'sobol', 2, 'csv')).toBe(sobolCsv(sobol(toy(), settings), 'toy-32'));
  });

  it('refuses shards of different analyses, a shard given twice, and --shard for discover', async () => {
    const other = join(dir, 'tornado-other.json');
    expect((await runCli([...TORNADO.map((a) => (a === '8' ? '9' : a)), '--shard', '2/3', '--out', other])).status).toBe(0);
    const mixed = await runCli(['merge', join(dir, 'tornado-1.json'), other, join(dir, 'tornado-3.json')]);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toMatch(/tornado-other.json: manifest.seed: must equal .*tornado-1.json's seed 8 \(a part of another tornado\), got 9/);
    const twice = await runCli(['merge', join(dir, 'tornado-1.json'), join(dir, 'tornado-1.json')]);
    expect(twice.stderr).toMatch(/must not overlap/);
    expect((await runCli(['sensitivity', 'discover', TOY, '--option', 'dual-track', '--shard', '1/2'])).status).toBe(2);
  });
});
