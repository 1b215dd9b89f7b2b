/**
 * The publishable package: `tsc -p packages/core/tsconfig.build.json` (what `pnpm build` runs)
 * compiles the core and the CLI to ESM with declarations, every path of the exports map and the
 * bin exist, the built library imports and runs, and the built CLI runs worker threads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../packages/core/src/index.js';
import { ROOT, TOY, runCli } from './helpers.js';

const CORE = join(ROOT, 'packages/core');
// Built next to dist (not into it, which other work may be using) so bare imports resolve from packages/core.
const OUT = join(CORE, `.test-dist-${process.pid}`);
const manifest = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as {
  type: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  files: string[];
};
const built = (path: string) => join(OUT, path.replace(/^\.\/dist\//, ''));

describe('the @concert/core package', () => {
  beforeAll(() => {
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT], { cwd: CORE, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('is an ESM package whose build script compiles tsconfig.build.json into dist', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.scripts['build']).toContain('tsc -p tsconfig.build.json');
    expect(manifest.files).toContain('dist');
  });

  it('has every file its exports map, main, types and bin name', () => {
    const paths = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
    for (const entry of Object.values(manifest.exports)) paths.push(...(typeof entry === 'string' ? [] : Object.values(entry)));
    for (const path of paths.filter((p) => p.startsWith('./dist/'))) expect(existsSync(built(path)), path).toBe(true);
    expect(readFileSync(built(manifest.bin['concert']!), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('imports from the build and gives the same result as the sources', async () => {
    const core = (await import(pathToFileURL(built(manifest.main)).href)) as typeof import('../../packages/core/src/index.js');
    const scenario = JSON.parse(readFileSync(TOY, 'utf8')) as unknown;
    expect(JSON.stringify(core.simulate(scenario, { passes: 500, seed: 2 }))).toBe(JSON.stringify(simulate(scenario, { passes: 500, seed: 2 })));
  });

  it('runs the built command with worker threads (plain node, no tsx), giving the same bytes as the sources', async () => {
    const args = ['run', TOY, '--passes', '1500', '--format', 'csv'];
    const two = spawnSync(process.execPath, [built(manifest.bin['concert']!), ...args, '--workers', '2'], { encoding: 'utf8' });
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe((await runCli(args)).stdout);
  });
});
