import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOY, runCli, temporaryDirectory } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function savedResult(dir: string): Promise<Json> {
  expect((await runCli(['run', TOY, '-n', '1200', '-s', 'replay-me', '--out', 'result.json'], { cwd: dir })).status).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Json;
}

describe('concert replay', () => {
  it('replay <result> reruns from the manifest and reports every figure matching (exit 0)', async () => {
    const dir = temporaryDirectory();
    await savedResult(dir);
    const replay = await runCli(['replay', 'result.json'], { cwd: dir });
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
    const lines = replay.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('replay of result.json: scenario toy-32, 1,200 passes, seed "replay-me"');
    expect(lines).toContain('  match    manifest');
    expect(lines).toContain('  match    dual-track.consensus');
    expect(lines).toContain('  match    quiet-firm.allies');
    expect(lines).toContain('  match    convergence');
    expect(lines.filter((line) => line.startsWith('  match'))).toHaveLength(1 + 6 * 12 + 1);
    expect(lines.at(-1)).toBe('replay: all 74 figures match; the result is reproduced exactly');
  });

  it('replay reports a figure that differs with both values (exit 1)', async () => {
    const dir = temporaryDirectory();
    const result = await savedResult(dir);
    result['options'][2].consensus.estimate = 0.5;
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(result, null, 2));
    const replay = await runCli(['replay', 'edited.json'], { cwd: dir });
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/\n {2}DIFFERS {2}dual-track\.consensus +stored \{"estimate":0\.5,.*replayed \{"estimate":0\.7/);
    expect(replay.stdout.trimEnd().split('\n').at(-1)).toBe('replay: 1 of 74 figures differ');
  });

  it('replay refuses a result whose scenario does not match its hash, and partial results', async () => {
    const dir = temporaryDirectory();
    const result = await savedResult(dir);
    result['scenario'].allies[0].influence = 0.9;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(result));
    const tampered = await runCli(['replay', 'tampered.json'], { cwd: dir });
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('manifest.scenarioHash: must be the SHA-256 of the embedded scenario (the file was edited or corrupted)');
    await runCli(['run', TOY, '-n', '500', '--shard', '1/2', '--out', 'shard.json'], { cwd: dir });
    const shard = await runCli(['replay', 'shard.json'], { cwd: dir });
    expect(shard.status).toBe(1);
    expect(shard.stderr).toContain("this is a shard's partial result; merge the shards first");
  });

  it('replay notes a result made by another engine or model version', async () => {
    const dir = temporaryDirectory();
    const result = await savedResult(dir);
    result['manifest'].modelVersion = '0';
    writeFileSync(join(dir, 'old.json'), JSON.stringify(result));
    const replay = await runCli(['replay', 'old.json'], { cwd: dir });
    expect(replay.stderr).toContain('was made by engine 0.1.0, model 0; this is engine 0.1.0, model 1, so figures may legitimately differ');
    expect(replay.stdout).toMatch(/DIFFERS {2}manifest/);
    expect(replay.status).toBe(1);
  });
});
