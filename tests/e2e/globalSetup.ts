/**
 * Once per test run, before the browser tests: finds Chrome or Chromium, or sets one up where none
 * is found (see chromium.ts), and hands its path to the tests (`inject('chromiumPath')`).
 */
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chrome or Chromium executable the browser tests launch. */
    chromiumPath: string;
  }
}

export default function setup(project: TestProject): void {
  const started = performance.now();
  const { path, installed } = ensureChromium(undefined, undefined, (line) => process.stderr.write(`${line}\n`));
  if (installed !== undefined) process.stderr.write(`Set up ${installed} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path}\n`);
  project.provide('chromiumPath', path);
}
