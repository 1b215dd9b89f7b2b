#!/usr/bin/env node
/**
 * The `concert` command: `concert run | merge | replay | validate | schema | scenarios | sensitivity`. See `concert --help`
 * and packages/core/README.md. In the repository: `pnpm concert <command> ...`.
 */
import { processContext } from './context.js';
import { main } from './main.js';

// A reader that stops early (`concert run ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processContext());
