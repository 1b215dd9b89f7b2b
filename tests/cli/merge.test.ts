import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namePartsByFile } from '../../packages/core/cli/commands/merge.js';
import { TOY, runCli, temporaryDirectory } from './helpers.js';

const PASSES = '2600'; // 11 blocks, the last one short
/** Runs shards `indices` of `count` into `dir/shard-I.json`. */
async function shards(dir: string, count: number, indices: readonly number[], extra: readonly string[] = []): Promise<string[]> {
  const files: string[] = [];
  for (const index of indices) {
    const file = `shard-${index}.json`;
    const outcome = await runCli(['run', TOY, '-n', PASSES, '-s', '42', '--shard', `${index}/${count}`, '--out', file, ...extra], { cwd: dir });
    expect(outcome.status, outcome.stderr).toBe(0);
    files.push(file);
  }
  return files;
}

describe('concert merge', () => {
  it('merge <shards> is byte-identical to the unsharded run, in any order, for any number of shards', async () => {
    const whole = (await runCli(['run', TOY, '-n', PASSES, '-s', '42'])).stdout;
    for (const count of [1, 3, 11]) {
      const dir = temporaryDirectory();
      const files = await shards(dir, count, Array.from({ length: count }, (_, k) => k + 1));
      const merged = await runCli(['merge', ...files.reverse()], { cwd: dir });
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.stdout, `${count} shards`).toBe(whole);
    }
  });

  it('merge --format table and csv render the merged result like run does', async () => {
    const dir = temporaryDirectory();
    const files = await shards(dir, 2, [1, 2]);
    for (const format of [['--format', 'table'], ['--format', 'csv', '--table', 'allies']]) {
      const merged = await runCli(['merge', ...files, ...format], { cwd: dir });
      expect(merged.stdout).toBe((await runCli(['run', TOY, '-n', PASSES, '-s', '42', ...format])).stdout);
    }
  });

  it('merge --partial merges in stages', async () => {
    const dir = temporaryDirectory();
    const files = await shards(dir, 4, [1, 2, 3, 4]);
    expect((await runCli(['merge', '--partial', files[0]!, files[2]!, '--out', 'a.json'], { cwd: dir })).status).toBe(0);
    expect((await runCli(['merge', '--partial', files[1]!, files[3]!, '--out', 'b.json'], { cwd: dir })).status).toBe(0);
    const staged = await runCli(['merge', 'a.json', 'b.json'], { cwd: dir });
    expect(staged.stdout).toBe((await runCli(['run', TOY, '-n', PASSES, '-s', '42'])).stdout);
  });

  it('merge refuses a shard of another seed, naming the file and the mismatch, and writes nothing', async () => {
    const dir = temporaryDirectory();
    await shards(dir, 2, [1]);
    const other = await runCli(['run', TOY, '-n', PASSES, '-s', '43', '--shard', '2/2', '--out', 'other-seed.json'], { cwd: dir });
    expect(other.status).toBe(0);
    const merged = await runCli(['merge', 'shard-1.json', 'other-seed.json', '--out', 'result.json'], { cwd: dir });
    expect(merged.status).toBe(1);
    expect(merged.stdout).toBe('');
    expect(merged.stderr).toBe(
      'concert merge: cannot merge: these shards are not parts of one run (1 problem):\n' +
        '  other-seed.json: manifest.seed: must equal shard-1.json\'s seed 42 (a part of another run), got 43\n',
    );
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
  });

  it('merge refuses shards of another pass count or scenario', async () => {
    const dir = temporaryDirectory();
    await shards(dir, 2, [1]);
    await runCli(['run', TOY, '-n', '3000', '-s', '42', '--shard', '2/2', '--out', 'more-passes.json'], { cwd: dir });
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as { title: string };
    scenario.title = 'another scenario';
    writeFileSync(join(dir, 'other.json'), JSON.stringify(scenario));
    await runCli(['run', 'other.json', '-n', PASSES, '-s', '42', '--shard', '2/2', '--out', 'other-scenario.json'], { cwd: dir });
    const passes = await runCli(['merge', 'shard-1.json', 'more-passes.json'], { cwd: dir });
    expect(passes.status).toBe(1);
    expect(passes.stderr).toContain("more-passes.json: manifest.passes: must equal shard-1.json's passes 2600 (a part of another run), got 3000");
    const other = await runCli(['merge', 'shard-1.json', 'other-scenario.json'], { cwd: dir });
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("other-scenario.json: manifest.scenarioHash: must equal shard-1.json's scenarioHash");
  });

  it('merge refuses a missing shard, naming it and its blocks', async () => {
    const dir = temporaryDirectory();
    const files = await shards(dir, 3, [1, 3]);
    const merged = await runCli(['merge', ...files, '--out', 'result.json'], { cwd: dir });
    expect(merged.status).toBe(1);
    expect(merged.stderr).toBe(
      'concert merge: cannot merge: the run is incomplete (1 problem):\n' +
        '  shards: shard 2/3 is missing (blocks 3-6); got 2 files: shard-1.json, shard-3.json\n',
    );
    expect(readdirSync(dir).sort()).toEqual(['shard-1.json', 'shard-3.json']);
  });

  it('merge refuses a duplicated shard, naming both files', async () => {
    const dir = temporaryDirectory();
    const files = await shards(dir, 2, [1, 2]);
    writeFileSync(join(dir, 'copy.json'), readFileSync(join(dir, files[1]!)));
    const merged = await runCli(['merge', ...files, 'copy.json'], { cwd: dir });
    expect(merged.status).toBe(1);
    expect(merged.stderr).toContain('copy.json: blocks: must not overlap shard-2.json (blocks 5-10); is a part duplicated?');
  });

  it('merge refuses files that are not shards, or are damaged, naming each file', async () => {
    const dir = temporaryDirectory();
    const [shard] = await shards(dir, 2, [1]);
    await runCli(['run', TOY, '-n', '250', '--out', 'full.json'], { cwd: dir });
    const damaged = JSON.parse(readFileSync(join(dir, shard!), 'utf8')) as { tally: number[]; scenario: { title: string } };
    damaged.tally[3] = 0.5;
    damaged.scenario.title = 'edited';
    writeFileSync(join(dir, 'damaged.json'), JSON.stringify(damaged));
    writeFileSync(join(dir, 'text.json'), 'not json');
    const merged = await runCli(['merge', 'full.json', 'damaged.json', 'text.json', 'absent.json'], { cwd: dir });
    expect(merged.status).toBe(1);
    expect(merged.stderr).toContain('full.json: format: must be "concert-partial": this is a full result, not a shard');
    expect(merged.stderr).toContain('damaged.json: manifest.scenarioHash: must be the SHA-256 of the embedded scenario (the file was edited or corrupted)');
    expect(merged.stderr).toContain('damaged.json: tally: must be a list of whole numbers of at least 0');
    expect(merged.stderr).toMatch(/text\.json: is not valid JSON/);
    expect(merged.stderr).toContain('absent.json: no such file');
  });

  it('merge with no files, or --partial with --format, is bad usage', async () => {
    expect((await runCli(['merge'])).status).toBe(2);
    expect((await runCli(['merge', 'a.json', '--partial', '--format', 'csv'])).status).toBe(2);
  });

  it('namePartsByFile(problem, files) replaces parts[i] with file names in path and message', () => {
    expect(namePartsByFile({ path: 'parts[1].manifest.seed', message: "must equal parts[0]'s seed 1" }, ['a.json', 'b.json'])).toEqual({
      path: 'b.json: manifest.seed',
      message: "must equal a.json's seed 1",
    });
  });
});
