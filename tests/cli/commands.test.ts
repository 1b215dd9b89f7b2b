import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../packages/core/cli/commands/index.js';
import { scenarioJsonSchema } from '../../packages/core/cli/commands/schema.js';
import { ROOT, TOY, runCli, temporaryDirectory } from './helpers.js';

describe('concert validate', () => {
  it('validate <valid.json> says so on stdout and exits 0', async () => {
    const outcome = await runCli(['validate', TOY]);
    expect(outcome).toEqual({ status: 0, stdout: `${TOY}: valid scenario "toy-32" (32 allies, 6 options, 2 blocs, 2 events)\n`, stderr: '' });
  });

  it('validate lists every problem of every file on stderr and exits 1', async () => {
    const dir = temporaryDirectory();
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as { allies: Record<string, unknown>[]; options: unknown[] };
    scenario.allies[12]!['hawkishness'] = { center: 1.2, uncertainty: 0.4 };
    scenario.allies[1]!['id'] = 'A01';
    scenario.options = [];
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(scenario));
    const outcome = await runCli(['validate', 'bad.json', TOY, 'missing.json'], { cwd: dir });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toBe(`${TOY}: valid scenario "toy-32" (32 allies, 6 options, 2 blocs, 2 events)\n`);
    // Regression guard: pins the wording and order of the problem list.
    expect(outcome.stderr).toMatchInlineSnapshot(`
      "concert validate: invalid scenario bad.json (3 problems):
        allies[1].id: must be unique (already used by allies[0]), got "A01"
        allies[12].hawkishness.center: must be strictly between 0 and 1, got 1.2
        options: must list at least one strategy option, got []
      concert validate: cannot read the scenario (1 problem):
        missing.json: no such file, and no built-in scenario of that name (built-in: engagers-coordinate, escalation-before-summit, nato-russia-2025, us-disengagement; see \`concert scenarios\`)
      "
    `);
  });

  it.each([
    ['a formula that does not parse', 'visibility *** (', 'must be a valid mathjs expression'],
    ['a formula with an unknown symbol', 'foo * 2', 'uses unknown symbols foo'],
    ['a formula that leaves [0, 1]', 'visibility + 2', 'must give a number in [0, 1]'],
  ])('validate refuses %s, with the same problem as run', async (_, formula, expected) => {
    const dir = temporaryDirectory();
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as { signal: Record<string, unknown> };
    scenario.signal['formula'] = formula;
    writeFileSync(join(dir, 'formula.json'), JSON.stringify(scenario));
    const validated = await runCli(['validate', 'formula.json'], { cwd: dir });
    const ran = await runCli(['run', 'formula.json', '--passes', '10'], { cwd: dir });
    expect(validated.status).toBe(1);
    expect(ran.status).toBe(1);
    expect(validated.stdout).toBe('');
    const problem = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('  signal.formula: '));
    expect(problem(validated.stderr)).toContain(expected);
    expect(problem(validated.stderr)).toBe(problem(ran.stderr));
  });

  it('validate accepts what run accepts: a valid custom formula and a built-in scenario by name', async () => {
    const dir = temporaryDirectory();
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as { signal: Record<string, unknown> };
    scenario.signal['formula'] = 'visibility * firmness ^ exponent * unity';
    writeFileSync(join(dir, 'formula.json'), JSON.stringify(scenario));
    expect(await runCli(['validate', 'formula.json', 'nato-russia-2025'], { cwd: dir })).toEqual({
      status: 0,
      stdout: 'formula.json: valid scenario "toy-32" (32 allies, 6 options, 2 blocs, 2 events)\nnato-russia-2025: valid scenario "nato-russia-2025" (32 allies, 6 options, 3 blocs, 4 events)\n',
      stderr: '',
    });
    expect((await runCli(['run', 'formula.json', '--passes', '10'], { cwd: dir })).status).toBe(0);
  });
});

describe('concert schema', () => {
  it('schema prints the scenario format as JSON Schema generated from the zod schema', async () => {
    const outcome = await runCli(['schema']);
    expect(outcome.status).toBe(0);
    const schema = JSON.parse(outcome.stdout) as { $schema: string; type: string; required: string[]; properties: Record<string, { type?: string }> };
    expect(schema).toEqual(scenarioJsonSchema());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'allies', 'options']));
    expect(schema.properties['allies']!.type).toBe('array');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['statusQuo', 'blocs', 'events', 'bargaining', 'signal']));
  });

  it('schema takes no arguments', async () => {
    expect((await runCli(['schema', 'extra'])).status).toBe(2);
  });
});

describe('concert', () => {
  it('--help lists every registered command; each command has --help with examples', async () => {
    const overall = await runCli(['--help']);
    expect(overall.status).toBe(0);
    for (const command of COMMANDS) {
      expect(overall.stdout).toContain(`  ${command.name}`);
      const help = await runCli([command.name, '--help']);
      expect(help.status, command.name).toBe(0);
      expect(help.stdout, command.name).toMatch(new RegExp(`^Usage: concert ${command.name}`));
      expect(help.stdout, command.name).toContain('Examples:');
      expect(help.stdout, command.name).toContain('Exit status');
    }
  });

  it('an unknown command exits 2 listing the commands', async () => {
    const outcome = await runCli(['frobnicate']);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('concert: unknown command "frobnicate" (commands: run, merge, replay, validate, schema');
  });

  it('with no command prints help to stderr and exits 2', async () => {
    const outcome = await runCli([]);
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^Usage: concert <command>/);
  });
});

describe('built-in scenarios', () => {
  const folder = join(ROOT, 'examples/scenarios');
  const files = readdirSync(folder).filter((file) => file.endsWith('.json')).sort();

  it('scenarios lists every file of examples/scenarios, one line each: name and title', async () => {
    const outcome = await runCli(['scenarios']);
    expect(outcome.status).toBe(0);
    expect(outcome.stderr).toBe('');
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(files.length);
    files.forEach((file, index) => {
      const { title } = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { title: string };
      expect(lines[index]).toMatch(new RegExp(`^${file.replace('.json', '')} +${title.replace(/[()]/g, '\\$&')}$`));
    });
  });

  it('scenarios --format json gives name, title, description and file of each', async () => {
    const outcome = await runCli(['scenarios', '--format', 'json']);
    expect(outcome.status).toBe(0);
    const list = JSON.parse(outcome.stdout) as { name: string; title: string; description: string; file: string }[];
    expect(list.map((entry) => entry.name)).toEqual(files.map((file) => file.replace('.json', '')));
    for (const entry of list) {
      const scenario = JSON.parse(readFileSync(entry.file, 'utf8')) as { title: string; description: string };
      expect(entry).toEqual({ name: entry.name, title: scenario.title, description: scenario.description, file: join(folder, `${entry.name}.json`) });
    }
    expect((await runCli(['scenarios', '--format', 'csv'])).status).toBe(2);
  });

  it('run <name> gives the bytes of run <its file>; a file of that name in the working directory wins', async () => {
    const byName = await runCli(['run', 'nato-russia-2025', '--passes', '300', '--format', 'csv']);
    const byFile = await runCli(['run', join(folder, 'nato-russia-2025.json'), '--passes', '300', '--format', 'csv']);
    expect(byName.status).toBe(0);
    expect(byName.stdout).toBe(byFile.stdout);
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'nato-russia-2025'), readFileSync(TOY, 'utf8'));
    const shadowed = await runCli(['run', 'nato-russia-2025', '--passes', '300', '--format', 'csv'], { cwd: dir });
    expect(shadowed.stdout).toBe((await runCli(['run', TOY, '--passes', '300', '--format', 'csv'])).stdout);
  });

  it('a name that is neither a file nor a built-in scenario is refused, listing the built-in names', async () => {
    const outcome = await runCli(['run', 'nato-russia-2052']);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toContain('nato-russia-2052: no such file, and no built-in scenario of that name (built-in: ');
    expect(outcome.stderr).toContain('nato-russia-2025');
  });
});
