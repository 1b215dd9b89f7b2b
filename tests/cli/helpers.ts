/** Running `concert` in tests: in-process (fast) or as the real command in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../../packages/core/cli/main.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The 32-ally, 6-option fixture. */
export const TOY = join(ROOT, 'tests/fixtures/toy-32.json');
/** The CLI entry under tsx, as `pnpm concert` runs it. */
export const ENTRY = join(ROOT, 'packages/core/cli/concert.ts');

/** tsx's loader, by absolute URL so that `--import` finds it from any working directory. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What a command printed and returned. */
export interface CliOutcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `concert <argv>` in this process, with stdout and stderr captured. */
export async function runCli(argv: readonly string[], { cwd = ROOT, isTTY = false } = {}): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY },
  });
  return { status, stdout, stderr };
}

/** Runs the real command (`node --import tsx packages/core/cli/concert.ts <argv>`, as `pnpm concert` does) in a child process. */
export function spawnCli(argv: readonly string[], { cwd = ROOT } = {}): CliOutcome {
  const child = spawnSync(process.execPath, ['--import', TSX_LOADER, ENTRY, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** A fresh temporary directory. */
export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'concert-cli-'));
}
