/**
 * packages/core/src runs unchanged in a browser tab, a Web Worker and Node: no Node-only imports,
 * no DOM, and no randomness but the seeded streams of random.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../packages/core/src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
const sources = files(root).map((path) => ({ path: path.slice(root.length), text: readFileSync(path, 'utf8') }));

describe('packages/core/src', () => {
  it('never calls Math.random', () => {
    expect(sources.filter((s) => /Math\.random/.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('imports no Node built-in module', () => {
    const nodeImport = /from\s+['"](node:[^'"]+|fs|path|os|crypto|worker_threads|child_process|url)['"]/;
    expect(sources.filter((s) => nodeImport.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('touches no DOM or Node global', () => {
    const globals = /\b(document|window|localStorage|process\.|Buffer\.|require\()/;
    expect(sources.filter((s) => globals.test(s.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((s) => s.path)).toEqual([]);
  });

  it('creates random streams in exactly one module', () => {
    expect(sources.filter((s) => /seedrandom/.test(s.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((s) => s.path)).toEqual(['random/random.ts']);
  });
});
