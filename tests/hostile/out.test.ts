/**
 * `--out` never destroys: an output that is one of the command's inputs (by any spelling, a
 * symbolic link or a hard link) is refused before the run; a read-only file, a directory and a
 * dangling link are refused; a replaced file keeps its mode; a link to a file is written through
 * and kept; `--out ''` is a clear usage error.
 */
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOY, runCli, temporaryDirectory } from '../cli/helpers.js';
import { expectNormalRuns, toy } from './helpers.js';

/** A directory holding the fixture as x.json. */
function withScenario(): { dir: string; scenario: string } {
  const dir = temporaryDirectory();
  const scenario = JSON.stringify(toy());
  writeFileSync(join(dir, 'x.json'), scenario);
  return { dir, scenario };
}

describe('--out onto an input', () => {
  it.each([
    ['the same name', (_dir: string) => 'x.json'],
    ['another spelling', (_dir: string) => './sub/../x.json'],
    ['an absolute path', (dir: string) => join(dir, 'x.json')],
    ['a symbolic link to it', (dir: string) => (symlinkSync(join(dir, 'x.json'), join(dir, 'link.json')), 'link.json')],
    ['a hard link to it', (dir: string) => (linkSync(join(dir, 'x.json'), join(dir, 'hard.json')), 'hard.json')],
  ])('run x.json --out <%s> is refused before the run (1e9 passes would take hours) and x.json is untouched', async (_what, out) => {
    const { dir, scenario } = withScenario();
    mkdirSync(join(dir, 'sub'));
    const target = out(dir);
    const outcome = await runCli(['run', 'x.json', '--passes', '1e9', '--out', target], { cwd: dir });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/^concert run: --out ".*" is (also an input|the same file as the input "x\.json") of this command; writing there would destroy it \(choose another output file\)\n/);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe(scenario);
  });

  it('sensitivity --settings s.json --out s.json is refused', async () => {
    const { dir } = withScenario();
    writeFileSync(join(dir, 's.json'), JSON.stringify({ parameters: [{ name: 'bargaining.step', lower: 0.2, upper: 0.8 }], samples: 64, innerPasses: 100 }));
    const outcome = await runCli(['sensitivity', 'sobol', 'x.json', '--settings', 's.json', '--out', 's.json'], { cwd: dir });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('--out "s.json" is also an input of this command');
  });
});

describe('--out onto other files', () => {
  it('refuses a read-only file and leaves it as it was', async () => {
    const { dir } = withScenario();
    writeFileSync(join(dir, 'kept.json'), 'precious');
    chmodSync(join(dir, 'kept.json'), 0o444);
    const outcome = await runCli(['run', 'x.json', '-n', '250', '--out', 'kept.json'], { cwd: dir });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe(
      'concert run: cannot write the output (1 problem):\n  kept.json: is read-only; concert does not replace a read-only file (make it writable, or choose another name)\n',
    );
    expect(readFileSync(join(dir, 'kept.json'), 'utf8')).toBe('precious');
  });

  it.each([0o600, 0o640, 0o755])('keeps the mode %o of the file it replaces', async (mode) => {
    const { dir } = withScenario();
    writeFileSync(join(dir, 'out.json'), 'old');
    chmodSync(join(dir, 'out.json'), mode);
    const outcome = await runCli(['run', 'x.json', '-n', '250', '--out', 'out.json'], { cwd: dir });
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(statSync(join(dir, 'out.json')).mode & 0o777).toBe(mode);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).format).toBe('concert-result');
  });

  it('writes through a symbolic link to a file, keeping the link', async () => {
    const { dir } = withScenario();
    writeFileSync(join(dir, 'target.json'), 'old');
    symlinkSync('target.json', join(dir, 'latest.json'));
    const outcome = await runCli(['run', 'x.json', '-n', '250', '--out', 'latest.json'], { cwd: dir });
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'latest.json'))).toBe('target.json');
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).format).toBe('concert-result');
  });

  it('refuses a dangling link, a directory and an empty name, writing nothing', async () => {
    const { dir } = withScenario();
    symlinkSync('nowhere.json', join(dir, 'dangling.json'));
    mkdirSync(join(dir, 'folder'));
    const dangling = await runCli(['run', 'x.json', '-n', '250', '--out', 'dangling.json'], { cwd: dir });
    expect(dangling.status).toBe(1);
    expect(dangling.stderr).toContain('dangling.json: is a symbolic link to a file that does not exist');
    const folder = await runCli(['run', 'x.json', '-n', '250', '--out', 'folder'], { cwd: dir });
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('folder: is a directory; give a file name');
    const empty = await runCli(['run', 'x.json', '-n', '250', '--out', ''], { cwd: dir });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('concert run: --out needs a file name, got an empty string\nRun `concert run --help` for usage.\n');
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'folder', 'x.json']);
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });

  it('still writes to a device: --out /dev/null; and normal runs are unchanged after all of the above', async () => {
    const outcome = await runCli(['run', TOY, '-n', '250', '--out', '/dev/null']);
    expect(outcome.status, outcome.stderr).toBe(0);
    expectNormalRuns([0, 1]);
  });
});
