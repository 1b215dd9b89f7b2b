import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY, ROOT, TOY, TSX_LOADER, runCli, temporaryDirectory } from './helpers.js';

/** The shell block under `<!-- xargs-flow -->` in docs/SCALING.md. */
function xargsFlow(): string {
  const doc = readFileSync(join(ROOT, 'docs/SCALING.md'), 'utf8');
  const match = /<!-- xargs-flow -->\n```sh\n([\s\S]*?)\n```/.exec(doc);
  if (match === null) throw new Error('docs/SCALING.md has no ```sh block under <!-- xargs-flow -->');
  return match[1]!;
}

describe('docs/SCALING.md', () => {
  it('the xargs -P flow, run as written with a small run, merges to the unsharded result byte for byte', async () => {
    const flow = xargsFlow();
    const [settings, ...commands] = flow.split('\n');
    expect(settings).toMatch(/^scenario=\S+ passes=\d+ seed=\d+ shards=\d+$/);
    const dir = temporaryDirectory();
    // `concert` on the PATH runs this checkout's command under tsx, as the installed bin would.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin/concert'), `#!/bin/sh\nexec "${process.execPath}" --import ${TSX_LOADER} "${ENTRY}" "$@"\n`);
    chmodSync(join(dir, 'bin/concert'), 0o755);
    const script = [`cd "${dir}"`, `scenario="${TOY}" passes=2600 seed=42 shards=3`, ...commands].join('\n');
    const shell = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH']}` },
    });
    expect(shell.stderr).toBe('');
    expect(shell.status).toBe(0);
    const merged = readFileSync(join(dir, 'result.json'), 'utf8');
    const whole = await runCli(['run', TOY, '--passes', '2600', '--seed', '42']);
    expect(merged).toBe(whole.stdout);
  });
});
