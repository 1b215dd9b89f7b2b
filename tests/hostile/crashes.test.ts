/**
 * No stack trace ever reaches a user: the real command (a child process) answers each of the
 * issue's crashes with sentences and exit status 1, and an error no check foresaw (a bug) with
 * one sentence asking for a report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../packages/core/cli/main.js';
import { spawnCli, temporaryDirectory } from '../cli/helpers.js';
import { toy, withFormula } from './helpers.js';

/** Asserts an outcome is a refusal in sentences: the status, no stack frame, no Node banner. */
function expectSentences(outcome: { status: number; stderr: string }, status = 1): void {
  expect(outcome.status, outcome.stderr).toBe(status);
  expect(outcome.stderr).not.toMatch(/\n\s+at |node:internal|Node\.js v\d|RangeError|TypeError/);
}

describe('the real command never prints a stack trace', () => {
  it('validate of a 100,000-deep scenario', () => {
    const dir = temporaryDirectory();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    writeFileSync(join(dir, 'deep.json'), JSON.stringify({ ...toy(), title: 'TITLE' }).replace('"TITLE"', deep));
    const outcome = spawnCli(['validate', 'deep.json'], { cwd: dir });
    expectSentences(outcome);
    expect(outcome.stderr).toContain('title[0][0][0][0][0][0][0]...: is nested too deep');
  });

  it("run of the formula help('sin'), and of one that would take 27 GB", () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'help.json'), JSON.stringify(withFormula("help('sin')")));
    writeFileSync(join(dir, 'zeros.json'), JSON.stringify(withFormula('0 * sum(zeros(30000, 30000))')));
    for (const file of ['help.json', 'zeros.json']) {
      const outcome = spawnCli(['run', file, '-n', '250'], { cwd: dir });
      expectSentences(outcome);
      expect(outcome.stderr).toContain(`concert run: invalid scenario in ${file} (1 problem):\n  signal.formula: uses`);
    }
  });

  it('run with --workers 2 of a formula that leaves [0, 1] only in some passes', () => {
    const dir = temporaryDirectory();
    // Within [0, 1] on the probe grid (firmness 0, 1/2, 1), above 1 for adopted firmness in (0.55, 0.7).
    writeFileSync(join(dir, 'mid.json'), JSON.stringify(withFormula('visibility * firmness ^ exponent + (firmness > 0.55 and firmness < 0.7 ? 2 : 0)')));
    const outcome = spawnCli(['run', 'mid.json', '-n', '3000', '--workers', '2', '--force-workers'], { cwd: dir });
    expectSentences(outcome);
    expect(outcome.stderr).toMatch(/^concert run: signal formula out of range \(1 problem\):\n {2}signal\.formula: must give a number in \[0, 1\], but gave [\d.]+ at \{"firmness":0\.[56]/);
  });

  it('run into a full disk (stdout) says so in a sentence', () => {
    const outcome = spawnCli(['run', 'tests/fixtures/toy-32.json', '-n', '250', '--out', '/dev/full']);
    expectSentences(outcome);
    expect(outcome.stderr).toContain('/dev/full: cannot be written (ENOSPC)');
  });
});

describe('the last resort', () => {
  it('an unexpected error is one sentence that asks for a bug report, with exit status 1', async () => {
    let stderr = '';
    const status = await main(['schema'], {
      cwd: process.cwd(),
      stdout: {
        write: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.ts:1:1)");
        },
      },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(status).toBe(1);
    expect(stderr).toBe(
      "concert schema: unexpected error (TypeError: Cannot read properties of undefined (reading 'x')). This is a bug in concert: please report it with the command line you ran (CONCERT_DEBUG=1 shows where it happened).\n",
    );
  });
});
