import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../packages/core/cli/commands/index.js';
import { scenarioJsonSchema } from '../../packages/core/cli/commands/schema.js';
import { TOY, runCli, temporaryDirectory } from './helpers.js';

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
        missing.json: no such file
      "
    `);
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
