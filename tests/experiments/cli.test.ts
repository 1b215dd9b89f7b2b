/**
 * `concert experiment` end to end: the same bytes on 1 or 2 workers and from merged shards, in
 * JSON, CSV and Arrow; the Arrow file read back with apache-arrow; batches over scenario files;
 * replay; the example designs; and every kind of bad input refused before any pass runs, with
 * the path, the value and what was expected, and no stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TOY, runCli, temporaryDirectory } from '../cli/helpers.js';

/** apache-arrow, as the core package depends on it (the workspace root does not). */
const arrow = (await import(pathToFileURL(createRequire(join(ROOT, 'packages/core/package.json')).resolve('apache-arrow')).href)) as {
  tableFromIPC(bytes: Uint8Array): {
    numRows: number;
    schema: { fields: { name: string; type: unknown }[]; metadata: Map<string, string> };
    toArray(): { toJSON(): unknown }[];
  };
};

const dir = temporaryDirectory();
const design = join(dir, 'design.json');
const DESIGN = {
  scenario: TOY,
  fields: [
    { path: 'allies[A05].hawkishness', name: 'a05_hawkishness', lower: 0.1, upper: 0.7 },
    { path: 'events.escalation.probability', lower: 0, upper: 0.6 },
  ],
  sampling: { method: 'sobol', samples: 8 },
  passes: 600,
  seed: 'cli',
};

function writeDesign(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

beforeAll(() => writeFileSync(design, JSON.stringify(DESIGN)));

describe('concert experiment', () => {
  it('gives the same JSON, CSV and Arrow bytes on 1 and 2 workers and from merged shards', async () => {
    const outputs: Record<string, Buffer[]> = { json: [], csv: [], arrow: [] };
    for (const workers of ['1', '2'])
      for (const format of ['json', 'csv', 'arrow'] as const) {
        const out = join(dir, `w${workers}.${format}`);
        const run = await runCli(['experiment', design, '--workers', workers, '--format', format, '--out', out]);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        outputs[format]!.push(readFileSync(out));
      }
    const parts = [1, 2, 3].map((k) => join(dir, `part-${k}.json`));
    for (const [k, part] of parts.entries()) expect((await runCli(['experiment', design, '--shard', `${k + 1}/3`, '--workers', k === 1 ? '2' : '1', '--out', part])).status).toBe(0);
    for (const format of ['json', 'csv', 'arrow'] as const) {
      const out = join(dir, `merged.${format}`);
      const merged = await runCli(['merge', parts[2]!, parts[0]!, parts[1]!, '--format', format, '--out', out]);
      expect(merged.stderr).toBe('');
      outputs[format]!.push(readFileSync(out));
    }
    for (const format of ['json', 'csv', 'arrow'] as const) {
      expect(outputs[format]![1]!.equals(outputs[format]![0]!)).toBe(true);
      expect(outputs[format]![2]!.equals(outputs[format]![0]!)).toBe(true);
    }
    // A missing shard is named.
    const missing = await runCli(['merge', parts[0]!, parts[2]!]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/shard 2\/3 is missing \(units \d+-\d+\)/);
  });

  it('writes an Arrow IPC (Feather v2) file that apache-arrow reads back: columns, types, nulls and rows as in the JSON', async () => {
    const json = JSON.parse(readFileSync(join(dir, 'w1.json'), 'utf8')) as { columns: { name: string; type: string }[]; rows: Record<string, unknown>[]; manifest: unknown };
    const bytes = readFileSync(join(dir, 'w1.arrow'));
    expect(bytes.subarray(0, 6).toString()).toBe('ARROW1');
    const table = arrow.tableFromIPC(bytes);
    expect(table.numRows).toBe(8 * 6);
    expect(table.schema.fields.map((field) => field.name)).toEqual(json.columns.map((column) => column.name));
    expect(table.schema.fields.map((field) => String(field.type))).toEqual(json.columns.map((column) => ({ int: 'Int32', float: 'Float64', text: 'Utf8' })[column.type]));
    const rows = table.toArray().map((row) => ({ ...(row.toJSON() as Record<string, unknown>) }));
    expect(rows).toEqual(json.rows);
    expect(rows.some((row) => row['mean_rounds'] === null)).toBe(true);
    expect(JSON.parse(table.schema.metadata.get('concert')!)).toMatchObject({ format: 'concert-experiment', manifest: json.manifest });
    // The CSV holds the same numbers (full precision).
    const csv = readFileSync(join(dir, 'w1.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(json.columns.map((column) => column.name).join(','));
    expect(csv).toHaveLength(1 + 48);
    expect(csv[1]!.split(',')[5]).toBe(String(json.rows[0]!['a05_hawkishness']));
  });

  it('replays a JSON result and an Arrow file, and reports a tampered row', async () => {
    for (const file of ['w1.json', 'w1.arrow']) {
      const replay = await runCli(['replay', join(dir, file)]);
      expect(replay.stdout).toMatch(/replay: all 48 rows match; the experiment is reproduced exactly/);
      expect(replay.status).toBe(0);
    }
    const stored = JSON.parse(readFileSync(join(dir, 'w1.json'), 'utf8')) as { rows: Record<string, unknown>[] };
    stored.rows[7]!['consensus'] = 0.5;
    const tampered = writeDesign('tampered.json', stored);
    const replay = await runCli(['replay', tampered]);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/DIFFERS {2}experiment 2, toy-32, option today\n[\s\S]*replay: 1 of 48 rows differ/);
  });

  it('runs a batch over scenario files (--scenarios), with the scenario in a column', async () => {
    const other = join(dir, 'other.json');
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as Record<string, unknown>;
    writeFileSync(other, JSON.stringify({ ...scenario, id: 'toy-other', bargaining: { maxRounds: 1, step: 0.5, maxDrift: 0.15 } }));
    const batch = await runCli(['experiment', design, '--scenarios', TOY, other, '--format', 'csv']);
    expect(batch.status).toBe(0);
    const lines = batch.stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 2 * 48);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[1]))).toEqual(new Set(['toy-32', 'other']));
    expect(lines.slice(1, 49)).toEqual(readFileSync(join(dir, 'w1.csv'), 'utf8').trim().split('\n').slice(1));
  });

  it('--dry-run checks the design and prints the design points without running a pass', async () => {
    const dry = await runCli(['experiment', design, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stderr).toMatch(/8 design points \(sobol\) x 1 scenario = 8 experiments of 600 passes/);
    expect(dry.stdout.split('\n')[0]).toBe('experiment,a05_hawkishness,events.escalation.probability');
  });

  it('runs both example designs (checked with --dry-run) and schema --design prints the design format', async () => {
    for (const example of ['hawks-latin-hypercube.json', 'firmness-visibility-factorial.json']) {
      const dry = await runCli(['experiment', join(ROOT, 'examples/experiments', example), '--dry-run']);
      expect(dry.stderr).toMatch(/every value and scenario is valid/);
      expect(dry.status).toBe(0);
    }
    const schema = await runCli(['schema', '--design']);
    const parsed = JSON.parse(schema.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(parsed.properties)).toEqual(expect.arrayContaining(['scenario', 'scenarios', 'fields', 'sampling', 'passes', 'seed']));
    expect(parsed.required).toEqual(expect.arrayContaining(['fields', 'sampling', 'passes']));
  });
});

describe('concert experiment: bad input is refused before any pass runs', () => {
  const refuse = async (value: unknown, ...extra: string[]) => {
    const run = await runCli(['experiment', writeDesign('bad.json', value), ...extra]);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    return run;
  };

  it('names an unknown field, a value outside a domain and a sample size the sampling cannot use', async () => {
    const run = await refuse({
      ...DESIGN,
      fields: [{ path: 'allies.HU.hawkishness', lower: 0.1, upper: 0.5 }, { path: 'events.escalation.probability', lower: 0, upper: 1.5 }],
      sampling: { method: 'sobol', samples: 100 },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid experiment design in ');
    expect(run.stderr).toMatch(/fields\[0\]\.path: must name a numeric field of the scenario: there is no ally "HU" \(allies: A01, .*\), got "allies.HU.hawkishness"/);
    expect(run.stderr).toContain('fields[1].upper: must be between 0 and 1 (the domain of events.escalation.probability), got 1.5');
    expect(run.stderr).toContain("sampling.samples: must be a power of 2 of at least 2 for a Sobol' sequence (its balance holds for 2^m points), e.g. 64 or 128, got 100");
  });

  it('caps the experiments and the passes, and refuses a Latin hypercube of one point', async () => {
    expect((await refuse({ ...DESIGN, sampling: { method: 'full-factorial', levels: 400 } })).stderr).toMatch(/sampling: must make at most 100,000 experiments: a full factorial of 400 x 400 levels is 160,000/);
    expect((await refuse({ ...DESIGN, passes: 1e9, sampling: { method: 'sobol', samples: 128 } })).stderr).toMatch(/passes: must keep experiments x passes at most 1e\+11: 128 experiments x 1,000,000,000 passes is 1\.28e\+11/);
    expect((await refuse({ ...DESIGN, sampling: { method: 'latin-hypercube', samples: 1 } })).stderr).toMatch(/sampling.samples: must be at least 2 for a Latin hypercube/);
  });

  it('names a missing scenario file, and a design without one', async () => {
    const missing = await refuse({ ...DESIGN, scenario: 'no-such-scenario.json' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/scenario: names "no-such-scenario.json" \(.*no-such-scenario.json\): no such file, got "no-such-scenario.json"/);
    const none = await refuse({ ...DESIGN, scenario: undefined });
    expect(none.stderr).toMatch(/scenario: is required: a scenario file \(relative to the design\) or a list in scenarios; or give --scenarios/);
    const batch = await refuse(DESIGN, '--scenarios', TOY, join(dir, 'absent.json'));
    expect(batch.stderr).toMatch(/--scenarios\[1\]: names ".*absent.json"/);
  });

  it('refuses bad usage with status 2: Arrow without --out, --shard with CSV, extra arguments', async () => {
    expect((await runCli(['experiment', design, '--format', 'arrow'])).stderr).toMatch(/--format arrow writes a binary file: give --out FILE/);
    expect((await runCli(['experiment', design, '--shard', '1/2', '--format', 'csv'])).status).toBe(2);
    expect((await runCli(['experiment', design, 'extra.json'])).stderr).toMatch(/unexpected argument "extra.json" \(to run the design on scenario files, give --scenarios\)/);
  });
});
